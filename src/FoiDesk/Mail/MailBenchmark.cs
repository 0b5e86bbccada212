using System.Diagnostics;

namespace FoiDesk.Mail;

/// <summary>Result of <see cref="MailBenchmark.Run"/>: throughput over the input bytes, MB = 10^6 bytes.</summary>
public sealed record MailBenchmarkResult(int Files, long Bytes, int Rounds, double Seconds, double Mbps, int Failures);

/// <summary>
/// Reads a set of messages repeatedly with <see cref="MailReader"/> (MimeKit plus our limits, uuencode and
/// TNEF), decoding text and HTML bodies and hashing every attachment, after one untimed warm-up round. Files
/// are read into memory first so disk speed is not measured.
/// </summary>
public static class MailBenchmark
{
    public static MailBenchmarkResult Run(IReadOnlyList<string> files, int rounds, CancellationToken cancellationToken = default)
    {
        var messages = files.Select(File.ReadAllBytes).ToList();
        var bytes = messages.Sum(m => (long)m.Length);
        ReadAll(messages, cancellationToken); // warm-up: JIT, code pages, pools
        var failures = 0;
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            failures += ReadAll(messages, cancellationToken);
        }

        clock.Stop();
        var seconds = clock.Elapsed.TotalSeconds;
        var mbps = seconds > 0 ? bytes * (double)rounds / seconds / 1_000_000 : 0;
        return new MailBenchmarkResult(messages.Count, bytes, rounds, Math.Round(seconds, 4), Math.Round(mbps, 2), failures);
    }

    private static int ReadAll(List<byte[]> messages, CancellationToken ct)
    {
        var failures = 0;
        foreach (var bytes in messages)
        {
            try
            {
                using var message = MailReader.Read(bytes, ct: ct);
                _ = message.HtmlBody;
            }
            catch (MailLimitException)
            {
                failures++;
            }
        }

        return failures;
    }
}
