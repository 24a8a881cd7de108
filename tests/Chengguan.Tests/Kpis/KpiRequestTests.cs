using Chengguan.Infrastructure;
using Chengguan.Kpis;
using Microsoft.AspNetCore.Http;

namespace Chengguan.Tests.Kpis;

public sealed class KpiRequestTests
{
    private static readonly TimeZoneInfo s_shanghai = ShanghaiTime.Zone;

    // 2031-05-31 20:00 UTC is already 1 June in Shanghai.
    private static readonly DateTimeOffset s_now = new(2031, 5, 31, 20, 0, 0, TimeSpan.Zero);

    private static KpiRequest Parse(string query) =>
        KpiRequest.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), s_now, s_shanghai);

    [Fact]
    public void The_period_defaults_to_the_current_month_in_shanghai()
    {
        KpiRequest r = Parse("");
        Assert.False(r.Errors.Any);
        Assert.Equal((new DateOnly(2031, 6, 1), new DateOnly(2031, 6, 30)), (r.Period.From, r.Period.To));
        Assert.Equal(new DateTimeOffset(2031, 5, 31, 16, 0, 0, TimeSpan.Zero), r.Period.Start);
        Assert.Equal(new DateTimeOffset(2031, 6, 30, 16, 0, 0, TimeSpan.Zero), r.Period.End);
        Assert.Equal((KpiGrouping.Street, KpiPart.Denominator, 50, Kpi.DefaultSort), (r.GroupBy, r.Part, r.Limit, r.Sort.Code));
        Assert.Null(r.Street);
        Assert.Null(r.After);
    }

    [Fact]
    public void Dates_are_whole_days_with_the_end_day_included()
    {
        KpiRequest r = Parse("from=2031-05-12&to=2031-05-12&groupBy=UNIT&part=numerator&sort=rework&limit=200");
        Assert.False(r.Errors.Any);
        Assert.Equal(new DateTimeOffset(2031, 5, 11, 16, 0, 0, TimeSpan.Zero), r.Period.Start);
        Assert.Equal(new DateTimeOffset(2031, 5, 12, 16, 0, 0, TimeSpan.Zero), r.Period.End);
        Assert.Equal((KpiGrouping.Unit, KpiPart.Numerator, 200, Kpi.Rework), (r.GroupBy, r.Part, r.Limit, r.Sort.Code));
        Assert.False(Parse("from=2031-01-01&to=2031-12-31").Errors.Any);
    }

    [Theory]
    [InlineData("from=2031-05-01", "to")]
    [InlineData("to=2031-05-01", "from")]
    [InlineData("from=2031/05/01&to=2031-05-31", "from")]
    [InlineData("from=2031-05-01&to=yesterday", "to")]
    [InlineData("from=2031-05-01T00:00:00&to=2031-05-31", "from")]
    [InlineData("from=2031-02-30&to=2031-03-01", "from")]
    [InlineData("from=2031-05-31&to=2031-05-01", "to")]
    [InlineData("from=2031-01-01&to=2032-01-01", "to")]
    [InlineData("groupBy=grid", "groupBy")]
    [InlineData("groupBy=0", "groupBy")]
    [InlineData("groupBy=street,unit", "groupBy")]
    [InlineData("part=both", "part")]
    [InlineData("sort=happiness", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("after=x", "after")]
    [InlineData("after=123_nope", "after")]
    [InlineData("street=jiangning", "street")]
    [InlineData("unit=1", "unit")]
    public void Bad_input_names_the_field(string query, string field)
    {
        KpiRequest r = Parse(query);
        Assert.True(r.Errors.ToDictionary().ContainsKey(field), $"{query}: {string.Join("; ", r.Errors.ToDictionary().Select(kv => kv.Key))}");
        Assert.All(r.Errors.ToDictionary().Values.SelectMany(m => m), m => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", m));
    }

    [Fact]
    public void A_street_or_unit_is_a_guid_or_none_for_cases_without_one()
    {
        Guid id = Guid.NewGuid();
        KpiRequest r = Parse($"street={id}&unit=none&after=638000000000000000_{id}");
        Assert.False(r.Errors.Any);
        Assert.Equal(new KeyFilter(id), r.Street);
        Assert.Equal(new KeyFilter(null), r.Unit);
        Assert.Equal((new DateTimeOffset(638000000000000000, TimeSpan.Zero), id), r.After);
    }

    [Fact]
    public void League_order_ranks_ties_alike_puts_unrated_rows_last_and_reverses_for_rework()
    {
        static KpiRow Row(string name, long closed, long filed, long reworks, long handlings) =>
            new(Guid.NewGuid(), null, name, KpiFormulas.Evaluate(new KpiCounts { Filed = filed, FiledClosed = closed, Reworks = reworks, Handlings = handlings }));
        KpiRow[] rows = [Row("甲", 1, 2, 1, 4), Row("乙", 0, 0, 0, 0), Row("丙", 3, 4, 1, 2), Row("丁", 2, 4, 1, 4), Row("戊", 0, 3, 3, 3)];

        var byClosure = KpiExport.Rank(rows, Kpi.Find(Kpi.Closure)!);
        Assert.Equal(["丙", "甲", "丁", "戊", "乙"], byClosure.Select(x => x.Row.Name));
        Assert.Equal([1, 2, 2, 4, null], byClosure.Select(x => x.Rank));

        var byRework = KpiExport.Rank(rows, Kpi.Find(Kpi.Rework)!);
        Assert.Equal(["甲", "丁", "丙", "戊", "乙"], byRework.Select(x => x.Row.Name));
        Assert.Equal([1, 1, 3, 4, null], byRework.Select(x => x.Rank));
    }

    [Fact]
    public void Export_headers_are_unique_chinese_and_list_each_shared_denominator_once()
    {
        var columns = KpiExport.Columns();
        Assert.Equal(columns.Count, columns.Select(c => c.Header).Distinct().Count());
        Assert.All(columns, c => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}", c.Header));
        Assert.Single(columns, c => c.Header == "立案数");
        Assert.Single(columns, c => c.Header == "回访数");
        Assert.Equal(Kpi.All.Count, columns.Count(c => c.Part is null));
    }
}
