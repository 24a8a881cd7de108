using NetTopologySuite.Geometries;

namespace Chengguan.Grids.Spatial;

/// <summary>Approximate metric measures of WGS-84 longitude/latitude geometries.</summary>
public static class GeoMeasure
{
    /// <summary>Mean Earth radius (IUGG), in metres.</summary>
    public const double EarthRadiusM = 6371008.8;

    /// <summary>Metres per degree of latitude (and of longitude at the equator) on the mean sphere.</summary>
    public const double MetresPerDegree = EarthRadiusM * Math.PI / 180.0;

    /// <summary>
    /// Area in square metres, projecting each polygon with a local equirectangular projection centred on
    /// its own centroid (x = Δlon·cos(lat₀)·R, y = Δlat·R on a sphere of mean radius R).
    /// </summary>
    /// <remarks>
    /// The projection is linear, so the area is the degree² area times R²·cos(lat₀). The first-order error of
    /// holding cos(lat) fixed cancels about the centroid; what remains is second order in the polygon's
    /// latitude span plus the sphere-vs-ellipsoid difference (under 0.5 %), far below anything that matters for
    /// the grid sizes (tens of metres to a few kilometres) and the m² tolerances this is used for.
    /// </remarks>
    /// <summary>Great-circle distance in metres between two WGS 84 points (haversine; ample for check-in radii).</summary>
    public static double DistanceMeters(double lon1, double lat1, double lon2, double lat2)
    {
        const double earthRadius = 6_371_008.8;
        double dLat = double.DegreesToRadians(lat2 - lat1), dLon = double.DegreesToRadians(lon2 - lon1);
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static double AreaM2(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);

        double total = 0;
        for (int i = 0; i < geometry.NumGeometries; i++)
        {
            Geometry part = geometry.GetGeometryN(i);
            if (part is Polygon polygon && !polygon.IsEmpty)
            {
                total += PolygonAreaM2(polygon);
            }
            else if (part is GeometryCollection && !ReferenceEquals(part, geometry))
            {
                total += AreaM2(part);
            }
        }

        return total;
    }

    /// <summary>
    /// The factor converting a degree² area near <paramref name="lat"/> to m² in the local projection.
    /// </summary>
    public static double SquareMetresPerSquareDegree(double lat)
    {
        return MetresPerDegree * MetresPerDegree * Math.Cos(lat * Math.PI / 180.0);
    }

    private static double PolygonAreaM2(Polygon polygon)
    {
        double areaDeg2 = polygon.Area;
        if (areaDeg2 == 0)
        {
            return 0;
        }

        double lat0 = polygon.Centroid.Y;
        if (!double.IsFinite(lat0))
        {
            lat0 = polygon.EnvelopeInternal.Centre.Y;
        }

        return areaDeg2 * SquareMetresPerSquareDegree(lat0);
    }
}
