using Chengguan.Identity;
using Chengguan.Infrastructure.Workflow;

namespace Chengguan.Rectification;

public enum RectificationState
{
    /// <summary>待制定措施: drafted, the owner unit has not written its measure yet.</summary>
    Drafted,

    /// <summary>整改中</summary>
    InProgress,

    /// <summary>待验收: the owner reported it done, with evidence.</summary>
    Submitted,

    /// <summary>已验收</summary>
    Verified,

    /// <summary>已销项</summary>
    Closed,
}

public enum RectificationAction
{
    /// <summary>The owner writes its measure and starts the work.</summary>
    Start,

    /// <summary>报请验收</summary>
    Submit,

    /// <summary>验收通过</summary>
    Pass,

    /// <summary>验收不通过: back to work.</summary>
    Fail,

    /// <summary>销项</summary>
    Close,
}

public sealed record RectificationTransition(
    RectificationState From, RectificationAction Action, RectificationState To, IReadOnlyList<string> Roles,
    IReadOnlyList<string> RequiredFields, IReadOnlyList<ClockEffect> Clocks, string Timeline) : IWorkflowTransition<RectificationState, RectificationAction>
{
    public RectificationState Target(RectificationState current, RectificationState? previous) => To;
}

/// <summary>Every move of a plan item in one table (decision 0010); nothing else decides whether a move is allowed.</summary>
public static class RectificationWorkflow
{
    /// <summary>The deadline's clock (one per item).</summary>
    public const string Deadline = "deadline";

    /// <summary>Who sets plans up, drafts and closes items.</summary>
    public static readonly string[] PlanSetters = [Roles.BureauLeader, Roles.SectionChief, Roles.Admin];

    /// <summary>Who works an item (the owner unit's people are further held to their scope).</summary>
    public static readonly string[] Owners = [Roles.StreetTeamLeader, Roles.StreetTeamOfficer, .. PlanSetters];

    /// <summary>Who raises items from supervision findings (spot checks, on-site inspections).</summary>
    public static readonly string[] Raisers = [Roles.Supervisor, .. PlanSetters];

    /// <summary>Who verifies (验收).</summary>
    public static readonly string[] Verifiers = [Roles.Supervisor, Roles.SectionChief, Roles.BureauLeader];

    /// <summary>States in which the item is still being worked; their deadline can run out.</summary>
    public static readonly RectificationState[] Open = [RectificationState.Drafted, RectificationState.InProgress, RectificationState.Submitted];

    public static readonly IReadOnlyList<RectificationTransition> All =
    [
        new(RectificationState.Drafted, RectificationAction.Start, RectificationState.InProgress, Owners, ["measure"], [], "制定整改措施"),
        new(RectificationState.InProgress, RectificationAction.Submit, RectificationState.Submitted, Owners, [], [], "报请验收"),
        new(RectificationState.Submitted, RectificationAction.Pass, RectificationState.Verified, Verifiers, [],
            [new ClockEffect(ClockOp.Stop, Deadline)], "验收通过"),
        new(RectificationState.Submitted, RectificationAction.Fail, RectificationState.InProgress, Verifiers, ["note"], [], "验收不通过，退回整改"),
        new(RectificationState.Verified, RectificationAction.Close, RectificationState.Closed, PlanSetters, [], [], "销项"),
    ];

    private static readonly Dictionary<(RectificationState, RectificationAction), RectificationTransition> s_index = All.ToDictionary(t => (t.From, t.Action));

    public static RectificationTransition? Find(RectificationState from, RectificationAction action) => s_index.GetValueOrDefault((from, action));

    public static IEnumerable<RectificationAction> Available(RectificationState from, Func<string, bool> isInRole) =>
        All.Where(t => t.From == from && t.Roles.Any(isInRole)).Select(t => t.Action);
}
