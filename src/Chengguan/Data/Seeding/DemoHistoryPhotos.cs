using System.Buffers.Binary;
using System.IO.Compression;

namespace Chengguan.Data.Seeding;

/// <summary>
/// Small generated site photos for the demo history (160×120 PNG: a street scene in flat colours,
/// sky, buildings, pavement and a marked spot), stored once each through the evidence store and
/// referenced by many evidence rows, so every thumbnail opens. Drawn, not downloaded: no fake
/// claim of being a real photograph, no network at start-up.
/// </summary>
internal static class DemoHistoryPhotos
{
    public const int Count = 8;
    private const int Width = 160, Height = 120;

    public static byte[] Make(int n)
    {
        var random = new Random(DemoHistory.Seed + n);
        byte[] raw = new byte[(Width * 3 + 1) * Height];
        (byte R, byte G, byte B) sky = ((byte)(150 + random.Next(60)), (byte)(180 + random.Next(50)), (byte)(210 + random.Next(40)));
        var buildings = Enumerable.Range(0, 5).Select(i => (X: i * 34 + random.Next(6), W: 26 + random.Next(8), H: 35 + random.Next(45),
            C: ((byte)(120 + random.Next(100)), (byte)(110 + random.Next(90)), (byte)(100 + random.Next(90))))).ToArray();
        int spotX = 30 + random.Next(100), spotY = 92 + random.Next(16);
        for (int y = 0; y < Height; y++)
        {
            int row = y * (Width * 3 + 1);
            raw[row] = 0;
            for (int x = 0; x < Width; x++)
            {
                (byte R, byte G, byte B) c = y >= 88 ? ((byte)(130 + (x + y) % 7), (byte)(130 + (x * 3 + y) % 7), (byte)128) : sky;
                foreach (var b in buildings)
                {
                    if (y < 88 && x >= b.X && x < b.X + b.W && y >= 88 - b.H)
                    {
                        bool window = (x - b.X) % 6 is 2 or 3 && (y - (88 - b.H)) % 8 is 3 or 4;
                        c = window ? ((byte)60, (byte)70, (byte)90) : b.C;
                    }
                }
                int dx = x - spotX, dy = y - spotY;
                if (dx * dx + dy * dy * 4 < 90)
                {
                    c = ((byte)(160 + random.Next(40)), (byte)90, (byte)40);
                }
                raw[row + 1 + x * 3] = c.R;
                raw[row + 2 + x * 3] = c.G;
                raw[row + 3 + x * 3] = c.B;
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        (header[8], header[9]) = (8, 2);
        Chunk(png, "IHDR", header);
        using (var deflated = new MemoryStream())
        {
            using (var z = new ZLibStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(raw);
            }
            Chunk(png, "IDAT", deflated.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        s.Write(four);
        byte[] typeAndData = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        s.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(four, Crc(typeAndData));
        s.Write(four);
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: eight small images, no table needed.
    private static uint Crc(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
