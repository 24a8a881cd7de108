using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Kpis;
using Chengguan.Kpis.Rollups;

namespace Chengguan.Tests.Kpis;

/// <summary>The facts a case adds to the KPI rollups (decision 0012), one rule at a time.</summary>
public sealed class KpiFactsTests
{
    private static readonly Guid Street = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Unit = Guid.Parse("00000000-0000-0000-0000-0000000000b2");

    /// <summary>Shanghai 8 May 2031 at the given hour and minute.</summary>
    private static DateTimeOffset May(int day, int hour, int minute = 0) => new(2031, 5, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static CaseShape Hotline(CaseChannel channel = CaseChannel.Hotline12345, DateTimeOffset? closed = null, Guid? street = null) =>
        new(Guid.NewGuid(), CaseRoute.Hotline, channel, May(8, 23, 59), closed, street ?? Street, Unit);

    private static Dictionary<RollupKey, long> Facts(CaseShape c, ClockShape[]? clocks = null, EventShape[]? events = null)
    {
        var into = new Dictionary<RollupKey, long>();
        KpiFacts.Add(c, clocks ?? [], events ?? [], +1, into);
        return into;
    }

    private static RollupKey Key(int day, KpiMetric metric) => new(new DateOnly(2031, 5, day), Street, Unit, metric);

    [Fact]
    public void A_hotline_case_is_filed_on_the_Shanghai_day_it_was_reported_not_the_UTC_day()
    {
        Dictionary<RollupKey, long> facts = Facts(Hotline());
        Assert.Equal(new Dictionary<RollupKey, long> { [Key(8, KpiMetric.Filed)] = 1 }, facts);
    }

    [Fact]
    public void A_closed_proactive_filing_adds_its_closed_and_proactive_marks_on_the_filing_day()
    {
        Dictionary<RollupKey, long> facts = Facts(Hotline(CaseChannel.Patrol, closed: May(20, 10)));
        Assert.Equal(1, facts[Key(8, KpiMetric.Filed)]);
        Assert.Equal(1, facts[Key(8, KpiMetric.FiledClosed)]);
        Assert.Equal(1, facts[Key(8, KpiMetric.FiledProactive)]);
        Assert.Equal(3, facts.Count);
    }

    [Fact]
    public void A_grid_case_is_filed_by_its_file_line_and_not_before()
    {
        var grid = new CaseShape(Guid.NewGuid(), CaseRoute.Grid, CaseChannel.GridInspector, May(3, 9), null, null, null);
        Assert.Empty(Facts(grid));
        Dictionary<RollupKey, long> facts = Facts(grid, events: [new EventShape(2, nameof(CaseAction.File), May(5, 10), false)]);
        Assert.Equal(new Dictionary<RollupKey, long>
        {
            [new RollupKey(new DateOnly(2031, 5, 5), Guid.Empty, Guid.Empty, KpiMetric.Filed)] = 1,
            [new RollupKey(new DateOnly(2031, 5, 5), Guid.Empty, Guid.Empty, KpiMetric.FiledProactive)] = 1,
        }, facts);
    }

    [Fact]
    public void A_met_clock_counts_on_the_day_it_stopped_a_breached_one_on_the_day_it_was_due_and_an_open_one_not_at_all()
    {
        ClockShape met = new(Guid.NewGuid(), ClockPolicies.HotlineAccept, ClockState.Met, May(9, 0, 10), May(9, 0, 20));
        ClockShape late = new(Guid.NewGuid(), ClockPolicies.HotlineOnSite, ClockState.Breached, May(12, 8), May(10, 9));
        ClockShape swept = new(Guid.NewGuid(), ClockPolicies.HotlinePreliminary, ClockState.Breached, null, May(10, 9));
        ClockShape running = new(Guid.NewGuid(), ClockPolicies.HotlineAccept, ClockState.Running, null, May(1, 9));
        ClockShape paused = new(Guid.NewGuid(), "hotline.handling.normal", ClockState.Paused, May(11, 9), May(11, 10));
        ClockShape cancelled = new(Guid.NewGuid(), "disposal.general", ClockState.Cancelled, May(11, 9), May(11, 10));
        ClockShape other = new(Guid.NewGuid(), "demolition.notice", ClockState.Met, May(11, 9), May(11, 10));
        var c = Hotline() with { Route = CaseRoute.Grid };
        Dictionary<RollupKey, long> facts = Facts(c, [met, late, swept, running, paused, cancelled, other]);
        Assert.Equal(new Dictionary<RollupKey, long> { [Key(9, KpiMetric.AcceptMet)] = 1, [Key(10, KpiMetric.OnSiteBreached)] = 1 }, facts);
    }

    [Theory]
    [InlineData("hotline.handling.normal", KpiMetric.ClosureMet)]
    [InlineData("disposal.general", KpiMetric.ClosureMet)]
    [InlineData(ClockPolicies.HotlinePreliminary, KpiMetric.PreliminaryMet)]
    [InlineData(ClockPolicies.HotlineOnSite, KpiMetric.OnSiteMet)]
    public void Each_clock_kind_counts_in_its_own_kpi(string kind, KpiMetric metric)
    {
        var c = Hotline() with { Route = CaseRoute.Grid };
        Assert.Equal([Key(9, metric)], Facts(c, [new ClockShape(Guid.NewGuid(), kind, ClockState.Met, May(9, 12), May(9, 13))]).Keys);
    }

    [Fact]
    public void Timeline_lines_count_on_their_day_and_resolved_callbacks_count_twice()
    {
        var c = Hotline() with { Route = CaseRoute.Grid };
        Dictionary<RollupKey, long> facts = Facts(c, events:
        [
            new EventShape(1, nameof(CaseAction.Handle), May(9, 10), false),
            new EventShape(2, nameof(CaseAction.Rework), May(9, 11), false),
            new EventShape(3, nameof(CaseAction.Handle), May(10, 10), false),
            new EventShape(4, nameof(CaseAction.Rehandle), May(11, 10), true),
            new EventShape(5, nameof(CaseAction.Callback), May(12, 10), true),
            new EventShape(6, nameof(CaseAction.Accept), May(12, 11), false),
        ]);
        Assert.Equal(new Dictionary<RollupKey, long>
        {
            [Key(9, KpiMetric.Handlings)] = 1, [Key(9, KpiMetric.Reworks)] = 1, [Key(10, KpiMetric.Handlings)] = 1,
            [Key(11, KpiMetric.Rehandles)] = 1, [Key(11, KpiMetric.CallbacksResolved)] = 1,
            [Key(12, KpiMetric.CallbacksSatisfied)] = 1, [Key(12, KpiMetric.CallbacksResolved)] = 1,
        }, facts);
    }

    [Fact]
    public void A_reply_is_returned_on_its_own_day_when_the_next_reply_or_return_is_a_return_and_only_once()
    {
        var c = Hotline() with { Route = CaseRoute.Grid };
        Dictionary<RollupKey, long> facts = Facts(c, events:
        [
            // Out of order on purpose: the timeline's sequence decides.
            new EventShape(4, nameof(CaseAction.ReplyReturned), May(12, 9), false),
            new EventShape(1, nameof(CaseAction.Reply), May(9, 9), false),
            new EventShape(2, nameof(CaseAction.ReplyReturned), May(10, 9), false),
            new EventShape(3, nameof(CaseAction.ReplyReturned), May(10, 10), false),
            new EventShape(5, nameof(CaseAction.Reply), May(13, 9), false),
        ]);
        Assert.Equal(new Dictionary<RollupKey, long>
        {
            [Key(9, KpiMetric.Replies)] = 1, [Key(9, KpiMetric.RepliesReturned)] = 1, [Key(13, KpiMetric.Replies)] = 1,
        }, facts);
    }

    [Fact]
    public void Subtracting_a_case_before_and_adding_it_after_a_redispatch_moves_every_fact_to_the_new_unit()
    {
        CaseShape before = Hotline();
        CaseShape after = before with { UnitId = Guid.Parse("00000000-0000-0000-0000-0000000000c3") };
        ClockShape[] clocks = [new(Guid.NewGuid(), ClockPolicies.HotlineAccept, ClockState.Met, May(9, 0, 10), May(9, 0, 20))];
        var delta = new Dictionary<RollupKey, long>();
        KpiFacts.Add(before, clocks, [], -1, delta);
        KpiFacts.Add(after, clocks, [], +1, delta);
        Assert.Equal(-2, delta.Where(kv => kv.Key.UnitId == Unit).Sum(kv => kv.Value));
        Assert.Equal(2, delta.Where(kv => kv.Key.UnitId == after.UnitId).Sum(kv => kv.Value));
    }

    [Fact]
    public void Every_metric_lands_in_its_own_count_and_a_rehandle_is_also_a_dissatisfied_callback()
    {
        foreach (KpiMetric metric in Enum.GetValues<KpiMetric>())
        {
            var row = new KpiCounts();
            KpiFacts.AddTo(row, metric, 3);
            var values = typeof(KpiCounts).GetProperties().Where(p => p.PropertyType == typeof(long)).Select(p => (p.Name, (long)p.GetValue(row)!)).Where(v => v.Item2 != 0).ToList();
            Assert.Equal(metric == KpiMetric.Rehandles ? 2 : 1, values.Count);
            Assert.All(values, v => Assert.Equal(3, v.Item2));
        }
    }

    [Fact]
    public void Every_account_that_handled_a_case_gets_its_closure_outcome_reworks_and_callbacks_and_only_its_own_handlings()
    {
        ClockShape closure = new(Guid.NewGuid(), "hotline.handling.normal", ClockState.Breached, May(15, 9), May(14, 9));
        ClockShape accept = new(Guid.NewGuid(), ClockPolicies.HotlineAccept, ClockState.Met, May(9, 0, 5), May(9, 0, 20));
        EventShape[] events =
        [
            new(1, nameof(CaseAction.Handle), May(10, 9), false, "a"),
            new(2, nameof(CaseAction.Rework), May(11, 9), false, "leader"),
            new(3, nameof(CaseAction.Handle), May(12, 9), false, "b"),
            new(4, nameof(CaseAction.Callback), May(16, 9), true, "callcentre"),
            new(5, nameof(CaseAction.Handle), May(17, 9), false, null),
        ];
        Assert.Equal(["a", "b"], KpiFacts.Handlers(events));
        var into = new Dictionary<HandlerKey, long>();
        KpiFacts.AddHandlerFacts(KpiFacts.Handlers(events), [closure, accept], events, +1, into);
        HandlerKey K(int day, string actor, KpiMetric m) => new(new DateOnly(2031, 5, day), actor, m);
        Assert.Equal(new Dictionary<HandlerKey, long>
        {
            [K(14, "a", KpiMetric.ClosureBreached)] = 1, [K(14, "b", KpiMetric.ClosureBreached)] = 1,
            [K(10, "a", KpiMetric.Handlings)] = 1, [K(12, "b", KpiMetric.Handlings)] = 1,
            [K(11, "a", KpiMetric.Reworks)] = 1, [K(11, "b", KpiMetric.Reworks)] = 1,
            [K(16, "a", KpiMetric.CallbacksSatisfied)] = 1, [K(16, "b", KpiMetric.CallbacksSatisfied)] = 1,
        }, into);
    }

    [Fact]
    public void A_case_nobody_handled_has_no_handler_facts()
    {
        var into = new Dictionary<HandlerKey, long>();
        EventShape[] events = [new(1, nameof(CaseAction.Callback), May(16, 9), true, "callcentre")];
        KpiFacts.AddHandlerFacts(KpiFacts.Handlers(events), [], events, +1, into);
        Assert.Empty(into);
    }
}
