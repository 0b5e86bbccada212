using System.Diagnostics;

namespace FoiDesk.Mail.Mime;

/// <summary>Result of <see cref="MimeBenchmark.Run"/>: throughput over the input bytes, MB = 10^6 bytes.</summary>
public sealed record MimeBenchmarkResult(int Files, long Bytes, int Rounds, double Seconds, double Mbps, int Failures);

/// <summary>
/// Parses a set of messages repeatedly, decoding everything a reader would (text and HTML bodies to strings,
/// every attachment's content), after one untimed warm-up round. Files are read into memory first so disk
/// speed is not measured.
/// </summary>
public static class MimeBenchmark
{
    public static MimeBenchmarkResult Run(IReadOnlyList<string> files, int rounds, CancellationToken cancellationToken = default)
    {
        var messages = files.Select(File.ReadAllBytes).ToList();
        var bytes = messages.Sum(m => (long)m.Length);
        ParseAll(messages, cancellationToken); // warm-up: JIT, code pages, pools
        var failures = 0;
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            failures += ParseAll(messages, cancellationToken);
        }

        clock.Stop();
        var seconds = clock.Elapsed.TotalSeconds;
        var mbps = seconds > 0 ? bytes * (double)rounds / seconds / 1_000_000 : 0;
        return new MimeBenchmarkResult(messages.Count, bytes, rounds, Math.Round(seconds, 4), Math.Round(mbps, 2), failures);
    }

    private static int ParseAll(List<byte[]> messages, CancellationToken ct)
    {
        var failures = 0;
        foreach (var bytes in messages)
        {
            try
            {
                using var message = MimeParser.Parse(bytes, cancellationToken: ct);
                Consume(message);
            }
            catch (MimeLimitException)
            {
                failures++;
            }
        }

        return failures;
    }

    private static void Consume(MimeMessage message)
    {
        _ = message.Subject;
        _ = message.TextBody;
        _ = message.HtmlBody;
        foreach (var a in message.Attachments)
        {
            using var s = a.OpenRead();
            s.CopyTo(Stream.Null);
        }

        foreach (var embedded in message.EmbeddedMessages)
        {
            Consume(embedded);
        }
    }
}
