using System.Globalization;
using BenchmarkDotNet.Attributes;
using Chengguan.Grids.Spatial;

namespace Chengguan.Bench;

/// <summary>
/// Point → grid lookups against the 10,000-grid demo layout (10 streets × 10 communities × 100 grids over
/// central Shanghai). The target is at least 2 million lookups per second on one core, with no allocation.
/// </summary>
[MemoryDiagnoser]
public class GridLookupBench
{
    private const int PointCount = 1024;
    private const double MinLon = 121.40;
    private const double MinLat = 31.15;
    private const double MaxLon = 121.55;
    private const double MaxLat = 31.28;

    private GridIndex _index = null!;
    private double[] _lons = [];
    private double[] _lats = [];

    [GlobalSetup]
    public void Setup()
    {
        var streets = new List<DemoStreet>();
        for (int s = 1; s <= 10; s++)
        {
            string street = "310101" + s.ToString("D3", CultureInfo.InvariantCulture);
            var communities = Enumerable.Range(1, 10)
                .Select(c => street + c.ToString("D3", CultureInfo.InvariantCulture))
                .ToList();
            streets.Add(new DemoStreet(street, communities));
        }

        IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(MinLon, MinLat, MaxLon, MaxLat, streets, 100);
        _index = new GridIndex(grids.Select((g, i) => new GridShape(Guid.NewGuid(), g.GridCode, g.Boundary)).ToList());

        // Fixed seed: every run measures the same points.
        var random = new Random(20250101);
        _lons = new double[PointCount];
        _lats = new double[PointCount];
        for (int i = 0; i < PointCount; i++)
        {
            _lons[i] = MinLon + random.NextDouble() * (MaxLon - MinLon);
            _lats[i] = MinLat + random.NextDouble() * (MaxLat - MinLat);
        }
    }

    [Benchmark(OperationsPerInvoke = PointCount)]
    public int Locate()
    {
        GridIndex index = _index;
        double[] lons = _lons;
        double[] lats = _lats;
        int checksum = 0;
        for (int i = 0; i < lons.Length; i++)
        {
            checksum += index.Locate(lons[i], lats[i]);
        }

        return checksum;
    }
}
