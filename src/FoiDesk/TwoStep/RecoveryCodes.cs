using System.Security.Cryptography;
using System.Text;

namespace FoiDesk.TwoStep;

/// <summary>
/// One-time recovery codes, for when the authenticator app is lost: 16 characters from a 31-letter alphabet with
/// no look-alikes (about 79 bits each), shown as four groups of four. With that much randomness a plain SHA-256
/// is enough to store them: unlike a password, there is nothing to guess by dictionary.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static IReadOnlyList<string> Generate() =>
        [.. Enumerable.Range(0, Count).Select(_ => string.Join('-', RandomNumberGenerator.GetString(Alphabet, 16).Chunk(4).Select(c => new string(c))))];

    /// <summary>The stored form: SHA-256 of the code without spaces or dashes, lower case, as hex.</summary>
    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(code))));

    public static string Normalise(string code) =>
        new([.. code.Where(c => c is not ('-' or ' ')).Select(char.ToLowerInvariant)]);
}
