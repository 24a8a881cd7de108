using Chengguan.Cases;
using Chengguan.Identity;
using Chengguan.Infrastructure.Workflow;

namespace Chengguan.Tests.Cases;

/// <summary>
/// The transition table against a specification written out by hand: every route × state × action
/// is either one of these lines or refused, and every role is allowed exactly where listed.
/// </summary>
public sealed class CaseWorkflowTests
{
    private const string Handlers = "squad_leader officer street_team_leader street_team_officer";
    private const string Acceptors = Handlers + " dispatcher";
    private const string Dispatch = "dispatcher section_chief";
    private const string Leaders = "squad_leader street_team_leader section_chief bureau_leader";
    private const string Platform = "integration dispatcher";
    private const string Checkers = "supervisor dispatcher section_chief";
    private const string Supervisors = "supervisor section_chief bureau_leader";
    private const string Reopeners = "dispatcher section_chief bureau_leader";
    // 改派: the dispatch roles, or the leader of the squad or street team holding the case (the door checks the holder).
    private const string Redirect = Dispatch + " squad_leader street_team_leader";

    // route from action -> to (= for the same state, ^ for the state before the suspension) | roles
    private static readonly string[] s_spec =
    [
        "Hotline Received Accept -> Accepted | " + Acceptors,
        "Hotline Accepted CheckIn -> OnSite | " + Handlers,
        "Hotline OnSite RecordPreliminary -> PreliminaryDone | " + Handlers,
        "Hotline Accepted Handle -> Handled | " + Handlers,
        "Hotline OnSite Handle -> Handled | " + Handlers,
        "Hotline PreliminaryDone Handle -> Handled | " + Handlers,
        "Hotline Handled Reply -> Replied | dispatcher squad_leader street_team_leader section_chief",
        "Hotline Handled SubmitReply -> = | dispatcher squad_leader street_team_leader section_chief officer street_team_officer",
        "Hotline Handled ApproveReply -> Replied | " + Leaders,
        "Hotline Handled RejectReply -> = | " + Leaders,
        "Hotline Replied ReplyReturned -> Handled | " + Platform,
        "Hotline Replied Callback -> Closed | " + Platform + " supervisor",
        "Hotline Replied Rehandle -> Accepted | " + Platform + " supervisor",
        "Hotline Closed Rehandle -> Accepted | " + Platform + " supervisor",
        "Hotline Received Return -> Returned | " + Acceptors,
        "Hotline Accepted Return -> Returned | " + Acceptors,
        "Hotline Returned Redeliver -> Received | " + Platform,
        "Hotline Received Reassign -> = | " + Redirect,
        "Hotline Accepted Reassign -> = | " + Redirect,
        "Hotline OnSite Reassign -> = | " + Redirect,
        "Hotline PreliminaryDone Reassign -> = | " + Redirect,
        "Hotline Received Withdraw -> Withdrawn | " + Platform,
        "Hotline Accepted Withdraw -> Withdrawn | " + Platform,
        "Hotline OnSite Withdraw -> Withdrawn | " + Platform,
        "Hotline PreliminaryDone Withdraw -> Withdrawn | " + Platform,
        "Hotline Handled Withdraw -> Withdrawn | " + Platform,
        "Hotline Replied Withdraw -> Withdrawn | " + Platform,
        "Hotline Returned Withdraw -> Withdrawn | " + Platform,
        "Hotline Suspended Withdraw -> Withdrawn | " + Platform,
        "Hotline Closed Reopen -> Accepted | " + Reopeners,
        "Hotline Received Urge -> = | integration",
        "Hotline Accepted Urge -> = | integration",
        "Hotline OnSite Urge -> = | integration",
        "Hotline PreliminaryDone Urge -> = | integration",
        "Hotline Handled Urge -> = | integration",
        "Hotline Replied Urge -> = | integration",
        "Hotline Returned Urge -> = | integration",
        "Hotline Suspended Urge -> = | integration",
        "Hotline Accepted RequestExtension -> = | " + Handlers,
        "Hotline OnSite RequestExtension -> = | " + Handlers,
        "Hotline PreliminaryDone RequestExtension -> = | " + Handlers,
        "Hotline Accepted ApproveExtension -> = | " + Leaders,
        "Hotline OnSite ApproveExtension -> = | " + Leaders,
        "Hotline PreliminaryDone ApproveExtension -> = | " + Leaders,
        "Hotline Accepted RejectExtension -> = | " + Leaders,
        "Hotline OnSite RejectExtension -> = | " + Leaders,
        "Hotline PreliminaryDone RejectExtension -> = | " + Leaders,
        "Hotline Accepted Suspend -> Suspended | " + Leaders,
        "Hotline OnSite Suspend -> Suspended | " + Leaders,
        "Hotline PreliminaryDone Suspend -> Suspended | " + Leaders,
        "Hotline Handled Suspend -> Suspended | " + Leaders,
        "Hotline Suspended Resume -> ^ | " + Leaders,
        "Hotline Received Supervise -> = | " + Supervisors,
        "Hotline Accepted Supervise -> = | " + Supervisors,
        "Hotline OnSite Supervise -> = | " + Supervisors,
        "Hotline PreliminaryDone Supervise -> = | " + Supervisors,
        "Hotline Handled Supervise -> = | " + Supervisors,
        "Hotline Replied Supervise -> = | " + Supervisors,
        "Hotline Returned Supervise -> = | " + Supervisors,
        "Hotline Suspended Supervise -> = | " + Supervisors,
        "Hotline Received Merge -> Merged | " + Dispatch,
        "Hotline Accepted Merge -> Merged | " + Dispatch,

        "Grid Reported Verify -> Verified | supervisor dispatcher " + Handlers,
        "Grid Reported Void -> Voided | " + Dispatch,
        "Grid Verified Void -> Voided | " + Dispatch,
        "Grid Verified File -> Filed | " + Dispatch,
        "Grid Filed Dispatch -> Dispatched | " + Dispatch,
        "Grid Dispatched Handle -> Handled | " + Handlers,
        "Grid Handled FeedBack -> FedBack | " + Handlers,
        "Grid FedBack Check -> Checked | " + Checkers,
        "Grid FedBack Rework -> Dispatched | " + Checkers,
        "Grid Checked Rework -> Dispatched | " + Checkers,
        "Grid Checked Close -> Closed | " + Dispatch,
        "Grid Closed Evaluate -> Evaluated | " + Checkers + " bureau_leader",
        "Grid Dispatched Return -> Filed | " + Handlers,
        "Grid Dispatched Reassign -> Dispatched | " + Redirect,
        "Grid Closed Reopen -> Dispatched | " + Reopeners,
        "Grid Evaluated Reopen -> Dispatched | " + Reopeners,
        "Grid Dispatched RequestExtension -> = | " + Handlers,
        "Grid Dispatched ApproveExtension -> = | " + Leaders,
        "Grid Dispatched RejectExtension -> = | " + Leaders,
        "Grid Filed Suspend -> Suspended | " + Leaders,
        "Grid Dispatched Suspend -> Suspended | " + Leaders,
        "Grid Handled Suspend -> Suspended | " + Leaders,
        "Grid Suspended Resume -> ^ | " + Leaders,
        "Grid Reported Supervise -> = | " + Supervisors,
        "Grid Verified Supervise -> = | " + Supervisors,
        "Grid Filed Supervise -> = | " + Supervisors,
        "Grid Dispatched Supervise -> = | " + Supervisors,
        "Grid Handled Supervise -> = | " + Supervisors,
        "Grid FedBack Supervise -> = | " + Supervisors,
        "Grid Checked Supervise -> = | " + Supervisors,
        "Grid Suspended Supervise -> = | " + Supervisors,
        "Grid Reported Merge -> Merged | " + Dispatch,
        "Grid Verified Merge -> Merged | " + Dispatch,
        "Grid Filed Merge -> Merged | " + Dispatch,
    ];

    private static readonly Dictionary<(CaseRoute, CaseState, CaseAction), (string To, HashSet<string> Roles)> s_expected = s_spec.ToDictionary(
        line =>
        {
            string[] w = line.Split(' ');
            return (Enum.Parse<CaseRoute>(w[0]), Enum.Parse<CaseState>(w[1]), Enum.Parse<CaseAction>(w[2]));
        },
        line =>
        {
            string[] parts = line.Split(" | ");
            return (parts[0].Split(" -> ")[1], parts[1].Split(' ').ToHashSet());
        });

    public static TheoryData<CaseRoute, CaseState, CaseAction> EveryCombination()
    {
        var data = new TheoryData<CaseRoute, CaseState, CaseAction>();
        foreach (CaseRoute r in Enum.GetValues<CaseRoute>())
        {
            foreach (CaseState s in Enum.GetValues<CaseState>())
            {
                foreach (CaseAction a in Enum.GetValues<CaseAction>())
                {
                    data.Add(r, s, a);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Every_route_state_and_action_is_allowed_exactly_as_specified(CaseRoute route, CaseState state, CaseAction action)
    {
        Transition? t = CaseWorkflow.Find(route, state, action);
        if (!s_expected.TryGetValue((route, state, action), out var expected))
        {
            Assert.Null(t);
            foreach (string role in Roles.All)
            {
                Assert.Equal(TransitionVerdict.InvalidState, CaseWorkflow.Check(route, state, action, r => r == role, out _));
            }
            return;
        }
        Assert.NotNull(t);
        string to = t.ToPrevious ? "^" : t.To is { } s ? s.ToString() : "=";
        Assert.Equal(expected.To, to);
        foreach (string role in Roles.All)
        {
            TransitionVerdict verdict = CaseWorkflow.Check(route, state, action, r => r == role, out _);
            Assert.Equal(expected.Roles.Contains(role) ? TransitionVerdict.Allowed : TransitionVerdict.Forbidden, verdict);
        }
        Assert.False(string.IsNullOrWhiteSpace(t.Timeline));
    }

    [Fact]
    public void The_table_holds_nothing_beyond_the_specification()
    {
        Assert.Equal(s_expected.Count, CaseWorkflow.All.Count);
        Assert.Equal(CaseWorkflow.All.Count, CaseWorkflow.All.Select(t => (t.Route, t.From, t.Action)).Distinct().Count());
    }

    [Fact]
    public void Nobody_acts_on_a_voided_withdrawn_or_merged_case()
    {
        foreach (CaseState end in new[] { CaseState.Voided, CaseState.Withdrawn, CaseState.Merged })
        {
            Assert.DoesNotContain(CaseWorkflow.All, t => t.From == end);
        }
    }

    [Theory]
    [InlineData(CaseRoute.Hotline, CaseState.Received)]
    [InlineData(CaseRoute.Grid, CaseState.Reported)]
    public void Every_open_state_is_reachable_from_intake_and_can_reach_closure(CaseRoute route, CaseState intake)
    {
        CaseState[] open = route == CaseRoute.Hotline ? CaseWorkflow.HotlineOpen : CaseWorkflow.GridOpen;
        HashSet<CaseState> reachable = Reach(route, intake);
        foreach (CaseState s in open)
        {
            Assert.Contains(s, reachable);
            // A suspension resumes into the state it left, which is checked on its own.
            if (s != CaseState.Suspended)
            {
                Assert.Contains(CaseState.Closed, Reach(route, s));
            }
        }
    }

    [Fact]
    public void Side_paths_that_need_a_reason_ask_for_one()
    {
        foreach (Transition t in CaseWorkflow.All.Where(t => t.Action is CaseAction.Return or CaseAction.Void or CaseAction.Withdraw or CaseAction.Suspend
            or CaseAction.Reopen or CaseAction.Rework or CaseAction.Rehandle or CaseAction.RejectExtension or CaseAction.ReplyReturned or CaseAction.Reassign
            or CaseAction.RejectReply))
        {
            Assert.Contains("reason", t.RequiredFields);
        }
        Assert.All(CaseWorkflow.All.Where(t => t.Action == CaseAction.Supervise), t => Assert.Contains("deadline", t.RequiredFields));
        Assert.All(CaseWorkflow.All.Where(t => t.Action == CaseAction.Merge), t => Assert.Contains("parentId", t.RequiredFields));
        Assert.All(CaseWorkflow.All.Where(t => t.Action == CaseAction.CheckIn), t => Assert.Equal(["location", "photos"], t.RequiredFields));
    }

    [Fact]
    public void A_reply_leaves_only_with_the_whole_quality_checklist()
    {
        foreach (CaseAction action in new[] { CaseAction.Reply, CaseAction.SubmitReply })
        {
            Transition reply = CaseWorkflow.Find(CaseRoute.Hotline, CaseState.Handled, action)!;
            Assert.Equal(
                ["reply", "checklist.factsFound", "checklist.actionTaken", "checklist.legalBasis", "checklist.result", "checklist.citizenContacted"],
                reply.RequiredFields);
        }
        Assert.Equal([new ClockEffect(ClockOp.Stop, CaseClocks.Handling)], CaseWorkflow.Find(CaseRoute.Hotline, CaseState.Handled, CaseAction.ApproveReply)!.Clocks);
    }

    [Fact]
    public void The_three_twos_clocks_start_and_stop_where_the_rule_says()
    {
        ClockEffect[] Effects(CaseRoute r, CaseState s, CaseAction a) => [.. CaseWorkflow.Find(r, s, a)!.Clocks];
        Assert.Equal([new(ClockOp.Stop, CaseClocks.Accept), new(ClockOp.Start, CaseClocks.OnSite), new(ClockOp.Start, CaseClocks.Preliminary)],
            Effects(CaseRoute.Hotline, CaseState.Received, CaseAction.Accept));
        Assert.Equal([new ClockEffect(ClockOp.Stop, CaseClocks.OnSite)], Effects(CaseRoute.Hotline, CaseState.Accepted, CaseAction.CheckIn));
        Assert.Equal([new ClockEffect(ClockOp.Stop, CaseClocks.Preliminary)], Effects(CaseRoute.Hotline, CaseState.OnSite, CaseAction.RecordPreliminary));
        Assert.Equal([new ClockEffect(ClockOp.Stop, CaseClocks.Handling)], Effects(CaseRoute.Hotline, CaseState.Handled, CaseAction.Reply));
        // 不满意 reopens handling with a new (or continued, per policy) clock.
        Assert.Equal([new ClockEffect(ClockOp.Rework, CaseClocks.Handling)], Effects(CaseRoute.Hotline, CaseState.Replied, CaseAction.Rehandle));
        // A returned order that the platform sends again gives the unit a fresh 20 minutes.
        Assert.Contains(new ClockEffect(ClockOp.Start, CaseClocks.Accept), Effects(CaseRoute.Hotline, CaseState.Returned, CaseAction.Redeliver));
        Assert.Equal([new ClockEffect(ClockOp.Start, CaseClocks.Disposal)], Effects(CaseRoute.Grid, CaseState.Filed, CaseAction.Dispatch));
        Assert.Equal([new ClockEffect(ClockOp.Stop, CaseClocks.Disposal)], Effects(CaseRoute.Grid, CaseState.Handled, CaseAction.FeedBack));
        Assert.All(CaseWorkflow.All.Where(t => t.Action == CaseAction.Suspend), t => Assert.Equal([new ClockEffect(ClockOp.Pause, CaseClocks.All)], t.Clocks));
        Assert.All(CaseWorkflow.All.Where(t => t.Action == CaseAction.Resume), t => Assert.Equal([new ClockEffect(ClockOp.Resume, CaseClocks.All)], t.Clocks));
    }

    [Fact]
    public void A_redirect_changes_who_answers_not_when_every_clock_runs_on_and_the_state_stays()
    {
        foreach (Transition t in CaseWorkflow.All.Where(t => t.Action == CaseAction.Reassign))
        {
            Assert.Equal([new ClockEffect(ClockOp.Keep, CaseClocks.All)], t.Clocks);
            Assert.Equal(t.From, t.Target(t.From, null));
        }
        // A unit's leader redirects only what their unit holds; the dispatcher and the section chief any case.
        Assert.True(CaseWorkflow.HolderOnly(CaseAction.Reassign, r => r == Roles.SquadLeader));
        Assert.True(CaseWorkflow.HolderOnly(CaseAction.Reassign, r => r == Roles.StreetTeamLeader));
        Assert.False(CaseWorkflow.HolderOnly(CaseAction.Reassign, r => r is Roles.StreetTeamLeader or Roles.Dispatcher));
        Assert.False(CaseWorkflow.HolderOnly(CaseAction.Reassign, r => r == Roles.SectionChief));
        Assert.False(CaseWorkflow.HolderOnly(CaseAction.Accept, r => r == Roles.SquadLeader));
        // Only moves that end the case's business with the unit cancel the 3个2 clocks.
        Assert.Equal([CaseAction.Handle, CaseAction.Return, CaseAction.Withdraw, CaseAction.Merge],
            CaseWorkflow.All.Where(t => t.Route == CaseRoute.Hotline && t.Clocks.Any(c => c.Op == ClockOp.Cancel)).Select(t => t.Action).Distinct().Order());
    }

    [Fact]
    public void Resume_returns_to_the_state_held_before_the_suspension()
    {
        Transition resume = CaseWorkflow.Find(CaseRoute.Grid, CaseState.Suspended, CaseAction.Resume)!;
        Assert.Equal(CaseState.Handled, resume.Target(CaseState.Suspended, CaseState.Handled));
        Assert.Throws<InvalidOperationException>(() => resume.Target(CaseState.Suspended, null));
        Transition supervise = CaseWorkflow.Find(CaseRoute.Grid, CaseState.FedBack, CaseAction.Supervise)!;
        Assert.Equal(CaseState.FedBack, supervise.Target(CaseState.FedBack, null));
    }

    [Fact]
    public void An_officer_sees_only_the_buttons_for_moves_they_may_make()
    {
        Assert.Equal([CaseAction.Accept, CaseAction.Return],
            CaseWorkflow.Available(CaseRoute.Hotline, CaseState.Received, r => r == Roles.Officer).Order());
        Assert.Equal([CaseAction.Supervise], CaseWorkflow.Available(CaseRoute.Hotline, CaseState.Received, r => r == Roles.BureauLeader));
    }

    /// <summary>States reachable from a state, following suspensions back to where they came from.</summary>
    private static HashSet<CaseState> Reach(CaseRoute route, CaseState from)
    {
        var seen = new HashSet<(CaseState, CaseState?)> { (from, null) };
        var queue = new Queue<(CaseState State, CaseState? Before)>([(from, null)]);
        while (queue.TryDequeue(out var item))
        {
            foreach (Transition t in CaseWorkflow.All.Where(t => t.Route == route && t.From == item.State && !(t.ToPrevious && item.Before is null)))
            {
                CaseState next = t.Target(item.State, item.Before);
                CaseState? before = next == CaseState.Suspended ? item.State : next == item.State ? item.Before : null;
                if (seen.Add((next, before)))
                {
                    queue.Enqueue((next, before));
                }
            }
        }
        return [.. seen.Select(p => p.Item1)];
    }
}
