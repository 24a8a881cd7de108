using Chengguan.Demolition;
using Chengguan.Identity;
using S = Chengguan.Demolition.DemolitionState;
using A = Chengguan.Demolition.DemolitionAction;

namespace Chengguan.Tests.Demolition;

public sealed class DemolitionWorkflowTests
{
    private static readonly S[] s_pending = [S.Identified, S.Ordered, S.Hearing, S.Demanded, S.Decided, S.AppealWindow];

    /// <summary>The procedure written out independently of the table: (from, action) → target; absent = invalid (409).</summary>
    private static readonly Dictionary<(S, A), S> s_expected = Expected();

    private static Dictionary<(S, A), S> Expected()
    {
        var e = new Dictionary<(S, A), S>
        {
            [(S.Identified, A.IssueOrder)] = S.Ordered,
            [(S.Ordered, A.NotifyHearing)] = S.Hearing,
            [(S.Hearing, A.IssueDemand)] = S.Demanded,
            [(S.Demanded, A.Decide)] = S.Decided,
            [(S.Decided, A.AwaitAppeals)] = S.AppealWindow,
            [(S.AppealWindow, A.ConcludeAppeals)] = S.AppealWindow,
            [(S.AppealWindow, A.ForceDemolish)] = S.Demolished,
            [(S.Demolished, A.Recheck)] = S.Rechecked,
            [(S.Rechecked, A.Close)] = S.Closed,
        };
        foreach (S s in s_pending)
        {
            e[(s, A.RecordSelfDemolition)] = S.Demolished;
            e[(s, A.Revoke)] = S.Withdrawn;
        }
        return e;
    }

    public static TheoryData<S, A> EveryStateAndAction()
    {
        var data = new TheoryData<S, A>();
        foreach (S s in Enum.GetValues<S>())
        {
            foreach (A a in Enum.GetValues<A>())
            {
                data.Add(s, a);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Every_state_and_action_is_allowed_or_refused_as_the_procedure_says(S state, A action)
    {
        DemolitionTransition? t = DemolitionWorkflow.Find(state, action);
        if (s_expected.TryGetValue((state, action), out S target))
        {
            Assert.NotNull(t);
            Assert.Equal(target, t.To ?? state);
            Assert.NotEmpty(t.Roles);
        }
        else
        {
            Assert.Null(t);
        }
    }

    [Fact]
    public void Each_step_against_the_party_waits_for_the_party_s_previous_window()
    {
        Assert.Equal([DemolitionClocks.Order], DemolitionWorkflow.Find(S.Ordered, A.NotifyHearing)!.WaitsFor);
        Assert.Equal([DemolitionClocks.Statement], DemolitionWorkflow.Find(S.Hearing, A.IssueDemand)!.WaitsFor);
        Assert.Equal([DemolitionClocks.Demand], DemolitionWorkflow.Find(S.Demanded, A.Decide)!.WaitsFor);
        Assert.Equal([DemolitionClocks.Notice], DemolitionWorkflow.Find(S.Decided, A.AwaitAppeals)!.WaitsFor);
        Assert.Equal([DemolitionClocks.Reconsideration, DemolitionClocks.Litigation], DemolitionWorkflow.Find(S.AppealWindow, A.ForceDemolish)!.WaitsFor);
        // The party may always comply; nothing waits for that.
        Assert.All(s_pending, s => Assert.Empty(DemolitionWorkflow.Find(s, A.RecordSelfDemolition)!.WaitsFor));
    }

    [Fact]
    public void Forced_demolition_is_decided_only_by_district_leaders_and_the_re_check_not_by_street_officers()
    {
        Assert.Equal([Roles.SectionChief, Roles.BureauLeader], DemolitionWorkflow.Find(S.Demanded, A.Decide)!.Roles);
        Assert.Equal([Roles.SectionChief, Roles.BureauLeader], DemolitionWorkflow.Find(S.AppealWindow, A.ForceDemolish)!.Roles);
        Assert.DoesNotContain(Roles.StreetTeamOfficer, DemolitionWorkflow.Find(S.Demolished, A.Recheck)!.Roles);
        Assert.Equal([A.RecordSelfDemolition], DemolitionWorkflow.Available(S.Identified, r => r == Roles.StreetTeamOfficer));
    }

    [Fact]
    public void Every_step_that_notifies_the_party_produces_its_document()
    {
        Assert.Equal([DocumentKind.OrderNotice], DemolitionWorkflow.Find(S.Identified, A.IssueOrder)!.Documents);
        Assert.Equal([DocumentKind.HearingNotice], DemolitionWorkflow.Find(S.Ordered, A.NotifyHearing)!.Documents);
        Assert.Equal([DocumentKind.DemandNotice], DemolitionWorkflow.Find(S.Hearing, A.IssueDemand)!.Documents);
        Assert.Equal([DocumentKind.ForcedDecision, DocumentKind.PublicNotice], DemolitionWorkflow.Find(S.Demanded, A.Decide)!.Documents);
        Assert.Equal([DocumentKind.RecheckRecord], DemolitionWorkflow.Find(S.Demolished, A.Recheck)!.Documents);
    }

    [Theory]
    [InlineData("demolition.order.15nd", "order")]
    [InlineData("demolition.commitment.3nd", "commitment")]
    [InlineData("disposal.4wh", null)]
    [InlineData("demolition.x", null)]
    public void The_window_is_read_back_from_the_policy_code(string code, string? window) => Assert.Equal(window, DemolitionClocks.WindowOf(code));
}
