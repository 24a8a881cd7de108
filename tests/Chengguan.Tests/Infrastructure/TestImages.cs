using System.Buffers.Binary;
using System.Text;

namespace Chengguan.Tests.Infrastructure;

/// <summary>Small JPEG files built byte by byte, with an EXIF block holding a time and a GPS position.</summary>
public static class TestImages
{
    public static byte[] JpegWithExif(DateTime takenLocal, double lat, double lon)
    {
        var tiff = new byte[178];
        Span<byte> t = tiff;
        "II"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16LittleEndian(t[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(t[4..], 8);
        // IFD0 at 8: pointers to the Exif IFD (38) and the GPS IFD (76).
        BinaryPrimitives.WriteUInt16LittleEndian(t[8..], 2);
        Entry(t[10..], 0x8769, 4, 1, 38);
        Entry(t[22..], 0x8825, 4, 1, 76);
        // Exif IFD at 38: DateTimeOriginal, its 20 ASCII bytes at 56.
        BinaryPrimitives.WriteUInt16LittleEndian(t[38..], 1);
        Entry(t[40..], 0x9003, 2, 20, 56);
        Encoding.ASCII.GetBytes(takenLocal.ToString("yyyy:MM:dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).CopyTo(t[56..]);
        // GPS IFD at 76: N/E references inline, rationals at 130 and 154.
        BinaryPrimitives.WriteUInt16LittleEndian(t[76..], 4);
        Entry(t[78..], 0x0001, 2, 2, 'N');
        Entry(t[90..], 0x0002, 5, 3, 130);
        Entry(t[102..], 0x0003, 2, 2, 'E');
        Entry(t[114..], 0x0004, 5, 3, 154);
        Dms(t[130..], lat);
        Dms(t[154..], lon);

        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8, 0xFF, 0xE1]);
        byte[] exifHeader = "Exif\0\0"u8.ToArray();
        int length = 2 + exifHeader.Length + tiff.Length;
        jpeg.Write([(byte)(length >> 8), (byte)length]);
        jpeg.Write(exifHeader);
        jpeg.Write(tiff);
        // A comment segment (also removed from the public copy), then a token scan and the end.
        byte[] comment = "拍摄：执法队员"u8.ToArray();
        jpeg.Write([0xFF, 0xFE, (byte)((comment.Length + 2) >> 8), (byte)(comment.Length + 2)]);
        jpeg.Write(comment);
        jpeg.Write([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0x56, 0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    private static void Entry(Span<byte> at, ushort tag, ushort type, uint count, uint valueOrOffset)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(at[8..], valueOrOffset);
    }

    private static void Dms(Span<byte> at, double value)
    {
        int degrees = (int)value;
        double minutesFull = (value - degrees) * 60;
        int minutes = (int)minutesFull;
        uint seconds = (uint)Math.Round((minutesFull - minutes) * 60 * 10000);
        uint[] parts = [(uint)degrees, 1, (uint)minutes, 1, seconds, 10000];
        for (int i = 0; i < parts.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(at[(i * 4)..], parts[i]);
        }
    }
}
