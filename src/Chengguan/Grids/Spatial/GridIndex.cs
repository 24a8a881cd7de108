using System.Runtime.CompilerServices;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Chengguan.Grids.Spatial;

/// <summary>A unit grid's identity and boundary, in WGS-84 longitude/latitude.</summary>
public sealed record GridShape(Guid Id, string Code, Polygon Boundary);

/// <summary>
/// An immutable point → grid index over one layer of unit grids.
/// </summary>
/// <remarks>
/// <para>Which grid a point belongs to:</para>
/// <list type="bullet">
/// <item><description>A point in the interior of a grid belongs to that grid.</description></item>
/// <item><description>A point exactly on a boundary shared by several grids (an edge or a vertex) belongs to the
/// grid with the ordinally smallest <see cref="GridShape.Code"/> among the grids whose boundary it lies on, so
/// every point of a gap-free layer has exactly one grid and the answer does not depend on input order.</description></item>
/// <item><description>A point on the outer boundary of the layer belongs to the grid whose boundary it is.</description></item>
/// <item><description>A point inside a hole of a grid is not in that grid; a point on a hole's ring is on the grid's
/// boundary and follows the rule above.</description></item>
/// <item><description>A point outside every grid, or with a NaN or infinite ordinate, belongs to none (-1).</description></item>
/// <item><description>Should grids overlap (a broken layer), a point inside several belongs to the one with the
/// smallest code.</description></item>
/// </list>
/// <para>"Exactly on" is decided with the same robust orientation predicate as NTS's
/// <c>Polygon.Covers</c>, so the index agrees with NTS on every input double.</para>
/// <para>
/// Candidates come from an NTS <see cref="STRtree{T}"/> over the grids' envelopes. Walking the tree costs a few
/// dozen unpredictable envelope tests per point, which alone would use up the lookup budget, so the tree's
/// answers are cached in a flat bucket grid: the layer's extent is cut into about four cells per grid and each
/// cell keeps the STR tree's candidates for it, so a lookup is one multiplication per axis, two to four
/// envelope tests and one point-in-polygon test. Cells that would list more than a few dozen grids (a very uneven
/// layer, such as one with a far-away outlier) keep nothing and fall back to walking the tree, which is copied
/// into flat arrays and walked with a stack-allocated stack.
/// </para>
/// <para>
/// Lookups allocate nothing and share no mutable state, so <see cref="Locate"/> is safe to call from any number
/// of threads. Each grid's rings are cached as coordinate arrays with its edges indexed by latitude band, so a
/// point-in-polygon test only looks at the edges near the point's latitude.
/// </para>
/// </remarks>
public sealed class GridIndex
{
    private const int NodeCapacity = 8;
    private const int BucketsPerGrid = 4;
    private const int MaxBuckets = 1 << 22;
    private const int MaxBucketCandidates = 32;

    private readonly GridShape[] _shapes;
    private readonly PreparedShape[] _prepared;
    private readonly int[] _rank;

    // Envelope of grid i: _shapeBox[4i..4i+3] = minX, minY, maxX, maxY.
    private readonly double[] _shapeBox;

    // Flattened STR tree: node n has bounds _nodeBox[4n..4n+3] and children [_childStart[n], _childStart[n] +
    // _childCount[n]) in either the node arrays or, for leaves, _itemShape (grid indices).
    private readonly double[] _nodeBox;
    private readonly int[] _childStart;
    private readonly int[] _childCount;
    private readonly bool[] _isLeaf;
    private readonly int[] _itemShape;
    private readonly int _stackCapacity;

    // Bucket grid over the root envelope: bucket b lists grids _bucketShapes[_bucketStart[b].._bucketStart[b + 1]),
    // or defers to the tree when _bucketStart[b] is negative (then ~_bucketStart[b] is where it would start).
    private readonly double _originX;
    private readonly double _originY;
    private readonly double _bucketsPerX;
    private readonly double _bucketsPerY;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _bucketStart;
    private readonly int[] _bucketShapes;

    public GridIndex(IReadOnlyList<GridShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);

        _shapes = new GridShape[shapes.Count];
        _prepared = new PreparedShape[shapes.Count];
        _shapeBox = new double[shapes.Count * 4];
        var tree = new STRtree<int>(NodeCapacity);
        for (int i = 0; i < shapes.Count; i++)
        {
            GridShape shape = shapes[i] ?? throw new ArgumentException($"Grid shape {i} is null.", nameof(shapes));
            if (shape.Boundary is null || shape.Boundary.IsEmpty)
            {
                throw new ArgumentException($"Grid shape {i} ({shape.Code}) has no boundary.", nameof(shapes));
            }

            _shapes[i] = shape;
            _prepared[i] = new PreparedShape(shape.Boundary);
            WriteBox(_shapeBox, i, shape.Boundary.EnvelopeInternal);
            tree.Insert(shape.Boundary.EnvelopeInternal, i);
        }

        _rank = RankByCode(_shapes);

        tree.Build();
        (_nodeBox, _childStart, _childCount, _isLeaf, _itemShape, _stackCapacity) = Flatten(tree, _shapes.Length);
        (_originX, _originY, _bucketsPerX, _bucketsPerY, _columns, _rows, _bucketStart, _bucketShapes) = BuildBuckets(tree, _shapes.Length);
    }

    public int Count => _shapes.Length;

    public IReadOnlyList<GridShape> Shapes => _shapes;

    /// <summary>How many bucket cells defer to the tree walk; for tests of that path.</summary>
    internal int DeferredBucketCount => _bucketStart.Take(_bucketStart.Length - 1).Count(s => s < 0);

    /// <summary>
    /// Returns the index (into the list the index was built from) of the grid containing the WGS-84 point,
    /// or -1 when no grid contains it. See the class remarks for boundary rules.
    /// </summary>
    public int Locate(double lon, double lat)
    {
        if (_isLeaf.Length == 0 || !double.IsFinite(lon) || !double.IsFinite(lat) || !BoxContains(_nodeBox, 0, lon, lat))
        {
            return -1;
        }

        int column = Math.Min((int)((lon - _originX) * _bucketsPerX), _columns - 1);
        int row = Math.Min((int)((lat - _originY) * _bucketsPerY), _rows - 1);
        int bucket = row * _columns + column;
        int start = _bucketStart[bucket];
        if (start < 0)
        {
            return LocateInTree(lon, lat);
        }

        int interior = -1;
        int boundary = -1;
        int next = _bucketStart[bucket + 1];
        int end = next >= 0 ? next : ~next;
        int[] bucketShapes = _bucketShapes;
        for (int k = start; k < end; k++)
        {
            Consider(bucketShapes[k], lon, lat, ref interior, ref boundary);
        }

        return interior >= 0 ? interior : boundary;
    }

    /// <summary>The grid containing the WGS-84 point, or null; see <see cref="Locate"/>.</summary>
    public GridShape? Find(double lon, double lat)
    {
        int index = Locate(lon, lat);
        return index < 0 ? null : _shapes[index];
    }

    private int LocateInTree(double lon, double lat)
    {
        double[] nodeBox = _nodeBox;
        Span<int> stack = _stackCapacity <= 512 ? stackalloc int[_stackCapacity] : new int[_stackCapacity];
        int top = 0;
        stack[top++] = 0;

        int interior = -1;
        int boundary = -1;
        while (top > 0)
        {
            int node = stack[--top];
            int start = _childStart[node];
            int end = start + _childCount[node];
            if (_isLeaf[node])
            {
                for (int k = start; k < end; k++)
                {
                    Consider(_itemShape[k], lon, lat, ref interior, ref boundary);
                }

                continue;
            }

            for (int c = start; c < end; c++)
            {
                if (BoxContains(nodeBox, c, lon, lat))
                {
                    stack[top++] = c;
                }
            }
        }

        return interior >= 0 ? interior : boundary;
    }

    /// <summary>Applies the interior-first, smallest-code rule to one candidate grid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Consider(int shape, double lon, double lat, ref int interior, ref int boundary)
    {
        if (!BoxContains(_shapeBox, shape, lon, lat) || (interior >= 0 && _rank[shape] > _rank[interior]))
        {
            return;
        }

        Location location = _prepared[shape].Locate(lon, lat);
        if (location == Location.Interior)
        {
            interior = shape;
        }
        else if (location == Location.Boundary && (boundary < 0 || _rank[shape] < _rank[boundary]))
        {
            boundary = shape;
        }
    }

    private static bool BoxContains(double[] box, int i, double x, double y)
    {
        int o = i * 4;

        // Non-short-circuit: one well-predicted branch instead of four unpredictable ones.
        return (x >= box[o]) & (y >= box[o + 1]) & (x <= box[o + 2]) & (y <= box[o + 3]);
    }

    private static int[] RankByCode(GridShape[] shapes)
    {
        int[] order = new int[shapes.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            int byCode = string.CompareOrdinal(shapes[a].Code, shapes[b].Code);
            return byCode != 0 ? byCode : a.CompareTo(b);
        });

        int[] rank = new int[shapes.Length];
        for (int r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        return rank;
    }

    private static (double[] NodeBox, int[] ChildStart, int[] ChildCount, bool[] IsLeaf, int[] ItemShape, int StackCapacity)
        Flatten(STRtree<int> tree, int itemCount)
    {
        if (itemCount == 0)
        {
            return ([], [], [], [], [], 0);
        }

        // Breadth-first, so the children of each node land next to each other.
        var nodes = new List<AbstractNode<Envelope, int>> { tree.Root };
        var childStart = new List<int>();
        var childCount = new List<int>();
        var isLeaf = new List<bool>();
        int[] itemShape = new int[itemCount];
        int items = 0;
        int maxChildren = 1;
        for (int n = 0; n < nodes.Count; n++)
        {
            IList<IBoundable<Envelope, int>> children = nodes[n].ChildBoundables;
            maxChildren = Math.Max(maxChildren, children.Count);
            bool leaf = children.Count > 0 && children[0] is not AbstractNode<Envelope, int>;
            childCount.Add(children.Count);
            isLeaf.Add(leaf);
            childStart.Add(leaf ? items : nodes.Count);
            foreach (IBoundable<Envelope, int> child in children)
            {
                if (leaf != child is not AbstractNode<Envelope, int>)
                {
                    throw new InvalidOperationException("STR tree node mixes items and child nodes.");
                }

                if (leaf)
                {
                    itemShape[items++] = child.Item;
                }
                else
                {
                    nodes.Add((AbstractNode<Envelope, int>)child);
                }
            }
        }

        double[] nodeBox = new double[nodes.Count * 4];
        int depth = 0;
        for (int n = 0; n < nodes.Count; n++)
        {
            WriteBox(nodeBox, n, nodes[n].Bounds);
            depth = Math.Max(depth, nodes[n].Level + 1);
        }

        // A depth-first walk holds at most every sibling of each node on the current path.
        int stackCapacity = depth * maxChildren + 1;
        return (nodeBox, [.. childStart], [.. childCount], [.. isLeaf], itemShape, stackCapacity);
    }

    private static (double OriginX, double OriginY, double PerX, double PerY, int Columns, int Rows, int[] Start, int[] Shapes)
        BuildBuckets(STRtree<int> tree, int itemCount)
    {
        if (itemCount == 0)
        {
            return (0, 0, 0, 0, 1, 1, [0, 0], []);
        }

        Envelope extent = tree.Root.Bounds;
        double width = Math.Max(extent.Width, 1e-12);
        double height = Math.Max(extent.Height, 1e-12);
        int target = (int)Math.Min((long)itemCount * BucketsPerGrid, MaxBuckets);
        int columns = Math.Clamp((int)Math.Ceiling(Math.Sqrt(target * width / height)), 1, target);
        int rows = Math.Clamp((int)Math.Ceiling((double)target / columns), 1, target);
        double cellWidth = width / columns;
        double cellHeight = height / rows;

        // Cells are queried slightly enlarged, so rounding in the point → cell arithmetic cannot miss a candidate.
        double marginX = cellWidth * 1e-6;
        double marginY = cellHeight * 1e-6;
        int[] start = new int[columns * rows + 1];
        var shapes = new List<int>(target);
        var query = new Envelope();
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                int bucket = row * columns + column;
                double minX = extent.MinX + column * cellWidth;
                double minY = extent.MinY + row * cellHeight;
                query.Init(minX - marginX, minX + cellWidth + marginX, minY - marginY, minY + cellHeight + marginY);
                IList<int> candidates = tree.Query(query);
                if (candidates.Count > MaxBucketCandidates)
                {
                    start[bucket] = ~shapes.Count;
                    continue;
                }

                start[bucket] = shapes.Count;
                shapes.AddRange(candidates);
            }
        }

        start[^1] = shapes.Count;
        return (extent.MinX, extent.MinY, columns / width, rows / height, columns, rows, start, [.. shapes]);
    }

    private static void WriteBox(double[] box, int i, Envelope envelope)
    {
        int o = i * 4;
        box[o] = envelope.MinX;
        box[o + 1] = envelope.MinY;
        box[o + 2] = envelope.MaxX;
        box[o + 3] = envelope.MaxY;
    }

    /// <summary>
    /// A polygon's rings as flat coordinate arrays with its edges bucketed by latitude band: a horizontal ray
    /// from the point can only cross, and the point can only lie on, edges whose latitude span contains it.
    /// </summary>
    private sealed class PreparedShape
    {
        private const int EdgesPerBand = 4;
        private const int MaxBands = 1024;

        private readonly double[] _x;
        private readonly double[] _y;
        private readonly int[] _bandStart;
        private readonly int[] _bandEdges;
        private readonly double _minY;
        private readonly double _maxY;
        private readonly double _bandScale;
        private readonly int _bandCount;

        public PreparedShape(Polygon polygon)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            var edges = new List<int>();
            AddRing(polygon.ExteriorRing, xs, ys, edges);
            for (int h = 0; h < polygon.NumInteriorRings; h++)
            {
                AddRing(polygon.GetInteriorRingN(h), xs, ys, edges);
            }

            _x = [.. xs];
            _y = [.. ys];
            Envelope envelope = polygon.EnvelopeInternal;
            _minY = envelope.MinY;
            _maxY = envelope.MaxY;
            _bandCount = _maxY > _minY ? Math.Clamp(edges.Count / EdgesPerBand, 1, MaxBands) : 1;
            _bandScale = _maxY > _minY ? _bandCount / (_maxY - _minY) : 0;

            int[] counts = new int[_bandCount + 1];
            foreach (int e in edges)
            {
                (int first, int last) = BandRange(e);
                for (int b = first; b <= last; b++)
                {
                    counts[b + 1]++;
                }
            }

            for (int b = 0; b < _bandCount; b++)
            {
                counts[b + 1] += counts[b];
            }

            _bandStart = (int[])counts.Clone();
            _bandEdges = new int[counts[_bandCount]];
            foreach (int e in edges)
            {
                (int first, int last) = BandRange(e);
                for (int b = first; b <= last; b++)
                {
                    _bandEdges[counts[b]++] = e;
                }
            }
        }

        /// <summary>The ray-crossing test of NTS's <c>RayCrossingCounter</c> over the edges of one band.</summary>
        public Location Locate(double px, double py)
        {
            if (py < _minY || py > _maxY)
            {
                return Location.Exterior;
            }

            double[] xs = _x;
            double[] ys = _y;
            int band = BandOf(py);
            int crossings = 0;
            for (int k = _bandStart[band]; k < _bandStart[band + 1]; k++)
            {
                int i = _bandEdges[k];
                double x1 = xs[i];
                double x2 = xs[i + 1];
                if (x1 < px && x2 < px)
                {
                    continue;
                }

                double y1 = ys[i];
                double y2 = ys[i + 1];
                if (px == x2 && py == y2)
                {
                    return Location.Boundary;
                }

                if (y1 == py && y2 == py)
                {
                    if (px >= Math.Min(x1, x2) && px <= Math.Max(x1, x2))
                    {
                        return Location.Boundary;
                    }

                    continue;
                }

                // An upward edge includes its start and excludes its end, a downward one the reverse,
                // so a ray through a vertex is counted once.
                if ((y1 > py && y2 <= py) || (y2 > py && y1 <= py))
                {
                    int orientation = CGAlgorithmsDD.OrientationIndex(x1, y1, x2, y2, px, py);
                    if (orientation == 0)
                    {
                        return Location.Boundary;
                    }

                    if (y2 < y1)
                    {
                        orientation = -orientation;
                    }

                    if (orientation > 0)
                    {
                        crossings++;
                    }
                }
            }

            // Holes lie inside the shell, so odd crossings over all rings is exactly "inside the shell, not in a hole".
            return (crossings & 1) == 1 ? Location.Interior : Location.Exterior;
        }

        private int BandOf(double y)
        {
            int band = (int)((y - _minY) * _bandScale);
            return band < 0 ? 0 : band >= _bandCount ? _bandCount - 1 : band;
        }

        private (int First, int Last) BandRange(int edge)
        {
            double y1 = _y[edge];
            double y2 = _y[edge + 1];
            return (BandOf(Math.Min(y1, y2)), BandOf(Math.Max(y1, y2)));
        }

        private static void AddRing(LineString ring, List<double> xs, List<double> ys, List<int> edges)
        {
            CoordinateSequence sequence = ring.CoordinateSequence;
            int start = xs.Count;
            for (int i = 0; i < sequence.Count; i++)
            {
                xs.Add(sequence.GetX(i));
                ys.Add(sequence.GetY(i));
            }

            // Rings are closed, so edge i runs from point i to point i + 1 within the ring.
            for (int i = start; i < xs.Count - 1; i++)
            {
                edges.Add(i);
            }
        }
    }
}
