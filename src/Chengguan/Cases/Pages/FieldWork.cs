using Chengguan.Evidence;
using Chengguan.Grids.Spatial;
using Chengguan.Infrastructure;

namespace Chengguan.Cases.Pages;

/// <summary>A position from the browser's geolocation (WGS 84).</summary>
public sealed record GeoPoint(double Lon, double Lat, double? Accuracy);

/// <summary>A photo taken on the phone, held until the check-in sends it.</summary>
public sealed record PendingPhoto(string FileName, byte[] Content);

/// <summary>The officer's page: cases ordered by distance and due time, and the check-in (photos, then the move).</summary>
public static class FieldWork
{
    public const long MaxPhotoBytes = 20L * 1024 * 1024;

    /// <summary>
    /// Reads a photo from the browser in chunks, reporting the share read so far: on a phone the bytes
    /// travel over the circuit as they are read, and a large photo takes a visible while.
    /// </summary>
    public static async Task<byte[]> ReadAsync(Microsoft.AspNetCore.Components.Forms.IBrowserFile file, Action<double> progress)
    {
        using var buffer = new MemoryStream((int)Math.Min(file.Size, MaxPhotoBytes));
        await using Stream stream = file.OpenReadStream(MaxPhotoBytes);
        byte[] chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            progress(file.Size == 0 ? 100 : 100.0 * buffer.Length / file.Size);
        }
        return buffer.ToArray();
    }

    /// <summary>Nearest first when the position is known (cases without a point last), then soonest due.</summary>
    public static List<(WorkItem Item, double? Meters)> Order(IEnumerable<WorkItem> items, GeoPoint? here) =>
        [.. items.Select(i => (Item: i, Meters: here is not null && i.Lon is { } lon && i.Lat is { } lat ? GeoMeasure.DistanceMeters(here.Lon, here.Lat, lon, lat) : (double?)null))
            .OrderBy(x => x.Meters ?? double.MaxValue)
            .ThenBy(x => x.Item.Clocks.Where(k => k.DueAt is not null).Select(k => k.DueAt).Min() ?? DateTimeOffset.MaxValue)];

    /// <summary>
    /// Uploads the photos as check-in evidence through the evidence door (type by content, EXIF read,
    /// SHA-256 store), then moves the case with the position and the photos.
    /// </summary>
    public static async Task<ConsoleMove> CheckInAsync(IServiceProvider sp, WorkItem item, GeoPoint here, IReadOnlyList<PendingPhoto> photos, CancellationToken ct)
    {
        Attachments attachments = sp.GetRequiredService<Attachments>();
        var ids = new List<string>();
        foreach (PendingPhoto photo in photos)
        {
            Outcome<EvidenceDto> uploaded = await attachments.AttachToCaseAsync(item.Id, IncomingFile.From(photo.FileName, photo.Content), nameof(EvidencePurpose.CheckIn), null, ct);
            switch (uploaded)
            {
                case Outcome<EvidenceDto>.Done done:
                    ids.Add(done.Value.Id.ToString());
                    break;
                case Outcome<EvidenceDto>.Invalid:
                    return new(false, $"{photo.FileName}：{uploaded.Message}");
                default:
                    return new(false, uploaded.Message);
            }
        }
        var body = new Dictionary<string, object?> { ["location"] = new { lon = here.Lon, lat = here.Lat }, ["photos"] = ids };
        return await CaseConsole.MoveAsync(sp, item.Id, item.Version, CaseAction.CheckIn, body, ct);
    }
}
