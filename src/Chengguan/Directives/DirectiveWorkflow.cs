using Chengguan.Identity;
using Chengguan.Infrastructure.Workflow;

namespace Chengguan.Directives;

public enum DirectiveState
{
    /// <summary>待签收: issued, the owner unit has not taken it yet.</summary>
    Issued,

    /// <summary>办理中</summary>
    InProgress,

    /// <summary>申请延期: the owner asked for more time; the clock runs on until it is approved.</summary>
    ExtensionRequested,

    /// <summary>申请销号: the owner reports it done, with evidence.</summary>
    CloseRequested,

    /// <summary>已销号</summary>
    Closed,
}

public enum DirectiveAction
{
    /// <summary>签收</summary>
    Accept,

    /// <summary>申请延期 (days and reason)</summary>
    RequestExtension,

    /// <summary>批准延期: the deadline clock gets the days asked for.</summary>
    ApproveExtension,

    /// <summary>不予延期</summary>
    RejectExtension,

    /// <summary>申请销号 (a summary and evidence)</summary>
    RequestClose,

    /// <summary>退回: back to work, with the reason.</summary>
    Return,

    /// <summary>销号: stops the deadline clock.</summary>
    Close,
}

public sealed record DirectiveTransition(
    DirectiveState From, DirectiveAction Action, DirectiveState To, IReadOnlyList<string> Roles,
    IReadOnlyList<string> RequiredFields, IReadOnlyList<ClockEffect> Clocks, string Timeline) : IWorkflowTransition<DirectiveState, DirectiveAction>
{
    public DirectiveState Target(DirectiveState current, DirectiveState? previous) => To;
}

/// <summary>Every move of a directive in one table (decision 0010); nothing else decides whether a move is allowed.</summary>
public static class DirectiveWorkflow
{
    /// <summary>The deadline's clock (one per directive).</summary>
    public const string Deadline = "deadline";

    /// <summary>Who registers directives (督查 registers the district's, leaders and chiefs the bureau's).</summary>
    public static readonly string[] Issuers = [Roles.BureauLeader, Roles.SectionChief, Roles.Supervisor, Roles.Admin];

    /// <summary>
    /// Who works a directive (a unit's people are further held to directives their unit owns). Bureau leaders are not
    /// among them: they approve, and a leader in charge asking himself for an extension would make no sense.
    /// </summary>
    public static readonly string[] Owners =
        [Roles.StreetTeamLeader, Roles.StreetTeamOfficer, Roles.SquadLeader, Roles.Officer, Roles.SectionChief];

    /// <summary>Who approves an extension, returns and closes (销号).</summary>
    public static readonly string[] Approvers = [Roles.BureauLeader, Roles.Supervisor];

    /// <summary>States in which the directive is still open; its deadline can run out.</summary>
    public static readonly DirectiveState[] Open =
        [DirectiveState.Issued, DirectiveState.InProgress, DirectiveState.ExtensionRequested, DirectiveState.CloseRequested];

    public static readonly IReadOnlyList<DirectiveTransition> All =
    [
        new(DirectiveState.Issued, DirectiveAction.Accept, DirectiveState.InProgress, Owners, [], [], "签收"),
        new(DirectiveState.InProgress, DirectiveAction.RequestExtension, DirectiveState.ExtensionRequested, Owners, ["days", "note"], [], "申请延期"),
        new(DirectiveState.ExtensionRequested, DirectiveAction.ApproveExtension, DirectiveState.InProgress, Approvers, [],
            [new ClockEffect(ClockOp.Extend, Deadline)], "批准延期"),
        new(DirectiveState.ExtensionRequested, DirectiveAction.RejectExtension, DirectiveState.InProgress, Approvers, ["note"], [], "不予延期"),
        new(DirectiveState.InProgress, DirectiveAction.RequestClose, DirectiveState.CloseRequested, Owners, ["note"], [], "申请销号"),
        new(DirectiveState.CloseRequested, DirectiveAction.Return, DirectiveState.InProgress, Approvers, ["note"], [], "退回，继续办理"),
        new(DirectiveState.CloseRequested, DirectiveAction.Close, DirectiveState.Closed, Approvers, [],
            [new ClockEffect(ClockOp.Stop, Deadline)], "销号"),
    ];

    private static readonly Dictionary<(DirectiveState, DirectiveAction), DirectiveTransition> s_index = All.ToDictionary(t => (t.From, t.Action));

    public static DirectiveTransition? Find(DirectiveState from, DirectiveAction action) => s_index.GetValueOrDefault((from, action));

    public static IEnumerable<DirectiveAction> Available(DirectiveState from, Func<string, bool> isInRole) =>
        All.Where(t => t.From == from && t.Roles.Any(isInRole)).Select(t => t.Action);
}
