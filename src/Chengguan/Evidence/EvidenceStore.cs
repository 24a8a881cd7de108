using System.Globalization;
using System.Security.Cryptography;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace Chengguan.Evidence;

public sealed record StoredFile(string Sha256, string PublicSha256, long Size, EvidenceKind Kind, string ContentType, DateTimeOffset? TakenAt, double? Lon, double? Lat);

/// <summary>
/// Content-addressed storage on disk: {root}/{aa}/{sha256}. A file that exists is never written
/// again, so nothing is ever overwritten. Files are read fully into memory (limits are 20 MB for
/// photos and documents, 100 MB for video).
/// </summary>
public sealed class EvidenceStore(IConfiguration config)
{
    private readonly string _root = Path.GetFullPath(config["Evidence:Path"] ?? Path.Combine("data", "evidence"));

    public enum Refusal
    {
        Unknown,
        TooLarge,
    }

    public async Task<(StoredFile? File, Refusal? Refused)> SaveAsync(Stream content, long declaredLength, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        byte[] bytes = buffer.ToArray();
        if (FileSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, FileSniffer.HeaderBytes))) is not { } type)
        {
            return (null, Refusal.Unknown);
        }
        if (bytes.Length > FileSniffer.MaxBytes(type.Kind))
        {
            return (null, Refusal.TooLarge);
        }
        string sha = await WriteAsync(bytes, ct);
        string publicSha = MetadataStripper.Strip(bytes, type.ContentType) is { } stripped ? await WriteAsync(stripped, ct) : sha;
        (DateTimeOffset? taken, double? lon, double? lat) = type.Kind == EvidenceKind.Photo ? ReadExif(bytes) : (null, null, null);
        return (new StoredFile(sha, publicSha, bytes.Length, type.Kind, type.ContentType, taken, lon, lat), null);
    }

    public string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256);

    private async Task<string> WriteAsync(byte[] bytes, CancellationToken ct)
    {
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string path = PathOf(sha);
        if (File.Exists(path))
        {
            return sha;
        }
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, ct);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Someone stored the same bytes meanwhile: same name, same content.
            File.Delete(temp);
        }
        return sha;
    }

    /// <summary>EXIF DateTimeOriginal (with its offset tag when present, else read as Shanghai time) and GPS position.</summary>
    internal static (DateTimeOffset? TakenAt, double? Lon, double? Lat) ReadExif(byte[] bytes)
    {
        try
        {
            IReadOnlyList<MetadataExtractor.Directory> dirs = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes));
            DateTimeOffset? taken = null;
            if (dirs.OfType<ExifSubIfdDirectory>().FirstOrDefault() is { } exif && exif.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out DateTime local))
            {
                TimeSpan offset = TimeSpan.FromHours(8);
                if (exif.GetString(ExifDirectoryBase.TagTimeZoneOriginal) is { } tz && TimeSpan.TryParse(tz.TrimStart('+'), CultureInfo.InvariantCulture, out TimeSpan parsed))
                {
                    offset = tz.StartsWith('-') ? -parsed.Duration() : parsed;
                }
                taken = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
            }
            GeoLocation? gps = dirs.OfType<GpsDirectory>().FirstOrDefault()?.GetGeoLocation();
            return (taken, gps is { IsZero: false } g ? g.Longitude : null, gps is { IsZero: false } h ? h.Latitude : null);
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or MetadataException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, null, null);
        }
    }
}
