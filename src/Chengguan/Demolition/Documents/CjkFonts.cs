using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Chengguan.Demolition.Documents;

/// <summary>
/// Gives PDFsharp the Chinese faces the app ships (Noto Serif SC, regular and bold, OFL: see
/// <c>Fonts/README.md</c>), so notices and briefings render on a machine with no fonts at all.
/// <c>Demolition:FontPath</c> may name another TrueType font or collection (.ttc: PDFsharp cannot
/// read collections, so the first face is cut out into a stand-alone font in memory); that one
/// face then serves both weights, bold simulated. PDFsharp embeds only the glyphs a document uses.
/// </summary>
public sealed class CjkFonts : IFontResolver
{
    public const string Family = "CJK";
    private const string RegularFace = "CJK-Regular";
    private const string BoldFace = "CJK-Bold";

    /// <summary>The shipped faces, copied beside the app's binaries.</summary>
    public static string ShippedRegular { get; } = Path.Combine(AppContext.BaseDirectory, "Fonts", "NotoSerifSC-Regular.ttf");
    public static string ShippedBold { get; } = Path.Combine(AppContext.BaseDirectory, "Fonts", "NotoSerifSC-Bold.ttf");

    private static readonly Lock s_lock = new();
    private static string? s_configured;
    private static readonly Dictionary<string, byte[]> s_faces = [];

    /// <summary>Installs the resolver once per process; <paramref name="path"/> overrides the shipped faces (Demolition:FontPath).</summary>
    public static void Install(string? path)
    {
        lock (s_lock)
        {
            s_configured ??= string.IsNullOrWhiteSpace(path) ? null : path;
            if (GlobalFontSettings.FontResolver is not CjkFonts)
            {
                GlobalFontSettings.FontResolver = new CjkFonts();
            }
        }
    }

    /// <summary>The regular face in use, or null when neither the configured nor the shipped font exists.</summary>
    public static string? FontFile => s_configured is { } c ? (File.Exists(c) ? c : null) : File.Exists(ShippedRegular) ? ShippedRegular : null;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        // A configured single face serves both weights (bold simulated); the shipped font has a real bold.
        return s_configured is null
            ? new FontResolverInfo(bold ? BoldFace : RegularFace)
            : new FontResolverInfo(RegularFace, bold, false);
    }

    public byte[]? GetFont(string faceName)
    {
        lock (s_lock)
        {
            if (!s_faces.TryGetValue(faceName, out byte[]? face))
            {
                string file = (faceName == BoldFace && s_configured is null ? ShippedBold : FontFile)
                    ?? throw new InvalidOperationException($"Chinese font missing: neither Demolition:FontPath ({s_configured}) nor {ShippedRegular} exists.");
                byte[] bytes = File.ReadAllBytes(file);
                face = IsCollection(bytes) ? ExtractFace(bytes, 0) : bytes;
                s_faces[faceName] = face;
            }
            return face;
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
