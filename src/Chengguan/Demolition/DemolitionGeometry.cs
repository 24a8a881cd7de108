using System.Text.Json;
using Chengguan.Grids.Spatial;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;

namespace Chengguan.Demolition;

/// <summary>
/// Geometry of areas, rivers and ledger items: WGS 84 lon/lat stored as WKB (as grids, ADR 0002),
/// measured in metres through a local equirectangular projection, since every figure here
/// (distances of tens of metres, lengths of a few kilometres) is far inside its accuracy.
/// </summary>
public static class DemolitionGeometry
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions s_geoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    internal static readonly ValueConverter<Polygon, byte[]> PolygonWkb = new(p => new WKBWriter().Write(p), b => (Polygon)new WKBReader().Read(b));
    internal static readonly ValueComparer<Polygon> PolygonComparer = new((a, b) => a != null && b != null ? a.EqualsExact(b) : a == b, p => p.NumPoints, p => (Polygon)p.Copy());
    internal static readonly ValueConverter<MultiLineString, byte[]> LinesWkb = new(l => new WKBWriter().Write(l), b => (MultiLineString)new WKBReader().Read(b));
    internal static readonly ValueComparer<MultiLineString> LinesComparer = new((a, b) => a != null && b != null ? a.EqualsExact(b) : a == b, l => l.NumPoints, l => (MultiLineString)l.Copy());

    /// <summary>A GeoJSON LineString or MultiLineString (WGS 84) as one MultiLineString; anything else, or an invalid line, is null.</summary>
    public static MultiLineString? Lines(JsonElement geoJson)
    {
        Geometry? g;
        try
        {
            g = JsonSerializer.Deserialize<Geometry>(geoJson.GetRawText(), s_geoJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return null;
        }
        LineString[] parts = g switch
        {
            LineString l => [l],
            MultiLineString m => [.. Enumerable.Range(0, m.NumGeometries).Select(i => (LineString)m.GetGeometryN(i))],
            _ => [],
        };
        if (parts.Length is 0 or > 100 || parts.Any(p => p.NumPoints < 2 || p.NumPoints > 5000 || p.Coordinates.Any(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90))
            || parts.Any(p => p.Length == 0))
        {
            return null;
        }
        return Factory.CreateMultiLineString([.. parts.Select(p => Factory.CreateLineString([.. p.Coordinates.Select(c => new Coordinate(c.X, c.Y))]))]);
    }

    public static string ToGeoJson(Geometry g) => JsonSerializer.Serialize(g, s_geoJson);

    public static JsonElement ToJson(Geometry g) => JsonSerializer.SerializeToElement(g, s_geoJson);

    public static Geometry? FromGeoJson(string? json) => json is null ? null : JsonSerializer.Deserialize<Geometry>(json, s_geoJson);

    /// <summary>Length in metres (local projection about the line's own centre).</summary>
    public static double LengthMetres(Geometry lines) => Math.Round(Project(lines, lines.EnvelopeInternal.Centre.Y).Length, 1);

    /// <summary>
    /// The shortest distance in metres between two lon/lat geometries, both projected about the
    /// latitude of the first: x = lon·cos(lat₀)·R, y = lat·R.
    /// </summary>
    public static double DistanceMetres(Geometry line, Geometry other)
    {
        double lat0 = line.EnvelopeInternal.Centre.Y;
        return Project(line, lat0).Distance(Project(other, lat0));
    }

    /// <summary>The envelope grown by <paramref name="metres"/> on every side, in degrees, to pick candidate rows by lon/lat range.</summary>
    public static Envelope Grow(Envelope e, double metres)
    {
        double dLat = metres / GeoMeasure.MetresPerDegree;
        double dLon = metres / (GeoMeasure.MetresPerDegree * Math.Cos(double.DegreesToRadians(Math.Min(89, Math.Max(Math.Abs(e.MinY), Math.Abs(e.MaxY))))));
        return new Envelope(e.MinX - dLon, e.MaxX + dLon, e.MinY - dLat, e.MaxY + dLat);
    }

    private static Geometry Project(Geometry g, double lat0)
    {
        double kx = GeoMeasure.MetresPerDegree * Math.Cos(double.DegreesToRadians(lat0)), ky = GeoMeasure.MetresPerDegree;
        Geometry copy = g.Copy();
        copy.Apply(new ScaleFilter(kx, ky));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class ScaleFilter(double kx, double ky) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, seq.GetX(i) * kx);
            seq.SetY(i, seq.GetY(i) * ky);
        }
    }

    /// <summary>The item's footprint if surveyed, else its point; null without either.</summary>
    public static Geometry? Of(IllegalBuilding i) =>
        FromGeoJson(i.OutlineGeoJson) ?? (i.Lon is { } lon && i.Lat is { } lat ? Factory.CreatePoint(new Coordinate(lon, lat)) : null);
}
