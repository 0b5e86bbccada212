using System.Buffers.Binary;

namespace FoiDesk.Mail.Mime.Tnef;

/// <summary>The MAPI property list inside attMsgProps/attAttachment ([MS-OXTNEF] 2.1.3.4). Stops quietly at damage.</summary>
internal static class MapiProperties
{
    public const int PtString8 = 0x001E;
    public const int PtUnicode = 0x001F;
    public const int PtBinary = 0x0102;
    public const int PtObject = 0x000D;
    private const int MultiValued = 0x1000;

    public static List<(int Id, int Type, byte[] Value)> Read(ReadOnlySpan<byte> data)
    {
        var result = new List<(int, int, byte[])>();
        if (data.Length < 4)
        {
            return result;
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var pos = 4;
        for (var n = 0; n < count && pos + 4 <= data.Length; n++)
        {
            var type = BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]);
            var id = BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 2)..]);
            pos += 4;
            if (id >= 0x8000)
            {
                // Named property: GUID, kind, then an id or a length-prefixed UTF-16 name padded to 4.
                if (pos + 20 > data.Length)
                {
                    break;
                }

                var kind = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 16)..]);
                pos += 20;
                if (pos + 4 > data.Length)
                {
                    break;
                }

                var idOrLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[pos..]);
                pos += 4;
                if (kind == 1)
                {
                    if (idOrLength < 0 || idOrLength > data.Length - pos)
                    {
                        break;
                    }

                    pos += Pad(idOrLength);
                }
            }

            var multi = (type & MultiValued) != 0;
            var baseType = type & ~MultiValued;
            var values = 1;
            if (multi || IsVariable(baseType))
            {
                if (pos + 4 > data.Length)
                {
                    break;
                }

                values = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[pos..]);
                pos += 4;
            }

            byte[]? first = null;
            for (var v = 0; v < values && pos <= data.Length; v++)
            {
                if (IsVariable(baseType))
                {
                    if (pos + 4 > data.Length)
                    {
                        return result;
                    }

                    var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[pos..]);
                    pos += 4;
                    if (length < 0 || length > data.Length - pos)
                    {
                        return result;
                    }

                    var bytes = data.Slice(pos, length);
                    if (baseType == PtObject && bytes.Length >= 16)
                    {
                        bytes = bytes[16..]; // interface GUID of the embedded object
                    }

                    first ??= bytes.ToArray();
                    pos += Pad(length);
                }
                else
                {
                    var size = FixedSize(baseType);
                    if (size < 0 || pos + size > data.Length)
                    {
                        return result;
                    }

                    first ??= data.Slice(pos, size).ToArray();
                    pos += size;
                }
            }

            result.Add((id, baseType == PtObject ? PtBinary : baseType, first ?? []));
        }

        return result;
    }

    private static bool IsVariable(int type) => type is PtString8 or PtUnicode or PtBinary or PtObject;

    private static int FixedSize(int type) => type switch
    {
        0x0001 or 0x0002 or 0x0003 or 0x0004 or 0x000A or 0x000B => 4,
        0x0005 or 0x0006 or 0x0007 or 0x0014 or 0x0040 => 8,
        0x0048 => 16,
        _ => -1,
    };

    private static int Pad(int length) => (length + 3) & ~3;
}
