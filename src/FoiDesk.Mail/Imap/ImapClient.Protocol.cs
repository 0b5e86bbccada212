using System.Globalization;
using System.Text;
using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Imap;

public sealed partial class ImapClient
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private int _tagCounter;
    private SelectedMailbox? _selected;
    private SelectedMailbox? _selecting;

    private string NextTag() => "A" + (_tagCounter++).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Sends a command and reads to its tagged completion; NO/BAD throw unless told otherwise.</summary>
    private async Task<ImapResponse> ExecuteAsync(ImapCommand command, CommandContext context, CancellationToken ct, bool throwOnFailure = true)
    {
        var tag = NextTag();
        await SendAsync(tag, command, context, ct);
        var response = await ReadUntilTaggedAsync(tag, context, ct);
        if (response.IsContinuation)
        {
            throw new ImapProtocolException($"The server sent an unexpected continuation request to {command.Name}.");
        }

        if (throwOnFailure && response.Status != ImapStatus.Ok)
        {
            throw new ImapCommandException(command.Name, response);
        }

        return response;
    }

    /// <summary>Writes a command, waiting for "+" before each synchronising literal; LITERAL+ (and LITERAL- up to
    /// 4096 bytes) lets literals go without the round trip (RFC 7888).</summary>
    private async Task SendAsync(string tag, ImapCommand command, CommandContext context, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var log = new StringBuilder();
        buffer.Write(Encoding.ASCII.GetBytes(tag + " "));
        log.Append(tag).Append(' ');
        foreach (var part in command.Parts)
        {
            if (part.Kind == ImapCommand.PartKind.Text)
            {
                buffer.Write(part.Bytes);
                log.Append(part.Secret ? ProtocolLogger.Mask : Encoding.ASCII.GetString(part.Bytes));
                continue;
            }

            var length = part.Bytes.Length;
            var nonSynchronising = Capabilities.LiteralPlus || (Capabilities.LiteralMinus && length <= 4096);
            var header = "{" + length.ToString(CultureInfo.InvariantCulture) + (nonSynchronising ? "+}" : "}");
            buffer.Write(Encoding.ASCII.GetBytes(header));
            buffer.Write(CrLf);
            log.Append(header);
            _options.Logger?.Client(log.ToString());
            log.Clear();
            if (!nonSynchronising)
            {
                await FlushAsync(buffer, ct);
                var go = await ReadUntilTaggedAsync(tag, context, ct);
                if (!go.IsContinuation)
                {
                    throw go.Status == ImapStatus.Ok
                        ? new ImapProtocolException($"The server completed {command.Name} before receiving its literal.")
                        : new ImapCommandException(command.Name, go);
                }
            }

            buffer.Write(part.Bytes);
            log.Append(part.Secret ? ProtocolLogger.Mask : $"<{length} byte literal>");
        }

        buffer.Write(CrLf);
        _options.Logger?.Client(log.ToString());
        await FlushAsync(buffer, ct);
    }

    private async Task WriteLineAsync(string line, bool secret, CancellationToken ct)
    {
        if (secret)
        {
            _options.Logger?.ClientWithSecret(line, 0);
        }
        else
        {
            _options.Logger?.Client(line);
        }

        await _connection!.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), ct);
        await _connection.FlushAsync(ct);
    }

    private async Task FlushAsync(MemoryStream buffer, CancellationToken ct)
    {
        await _connection!.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        await _connection.FlushAsync(ct);
        buffer.SetLength(0);
    }

    /// <summary>Reads responses, applying untagged data, until the completion for <paramref name="tag"/> or a
    /// continuation request.</summary>
    private async Task<ImapResponse> ReadUntilTaggedAsync(string tag, CommandContext context, CancellationToken ct)
    {
        while (true)
        {
            var first = await _stream!.ReadTokenAsync(ct);
            if (first.Kind == ImapTokenKind.Eoln)
            {
                continue; // a stray empty line: tolerated, as several servers emit one after literals
            }

            if (first.IsAtom("+"))
            {
                return ImapResponse.Continuation(await _stream.ReadRestOfLineAsync(ct));
            }

            if (first.IsAtom("*"))
            {
                await HandleUntaggedAsync(context, ct);
                continue;
            }

            if (first.Kind != ImapTokenKind.Atom || !string.Equals(first.Text, tag, StringComparison.OrdinalIgnoreCase))
            {
                throw new ImapProtocolException($"Expected the completion of {tag} but the server sent '{first}'.");
            }

            var statusToken = await _stream.ReadTokenAsync(ct);
            var status = statusToken.Kind == ImapTokenKind.Atom ? ImapResponse.ParseStatus(statusToken.Text) : null;
            if (status is null or ImapStatus.Bye or ImapStatus.PreAuth)
            {
                throw new ImapProtocolException($"The server completed {tag} with '{statusToken}'.");
            }

            var (code, text) = ImapResponseCode.Parse(await _stream.ReadRestOfLineAsync(ct));
            ApplyCode(code, context);
            return new ImapResponse { Tag = tag, Status = status.Value, Code = code, Text = text };
        }
    }

    private async Task HandleUntaggedAsync(CommandContext context, CancellationToken ct)
    {
        var stream = _stream!;
        var token = await stream.ReadTokenAsync(ct);
        var target = _selecting ?? _selected;
        if (token.Kind == ImapTokenKind.Eoln)
        {
            return; // "*" alone: nothing to apply, and the line is already consumed
        }

        if (token.Kind == ImapTokenKind.Atom && uint.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var second = await stream.ReadTokenAsync(ct);
            if (second.Kind == ImapTokenKind.Eoln)
            {
                return;
            }

            var keyword = second.Text.ToUpperInvariant();
            switch (keyword)
            {
                case "EXISTS":
                    if (target is not null)
                    {
                        context.NewMessages |= number > target.Exists && target == _selected;
                        target.Exists = number;
                    }

                    break;
                case "RECENT":
                    if (target is not null)
                    {
                        target.Recent = number;
                    }

                    break;
                case "EXPUNGE":
                    context.Expunged++;
                    if (target is not null && target.Exists > 0)
                    {
                        target.Exists--;
                    }

                    break;
                case "FETCH":
                    await ReadFetchAsync(number, context, ct);
                    return;
            }

            context.NotifyChange(keyword);
            await stream.SkipLineAsync(ct);
            return;
        }

        var name = token.Text.ToUpperInvariant();
        if (ImapResponse.ParseStatus(name) is { } status)
        {
            var (code, text) = ImapResponseCode.Parse(await stream.ReadRestOfLineAsync(ct));
            ApplyCode(code, context);
            if (status == ImapStatus.Bye)
            {
                context.ByeText = text;
            }

            if (code?.Name == "ALERT")
            {
                // RFC 9051 §7.1: ALERT text must reach the user; the log is where an unattended service shows it.
                _options.Logger?.Note("server alert: " + text);
            }

            return;
        }

        switch (name)
        {
            case "CAPABILITY":
                var atoms = new List<string>();
                for (var t = await stream.ReadTokenAsync(ct); t.Kind != ImapTokenKind.Eoln; t = await stream.ReadTokenAsync(ct))
                {
                    atoms.Add(t.Text);
                }

                Capabilities = new ImapCapabilities(atoms);
                context.CapabilitiesUpdated = true;
                return;
            case "FLAGS":
                var flags = await stream.ReadAtomListAsync(ct);
                if (target is not null)
                {
                    target.Flags = flags;
                }

                break;
            case "SEARCH":
                context.SearchResults ??= [];
                for (var t = await stream.ReadTokenAsync(ct); t.Kind != ImapTokenKind.Eoln; t = await stream.ReadTokenAsync(ct))
                {
                    if (t.Kind == ImapTokenKind.OpenParen)
                    {
                        await stream.SkipValueAsync(t, ct); // RFC 7162 "(MODSEQ n)" trailer
                    }
                    else if (uint.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
                    {
                        context.SearchResults.Add(uid);
                    }
                }

                return;
            case "ESEARCH":
                await ReadESearchAsync(context, ct);
                return;
            case "VANISHED":
                // RFC 7162 §3.2.10: UIDs expunged; "(EARLIER)" marks history rather than news.
                var set = await stream.ReadTokenAsync(ct);
                if (set.Kind == ImapTokenKind.OpenParen)
                {
                    await stream.SkipValueAsync(set, ct);
                }
                else
                {
                    context.Expunged += ImapUidSet.Parse(set.Text).Count;
                    context.NotifyChange("VANISHED");
                }

                break;
        }

        await stream.SkipLineAsync(ct);
    }

    private void ApplyCode(ImapResponseCode? code, CommandContext context)
    {
        if (code is null)
        {
            return;
        }

        var target = _selecting ?? _selected;
        switch (code.Name)
        {
            case "CAPABILITY":
                Capabilities = new ImapCapabilities(code.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                context.CapabilitiesUpdated = true;
                break;
            case "UIDVALIDITY" when target is not null:
                target.UidValidity = ParseUInt(code.Arguments);
                break;
            case "UIDNEXT" when target is not null:
                target.UidNext = ParseUInt(code.Arguments);
                break;
            case "HIGHESTMODSEQ" when target is not null:
                target.HighestModSeq = ulong.TryParse(code.Arguments, NumberStyles.None, CultureInfo.InvariantCulture, out var modSeq) ? modSeq : 0;
                break;
            case "PERMANENTFLAGS" when target is not null:
                target.PermanentFlags = code.Arguments.Trim('(', ')').Split(' ', StringSplitOptions.RemoveEmptyEntries);
                break;
            case "READ-ONLY" when target is not null:
                target.ReadOnly = true;
                break;
            case "READ-WRITE" when target is not null:
                target.ReadOnly = false;
                break;
            case "COPYUID":
                var parts = code.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 3)
                {
                    context.CopyResult = new ImapCopyResult
                    {
                        DestinationUidValidity = ParseUInt(parts[0]),
                        SourceUids = ImapUidSet.Parse(parts[1]),
                        DestinationUids = ImapUidSet.Parse(parts[2]),
                    };
                }

                break;
        }
    }

    private static uint ParseUInt(string text) =>
        uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ImapProtocolException($"'{text}' is not a valid number in a response code.");
}
