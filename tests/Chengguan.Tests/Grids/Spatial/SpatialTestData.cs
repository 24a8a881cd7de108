using System.Globalization;
using Chengguan.Grids.Spatial;
using NetTopologySuite.Geometries;

namespace Chengguan.Tests.Grids.Spatial;

internal static class SpatialTestData
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static Polygon Rect(double minLon, double minLat, double maxLon, double maxLat)
    {
        return Factory.CreatePolygon(
        [
            new Coordinate(minLon, minLat),
            new Coordinate(maxLon, minLat),
            new Coordinate(maxLon, maxLat),
            new Coordinate(minLon, maxLat),
            new Coordinate(minLon, minLat),
        ]);
    }

    public static Polygon PolygonOf(params (double Lon, double Lat)[] points)
    {
        return Factory.CreatePolygon(points.Select(p => new Coordinate(p.Lon, p.Lat)).ToArray());
    }

    /// <summary>Streets 310101001… each with communities 310101sss001…, north to south.</summary>
    public static List<DemoStreet> Streets(params int[] communitiesPerStreet)
    {
        var streets = new List<DemoStreet>();
        for (int s = 0; s < communitiesPerStreet.Length; s++)
        {
            string street = "310101" + (s + 1).ToString("D3", CultureInfo.InvariantCulture);
            var communities = Enumerable.Range(1, communitiesPerStreet[s])
                .Select(c => street + c.ToString("D3", CultureInfo.InvariantCulture))
                .ToList();
            streets.Add(new DemoStreet(street, communities));
        }

        return streets;
    }

    public static List<GridShape> Shapes(IEnumerable<DemoGrid> grids)
    {
        return grids.Select((g, i) => new GridShape(new Guid(i, 0, 0, new byte[8]), g.GridCode, g.Boundary)).ToList();
    }
}
