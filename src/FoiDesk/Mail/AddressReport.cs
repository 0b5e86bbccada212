namespace FoiDesk.Mail;

public sealed record AddressReport(string? Name, string? Address);
