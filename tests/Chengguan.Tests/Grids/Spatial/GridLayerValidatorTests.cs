using Chengguan.Grids.Spatial;
using NetTopologySuite.Geometries;
using static Chengguan.Tests.Grids.Spatial.SpatialTestData;

namespace Chengguan.Tests.Grids.Spatial;

public sealed class GridLayerValidatorTests
{
    private const double Step = 0.01;

    [Fact]
    public void CleanLayer_HasNoProblems()
    {
        Assert.Empty(GridLayerValidator.Validate(Block(3, 3)));
    }

    [Fact]
    public void MissingGeometry_IsReported()
    {
        List<GridFeature> features = Block(2, 1);
        features.Add(new GridFeature("X1", null));
        features.Add(new GridFeature("X2", Polygon.Empty));

        IReadOnlyList<GridLayerProblem> problems = GridLayerValidator.Validate(features);

        Assert.Equal(["X1", "X2"], problems.Select(p => p.Key));
        Assert.All(problems, p => Assert.Equal(GridLayerProblemKinds.MissingGeometry, p.Kind));
        Assert.All(problems, p => Assert.Equal("网格缺少边界几何", p.Message));
    }

    [Fact]
    public void NonPolygonalGeometry_IsReported_AndSinglePartMultiPolygonIsAccepted()
    {
        var features = new List<GridFeature>
        {
            new("L", Factory.CreateLineString([new Coordinate(121, 31), new Coordinate(121.1, 31.1)])),
            new("M2", Factory.CreateMultiPolygon([Rect(121, 31, 121.01, 31.01), Rect(121.05, 31, 121.06, 31.01)])),
            new("M1", Factory.CreateMultiPolygon([Rect(122, 31, 122.01, 31.01)])),
        };

        IReadOnlyList<GridLayerProblem> problems = GridLayerValidator.Validate(features);

        Assert.Equal(2, problems.Count);
        Assert.Equal(("L", GridLayerProblemKinds.NotPolygon), (problems[0].Key, problems[0].Kind));
        Assert.Contains("LineString", problems[0].Message);
        Assert.Equal(("M2", GridLayerProblemKinds.NotPolygon), (problems[1].Key, problems[1].Kind));
        Assert.Contains("2 个面", problems[1].Message);
    }

    [Fact]
    public void SelfIntersectingRing_IsReportedWithTheNtsReasonAndLocation()
    {
        Polygon bowtie = PolygonOf((121.0, 31.0), (121.01, 31.01), (121.01, 31.0), (121.0, 31.01), (121.0, 31.0));

        GridLayerProblem problem = Assert.Single(GridLayerValidator.Validate([new GridFeature("B", bowtie)]));

        Assert.Equal(GridLayerProblemKinds.InvalidRing, problem.Kind);
        Assert.StartsWith("网格边界无效：", problem.Message);
        Assert.Contains("自相交", problem.Message);
        Assert.Contains("NTS：", problem.Message);
        Assert.Contains("位置 121.005, 31.005", problem.Message);
    }

    [Fact]
    public void RingWithTooFewDistinctPoints_IsReported()
    {
        Polygon collapsed = PolygonOf((121.0, 31.0), (121.01, 31.01), (121.0, 31.0), (121.0, 31.0));

        GridLayerProblem problem = Assert.Single(GridLayerValidator.Validate([new GridFeature("C", collapsed)]));

        Assert.Equal(GridLayerProblemKinds.InvalidRing, problem.Kind);
        Assert.Contains("点数过少", problem.Message);
    }

    [Fact]
    public void CoordinatesOutsideWgs84Range_AreReported()
    {
        var features = new List<GridFeature>
        {
            new("E", Rect(179.5, 31.0, 180.5, 31.5)),
            new("N", Rect(121.0, 89.5, 121.5, 90.5)),
        };

        IReadOnlyList<GridLayerProblem> problems = GridLayerValidator.Validate(features);

        Assert.Equal(["E", "N"], problems.Select(p => p.Key));
        Assert.All(problems, p => Assert.Equal(GridLayerProblemKinds.CoordinateRange, p.Kind));
        Assert.Contains("180.5, 31", problems[0].Message);
    }

    [Fact]
    public void Overlap_IsReportedOnBothGrids_NamingTheOther()
    {
        List<GridFeature> features = Block(2, 2);
        // Push the first grid's east edge 0.001° (about 95 m) into its neighbour, along 0.01° (about 1.1 km).
        features[0] = features[0] with { Geometry = Rect(121, 31, 121 + Step + 0.001, 31 + Step) };

        IReadOnlyList<GridLayerProblem> problems = GridLayerValidator.Validate(features);

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(GridLayerProblemKinds.Overlap, p.Kind));
        Assert.Equal("G1-0", problems[0].Key);
        Assert.Contains("与网格 G2-0 重叠", problems[0].Message);
        Assert.Equal("G2-0", problems[1].Key);
        Assert.Contains("与网格 G1-0 重叠", problems[1].Message);

        double expectedM2 = 0.001 * Step * GeoMeasure.SquareMetresPerSquareDegree(31 + Step / 2);
        Assert.Equal(expectedM2, problems[0].AreaM2!.Value, expectedM2 * 1e-3);
        Assert.InRange(problems[0].AreaM2!.Value, 100_000, 110_000);
    }

    [Fact]
    public void OverlapWithinTolerance_IsNotReported()
    {
        List<GridFeature> features = Block(2, 1);
        // 1e-9° × 0.01° is about 0.1 m².
        features[1] = features[1] with { Geometry = Rect(121 + Step - 1e-9, 31, 121 + 2 * Step, 31 + Step) };

        Assert.Empty(GridLayerValidator.Validate(features));
        Assert.NotEmpty(GridLayerValidator.Validate(features, new GridLayerValidationOptions { OverlapToleranceM2 = 0.01 }));
    }

    [Fact]
    public void IdenticalGrids_AreReportedAsOverlapping()
    {
        var features = new List<GridFeature>
        {
            new("A", Rect(121, 31, 121.01, 31.01)),
            new("B", Rect(121, 31, 121.01, 31.01)),
        };

        IReadOnlyList<GridLayerProblem> problems = GridLayerValidator.Validate(features);

        Assert.Equal(["A", "B"], problems.Select(p => p.Key));
        Assert.All(problems, p => Assert.Equal(GridLayerProblemKinds.Overlap, p.Kind));
    }

    [Fact]
    public void Gap_IsReportedOnEveryGridTouchingIt()
    {
        List<GridFeature> features = Block(3, 3);
        features.RemoveAt(4); // the middle one

        IReadOnlyList<GridLayerProblem> problems = GridLayerValidator.Validate(features);

        Assert.Equal(8, problems.Count);
        Assert.All(problems, p => Assert.Equal(GridLayerProblemKinds.Gap, p.Kind));
        Assert.Equal(features.Select(f => f.Key).Order(StringComparer.Ordinal), problems.Select(p => p.Key).Order(StringComparer.Ordinal));
        double expectedM2 = Step * Step * GeoMeasure.SquareMetresPerSquareDegree(31 + 1.5 * Step);
        Assert.All(problems, p => Assert.Equal(expectedM2, p.AreaM2!.Value, expectedM2 * 1e-6));
        Assert.Contains("空隙", problems[0].Message);
        Assert.Contains("周边网格：", problems[0].Message);
    }

    [Fact]
    public void GapWithinTolerance_IsNotReported()
    {
        List<GridFeature> features = Block(3, 3);
        // Shrink the middle grid by 1e-9° on each side: a ring-shaped gap of well under 1 m².
        double lo = 121 + Step + 1e-9;
        double hi = 121 + 2 * Step - 1e-9;
        features[4] = features[4] with { Geometry = Rect(lo, 31 + Step + 1e-9, hi, 31 + 2 * Step - 1e-9) };

        Assert.Empty(GridLayerValidator.Validate(features));
    }

    [Fact]
    public void MoatAroundAGrid_IsAGapReportedOnTheGridAndItsNeighbours()
    {
        List<GridFeature> features = Block(3, 3);
        // Shrink the middle grid by 0.001° on each side: a moat of about 0.36 km² around it.
        features[4] = features[4] with { Geometry = Rect(121.011, 31.011, 121.019, 31.019) };

        IReadOnlyList<GridLayerProblem> problems = GridLayerValidator.Validate(features);

        Assert.Equal(9, problems.Count);
        Assert.All(problems, p => Assert.Equal(GridLayerProblemKinds.Gap, p.Kind));
        double expectedM2 = (Step * Step - 0.008 * 0.008) * GeoMeasure.SquareMetresPerSquareDegree(31.015);
        Assert.All(problems, p => Assert.Equal(expectedM2, p.AreaM2!.Value, expectedM2 * 1e-6));
    }

    [Fact]
    public void HoleInAGrid_IsAGapUnlessAnotherGridFillsIt()
    {
        Polygon withHole = Factory.CreatePolygon(
            Factory.CreateLinearRing(Rect(121, 31, 121.03, 31.03).Coordinates),
            [Factory.CreateLinearRing(Rect(121.01, 31.01, 121.02, 31.02).Coordinates)]);
        var open = new List<GridFeature> { new("H", withHole) };
        var filled = new List<GridFeature> { new("H", withHole), new("F", Rect(121.01, 31.01, 121.02, 31.02)) };

        GridLayerProblem gap = Assert.Single(GridLayerValidator.Validate(open));
        Assert.Equal(("H", GridLayerProblemKinds.Gap), (gap.Key, gap.Kind));
        Assert.Empty(GridLayerValidator.Validate(filled));
    }

    [Fact]
    public void InvalidFeatures_AreLeftOutOfOverlapAndGapChecks()
    {
        List<GridFeature> features = Block(2, 1);
        features.Add(new GridFeature("B", PolygonOf((121.0, 31.0), (121.02, 31.01), (121.02, 31.0), (121.0, 31.01), (121.0, 31.0))));

        GridLayerProblem problem = Assert.Single(GridLayerValidator.Validate(features));
        Assert.Equal(GridLayerProblemKinds.InvalidRing, problem.Kind);
    }

    [Fact]
    public void AreaM2_OfAHectareSquareIsAHectare()
    {
        double side = 100 / GeoMeasure.MetresPerDegree;
        double lonSide = side / Math.Cos(31.2 * Math.PI / 180);
        Polygon square = Rect(121.4, 31.2 - side / 2, 121.4 + lonSide, 31.2 + side / 2);

        Assert.Equal(10_000, GeoMeasure.AreaM2(square), 0.01);
    }

    /// <summary>Columns × rows of 0.01° squares from (121, 31), keyed G{column}-{row}, row by row.</summary>
    private static List<GridFeature> Block(int columns, int rows)
    {
        var features = new List<GridFeature>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                // Edges computed the same way on both sides, so neighbours share them bit for bit.
                features.Add(new GridFeature(
                    $"G{c + 1}-{r}",
                    Rect(121 + c * Step, 31 + r * Step, 121 + (c + 1) * Step, 31 + (r + 1) * Step)));
            }
        }

        return features;
    }
}
