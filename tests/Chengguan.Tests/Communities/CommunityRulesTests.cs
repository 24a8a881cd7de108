using Chengguan.Communities;

namespace Chengguan.Tests.Communities;

public sealed class CommunityRulesTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid(), P = Guid.NewGuid(), Q = Guid.NewGuid();
    private static readonly Guid S1 = Guid.NewGuid(), S2 = Guid.NewGuid();

    [Fact]
    public void A_committee_with_only_a_deputy_is_uncovered()
    {
        List<Guid> uncovered = CommunityRules.Uncovered([A, B, C], [new(A, P, LiaisonRole.Liaison), new(B, Q, LiaisonRole.Deputy)]);
        Assert.Equal([B, C], uncovered);
    }

    [Fact]
    public void An_officer_is_overloaded_above_the_maximum_counting_liaison_rows_only()
    {
        ActiveLiaison[] active = [new(A, P, LiaisonRole.Liaison), new(B, P, LiaisonRole.Liaison), new(C, P, LiaisonRole.Liaison), new(D, P, LiaisonRole.Deputy), new(D, Q, LiaisonRole.Liaison)];
        Assert.Empty(CommunityRules.Overloaded(active, 3));
        var over = Assert.Single(CommunityRules.Overloaded(active, 2));
        Assert.Equal(P, over.PersonId);
        Assert.Equal([A, B, C], over.Committees);
    }

    [Fact]
    public void A_change_must_name_the_active_row_and_cannot_start_before_it()
    {
        Guid row = Guid.NewGuid();
        DateOnly from = new(2026, 3, 1);
        Assert.Null(CommunityRules.AssignRefusal(null, null, null, from));
        Assert.NotNull(CommunityRules.AssignRefusal(null, null, row, from));
        Assert.NotNull(CommunityRules.AssignRefusal(row, from, null, from));
        Assert.NotNull(CommunityRules.AssignRefusal(row, from, Guid.NewGuid(), from));
        Assert.NotNull(CommunityRules.AssignRefusal(row, from, row, from.AddDays(-1)));
        Assert.Null(CommunityRules.AssignRefusal(row, from, row, from));
    }

    [Fact]
    public void Norms_count_visits_per_committee_and_month_and_enforcement_beside_them()
    {
        CommitteeKey[] committees = [new(A, S1), new(B, S1), new(C, S2)];
        VisitCount[] visits =
        [
            new(A, VisitKind.Visit, new(2026, 10, 3)), new(A, VisitKind.Visit, new(2026, 10, 20)),
            new(B, VisitKind.Enforcement, new(2026, 10, 5)), new(B, VisitKind.Visit, new(2026, 11, 1)),
            new(C, VisitKind.Visit, new(2026, 11, 30)),
        ];
        List<MonthNorm> norms = CommunityRules.Norms(committees, visits, new(2026, 10, 1), new(2026, 11, 1), required: 1);
        MonthNorm s1Oct = norms.Single(n => n.StreetId == S1 && n.Month == "2026-10");
        Assert.Equal((2, 1, 2, 1), (s1Oct.Committees, s1Oct.CommitteesMeetingNorm, s1Oct.Visits, s1Oct.Enforcements));
        Assert.Equal(0.5, s1Oct.Coverage);
        Assert.Equal(1.0, norms.Single(n => n.StreetId == S2 && n.Month == "2026-11").Coverage);
        Assert.Equal(0.0, norms.Single(n => n.StreetId == S2 && n.Month == "2026-10").Coverage);
        Assert.Equal(4, norms.Count);

        List<MonthNorm> twice = CommunityRules.Norms(committees, visits, new(2026, 10, 1), new(2026, 10, 1), required: 2);
        Assert.Equal(1, twice.Single(n => n.StreetId == S1).CommitteesMeetingNorm);
        Assert.Equal(0, twice.Single(n => n.StreetId == S2).CommitteesMeetingNorm);
    }

    [Fact]
    public void The_loop_closes_when_every_problem_has_an_answered_case()
    {
        Assert.True(CommunityRules.LoopClosed([]));
        Assert.False(CommunityRules.LoopClosed([(true, true), (false, false)]));
        Assert.False(CommunityRules.LoopClosed([(true, true), (true, false)]));
        Assert.True(CommunityRules.LoopClosed([(true, true), (true, true)]));
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026-1", false)]
    [InlineData("november", false)]
    public void Months_are_yyyy_MM(string month, bool valid) => Assert.Equal(valid, CommunityRules.ParseMonth(month) is not null);
}
