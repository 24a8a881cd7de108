using Chengguan.Evidence;
using Chengguan.Grids.Spatial;

namespace Chengguan.Cases.Pages;

/// <summary>A position from the browser's geolocation (WGS 84).</summary>
public sealed record GeoPoint(double Lon, double Lat, double? Accuracy);

/// <summary>A photo taken on the phone, held until the check-in or the report sends it.</summary>
public sealed record PendingPhoto(string FileName, byte[] Content)
{
    public IncomingFile ToFile() => IncomingFile.From(FileName, Content);
}

/// <summary>The officer's page: reading photos from the phone, cases ordered by distance and due time (the check-in itself is <see cref="CaseCommands.CheckInAsync"/>).</summary>
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
}
