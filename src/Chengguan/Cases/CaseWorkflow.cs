using Chengguan.Identity;
using Chengguan.Infrastructure.Workflow;

namespace Chengguan.Cases;

/// <summary>The two routes through one case: the 12345/12319 hotline path and the seven-step grid loop.</summary>
public enum CaseRoute
{
    Hotline,
    Grid,
}

public enum CaseState
{
    // Grid loop (七步闭环)
    Reported,
    Verified,
    Filed,
    Dispatched,
    FedBack,
    Checked,
    Evaluated,

    // Hotline path (3个2)
    Received,
    Accepted,
    OnSite,
    PreliminaryDone,
    Replied,
    Returned,

    // Both
    Handled,
    Closed,
    Suspended,

    // Ends without a result of its own
    Voided,
    Withdrawn,
    Merged,
}

public enum CaseAction
{
    Verify,
    Void,
    File,
    Dispatch,
    Accept,
    CheckIn,
    RecordPreliminary,
    Handle,
    FeedBack,
    Check,
    Rework,
    Close,
    Evaluate,
    Reply,
    SubmitReply,
    ApproveReply,
    RejectReply,
    ReplyReturned,
    Callback,
    Rehandle,
    Return,
    Redeliver,
    Reassign,
    Withdraw,
    RequestExtension,
    ApproveExtension,
    RejectExtension,
    Suspend,
    Resume,
    Supervise,
    Merge,
    Reopen,

    /// <summary>催办: the hotline platform presses an open order; the state stays, the urge is counted.</summary>
    Urge,
}

/// <summary>The case clocks (policy codes are chosen per case: the handling and disposal limits vary).</summary>
public static class CaseClocks
{
    public const string Accept = "accept";
    public const string OnSite = "on-site";
    public const string Preliminary = "preliminary";
    public const string Handling = "handling";
    public const string Disposal = "disposal";
    public const string All = WorkflowClocks.All;
}

/// <summary>
/// One row of the table. <see cref="To"/> null keeps the state (a side path such as 督办);
/// <see cref="ToPrevious"/> returns to the state held before a suspension.
/// </summary>
public sealed record Transition(
    CaseRoute Route,
    CaseState From,
    CaseAction Action,
    CaseState? To,
    bool ToPrevious,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> RequiredFields,
    IReadOnlyList<ClockEffect> Clocks,
    string Timeline) : IWorkflowTransition<CaseState, CaseAction>
{
    public CaseState Target(CaseState current, CaseState? previous) =>
        ToPrevious ? previous ?? throw new InvalidOperationException("A suspended case must know the state it left.") : To ?? current;
}

public enum TransitionVerdict
{
    Allowed,
    InvalidState,
    Forbidden,
}

/// <summary>
/// Every transition of a case in one table: from which states, by which roles, with which required
/// fields, what it does to the clocks and what it writes to the timeline. Nothing else decides
/// whether a move is allowed; an invalid move is answered 409 naming the state and the action.
/// </summary>
public static class CaseWorkflow
{
    private static readonly string[] s_handlers = [Roles.SquadLeader, Roles.Officer, Roles.StreetTeamLeader, Roles.StreetTeamOfficer];
    private static readonly string[] s_acceptors = [.. s_handlers, Roles.Dispatcher];
    private static readonly string[] s_dispatch = [Roles.Dispatcher, Roles.SectionChief];
    // 改派: the dispatcher and the section chief, or the leader of the squad or street team that holds the case
    // (the accepting unit sends on what is not its ground; see HolderOnly).
    private static readonly string[] s_unitLeaders = [Roles.SquadLeader, Roles.StreetTeamLeader];
    private static readonly string[] s_redirect = [.. s_dispatch, .. s_unitLeaders];
    private static readonly string[] s_leaders = [Roles.SquadLeader, Roles.StreetTeamLeader, Roles.SectionChief, Roles.BureauLeader];
    private static readonly string[] s_repliers = [Roles.Dispatcher, Roles.SquadLeader, Roles.StreetTeamLeader, Roles.SectionChief];
    private static readonly string[] s_platform = [Roles.Integration, Roles.Dispatcher];
    private static readonly string[] s_checkers = [Roles.Supervisor, Roles.Dispatcher, Roles.SectionChief];
    private static readonly string[] s_supervisors = [Roles.Supervisor, Roles.SectionChief, Roles.BureauLeader];
    private static readonly string[] s_verifiers = [Roles.Supervisor, Roles.Dispatcher, .. s_handlers];
    private static readonly string[] s_reopeners = [Roles.Dispatcher, Roles.SectionChief, Roles.BureauLeader];

    /// <summary>Roles whose reply needs no further approval.</summary>
    public static readonly string[] ReplyApprovers = s_leaders;

    // A reply leaves only with its quality checklist: facts found, action taken, legal basis, result, contact with the citizen.
    private static readonly string[] s_replyFields =
        ["reply", "checklist.factsFound", "checklist.actionTaken", "checklist.legalBasis", "checklist.result", "checklist.citizenContacted"];

    public static readonly CaseState[] HotlineOpen =
        [CaseState.Received, CaseState.Accepted, CaseState.OnSite, CaseState.PreliminaryDone, CaseState.Handled, CaseState.Replied, CaseState.Returned, CaseState.Suspended];

    public static readonly CaseState[] GridOpen =
        [CaseState.Reported, CaseState.Verified, CaseState.Filed, CaseState.Dispatched, CaseState.Handled, CaseState.FedBack, CaseState.Checked, CaseState.Suspended];

    public static readonly IReadOnlyList<Transition> All = Build();

    private static readonly Dictionary<(CaseRoute, CaseState, CaseAction), Transition> s_index =
        All.ToDictionary(t => (t.Route, t.From, t.Action));

    public static Transition? Find(CaseRoute route, CaseState from, CaseAction action) =>
        s_index.GetValueOrDefault((route, from, action));

    public static TransitionVerdict Check(CaseRoute route, CaseState from, CaseAction action, Func<string, bool> isInRole, out Transition? transition)
    {
        transition = Find(route, from, action);
        if (transition is null)
        {
            return TransitionVerdict.InvalidState;
        }
        return transition.Roles.Any(isInRole) ? TransitionVerdict.Allowed : TransitionVerdict.Forbidden;
    }

    /// <summary>The actions this user may take now: the detail page shows only these buttons.</summary>
    public static IEnumerable<CaseAction> Available(CaseRoute route, CaseState from, Func<string, bool> isInRole) =>
        All.Where(t => t.Route == route && t.From == from && t.Roles.Any(isInRole)).Select(t => t.Action);

    /// <summary>
    /// Whether the user may take this move only on a case their own unit holds: a squad's or street team's leader
    /// redirects (改派) what their unit was sent, not another unit's case they can see on their street; the
    /// dispatcher and the section chief redirect any case in their scope. The door checks the holder
    /// (<see cref="CaseCommands"/>); the rest of the move, clocks included, is the row's, whoever takes it.
    /// </summary>
    public static bool HolderOnly(CaseAction action, Func<string, bool> isInRole) =>
        action == CaseAction.Reassign && !s_dispatch.Any(isInRole) && s_unitLeaders.Any(isInRole);

    public static bool IsOpen(CaseRoute route, CaseState state) =>
        (route == CaseRoute.Hotline ? HotlineOpen : GridOpen).Contains(state);

    private static List<Transition> Build()
    {
        var t = new List<Transition>();
        void Add(CaseRoute route, CaseState[] from, CaseAction action, CaseState? to, string[] roles, string[] fields, ClockEffect[] clocks, string timeline, bool toPrevious = false)
        {
            foreach (CaseState f in from)
            {
                t.Add(new Transition(route, f, action, to, toPrevious, roles, fields, clocks, timeline));
            }
        }
        const CaseRoute H = CaseRoute.Hotline, G = CaseRoute.Grid;
        static ClockEffect C(ClockOp op, string clock) => new(op, clock);

        // Hotline: 派单 → 签收 → 到场 → 初步结果 → 办结 → 答复 → 回访 → 结案, or 不满意 → 重办.
        Add(H, [CaseState.Received], CaseAction.Accept, CaseState.Accepted, s_acceptors, [],
            [C(ClockOp.Stop, CaseClocks.Accept), C(ClockOp.Start, CaseClocks.OnSite), C(ClockOp.Start, CaseClocks.Preliminary)], "签收");
        Add(H, [CaseState.Accepted], CaseAction.CheckIn, CaseState.OnSite, s_handlers, ["location", "photos"],
            [C(ClockOp.Stop, CaseClocks.OnSite)], "到场取证");
        Add(H, [CaseState.OnSite], CaseAction.RecordPreliminary, CaseState.PreliminaryDone, s_handlers, ["result"],
            [C(ClockOp.Stop, CaseClocks.Preliminary)], "反馈初步结果");
        // A consultation can be answered without a visit: the on-site clock is then cancelled, not met.
        Add(H, [CaseState.Accepted, CaseState.OnSite, CaseState.PreliminaryDone], CaseAction.Handle, CaseState.Handled, s_handlers, ["result"],
            [C(ClockOp.Cancel, CaseClocks.OnSite), C(ClockOp.Stop, CaseClocks.Preliminary)], "办结");
        Add(H, [CaseState.Handled], CaseAction.Reply, CaseState.Replied, s_repliers, s_replyFields, [C(ClockOp.Stop, CaseClocks.Handling)], "答复热线");
        // Where the policy asks (complaints and reports by default), a reply leaves only after a leader approves it.
        Add(H, [CaseState.Handled], CaseAction.SubmitReply, null, [.. s_repliers, Roles.Officer, Roles.StreetTeamOfficer], s_replyFields, [], "提交答复待审");
        Add(H, [CaseState.Handled], CaseAction.ApproveReply, CaseState.Replied, s_leaders, [], [C(ClockOp.Stop, CaseClocks.Handling)], "审批答复");
        Add(H, [CaseState.Handled], CaseAction.RejectReply, null, s_leaders, ["reason"], [], "驳回答复");
        Add(H, [CaseState.Replied], CaseAction.ReplyReturned, CaseState.Handled, s_platform, ["reason"],
            [C(ClockOp.Rework, CaseClocks.Handling)], "答复被退回");
        Add(H, [CaseState.Replied], CaseAction.Callback, CaseState.Closed, [.. s_platform, Roles.Supervisor], ["satisfaction", "resolved"], [], "回访");
        Add(H, [CaseState.Replied, CaseState.Closed], CaseAction.Rehandle, CaseState.Accepted, [.. s_platform, Roles.Supervisor], ["satisfaction", "reason"],
            [C(ClockOp.Rework, CaseClocks.Handling)], "不满意重办");
        Add(H, [CaseState.Received, CaseState.Accepted], CaseAction.Return, CaseState.Returned, s_acceptors, ["reason"],
            [C(ClockOp.Cancel, CaseClocks.Accept), C(ClockOp.Cancel, CaseClocks.OnSite), C(ClockOp.Cancel, CaseClocks.Preliminary), C(ClockOp.Pause, CaseClocks.Handling)], "退单");
        Add(H, [CaseState.Returned], CaseAction.Redeliver, CaseState.Received, s_platform, [],
            [C(ClockOp.Start, CaseClocks.Accept), C(ClockOp.Resume, CaseClocks.Handling)], "重新派单");
        // 改派: the 3个2 clocks and the handling limit time the bureau's answer to the citizen, not a unit's, so a
        // redirect changes who answers, not when: the state stays (an accepted order is not accepted twice), every
        // clock runs on (or stays met) and is handed to the new unit (README "Redirecting a case").
        Add(H, [CaseState.Received, CaseState.Accepted, CaseState.OnSite, CaseState.PreliminaryDone], CaseAction.Reassign, null, s_redirect, ["unitId", "reason"],
            [C(ClockOp.Keep, CaseClocks.All)], "改派");
        Add(H, HotlineOpen, CaseAction.Withdraw, CaseState.Withdrawn, s_platform, ["reason"], [C(ClockOp.Cancel, CaseClocks.All)], "撤单");
        Add(H, [CaseState.Closed], CaseAction.Reopen, CaseState.Accepted, s_reopeners, ["reason"], [C(ClockOp.Rework, CaseClocks.Handling)], "重开");
        // The platform presses an open order: counted and told to the unit (outbox "case.urged"), the state stays.
        Add(H, HotlineOpen, CaseAction.Urge, null, [Roles.Integration], ["reason"], [], "催办");

        // Grid loop: 上报 → 核实 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价.
        Add(G, [CaseState.Reported], CaseAction.Verify, CaseState.Verified, s_verifiers, ["result"], [], "核实");
        Add(G, [CaseState.Reported, CaseState.Verified], CaseAction.Void, CaseState.Voided, s_dispatch, ["reason"], [], "作废");
        Add(G, [CaseState.Verified], CaseAction.File, CaseState.Filed, s_dispatch, ["categoryCode"], [], "立案");
        Add(G, [CaseState.Filed], CaseAction.Dispatch, CaseState.Dispatched, s_dispatch, ["unitId"], [C(ClockOp.Start, CaseClocks.Disposal)], "派遣");
        Add(G, [CaseState.Dispatched], CaseAction.Handle, CaseState.Handled, s_handlers, ["result"], [], "处置");
        Add(G, [CaseState.Handled], CaseAction.FeedBack, CaseState.FedBack, s_handlers, ["result"], [C(ClockOp.Stop, CaseClocks.Disposal)], "反馈");
        Add(G, [CaseState.FedBack], CaseAction.Check, CaseState.Checked, s_checkers, ["result"], [], "核查");
        Add(G, [CaseState.FedBack, CaseState.Checked], CaseAction.Rework, CaseState.Dispatched, s_checkers, ["reason"], [C(ClockOp.Rework, CaseClocks.Disposal)], "返工");
        Add(G, [CaseState.Checked], CaseAction.Close, CaseState.Closed, s_dispatch, [], [], "结案");
        Add(G, [CaseState.Closed], CaseAction.Evaluate, CaseState.Evaluated, [.. s_checkers, Roles.BureauLeader], ["rating"], [], "评价");
        Add(G, [CaseState.Dispatched], CaseAction.Return, CaseState.Filed, s_handlers, ["reason"], [C(ClockOp.Cancel, CaseClocks.Disposal)], "退回派遣");
        Add(G, [CaseState.Dispatched], CaseAction.Reassign, CaseState.Dispatched, s_redirect, ["unitId", "reason"], [C(ClockOp.Keep, CaseClocks.All)], "改派");
        Add(G, [CaseState.Closed, CaseState.Evaluated], CaseAction.Reopen, CaseState.Dispatched, s_reopeners, ["reason"], [C(ClockOp.Rework, CaseClocks.Disposal)], "重开");

        // Side paths on both routes.
        foreach ((CaseRoute route, CaseState[] handling, CaseState[] suspendable, CaseState[] mergeable, string clock) in new[]
        {
            (H, new[] { CaseState.Accepted, CaseState.OnSite, CaseState.PreliminaryDone }, new[] { CaseState.Accepted, CaseState.OnSite, CaseState.PreliminaryDone, CaseState.Handled },
                new[] { CaseState.Received, CaseState.Accepted }, CaseClocks.Handling),
            (G, new[] { CaseState.Dispatched }, new[] { CaseState.Filed, CaseState.Dispatched, CaseState.Handled },
                new[] { CaseState.Reported, CaseState.Verified, CaseState.Filed }, CaseClocks.Disposal),
        })
        {
            Add(route, handling, CaseAction.RequestExtension, null, s_handlers, ["amount", "reason"], [], "申请延期");
            Add(route, handling, CaseAction.ApproveExtension, null, s_leaders, [], [C(ClockOp.Extend, clock)], "批准延期");
            Add(route, handling, CaseAction.RejectExtension, null, s_leaders, ["reason"], [], "驳回延期");
            Add(route, suspendable, CaseAction.Suspend, CaseState.Suspended, s_leaders, ["reason"], [C(ClockOp.Pause, CaseClocks.All)], "挂起");
            Add(route, [CaseState.Suspended], CaseAction.Resume, null, s_leaders, [], [C(ClockOp.Resume, CaseClocks.All)], "恢复", toPrevious: true);
            Add(route, route == H ? HotlineOpen : GridOpen, CaseAction.Supervise, null, s_supervisors, ["deadline", "note"], [], "督办");
            Add(route, mergeable, CaseAction.Merge, CaseState.Merged, s_dispatch, ["parentId"], [C(ClockOp.Cancel, CaseClocks.All)], "合并");
        }
        return t;
    }
}
