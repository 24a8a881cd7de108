namespace Chengguan.Evidence;

/// <summary>What a file is, judged by its first bytes (never by its name or the sender's content type).</summary>
public static class FileSniffer
{
    public const int HeaderBytes = 32;

    public static (EvidenceKind Kind, string ContentType, string Extension)? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return (EvidenceKind.Photo, "image/jpeg", ".jpg");
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (EvidenceKind.Photo, "image/png", ".png");
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return (EvidenceKind.Photo, "image/gif", ".gif");
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return (EvidenceKind.Photo, "image/webp", ".webp");
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            ReadOnlySpan<byte> brand = head[8..12];
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
            {
                return (EvidenceKind.Photo, "image/heic", ".heic");
            }
            if (brand.SequenceEqual("qt  "u8))
            {
                return (EvidenceKind.Video, "video/quicktime", ".mov");
            }
            return (EvidenceKind.Video, "video/mp4", ".mp4");
        }
        if (head.StartsWith("%PDF-"u8))
        {
            return (EvidenceKind.Document, "application/pdf", ".pdf");
        }
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            // Office Open XML (.docx/.xlsx) is a zip; the server does not open it, it stores it.
            return (EvidenceKind.Document, "application/zip", ".zip");
        }
        return null;
    }

    public static long MaxBytes(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Video => 100L * 1024 * 1024,
        _ => 20L * 1024 * 1024,
    };
}
