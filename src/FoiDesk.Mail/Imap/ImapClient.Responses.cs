using System.Text;

namespace FoiDesk.Mail.Imap;

public sealed partial class ImapClient
{
    /// <summary>RFC 4731 ESEARCH: "(TAG "A1") UID ALL 1:14 COUNT 14 ..."; only ALL is used.</summary>
    private async Task ReadESearchAsync(CommandContext context, CancellationToken ct)
    {
        var stream = _stream!;
        context.SearchResults ??= [];
        for (var t = await stream.ReadTokenAsync(ct); t.Kind != ImapTokenKind.Eoln; t = await stream.ReadTokenAsync(ct))
        {
            if (t.Kind == ImapTokenKind.OpenParen)
            {
                await stream.SkipValueAsync(t, ct);
            }
            else if (t.IsAtom("ALL"))
            {
                context.SearchResults.AddRange(ImapUidSet.Parse((await stream.ReadTokenAsync(ct)).Text));
            }
            else if (!t.IsAtom("UID"))
            {
                await stream.SkipValueAsync(await stream.ReadTokenAsync(ct), ct);
            }
        }
    }

    /// <summary>Reads "* n FETCH (...)". A whole-message body (BODY[], RFC822, BINARY[]) is copied straight from
    /// the connection to the stream the current command supplied; other items are skipped.</summary>
    private async Task ReadFetchAsync(uint sequence, CommandContext context, CancellationToken ct)
    {
        var stream = _stream!;
        var open = await stream.ReadTokenAsync(ct);
        if (open.Kind != ImapTokenKind.OpenParen)
        {
            throw new ImapProtocolException($"Expected '(' after FETCH but the server sent {open}.");
        }

        var record = new FetchRecord(sequence);
        for (var t = await stream.ReadTokenAsync(ct); t.Kind != ImapTokenKind.CloseParen; t = await stream.ReadTokenAsync(ct))
        {
            var key = t.Text.ToUpperInvariant();
            if (t.Kind != ImapTokenKind.Atom)
            {
                throw new ImapProtocolException($"Unexpected {t} in a FETCH response.");
            }

            if (key == "UID")
            {
                record.Uid = await stream.ReadNumberAsync(ct);
            }
            else if (key == "FLAGS")
            {
                record.Flags = await stream.ReadAtomListAsync(ct);
            }
            else if (key is "BODY[]" or "RFC822" or "BINARY[]")
            {
                var value = await stream.ReadTokenAsync(ct);
                // Only the first body goes to the caller's stream: one UID was asked for, so any other is stray.
                var sink = context.TakeBodySink() ?? Stream.Null;
                switch (value.Kind)
                {
                    case ImapTokenKind.Literal:
                        await stream.Connection.CopyExactlyAsync(value.Length, sink, ct);
                        record.BodyLength = value.Length;
                        break;
                    case ImapTokenKind.QuotedString:
                        var bytes = Encoding.UTF8.GetBytes(value.Text);
                        await sink.WriteAsync(bytes, ct);
                        record.BodyLength = bytes.Length;
                        break;
                    case ImapTokenKind.Nil:
                        break;
                    default:
                        throw new ImapProtocolException($"Unexpected {value} as a message body.");
                }
            }
            else
            {
                await stream.SkipValueAsync(await stream.ReadTokenAsync(ct), ct);
            }
        }

        await stream.SkipLineAsync(ct);
        context.Fetches.Add(record);
        if (record.BodyLength is null)
        {
            context.FlagUpdates++;
            context.NotifyChange("FETCH");
        }
    }
}
