using System.Text;
using FoiDesk.Mail.Mime;

namespace FoiDesk.Mail.Tests.Mime;

/// <summary>
/// Mutates corpus messages (truncation, random bytes, boundary damage, spliced regions) with a fixed seed:
/// the parser must finish every one without any exception except <see cref="MimeLimitException"/>.
/// A per-message cancellation guard catches hangs; there is no timing assertion.
/// </summary>
public sealed class FuzzTests
{
    private const int Iterations = 3000;

    [Test]
    public void Parse_MutatedCorpusMessages_NeverThrowsOrHangs()
    {
        var files = Corpus.MessageFiles().Select(Corpus.Read).ToList();
        var rng = new Random(20250304);
        var failures = new List<string>();
        for (var i = 0; i < Iterations; i++)
        {
            var original = files[rng.Next(files.Count)];
            var mutated = Mutate(rng, original);
            try
            {
                CorpusTests.ParseGuarded(mutated, Consume);
            }
            catch (AggregateException e) when (e.InnerException is MimeLimitException)
            {
                // documented
            }
            catch (Exception e)
            {
                failures.Add($"iteration {i}: {e.GetBaseException().GetType().Name}: {e.GetBaseException().Message} {string.Join(" < ", (e.GetBaseException().StackTrace ?? "").Split('\n').Take(3).Select(x => x.Trim()))}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    private static int Consume(MimeMessage m)
    {
        var n = (m.TextBody?.Length ?? 0) + (m.HtmlBody?.Length ?? 0) + (m.Subject?.Length ?? 0) + m.From.Count + m.To.Count;
        foreach (var a in m.Attachments)
        {
            n += a.Content.ToArray().Length;
        }

        foreach (var e in m.EmbeddedMessages)
        {
            n += Consume(e);
        }

        return n;
    }

    private static byte[] Mutate(Random rng, byte[] original)
    {
        var data = original.ToList();
        var rounds = rng.Next(1, 4);
        for (var r = 0; r < rounds && data.Count > 0; r++)
        {
            switch (rng.Next(6))
            {
                case 0: // truncate
                    data = data.Take(rng.Next(data.Count + 1)).ToList();
                    break;
                case 1: // random bytes
                    for (var k = rng.Next(1, 50); k > 0 && data.Count > 0; k--)
                    {
                        data[rng.Next(data.Count)] = (byte)rng.Next(256);
                    }

                    break;
                case 2: // damage boundary lines: drop, cut or duplicate them
                    data = DamageBoundaries(rng, data);
                    break;
                case 3: // splice a region elsewhere
                {
                    var start = rng.Next(data.Count);
                    var length = Math.Min(rng.Next(1, 2000), data.Count - start);
                    var region = data.GetRange(start, length);
                    data.InsertRange(rng.Next(data.Count), region);
                    break;
                }

                case 4: // interesting tokens
                {
                    string[] tokens = ["=?utf-8?B?", "?=", "=?", "\r\n\r\n", "\n--", "begin 644 x\n", "=\n", "=X", "*0*=", "; boundary=\"\"", "\0", "\r", "Content-Type: multipart/mixed; boundary=x\n\n--x\n"];
                    data.InsertRange(rng.Next(data.Count), Encoding.ASCII.GetBytes(tokens[rng.Next(tokens.Length)]));
                    break;
                }

                default: // delete a region
                {
                    var start = rng.Next(data.Count);
                    data.RemoveRange(start, Math.Min(rng.Next(1, 500), data.Count - start));
                    break;
                }
            }
        }

        return [.. data];
    }

    private static List<byte> DamageBoundaries(Random rng, List<byte> data)
    {
        var text = Encoding.Latin1.GetString([.. data]);
        var lines = text.Split('\n').ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].StartsWith("--", StringComparison.Ordinal) || rng.Next(3) != 0)
            {
                continue;
            }

            switch (rng.Next(3))
            {
                case 0:
                    lines.RemoveAt(i--);
                    break;
                case 1:
                    lines[i] = lines[i][..rng.Next(lines[i].Length)];
                    break;
                default:
                    lines.Insert(i, lines[i]);
                    i++;
                    break;
            }
        }

        return [.. Encoding.Latin1.GetBytes(string.Join('\n', lines))];
    }
}
