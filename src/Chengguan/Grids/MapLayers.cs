using Chengguan.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace Chengguan.Grids;

public sealed record MapShape(Guid Id, string Label, string Path, double LabelX, double LabelY);

public sealed record MapGridShape(Guid Id, string Code, string? Name, Guid CommunityId, Guid StreetId, string Path, double LabelX, double LabelY, MapBox Box);

/// <summary>A rectangle in map units (metres from the top-left corner).</summary>
public readonly record struct MapBox(double MinX, double MinY, double MaxX, double MaxY)
{
    public bool Intersects(MapBox o) => MinX <= o.MaxX && o.MinX <= MaxX && MinY <= o.MaxY && o.MinY <= MaxY;

    public MapBox Expand(double by) => new(MinX - by, MinY - by, MaxX + by, MaxY + by);
}

/// <summary>The district drawn once: grid polygons, community and street outlines (unions of their grids) and label points.</summary>
public sealed record MapBase(long Version, MapProjection Projection, IReadOnlyList<MapGridShape> Grids, IReadOnlyList<MapShape> Communities, IReadOnlyList<MapShape> Streets)
{
    /// <summary>SVG text elements for the community names (Razor cannot write a text element itself).</summary>
    public MarkupString CommunityLabels { get; } = Labels(Communities);

    public MarkupString StreetLabels { get; } = Labels(Streets);

    private static MarkupString Labels(IEnumerable<MapShape> shapes) => new(string.Concat(shapes.Select(s =>
        $"<text x=\"{MapProjection.F(s.LabelX)}\" y=\"{MapProjection.F(s.LabelY)}\">{System.Net.WebUtility.HtmlEncode(s.Label)}</text>")));

    public static readonly MapBase Empty = new(-1, new MapProjection(new Envelope(121.44, 121.46, 31.22, 31.24)), [], [], []);
}

/// <summary>
/// Caches the projected grid layer per version of the grid layer (every import bumps it), so a map
/// page costs a dictionary lookup, not a polygon union, and every circuit shares one copy.
/// </summary>
public sealed class MapLayers(IServiceScopeFactory scopes, GridDirectory directory)
{
    private const double MarginMetres = 150;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MapBase _current = MapBase.Empty;

    public async Task<MapBase> GetAsync(CancellationToken ct)
    {
        long version = directory.Version;
        if (_current.Version == version)
        {
            return _current;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_current.Version != version)
            {
                _current = await BuildAsync(version, ct);
            }
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<MapBase> BuildAsync(long version, CancellationToken ct)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var grids = await db.Grids.AsNoTracking()
            .Select(g => new { g.Id, g.Code, g.Name, g.CommunityId, g.StreetId, g.Boundary })
            .ToListAsync(ct);
        if (grids.Count == 0)
        {
            return MapBase.Empty with { Version = version };
        }
        var names = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var extent = new Envelope();
        foreach (var g in grids)
        {
            extent.ExpandToInclude(g.Boundary.EnvelopeInternal);
        }
        var projection = new MapProjection(extent, MarginMetres);

        MapGridShape[] gridShapes = [.. grids.OrderBy(g => g.Code, StringComparer.Ordinal).Select(g =>
        {
            (double x, double y) = projection.Project(g.Boundary.InteriorPoint.X, g.Boundary.InteriorPoint.Y);
            Envelope e = g.Boundary.EnvelopeInternal;
            (double minX, double minY) = projection.Project(e.MinX, e.MaxY);
            (double maxX, double maxY) = projection.Project(e.MaxX, e.MinY);
            return new MapGridShape(g.Id, g.Code, g.Name, g.CommunityId, g.StreetId, projection.Path(g.Boundary), x, y, new MapBox(minX, minY, maxX, maxY));
        })];
        List<MapShape> Outlines(IEnumerable<IGrouping<Guid, Polygon>> groups) => [.. groups.Select(group =>
        {
            Geometry union = CascadedPolygonUnion.Union([.. group]);
            Point at = union.InteriorPoint;
            (double x, double y) = projection.Project(at.X, at.Y);
            return new MapShape(group.Key, names.GetValueOrDefault(group.Key) ?? "", projection.Path(union), x, y);
        }).OrderBy(s => s.Label, StringComparer.Ordinal)];

        return new MapBase(version, projection, gridShapes,
            Outlines(grids.GroupBy(g => g.CommunityId, g => g.Boundary)),
            Outlines(grids.GroupBy(g => g.StreetId, g => g.Boundary)));
    }
}
