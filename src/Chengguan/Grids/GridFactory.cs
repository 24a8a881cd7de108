using Chengguan.Grids.Spatial;
using Chengguan.Organisation;
using NetTopologySuite.Geometries;

namespace Chengguan.Grids;

public static class GridFactory
{
    public static Grid Create(string code, string? name, Unit community, Unit street, Polygon boundary)
    {
        var grid = new Grid { Code = code, Name = name, CommunityId = community.Id, StreetId = street.Id, Boundary = boundary };
        SetShape(grid, boundary);
        return grid;
    }

    public static void SetShape(Grid grid, Polygon boundary)
    {
        boundary.SRID = 4326;
        grid.Boundary = boundary;
        Point c = boundary.Centroid;
        grid.CentroidLon = Math.Round(c.X, 7);
        grid.CentroidLat = Math.Round(c.Y, 7);
        grid.AreaM2 = Math.Round(GeoMeasure.AreaM2(boundary), 1);
    }
}
