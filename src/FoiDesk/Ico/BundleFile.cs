namespace FoiDesk.Ico;

/// <summary>One file of an evidence bundle: its path in the ZIP, what the index calls it, and its bytes.</summary>
public sealed record BundleFile(string Path, string Title, byte[] Bytes);
