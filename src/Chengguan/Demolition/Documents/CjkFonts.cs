using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Chengguan.Demolition.Documents;

/// <summary>
/// Gives PDFsharp one Chinese TrueType face from the operating system (Debian: fonts-wqy-zenhei).
/// PDFsharp cannot read font collections (.ttc), so the first face is cut out of the collection
/// into a stand-alone font in memory; PDFsharp then embeds only the glyphs a document uses.
/// </summary>
public sealed class CjkFonts : IFontResolver
{
    public const string Family = "CJK";

    public static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
    ];

    private static readonly Lock s_lock = new();
    private static string? s_configured;
    private static byte[]? s_face;

    /// <summary>Installs the resolver once per process; <paramref name="path"/> overrides the candidates (Demolition:FontPath).</summary>
    public static void Install(string? path)
    {
        lock (s_lock)
        {
            s_configured ??= path;
            if (GlobalFontSettings.FontResolver is not CjkFonts)
            {
                GlobalFontSettings.FontResolver = new CjkFonts();
            }
        }
    }

    /// <summary>The font file in use, or null when none is installed (documents then cannot be generated).</summary>
    public static string? FontFile => s_configured is { } c && File.Exists(c) ? c : Candidates.FirstOrDefault(File.Exists);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            // One face serves every style; bold is simulated, which Chinese official documents do not need anyway.
            ? new FontResolverInfo(Family, bold, false)
            : null;

    public byte[]? GetFont(string faceName)
    {
        lock (s_lock)
        {
            if (s_face is null)
            {
                string file = FontFile ?? throw new InvalidOperationException(
                    "No Chinese font found: install fonts-wqy-zenhei or set Demolition:FontPath to a TrueType font.");
                byte[] bytes = File.ReadAllBytes(file);
                s_face = IsCollection(bytes) ? ExtractFace(bytes, 0) : bytes;
            }
            return s_face;
        }
    }

    private static bool IsCollection(ReadOnlySpan<byte> bytes) => bytes.Length > 12 && bytes[..4].SequenceEqual("ttcf"u8);

    /// <summary>Copies one face of a TrueType collection into a stand-alone font: its table directory, then its tables, 4-byte aligned.</summary>
    internal static byte[] ExtractFace(byte[] ttc, int index)
    {
        uint count = BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(8));
        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        int offset = (int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(12 + 4 * index));
        int tables = BinaryPrimitives.ReadUInt16BigEndian(ttc.AsSpan(offset + 4));
        int headerLength = 12 + 16 * tables;
        var records = new (int Source, int Length)[tables];
        int size = headerLength;
        for (int i = 0; i < tables; i++)
        {
            ReadOnlySpan<byte> r = ttc.AsSpan(offset + 12 + 16 * i, 16);
            records[i] = ((int)BinaryPrimitives.ReadUInt32BigEndian(r[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(r[12..]));
            size += (records[i].Length + 3) & ~3;
        }
        byte[] font = new byte[size];
        ttc.AsSpan(offset, headerLength).CopyTo(font);
        int at = headerLength;
        for (int i = 0; i < tables; i++)
        {
            ttc.AsSpan(records[i].Source, records[i].Length).CopyTo(font.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + 16 * i + 8), (uint)at);
            at += (records[i].Length + 3) & ~3;
        }
        return font;
    }
}
