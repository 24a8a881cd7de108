using Chengguan.Overview;

namespace Chengguan.Tests.Overview;

/// <summary>The map's colour classes: quantile breaks over the non-zero counts, zero a class of its own.</summary>
public sealed class MapClassesTests
{
    [Fact]
    public void No_cases_means_no_breaks_and_class_zero()
    {
        Assert.Empty(MapQueries.Breaks([0, 0, 0]));
        Assert.Equal(0, MapQueries.ClassOf(0, []));
    }

    [Fact]
    public void Five_quantile_classes_over_the_non_zero_counts()
    {
        IReadOnlyList<int> breaks = MapQueries.Breaks([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal([2, 4, 6, 8, 10], breaks);
        Assert.Equal(1, MapQueries.ClassOf(1, breaks));
        Assert.Equal(1, MapQueries.ClassOf(2, breaks));
        Assert.Equal(2, MapQueries.ClassOf(3, breaks));
        Assert.Equal(5, MapQueries.ClassOf(10, breaks));
        Assert.Equal(0, MapQueries.ClassOf(0, breaks));
    }

    [Fact]
    public void Repeated_counts_collapse_into_fewer_classes()
    {
        IReadOnlyList<int> breaks = MapQueries.Breaks([1, 1, 1, 1, 1, 1, 9]);
        Assert.Equal([1, 9], breaks);
        Assert.Equal(1, MapQueries.ClassOf(1, breaks));
        Assert.Equal(2, MapQueries.ClassOf(9, breaks));
    }

    [Fact]
    public void A_count_above_the_last_break_takes_the_top_class() =>
        Assert.Equal(3, MapQueries.ClassOf(100, [1, 5, 9]));

    [Fact]
    public void At_most_the_asked_number_of_classes()
    {
        IReadOnlyList<int> breaks = MapQueries.Breaks(Enumerable.Range(1, 1000), classes: 3);
        Assert.Equal(3, breaks.Count);
        Assert.Equal(1000, breaks[^1]);
    }
}
