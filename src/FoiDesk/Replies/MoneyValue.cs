namespace FoiDesk.Replies;

/// <summary>Pounds sterling, printed as "£1,234.50".</summary>
public sealed record MoneyValue(decimal Pounds);
