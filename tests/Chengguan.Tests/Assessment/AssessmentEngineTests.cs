using Chengguan.Assessment;

namespace Chengguan.Tests.Assessment;

/// <summary>The engine over one kind: computed, manual and corrected values, ranking across peers, capped adjustments, totals, bands and ranks.</summary>
public sealed class AssessmentEngineTests
{
    private static readonly SchemeItem OnTime = new("on-time-closure", "按期结案率", "kpis", Direction.HigherBetter, ScoringMethod.Linear, 50, 0.8m, 1m);
    private static readonly SchemeItem Proactive = new("proactive-discovery", "主动发现率", "kpis", Direction.HigherBetter, ScoringMethod.Ranking, 30);
    private static readonly SchemeItem Team = new("team-building", "队伍建设", SchemeItem.Manual, Direction.HigherBetter, ScoringMethod.Linear, 20, 0, 100);

    [Fact]
    public void Scores_a_kind_from_figures_manual_scores_corrections_and_adjustments()
    {
        Subject a = new(Guid.NewGuid(), "甲中队", AssessedKind.Squad, null), b = new(Guid.NewGuid(), "乙中队", AssessedKind.Squad, null), c = new(Guid.NewGuid(), "丙中队", AssessedKind.Squad, null);
        var figures = new Dictionary<string, Dictionary<Guid, Figure>>
        {
            [OnTime.Code] = new() { [a.Id] = new Figure(0.9m, 9, 10, "/x"), [b.Id] = new Figure(1m, 5, 5), [c.Id] = new Figure(0.5m, 1, 2) },
            [Proactive.Code] = new() { [a.Id] = new Figure(0.4m), [b.Id] = new Figure(0.4m), [c.Id] = new Figure(0.1m) },
        };
        var manual = new Dictionary<(Guid, string), ManualEvidence> { [(a.Id, Team.Code)] = new(80, "张科长", "队伍建设台账齐全", null, DateTimeOffset.UnixEpoch) };
        var corrections = new Dictionary<(Guid, string), decimal> { [(c.Id, OnTime.Code)] = 0.9m };
        var adjustments = new Dictionary<Guid, List<AdjustmentLine>>
        {
            [a.Id] = [new(Guid.NewGuid(), 3, "市级表彰", "局长", DateTimeOffset.UnixEpoch), new(Guid.NewGuid(), 4, "省级表彰", "局长", DateTimeOffset.UnixEpoch)],
            [b.Id] = [new(Guid.NewGuid(), -2, "被媒体曝光", "局长", DateTimeOffset.UnixEpoch)],
        };

        List<SubjectResult> results = AssessmentEngine.Score(new KindInputs(AssessedKind.Squad, [OnTime, Proactive, Team], Bands.Default, 5, 10,
            [a, b, c], figures, manual, corrections, adjustments));

        SubjectResult ra = results.Single(r => r.SubjectId == a.Id), rb = results.Single(r => r.SubjectId == b.Id), rc = results.Single(r => r.SubjectId == c.Id);
        // 甲: 25 (0.9 halfway) + 30 (rank 1 of 3, tied) + 16 (80 of 100 × 20) + 5 (3 + 4 capped at 5) = 76.
        Assert.Equal([25m, 30m, 16m], ra.Lines.Select(l => l.Points));
        Assert.Equal((1, 3), (ra.Lines[1].Rank!.Value, ra.Lines[1].Ranked!.Value));
        Assert.Equal((9m, 10m, "/x"), (ra.Lines[0].Numerator!.Value, ra.Lines[0].Denominator!.Value, ra.Lines[0].Link!));
        Assert.Equal("张科长", ra.Lines[2].Manual!.Assessor);
        Assert.Equal((5m, 0m, 76m, "合格"), (ra.Bonus, ra.Deduction, ra.Total, ra.Band));
        // 乙: 50 + 30 (tied first) + 20 (not scored yet: full) − 2 = 98.
        Assert.Equal(98m, rb.Total);
        Assert.Equal(AssessmentEngine.NotScored, rb.Lines[2].Note);
        // 丙: corrected to 0.9 → 25, rank 3 of 3 → 10, not scored → 20: 55.
        Assert.True(rc.Lines[0].Corrected);
        Assert.Equal(0.9m, rc.Lines[0].Value);
        Assert.Equal((55m, "不合格"), (rc.Total, rc.Band));
        Assert.Equal([b.Id, a.Id, c.Id], results.Select(r => r.SubjectId));
        Assert.Equal([1, 2, 3], results.Select(r => r.Rank));
    }

    [Fact]
    public void A_subject_with_nothing_to_count_loses_nothing_and_equal_totals_share_a_rank()
    {
        Subject a = new(Guid.NewGuid(), "甲", AssessedKind.Section, null), b = new(Guid.NewGuid(), "乙", AssessedKind.Section, null);
        List<SubjectResult> results = AssessmentEngine.Score(new KindInputs(AssessedKind.Section, [OnTime with { Weight = 100 }], Bands.Default, 5, 10,
            [a, b], new Dictionary<string, Dictionary<Guid, Figure>>(), new Dictionary<(Guid, string), ManualEvidence>(),
            new Dictionary<(Guid, string), decimal>(), new Dictionary<Guid, List<AdjustmentLine>>()));
        Assert.All(results, r => Assert.Equal((100m, "优秀", 1, AssessmentEngine.NoData), (r.Total, r.Band, r.Rank, r.Lines[0].Note)));
    }
}
