using System.Reflection;
using Chengguan.Kpis;

namespace Chengguan.Tests.Kpis;

public sealed class KpiFormulasTests
{
    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(0, 5, "0")]
    [InlineData(5, 5, "1")]
    [InlineData(1, 3, "0.3333")]
    [InlineData(2, 3, "0.6667")]
    [InlineData(1, 8, "0.125")]
    [InlineData(4, 9, "0.4444")]
    [InlineData(2, 7, "0.2857")]
    // Half away from zero at the fifth decimal: 0.00005 → 0.0001, 0.00015 → 0.0002, 0.000049999… → 0.
    [InlineData(1, 20_000, "0.0001")]
    [InlineData(3, 20_000, "0.0002")]
    [InlineData(49_999, 1_000_000_000, "0")]
    [InlineData(99_995, 100_000, "1")]
    [InlineData(99_994, 100_000, "0.9999")]
    [InlineData(3, 2, "1.5")]
    public void Rate_is_the_fraction_rounded_half_away_from_zero_to_four_places_and_null_without_a_denominator(long numerator, long denominator, string? expected)
    {
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), KpiFormulas.Rate(numerator, denominator));
    }

    [Fact]
    public void A_zero_denominator_is_null_for_every_kpi_never_zero_or_nan()
    {
        Assert.All(KpiFormulas.Evaluate(new KpiCounts()), r => Assert.Equal((0L, 0L, (decimal?)null), (r.Numerator, r.Denominator, r.Rate)));
        // Reworks without any handling in the period: the count is kept, the rate is undefined.
        Assert.Equal(new KpiValue(2, 0, null), KpiFormulas.Rework(1, 1, 0));
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Rate(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Rate(1, -3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.OnTime(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.OnTime(1, -3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Closure(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Rework(-1, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Rework(0, -1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Rework(0, 0, -3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Satisfaction(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Satisfaction(1, -3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Resolution(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.ProactiveDiscovery(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.ReplyQuality(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.ReplyQuality(3, -1));
    }

    [Fact]
    public void A_numerator_that_is_part_of_its_denominator_cannot_exceed_it()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Closure(4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Resolution(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.ProactiveDiscovery(10, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.ReplyQuality(1, 2));
        Assert.Equal(new KpiValue(3, 3, 1m), KpiFormulas.Closure(3, 3));
    }

    [Fact]
    public void On_time_rates_count_met_clocks_over_met_and_breached_ones()
    {
        Assert.Equal(new KpiValue(2, 5, 0.4m), KpiFormulas.OnTime(2, 3));
        Assert.Equal(new KpiValue(0, 2, 0m), KpiFormulas.OnTime(0, 2));
        Assert.Equal(new KpiValue(3, 3, 1m), KpiFormulas.OnTime(3, 0));
    }

    [Fact]
    public void Each_rate_has_its_own_numerator_and_denominator()
    {
        Assert.Equal(new KpiValue(4, 9, 0.4444m), KpiFormulas.Closure(4, 9));
        Assert.Equal(new KpiValue(3, 9, 0.3333m), KpiFormulas.ProactiveDiscovery(3, 9));
        Assert.Equal(new KpiValue(2, 7, 0.2857m), KpiFormulas.Rework(1, 1, 7));
        Assert.Equal(new KpiValue(3, 2, 1.5m), KpiFormulas.Rework(2, 1, 2)); // reworks of earlier handlings can outnumber this period's
        Assert.Equal(new KpiValue(3, 4, 0.75m), KpiFormulas.Satisfaction(3, 1));
        Assert.Equal(new KpiValue(2, 4, 0.5m), KpiFormulas.Resolution(2, 4));
        Assert.Equal(new KpiValue(4, 5, 0.8m), KpiFormulas.ReplyQuality(5, 1));
        Assert.Equal(new KpiValue(0, 2, 0m), KpiFormulas.ReplyQuality(2, 2));
    }

    [Fact]
    public void Evaluate_maps_every_count_to_its_kpi_in_catalogue_order()
    {
        var c = new KpiCounts
        {
            AcceptMet = 2, AcceptBreached = 3, OnSiteMet = 1, OnSiteBreached = 1, PreliminaryMet = 3, PreliminaryBreached = 0,
            ClosureMet = 3, ClosureBreached = 3, Filed = 9, FiledClosed = 4, FiledProactive = 3, Handlings = 7, Reworks = 1, Rehandles = 1,
            CallbacksSatisfied = 3, CallbacksDissatisfied = 1, CallbacksResolved = 2, Replies = 5, RepliesReturned = 1,
        };
        IReadOnlyList<KpiResult> all = KpiFormulas.Evaluate(c);
        Assert.Equal(Kpi.All.Select(d => (d.Code, d.Name)), all.Select(r => (r.Kpi, r.Name)));
        Assert.Equal(
            [(2L, 5L, 0.4m), (1, 2, 0.5m), (3, 3, 1m), (3, 6, 0.5m), (4, 9, 0.4444m), (3, 9, 0.3333m), (2, 7, 0.2857m), (3, 4, 0.75m), (2, 4, 0.5m), (4, 5, 0.8m)],
            all.Select(r => (r.Numerator, r.Denominator, r.Rate!.Value)));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Of("happiness", c));
    }

    [Fact]
    public void Kpis_that_share_a_denominator_label_share_its_count()
    {
        var random = new Random(20310512);
        for (int i = 0; i < 200; i++)
        {
            var c = new KpiCounts();
            foreach (PropertyInfo p in typeof(KpiCounts).GetProperties())
            {
                p.SetValue(c, (long)random.Next(0, 50));
            }
            (c.FiledClosed, c.FiledProactive) = (Math.Min(c.FiledClosed, c.Filed), Math.Min(c.FiledProactive, c.Filed));
            c.CallbacksResolved = Math.Min(c.CallbacksResolved, c.CallbacksSatisfied + c.CallbacksDissatisfied);
            c.RepliesReturned = Math.Min(c.RepliesReturned, c.Replies);
            IReadOnlyList<KpiResult> all = KpiFormulas.Evaluate(c);
            foreach (var shared in Kpi.All.GroupBy(d => d.DenominatorLabel))
            {
                Assert.Single(shared.Select(d => all.Single(r => r.Kpi == d.Code).Denominator).Distinct());
            }
        }
    }

    [Fact]
    public void Clock_and_timeline_counts_land_in_their_own_fields()
    {
        var c = new KpiCounts();
        c.AddClocks(Kpi.OnTimeAccept, 2, 3);
        c.AddClocks(Kpi.OnTimeOnSite, 1, 1);
        c.AddClocks(Kpi.OnTimePreliminary, 3, 0);
        c.AddClocks(Kpi.OnTimeClosure, 2, 1);
        c.AddClocks(Kpi.OnTimeClosure, 1, 2); // handling and disposal kinds add up
        c.AddEvents("Handle", 7, 0);
        c.AddEvents("Rework", 1, 0);
        c.AddEvents("Rehandle", 1, 0);
        c.AddEvents("Callback", 3, 2);
        c.AddEvents("Reply", 5, 0);
        c.AddEvents("Urge", 9, 9); // not a KPI line
        Assert.Equal((2L, 3L, 1L, 1L, 3L, 0L, 3L, 3L), (c.AcceptMet, c.AcceptBreached, c.OnSiteMet, c.OnSiteBreached, c.PreliminaryMet, c.PreliminaryBreached, c.ClosureMet, c.ClosureBreached));
        Assert.Equal((7L, 1L, 1L, 3L, 1L, 2L, 5L), (c.Handlings, c.Reworks, c.Rehandles, c.CallbacksSatisfied, c.CallbacksDissatisfied, c.CallbacksResolved, c.Replies));
        Assert.Equal(new KpiValue(2, 7, 0.2857m), KpiFormulas.Of(Kpi.Rework, c));
        Assert.Equal(new KpiValue(3, 4, 0.75m), KpiFormulas.Of(Kpi.Satisfaction, c));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.AddClocks(Kpi.Closure, 1, 1));
    }

    [Fact]
    public void Adding_counts_sums_every_field()
    {
        var a = new KpiCounts();
        var b = new KpiCounts();
        PropertyInfo[] props = typeof(KpiCounts).GetProperties();
        for (int i = 0; i < props.Length; i++)
        {
            props[i].SetValue(a, (long)i + 1);
            props[i].SetValue(b, 100L * (i + 1));
        }
        a.Add(b);
        Assert.All(props.Select((p, i) => ((long)p.GetValue(a)!, 101L * (i + 1))), x => Assert.Equal(x.Item2, x.Item1));
    }

    [Fact]
    public void The_catalogue_has_unique_codes_and_lower_is_better_only_for_rework()
    {
        Assert.Equal(10, Kpi.All.Select(d => d.Code).Distinct().Count());
        Assert.Equal([Kpi.Rework], Kpi.All.Where(d => !d.HigherIsBetter).Select(d => d.Code));
        Assert.Same(Kpi.Find("closure"), Kpi.Find("CLOSURE"));
        Assert.Null(Kpi.Find("nope"));
    }
}
