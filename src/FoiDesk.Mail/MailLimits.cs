namespace FoiDesk.Mail;

/// <summary>Placeholder removed by the mail library work; keeps the assembly non-empty.</summary>
internal static class AssemblyMarker;
