using System.Buffers.Binary;

namespace Chengguan.Evidence;

/// <summary>
/// The public copy of a photo: the same pixels without EXIF (time, GPS, camera), XMP, IPTC and
/// comments. JPEG drops APP1, APP13 and COM segments; PNG drops eXIf and text chunks. Other files
/// are returned unchanged (null).
/// </summary>
public static class MetadataStripper
{
    public static byte[]? Strip(byte[] file, string contentType) => contentType switch
    {
        "image/jpeg" => StripJpeg(file),
        "image/png" => StripPng(file),
        _ => null,
    };

    private static byte[]? StripJpeg(byte[] f)
    {
        if (f.Length < 4 || f[0] != 0xFF || f[1] != 0xD8)
        {
            return null;
        }
        using var output = new MemoryStream(f.Length);
        output.Write(f, 0, 2);
        int i = 2;
        bool changed = false;
        while (i + 4 <= f.Length)
        {
            if (f[i] != 0xFF)
            {
                return null; // not a well-formed segment list: refuse to guess
            }
            byte marker = f[i + 1];
            if (marker == 0xDA)
            {
                // Start of scan: the entropy-coded image and everything after it is copied as is.
                output.Write(f, i, f.Length - i);
                return changed ? output.ToArray() : null;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                output.Write(f, i, 2);
                i += 2;
                continue;
            }
            int length = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(i + 2, 2));
            if (length < 2 || i + 2 + length > f.Length)
            {
                return null;
            }
            if (marker is 0xE1 or 0xED or 0xFE)
            {
                changed = true;
            }
            else
            {
                output.Write(f, i, 2 + length);
            }
            i += 2 + length;
        }
        return null;
    }

    private static readonly HashSet<string> s_pngDrop = ["eXIf", "tEXt", "iTXt", "zTXt", "tIME"];

    private static byte[]? StripPng(byte[] f)
    {
        if (f.Length < 8)
        {
            return null;
        }
        using var output = new MemoryStream(f.Length);
        output.Write(f, 0, 8);
        int i = 8;
        bool changed = false;
        while (i + 12 <= f.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(i, 4));
            if (length < 0 || i + 12 + length > f.Length)
            {
                return null;
            }
            string type = System.Text.Encoding.ASCII.GetString(f, i + 4, 4);
            if (s_pngDrop.Contains(type))
            {
                changed = true;
            }
            else
            {
                output.Write(f, i, 12 + length);
            }
            i += 12 + length;
        }
        return changed ? output.ToArray() : null;
    }
}
