using Chengguan.Demolition;
using Chengguan.Demolition.Areas;
using NetTopologySuite.Geometries;

namespace Chengguan.Tests.Demolition.Areas;

public sealed class AreaRulesTests
{
    private static readonly DateTimeOffset s_done = new(2031, 5, 1, 2, 0, 0, TimeSpan.Zero);

    // A 0.01° square near 彭浦镇 (about 1 km × 1.1 km).
    private static readonly Polygon s_outline = DemolitionGeometry.Factory.CreatePolygon(
        [new(121.44, 31.30), new(121.45, 31.30), new(121.45, 31.31), new(121.44, 31.31), new(121.44, 31.30)]);

    [Theory]
    [InlineData(ProblemState.Open, ProblemAction.Start, ProblemState.Rectifying)]
    [InlineData(ProblemState.Open, ProblemAction.Rectify, ProblemState.Rectified)]
    [InlineData(ProblemState.Rectifying, ProblemAction.Rectify, ProblemState.Rectified)]
    [InlineData(ProblemState.Rectified, ProblemAction.Reopen, ProblemState.Reopened)]
    [InlineData(ProblemState.Reopened, ProblemAction.Start, ProblemState.Rectifying)]
    [InlineData(ProblemState.Reopened, ProblemAction.Rectify, ProblemState.Rectified)]
    public void Allowed_moves_lead_to_the_next_state(ProblemState from, ProblemAction action, ProblemState to) => Assert.Equal(to, AreaRules.Next(from, action));

    [Fact]
    public void Every_other_move_is_refused()
    {
        var allowed = new HashSet<(ProblemState, ProblemAction)>
        {
            (ProblemState.Open, ProblemAction.Start), (ProblemState.Open, ProblemAction.Rectify), (ProblemState.Rectifying, ProblemAction.Rectify),
            (ProblemState.Rectified, ProblemAction.Reopen), (ProblemState.Reopened, ProblemAction.Start), (ProblemState.Reopened, ProblemAction.Rectify),
        };
        foreach (ProblemState s in Enum.GetValues<ProblemState>())
        {
            foreach (ProblemAction a in Enum.GetValues<ProblemAction>())
            {
                Assert.Equal(allowed.Contains((s, a)), AreaRules.Next(s, a) is not null);
            }
        }
    }

    [Fact]
    public void Before_completion_an_area_is_planned_until_work_starts_then_remediating()
    {
        DateTimeOffset now = s_done;
        Assert.Equal(AreaStatus.Planned, AreaRules.Status([], null, 0, 90, now));
        Assert.Equal(AreaStatus.Planned, AreaRules.Status([ProblemState.Open, ProblemState.Open], null, 0, 90, now));
        Assert.Equal(AreaStatus.Remediating, AreaRules.Status([ProblemState.Open, ProblemState.Rectifying], null, 0, 90, now));
        Assert.Equal(AreaStatus.Remediating, AreaRules.Status([ProblemState.Open, ProblemState.Rectified], null, 0, 90, now));
        Assert.False(AreaRules.AllRectified([]));
        Assert.True(AreaRules.AllRectified([ProblemState.Rectified, ProblemState.Rectified]));
    }

    [Fact]
    public void A_completed_area_is_consolidated_only_after_the_whole_period_without_rebound()
    {
        ProblemState[] done = [ProblemState.Rectified, ProblemState.Rectified];
        Assert.Equal(AreaStatus.Completed, AreaRules.Status(done, s_done, 0, 90, s_done.AddDays(89.9)));
        Assert.Equal(AreaStatus.Consolidated, AreaRules.Status(done, s_done, 0, 90, s_done.AddDays(90)));
        Assert.Equal(AreaStatus.Rebounded, AreaRules.Status(done, s_done, 1, 90, s_done.AddDays(120)));
        Assert.Equal(AreaStatus.Rebounded, AreaRules.Status([ProblemState.Rectified, ProblemState.Reopened], s_done, 0, 90, s_done.AddDays(10)));
        Assert.Equal(AreaStatus.Rebounded, AreaRules.Status([ProblemState.Rectified, ProblemState.Open], s_done, 0, 90, s_done.AddDays(10)));
    }

    [Fact]
    public void The_rebound_window_runs_from_completion_for_the_period_cut_at_now()
    {
        Assert.Equal((s_done, s_done.AddDays(10)), AreaRules.ReboundWindow(s_done, 90, s_done.AddDays(10)));
        Assert.Equal((s_done, s_done.AddDays(90)), AreaRules.ReboundWindow(s_done, 90, s_done.AddDays(200)));
    }

    [Fact]
    public void Rebound_cases_are_those_inside_the_outline_and_the_window_of_a_watched_category()
    {
        DateTimeOffset from = s_done, to = s_done.AddDays(90);
        CasePoint inside = new(Guid.NewGuid(), "A", 121.445, 31.305, s_done.AddDays(5), "0101"),
            edge = new(Guid.NewGuid(), "B", 121.45, 31.305, s_done.AddDays(6), "0502"),
            outside = new(Guid.NewGuid(), "C", 121.46, 31.305, s_done.AddDays(5), "0101"),
            before = new(Guid.NewGuid(), "D", 121.445, 31.305, s_done.AddDays(-1), "0101"),
            atCompletion = new(Guid.NewGuid(), "E", 121.445, 31.305, s_done, "0101"),
            after = new(Guid.NewGuid(), "F", 121.445, 31.305, s_done.AddDays(91), "0101"),
            uncategorised = new(Guid.NewGuid(), "G", 121.441, 31.301, s_done.AddDays(7), null);
        CasePoint[] all = [inside, edge, outside, before, atCompletion, after, uncategorised];
        Assert.Equal(["A", "B", "G"], AreaRules.ReboundCases(s_outline, all, from, to, []).Select(c => c.Number));
        Assert.Equal(["A"], AreaRules.ReboundCases(s_outline, all, from, to, ["01"]).Select(c => c.Number));
    }
}
