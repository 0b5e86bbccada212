using System.Buffers.Binary;
using System.Text;
using FoiDesk.Mail.Mime.Encodings;

namespace FoiDesk.Mail.Mime.Tnef;

/// <summary>A file found inside a TNEF stream.</summary>
public sealed record TnefAttachment(string FileName, byte[] Data);

/// <summary>What a TNEF stream carries: the message body (plain and/or HTML) and attached files.</summary>
public sealed record TnefContent(string? Body, string? HtmlBody, IReadOnlyList<TnefAttachment> Attachments);

/// <summary>
/// Reads application/ms-tnef ("winmail.dat", [MS-OXTNEF]): the legacy attributes (attBody, attAttachTitle,
/// attAttachData) and the MAPI property blocks (attMsgProps, attAttachment) for long file names, PR_BODY and
/// PR_BODY_HTML. Truncated streams yield what was read before the damage. Compressed RTF bodies are not decoded.
/// </summary>
public static class TnefReader
{
    private const uint Signature = 0x223E9F78;
    private const uint AttBody = 0x0001800C;
    private const uint AttAttachRendData = 0x00069002;
    private const uint AttAttachTitle = 0x00018010;
    private const uint AttAttachData = 0x0006800F;
    private const uint AttMsgProps = 0x00069003;
    private const uint AttAttachment = 0x00069005;
    private const uint AttOemCodepage = 0x00069007;

    // MAPI property ids ([MS-OXPROPS]).
    private const int PrAttachDataBin = 0x3701;
    private const int PrAttachLongFilename = 0x3707;
    private const int PrAttachFilename = 0x3704;
    private const int PrDisplayName = 0x3001;
    private const int PrBody = 0x1000;
    private const int PrBodyHtml = 0x1013;

    /// <summary>Null when the bytes are not TNEF.</summary>
    public static TnefContent? Read(byte[] data) => Read(data, null);

    internal static TnefContent? Read(byte[] data, ParseContext? context)
    {
        if (data.Length < 6 || BinaryPrimitives.ReadUInt32LittleEndian(data) != Signature)
        {
            context?.Warnings.Add("tnef-bad-signature", "application/ms-tnef part is not TNEF; kept as is");
            return null;
        }

        Charsets.EnsureRegistered();
        var state = new ReadState();
        var pos = 6;
        while (pos + 9 <= data.Length)
        {
            var level = data[pos];
            var id = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos + 1));
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos + 5));
            pos += 9;
            if (length > data.Length - pos)
            {
                context?.Warnings.Add("tnef-truncated", "TNEF stream is truncated; kept what was read");
                break;
            }

            var value = data.AsSpan(pos, (int)length);
            pos += (int)length + 2; // + checksum
            state.Apply(level, id, value);
        }

        state.FinishAttachment();
        return new TnefContent(state.Body, state.HtmlBody, state.Attachments);
    }

    private sealed class ReadState
    {
        private string? _title;
        private string? _longName;
        private byte[]? _data;
        private bool _open;

        public Encoding Ansi { get; private set; } = Charsets.Windows1252;
        public string? Body { get; private set; }
        public string? HtmlBody { get; private set; }
        public List<TnefAttachment> Attachments { get; } = [];

        public void Apply(byte level, uint id, ReadOnlySpan<byte> value)
        {
            switch (id)
            {
                case AttOemCodepage when value.Length >= 4:
                    Ansi = Charsets.Find("cp" + BinaryPrimitives.ReadUInt32LittleEndian(value).ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? Ansi;
                    break;
                case AttBody:
                    Body ??= Ansi.GetString(value).TrimEnd('\0');
                    break;
                case AttAttachRendData:
                    FinishAttachment();
                    _open = true;
                    break;
                case AttAttachTitle:
                    _title = Ansi.GetString(value).TrimEnd('\0');
                    break;
                case AttAttachData:
                    _data = value.ToArray();
                    break;
                case AttMsgProps or AttAttachment:
                    foreach (var (prop, type, bytes) in MapiProperties.Read(value))
                    {
                        OnProperty(level, prop, type, bytes);
                    }

                    break;
            }
        }

        private void OnProperty(byte level, int prop, int type, byte[] bytes)
        {
            string Text() => type == MapiProperties.PtUnicode ? Encoding.Unicode.GetString(bytes).TrimEnd('\0') : Ansi.GetString(bytes).TrimEnd('\0');
            if (level == 1)
            {
                if (prop == PrBody && type is MapiProperties.PtString8 or MapiProperties.PtUnicode)
                {
                    Body = Text();
                }
                else if (prop == PrBodyHtml)
                {
                    HtmlBody = type == MapiProperties.PtUnicode ? Text() : Charsets.Decode(bytes, null, null).TrimEnd('\0');
                }

                return;
            }

            switch (prop)
            {
                case PrAttachLongFilename or PrAttachFilename or PrDisplayName when type is MapiProperties.PtString8 or MapiProperties.PtUnicode:
                    if (prop == PrAttachLongFilename || _longName is null)
                    {
                        _longName = Text();
                    }

                    break;
                case PrAttachDataBin when _data is null || _data.Length == 0:
                    _data = bytes;
                    break;
            }
        }

        public void FinishAttachment()
        {
            if (_open && (_data is not null || _title is not null))
            {
                var name = !string.IsNullOrWhiteSpace(_longName) ? _longName : !string.IsNullOrWhiteSpace(_title) ? _title : "attachment.dat";
                Attachments.Add(new TnefAttachment(name, _data ?? []));
            }

            _open = false;
            _title = null;
            _longName = null;
            _data = null;
        }
    }
}
