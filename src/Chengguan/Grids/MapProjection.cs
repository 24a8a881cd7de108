using System.Globalization;
using System.Text;
using Chengguan.Grids.Spatial;
using NetTopologySuite.Geometries;

namespace Chengguan.Grids;

/// <summary>
/// Turns WGS 84 lon/lat into SVG coordinates in metres (x east, y south from the top-left corner of
/// the extent), with a local equirectangular projection at the extent's middle latitude. Within a
/// district (≈ 10 km) the distortion is far below a pixel, and metres let the map show scale and
/// distances without a tile server.
/// </summary>
public sealed class MapProjection
{
    private readonly double _west;
    private readonly double _north;
    private readonly double _xScale;

    public MapProjection(Envelope lonLat, double marginMetres = 0)
    {
        ArgumentNullException.ThrowIfNull(lonLat);
        if (lonLat.IsNull)
        {
            throw new ArgumentException("The extent is empty.", nameof(lonLat));
        }
        double midLat = (lonLat.MinY + lonLat.MaxY) / 2;
        _xScale = Math.Cos(double.DegreesToRadians(midLat)) * GeoMeasure.MetresPerDegree;
        _west = lonLat.MinX - marginMetres / _xScale;
        _north = lonLat.MaxY + marginMetres / GeoMeasure.MetresPerDegree;
        Width = Math.Max(1, (lonLat.MaxX - lonLat.MinX) * _xScale + 2 * marginMetres);
        Height = Math.Max(1, (lonLat.MaxY - lonLat.MinY) * GeoMeasure.MetresPerDegree + 2 * marginMetres);
    }

    /// <summary>Width of the extent in metres (the SVG viewBox width).</summary>
    public double Width { get; }

    /// <summary>Height of the extent in metres (the SVG viewBox height).</summary>
    public double Height { get; }

    public string ViewBox => $"0 0 {F(Width)} {F(Height)}";

    public (double X, double Y) Project(double lon, double lat) => ((lon - _west) * _xScale, (_north - lat) * GeoMeasure.MetresPerDegree);

    /// <summary>The inverse of <see cref="Project"/>.</summary>
    public (double Lon, double Lat) Unproject(double x, double y) => (x / _xScale + _west, _north - y / GeoMeasure.MetresPerDegree);

    /// <summary>
    /// SVG path data: every ring of every polygon closed with Z (drawn with fill-rule evenodd, so
    /// holes stay holes); lines stay open. Coordinates are rounded to decimetres.
    /// </summary>
    public string Path(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var sb = new StringBuilder(geometry.NumPoints * 14);
        Append(sb, geometry);
        return sb.ToString();
    }

    private void Append(StringBuilder sb, Geometry geometry)
    {
        switch (geometry)
        {
            case Polygon p:
                Ring(sb, p.ExteriorRing.Coordinates, close: true);
                foreach (LineString hole in p.InteriorRings)
                {
                    Ring(sb, hole.Coordinates, close: true);
                }
                break;
            case LineString l:
                Ring(sb, l.Coordinates, close: false);
                break;
            case Point pt:
                // A point as a zero-length segment: visible with a round line cap.
                (double x, double y) = Project(pt.X, pt.Y);
                Separate(sb).Append('M').Append(F(x)).Append(',').Append(F(y)).Append("h0");
                break;
            case GeometryCollection c:
                for (int i = 0; i < c.NumGeometries; i++)
                {
                    Append(sb, c.GetGeometryN(i));
                }
                break;
        }
    }

    private void Ring(StringBuilder sb, Coordinate[] coordinates, bool close)
    {
        int last = close && coordinates.Length > 1 && coordinates[0].Equals2D(coordinates[^1]) ? coordinates.Length - 1 : coordinates.Length;
        for (int i = 0; i < last; i++)
        {
            (double x, double y) = Project(coordinates[i].X, coordinates[i].Y);
            Separate(sb).Append(i == 0 ? 'M' : 'L').Append(F(x)).Append(',').Append(F(y));
        }
        if (close && last > 0)
        {
            sb.Append('Z');
        }
    }

    private static StringBuilder Separate(StringBuilder sb) => sb.Length == 0 ? sb : sb.Append(' ');

    internal static string F(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
