using NetTopologySuite.Geometries;

namespace Chengguan.Grids.Spatial;

/// <summary>A street of the demo district: its 9-digit code and the 12-digit codes of its communities.</summary>
public sealed record DemoStreet(string StreetCode, IReadOnlyList<string> CommunityCodes);

/// <summary>One generated grid: its 15-digit code, its community's 12-digit code and its boundary (WGS-84).</summary>
public sealed record DemoGrid(string GridCode, string CommunityCode, Polygon Boundary);

/// <summary>
/// Deterministically lays out the demo district's grid layer over a longitude/latitude box.
/// </summary>
/// <remarks>
/// <para>Streets are horizontal bands, north to south in input order, each as tall as its share of the
/// communities. A street's communities, and a community's grids, are rows of equal-area cells (north to south,
/// west to east within a row, rows as close to square cells as the counts allow); grids are numbered in that
/// order from 001, as the grid code standard numbers them.</para>
/// <para>The cells tile the box exactly: every cell's ring carries every cell corner lying on its sides, so
/// neighbours share their boundary vertex for vertex. That is what allows the optional jitter: each interior
/// vertex is moved by a hash of its own coordinates, so every cell sharing it moves it identically and the tiling
/// stays exact while the shapes look less like a spreadsheet. Vertices on the box's outline stay put,
/// so the layer's outline is the box.</para>
/// </remarks>
public static class DemoGridLayout
{
    private const double MaxJitterShare = 0.2;

    /// <param name="minLon">West edge of the box.</param>
    /// <param name="minLat">South edge of the box.</param>
    /// <param name="maxLon">East edge of the box.</param>
    /// <param name="maxLat">North edge of the box.</param>
    /// <param name="streets">Streets north to south; every community code must start with its street code.</param>
    /// <param name="gridsPerCommunity">Grids in each community (1–999).</param>
    /// <param name="jitter">Share (0–1) of the largest safe displacement applied to interior vertices; 0 gives rectangles.</param>
    /// <param name="factory">Factory for the polygons; SRID 4326 by default.</param>
    public static IReadOnlyList<DemoGrid> Generate(
        double minLon,
        double minLat,
        double maxLon,
        double maxLat,
        IReadOnlyList<DemoStreet> streets,
        int gridsPerCommunity,
        double jitter = 0.5,
        GeometryFactory? factory = null)
    {
        ArgumentNullException.ThrowIfNull(streets);
        if (!(minLon < maxLon) || !(minLat < maxLat) || minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90)
        {
            throw new ArgumentException("The box must be a non-empty longitude/latitude rectangle.");
        }

        if (gridsPerCommunity is < 1 or > GridCode.MaxSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(gridsPerCommunity), gridsPerCommunity, "Grids per community must be 1–999.");
        }

        if (jitter is < 0 or > 1 || double.IsNaN(jitter))
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "Jitter must be between 0 and 1.");
        }

        ValidateCodes(streets);
        factory ??= new GeometryFactory(new PrecisionModel(), 4326);

        int totalCommunities = streets.Sum(s => s.CommunityCodes.Count);
        if (totalCommunities == 0)
        {
            return [];
        }

        // Cells in reading order; the box edges are copied, never recomputed, so that shared sides are
        // bitwise equal on both sides.
        var cells = new List<(string Code, string Community, Rect Rect)>();
        double cosLat = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180.0);
        var box = new Rect(minLon, minLat, maxLon, maxLat);
        double[] streetEdges = SplitEdges(box.MaxY, box.MinY, streets.Select(s => (double)s.CommunityCodes.Count).ToArray());
        for (int s = 0; s < streets.Count; s++)
        {
            DemoStreet street = streets[s];
            if (street.CommunityCodes.Count == 0)
            {
                continue;
            }

            var band = new Rect(box.MinX, streetEdges[s + 1], box.MaxX, streetEdges[s]);
            List<Rect> communities = SplitIntoRows(band, street.CommunityCodes.Count, cosLat);
            for (int c = 0; c < communities.Count; c++)
            {
                string community = street.CommunityCodes[c];
                List<Rect> grids = SplitIntoRows(communities[c], gridsPerCommunity, cosLat);
                for (int g = 0; g < grids.Count; g++)
                {
                    cells.Add((GridCode.Create(community, g + 1).Value, community, grids[g]));
                }
            }
        }

        return BuildPolygons(cells, box, jitter, factory);
    }

    private static void ValidateCodes(IReadOnlyList<DemoStreet> streets)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DemoStreet street in streets)
        {
            string? error = GridCode.ValidateStreetCode(street.StreetCode);
            if (error is not null)
            {
                throw new ArgumentException(error, nameof(streets));
            }

            foreach (string community in street.CommunityCodes)
            {
                error = GridCode.ValidateCommunityCode(community);
                if (error is not null)
                {
                    throw new ArgumentException(error, nameof(streets));
                }

                if (!community.StartsWith(street.StreetCode, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"社区编码 {community} 不属于街道 {street.StreetCode}", nameof(streets));
                }

                if (!seen.Add(community))
                {
                    throw new ArgumentException($"社区编码 {community} 重复", nameof(streets));
                }
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="rect"/> into <paramref name="count"/> equal-area cells in rows, north to south and
    /// west to east; the row count makes cells as square (in metres) as it can.
    /// </summary>
    private static List<Rect> SplitIntoRows(Rect rect, int count, double cosLat)
    {
        double widthM = rect.Width * cosLat;
        double heightM = rect.Height;
        int rows = Math.Clamp((int)Math.Round(Math.Sqrt(count * heightM / widthM)), 1, count);

        // Earlier rows take the remainder, so they hold one cell more than later ones.
        double[] perRow = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            perRow[r] = count / rows + (r < count % rows ? 1 : 0);
        }

        double[] rowEdges = SplitEdges(rect.MaxY, rect.MinY, perRow);
        var result = new List<Rect>(count);
        for (int r = 0; r < rows; r++)
        {
            int columns = (int)perRow[r];
            double[] columnEdges = SplitEdges(rect.MinX, rect.MaxX, Enumerable.Repeat(1.0, columns).ToArray());
            for (int c = 0; c < columns; c++)
            {
                result.Add(new Rect(columnEdges[c], rowEdges[r + 1], columnEdges[c + 1], rowEdges[r]));
            }
        }

        return result;
    }

    /// <summary>
    /// Edges splitting [from, to] into parts proportional to <paramref name="weights"/>; the first and last edges
    /// are exactly <paramref name="from"/> and <paramref name="to"/>.
    /// </summary>
    private static double[] SplitEdges(double from, double to, double[] weights)
    {
        double total = weights.Sum();
        double[] edges = new double[weights.Length + 1];
        edges[0] = from;
        double cumulative = 0;
        for (int i = 0; i < weights.Length - 1; i++)
        {
            cumulative += weights[i];

            // Trailing zero weights must still end exactly on the box, not a rounding error short of it.
            edges[i + 1] = cumulative == total ? to : from + (to - from) * (cumulative / total);
        }

        edges[^1] = to;
        return edges;
    }

    private static List<DemoGrid> BuildPolygons(List<(string Code, string Community, Rect Rect)> cells, Rect box, double jitter, GeometryFactory factory)
    {
        // Every corner, by the horizontal line (y) and the vertical line (x) it lies on.
        var onHorizontal = new Dictionary<double, SortedSet<double>>();
        var onVertical = new Dictionary<double, SortedSet<double>>();
        foreach ((_, _, Rect r) in cells)
        {
            foreach ((double x, double y) in r.Corners())
            {
                GetOrAdd(onHorizontal, y).Add(x);
                GetOrAdd(onVertical, x).Add(y);
            }
        }

        var horizontal = onHorizontal.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        var vertical = onVertical.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());

        // Each vertex may move by a share of the smallest of: the gap to its nearest neighbour on either of its
        // lines, and the width and height of every cell it bounds. Being a function of the vertex alone, the
        // displacement is the same in every ring that has the vertex, and small enough to keep each ring simple.
        var rings = new List<(double X, double Y)>[cells.Count];
        var room = new Dictionary<(double X, double Y), double>();
        for (int i = 0; i < cells.Count; i++)
        {
            Rect r = cells[i].Rect;
            List<(double X, double Y)> ring = Ring(r, horizontal, vertical);
            rings[i] = ring;
            double size = Math.Min(r.Width, r.Height);
            foreach ((double X, double Y) v in ring)
            {
                room[v] = room.TryGetValue(v, out double current) ? Math.Min(current, size) : size;
            }
        }

        double share = jitter * MaxJitterShare;
        var result = new List<DemoGrid>(cells.Count);
        for (int i = 0; i < cells.Count; i++)
        {
            List<(double X, double Y)> ring = rings[i];
            var coordinates = new Coordinate[ring.Count + 1];
            for (int k = 0; k < ring.Count; k++)
            {
                (double x, double y) = ring[k];
                double amplitude = share * Math.Min(room[ring[k]], Math.Min(NearestGap(horizontal[y], x), NearestGap(vertical[x], y)));
                coordinates[k] = Vertex(x, y, box, amplitude);
            }

            coordinates[^1] = coordinates[0].Copy();
            result.Add(new DemoGrid(cells[i].Code, cells[i].Community, factory.CreatePolygon(coordinates)));
        }

        return result;
    }

    /// <summary>
    /// The cell's ring, counter-clockwise from the south-west corner, with every corner that lies on its sides.
    /// </summary>
    private static List<(double X, double Y)> Ring(Rect r, Dictionary<double, double[]> horizontal, Dictionary<double, double[]> vertical)
    {
        var ring = new List<(double X, double Y)>();
        foreach (double x in Between(horizontal[r.MinY], r.MinX, r.MaxX, ascending: true))
        {
            ring.Add((x, r.MinY));
        }

        foreach (double y in Between(vertical[r.MaxX], r.MinY, r.MaxY, ascending: true))
        {
            ring.Add((r.MaxX, y));
        }

        foreach (double x in Between(horizontal[r.MaxY], r.MinX, r.MaxX, ascending: false))
        {
            ring.Add((x, r.MaxY));
        }

        foreach (double y in Between(vertical[r.MinX], r.MinY, r.MaxY, ascending: false))
        {
            ring.Add((r.MinX, y));
        }

        return ring;
    }

    private static double NearestGap(double[] sorted, double value)
    {
        int i = Array.BinarySearch(sorted, value);
        double gap = double.MaxValue;
        if (i > 0)
        {
            gap = value - sorted[i - 1];
        }

        if (i < sorted.Length - 1)
        {
            gap = Math.Min(gap, sorted[i + 1] - value);
        }

        return gap;
    }

    /// <summary>The values in [from, to) going one way, or (from, to] going back: each side's start, not its end.</summary>
    private static IEnumerable<double> Between(double[] sorted, double from, double to, bool ascending)
    {
        int lo = Array.BinarySearch(sorted, from);
        int hi = Array.BinarySearch(sorted, to);
        if (ascending)
        {
            for (int i = lo; i < hi; i++)
            {
                yield return sorted[i];
            }
        }
        else
        {
            for (int i = hi; i > lo; i--)
            {
                yield return sorted[i];
            }
        }
    }

    private static Coordinate Vertex(double x, double y, Rect box, double amplitude)
    {
        if (amplitude <= 0 || x == box.MinX || x == box.MaxX || y == box.MinY || y == box.MaxY)
        {
            return new Coordinate(x, y);
        }

        ulong hash = Mix((ulong)BitConverter.DoubleToInt64Bits(x) ^ Mix((ulong)BitConverter.DoubleToInt64Bits(y)));
        double dx = ((hash & 0xFFFFFFFF) / (double)uint.MaxValue * 2 - 1) * amplitude;
        double dy = ((hash >> 32) / (double)uint.MaxValue * 2 - 1) * amplitude;
        return new Coordinate(x + dx, y + dy);
    }

    // SplitMix64's finaliser: a fixed, well-spread hash so the layout is the same on every run and machine.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static SortedSet<double> GetOrAdd(Dictionary<double, SortedSet<double>> map, double key)
    {
        if (!map.TryGetValue(key, out SortedSet<double>? set))
        {
            set = [];
            map[key] = set;
        }

        return set;
    }

    private readonly record struct Rect(double MinX, double MinY, double MaxX, double MaxY)
    {
        public double Width => MaxX - MinX;

        public double Height => MaxY - MinY;

        public IEnumerable<(double X, double Y)> Corners()
        {
            yield return (MinX, MinY);
            yield return (MaxX, MinY);
            yield return (MaxX, MaxY);
            yield return (MinX, MaxY);
        }
    }
}
