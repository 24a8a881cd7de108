using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Valid;

namespace Chengguan.Grids.Spatial;

/// <summary>One feature of an imported grid layer; <see cref="Key"/> is its grid code, or its index when it has none.</summary>
public sealed record GridFeature(string Key, Geometry? Geometry);

/// <summary>A problem found in a grid layer. <see cref="AreaM2"/> is set for overlaps and gaps.</summary>
public sealed record GridLayerProblem(string Key, string Kind, string Message, double? AreaM2);

/// <summary>The values of <see cref="GridLayerProblem.Kind"/>.</summary>
public static class GridLayerProblemKinds
{
    public const string MissingGeometry = "missing-geometry";
    public const string NotPolygon = "not-polygon";
    public const string InvalidRing = "invalid-ring";
    public const string CoordinateRange = "coordinate-range";
    public const string Overlap = "overlap";
    public const string Gap = "gap";
}

public sealed record GridLayerValidationOptions
{
    public static readonly GridLayerValidationOptions Default = new();

    /// <summary>Two grids overlapping by more than this many m² are reported.</summary>
    public double OverlapToleranceM2 { get; init; } = 1.0;

    /// <summary>A hole in the layer larger than this many m² is reported.</summary>
    public double GapToleranceM2 { get; init; } = 1.0;
}

/// <summary>
/// Checks a whole grid layer (WGS-84 longitude/latitude) before import: each feature must be one valid polygon
/// within the WGS-84 range, no two grids may overlap, and the layer may have no holes.
/// </summary>
/// <remarks>
/// <para>Features that fail the per-feature checks are left out of the overlap and gap checks, since overlay
/// operations on invalid polygons give meaningless answers. A MultiPolygon with a single part is accepted as that
/// polygon (GIS exports often wrap polygons that way); one with several parts is <c>not-polygon</c>.</para>
/// <para>A gap is a hole in the union of the layer. Without the district boundary, a gap that opens onto the
/// outside of the layer (a notch in its outline) cannot be told from the outline itself and is not reported.</para>
/// <para>Areas use <see cref="GeoMeasure.AreaM2"/> (a local equirectangular projection per polygon).</para>
/// </remarks>
public static class GridLayerValidator
{
    // About 1 mm: how close a grid's boundary must come to a gap to count as touching it, allowing for the
    // rounding of intersection nodes computed by the union.
    private const double TouchDistanceDegrees = 1e-8;

    public static IReadOnlyList<GridLayerProblem> Validate(IReadOnlyList<GridFeature> features, GridLayerValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        options ??= GridLayerValidationOptions.Default;

        var problems = new List<GridLayerProblem>();
        var valid = new List<(string Key, Polygon Polygon)>();
        foreach (GridFeature feature in features)
        {
            Polygon? polygon = CheckFeature(feature, problems);
            if (polygon is not null)
            {
                valid.Add((feature.Key, polygon));
            }
        }

        if (valid.Count == 0)
        {
            return problems;
        }

        var tree = new STRtree<int>();
        for (int i = 0; i < valid.Count; i++)
        {
            tree.Insert(valid[i].Polygon.EnvelopeInternal, i);
        }

        tree.Build();

        Geometry union = OverlayNGRobust.Union(valid.Select(v => (Geometry)v.Polygon));
        if (MayHaveOverlaps(valid, union, options.OverlapToleranceM2))
        {
            FindOverlaps(valid, tree, options.OverlapToleranceM2, problems);
        }

        FindGaps(valid, tree, union, options.GapToleranceM2, problems);
        return problems;
    }

    /// <summary>
    /// The polygon a feature's geometry stands for: the polygon itself, or the only part of a MultiPolygon.
    /// </summary>
    public static Polygon? AsPolygon(Geometry? geometry)
    {
        return geometry switch
        {
            Polygon polygon => polygon,
            MultiPolygon { NumGeometries: 1 } multi => (Polygon)multi.GetGeometryN(0),
            _ => null,
        };
    }

    private static Polygon? CheckFeature(GridFeature feature, List<GridLayerProblem> problems)
    {
        if (feature.Geometry is null || feature.Geometry.IsEmpty)
        {
            problems.Add(new GridLayerProblem(feature.Key, GridLayerProblemKinds.MissingGeometry, "网格缺少边界几何", null));
            return null;
        }

        Polygon? polygon = AsPolygon(feature.Geometry);
        if (polygon is null)
        {
            string message = feature.Geometry is MultiPolygon multi
                ? $"网格边界必须是单个面（Polygon），实际为包含 {multi.NumGeometries} 个面的 MultiPolygon"
                : $"网格边界必须是面（Polygon），实际为 {feature.Geometry.GeometryType}";
            problems.Add(new GridLayerProblem(feature.Key, GridLayerProblemKinds.NotPolygon, message, null));
            return null;
        }

        Coordinate? outOfRange = FindOutOfRange(polygon);
        if (outOfRange is not null)
        {
            problems.Add(new GridLayerProblem(
                feature.Key,
                GridLayerProblemKinds.CoordinateRange,
                $"坐标超出 WGS84 经纬度范围（经度 −180～180，纬度 −90～90）：{Format(outOfRange.X)}, {Format(outOfRange.Y)}",
                null));
            return null;
        }

        TopologyValidationError? error = new IsValidOp(polygon).ValidationError;
        if (error is not null)
        {
            string location = error.Coordinate is null ? string.Empty : $"，位置 {Format(error.Coordinate.X)}, {Format(error.Coordinate.Y)}";
            problems.Add(new GridLayerProblem(
                feature.Key,
                GridLayerProblemKinds.InvalidRing,
                $"网格边界无效：{Describe(error.ErrorType)}（NTS：{error.Message}{location}）",
                null));
            return null;
        }

        return polygon;
    }

    private static Coordinate? FindOutOfRange(Polygon polygon)
    {
        foreach (Coordinate c in polygon.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X < -180 || c.X > 180 || c.Y < -90 || c.Y > 90)
            {
                return c;
            }
        }

        return null;
    }

    private static string Describe(TopologyValidationErrors error)
    {
        return error switch
        {
            TopologyValidationErrors.SelfIntersection => "边界自相交",
            TopologyValidationErrors.RingSelfIntersection => "环自相交",
            TopologyValidationErrors.RingNotClosed => "环未闭合（首尾点不同）",
            TopologyValidationErrors.TooFewPoints => "点数过少（一个环至少需要3个不同的点）",
            TopologyValidationErrors.HoleOutsideShell => "内环（洞）位于外环之外",
            TopologyValidationErrors.NestedHoles => "内环（洞）相互嵌套",
            TopologyValidationErrors.DisconnectedInteriors => "内部不连通（被内环分割）",
            TopologyValidationErrors.NestedShells => "外环相互嵌套",
            TopologyValidationErrors.DuplicateRings => "存在重复的环",
            TopologyValidationErrors.InvalidCoordinate => "坐标无效（NaN 或无穷大）",
            _ => "拓扑无效",
        };
    }

    /// <summary>
    /// Whether any pair of grids can overlap by more than the tolerance. For any two grids A and B,
    /// area(A ∩ B) ≤ Σ area − area(⋃), so when that slack (in m², at the latitude where a degree² is largest)
    /// is within the tolerance, the pairwise intersections, the expensive part, can be skipped.
    /// </summary>
    private static bool MayHaveOverlaps(List<(string Key, Polygon Polygon)> valid, Geometry union, double toleranceM2)
    {
        double sumDeg2 = 0;
        double minAbsLat = double.MaxValue;
        foreach ((_, Polygon polygon) in valid)
        {
            sumDeg2 += polygon.Area;
            Envelope envelope = polygon.EnvelopeInternal;
            double absLat = envelope.MinY <= 0 && envelope.MaxY >= 0 ? 0 : Math.Min(Math.Abs(envelope.MinY), Math.Abs(envelope.MaxY));
            minAbsLat = Math.Min(minAbsLat, absLat);
        }

        double factor = GeoMeasure.SquareMetresPerSquareDegree(minAbsLat);
        double slackM2 = Math.Max(0, sumDeg2 - union.Area) * factor;

        // Allow for rounding in the two area sums.
        double roundingM2 = sumDeg2 * factor * 1e-11;
        return slackM2 + roundingM2 > toleranceM2;
    }

    private static void FindOverlaps(
        List<(string Key, Polygon Polygon)> valid,
        STRtree<int> tree,
        double toleranceM2,
        List<GridLayerProblem> problems)
    {
        for (int i = 0; i < valid.Count; i++)
        {
            Polygon a = valid[i].Polygon;
            Envelope envelopeA = a.EnvelopeInternal;
            IList<int> candidates = tree.Query(envelopeA);
            var ordered = candidates.Where(j => j > i).Order();
            foreach (int j in ordered)
            {
                Polygon b = valid[j].Polygon;

                // The envelopes' overlap bounds the polygons' overlap, and is zero or a sliver for neighbours.
                Envelope common = envelopeA.Intersection(b.EnvelopeInternal);
                if (common.IsNull || common.Area * GeoMeasure.SquareMetresPerSquareDegree(common.Centre.Y) <= toleranceM2)
                {
                    continue;
                }

                Geometry intersection = OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection);
                double areaM2 = GeoMeasure.AreaM2(intersection);
                if (areaM2 <= toleranceM2)
                {
                    continue;
                }

                string where = FormatPoint(intersection.InteriorPoint);
                string area = FormatArea(areaM2);
                problems.Add(new GridLayerProblem(
                    valid[i].Key,
                    GridLayerProblemKinds.Overlap,
                    $"与网格 {valid[j].Key} 重叠约 {area} 平方米（{where}）",
                    areaM2));
                problems.Add(new GridLayerProblem(
                    valid[j].Key,
                    GridLayerProblemKinds.Overlap,
                    $"与网格 {valid[i].Key} 重叠约 {area} 平方米（{where}）",
                    areaM2));
            }
        }
    }

    private static void FindGaps(
        List<(string Key, Polygon Polygon)> valid,
        STRtree<int> tree,
        Geometry union,
        double toleranceM2,
        List<GridLayerProblem> problems)
    {
        GeometryFactory factory = union.Factory;
        var parts = new List<Polygon>();
        for (int p = 0; p < union.NumGeometries; p++)
        {
            if (union.GetGeometryN(p) is Polygon polygon)
            {
                parts.Add(polygon);
            }
        }

        for (int p = 0; p < parts.Count; p++)
        {
            for (int h = 0; h < parts[p].NumInteriorRings; h++)
            {
                Polygon hole = factory.CreatePolygon(parts[p].GetInteriorRingN(h).Coordinates);
                foreach (Polygon gap in Gaps(hole, parts, p))
                {
                    ReportGap(valid, tree, gap, toleranceM2, problems);
                }
            }
        }
    }

    /// <summary>
    /// The gaps a hole of the union stands for: the hole less any islands of the layer inside it (a grid
    /// surrounded by a moat of gap is a separate part of the union, inside the hole).
    /// </summary>
    private static IEnumerable<Polygon> Gaps(Polygon hole, List<Polygon> parts, int owner)
    {
        var islands = new List<Geometry>();
        for (int q = 0; q < parts.Count; q++)
        {
            if (q != owner && hole.EnvelopeInternal.Covers(parts[q].EnvelopeInternal) && hole.Covers(parts[q].InteriorPoint))
            {
                islands.Add(parts[q]);
            }
        }

        if (islands.Count == 0)
        {
            return [hole];
        }

        Geometry rest = OverlayNGRobust.Overlay(hole, OverlayNGRobust.Union(islands), SpatialFunction.Difference);
        return Enumerable.Range(0, rest.NumGeometries).Select(rest.GetGeometryN).OfType<Polygon>();
    }

    private static void ReportGap(
        List<(string Key, Polygon Polygon)> valid,
        STRtree<int> tree,
        Polygon gap,
        double toleranceM2,
        List<GridLayerProblem> problems)
    {
        double areaM2 = GeoMeasure.AreaM2(gap);
        if (areaM2 <= toleranceM2)
        {
            return;
        }

        Geometry rings = gap.Boundary;
        Envelope search = gap.EnvelopeInternal.Copy();
        search.ExpandBy(TouchDistanceDegrees);
        var touching = tree.Query(search)
            .Order()
            .Where(i => valid[i].Polygon.IsWithinDistance(rings, TouchDistanceDegrees))
            .ToList();

        string where = FormatPoint(gap.InteriorPoint);
        string area = FormatArea(areaM2);
        string neighbours = string.Join("、", touching.Select(i => valid[i].Key));
        foreach (int i in touching)
        {
            problems.Add(new GridLayerProblem(
                valid[i].Key,
                GridLayerProblemKinds.Gap,
                $"网格之间存在约 {area} 平方米的空隙（{where}），周边网格：{neighbours}",
                areaM2));
        }
    }

    private static string FormatArea(double areaM2)
    {
        return areaM2.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private static string FormatPoint(Point point)
    {
        return $"位置 {Format(point.X)}, {Format(point.Y)}";
    }

    private static string Format(double ordinate)
    {
        return ordinate.ToString("0.#######", CultureInfo.InvariantCulture);
    }
}
