using Chengguan.Identity;
using Chengguan.Infrastructure.Workflow;

namespace Chengguan.Demolition;

/// <summary>The legal procedure for one illegal structure (domain-research.md §3.2).</summary>
public enum DemolitionState
{
    /// <summary>认定: declared illegal.</summary>
    Identified,

    /// <summary>责令限期拆除: ordered to demolish by the deadline in the notice.</summary>
    Ordered,

    /// <summary>陈述申辩/听证: the party's statement and hearing window.</summary>
    Hearing,

    /// <summary>催告: demand notice (行政强制法 Art. 35–37).</summary>
    Demanded,

    /// <summary>强制拆除决定 + 公告: decision and public notice with a self-demolition deadline (Art. 44).</summary>
    Decided,

    /// <summary>复议/诉讼期: waiting out the reconsideration and lawsuit windows.</summary>
    AppealWindow,

    /// <summary>已拆除 (self or forced), awaiting the re-check.</summary>
    Demolished,

    /// <summary>已复核: area and photos confirmed; from here the area counts.</summary>
    Rechecked,
    Closed,

    /// <summary>撤销认定: legalised, or the decision revoked on appeal.</summary>
    Withdrawn,
}

public enum DemolitionAction
{
    IssueOrder,
    NotifyHearing,
    IssueDemand,
    Decide,
    AwaitAppeals,
    ConcludeAppeals,
    ForceDemolish,
    RecordSelfDemolition,
    Recheck,
    Close,
    Revoke,
}

public enum DocumentKind
{
    /// <summary>责令限期拆除通知书</summary>
    OrderNotice,

    /// <summary>陈述申辩（听证）告知书</summary>
    HearingNotice,

    /// <summary>催告书</summary>
    DemandNotice,

    /// <summary>强制拆除决定书</summary>
    ForcedDecision,

    /// <summary>强制拆除公告</summary>
    PublicNotice,

    /// <summary>拆除复核确认单</summary>
    RecheckRecord,
}

/// <summary>The windows of the procedure, each a natural-day clock (policy demolition.{window}.{n}nd).</summary>
public static class DemolitionClocks
{
    public const string Order = "order";
    public const string Statement = "statement";
    public const string Demand = "demand";
    public const string Notice = "notice";
    public const string Reconsideration = "reconsideration";
    public const string Litigation = "litigation";
    public const string All = WorkflowClocks.All;

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Order] = "责令限期拆除期限",
        [Statement] = "陈述申辩（听证）期限",
        [Demand] = "催告期限",
        [Notice] = "公告自行拆除期限",
        [Reconsideration] = "行政复议申请期限",
        [Litigation] = "行政诉讼起诉期限",
    };

    public static string PolicyCode(string window, int days) => $"demolition.{window}.{days}nd";

    public static string? WindowOf(string policyCode) =>
        policyCode.StartsWith("demolition.", StringComparison.Ordinal) && policyCode.Split('.') is [_, string w, _] ? w : null;
}

/// <summary>
/// One row of the table. <see cref="To"/> null keeps the state. <see cref="WaitsFor"/> names the
/// party's windows that must have run out (or been closed) first: the law lets no step against the
/// party start while its own deadline runs.
/// </summary>
public sealed record DemolitionTransition(
    DemolitionState From,
    DemolitionAction Action,
    DemolitionState? To,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> RequiredFields,
    IReadOnlyList<ClockEffect> Clocks,
    IReadOnlyList<string> WaitsFor,
    IReadOnlyList<DocumentKind> Documents,
    string Timeline) : IWorkflowTransition<DemolitionState, DemolitionAction>
{
    public DemolitionState Target(DemolitionState current, DemolitionState? previous) => To ?? current;
}

/// <summary>Every move of a ledger item in one table; nothing else decides whether a move is allowed.</summary>
public static class DemolitionWorkflow
{
    private static readonly string[] s_workers = [Roles.StreetTeamLeader, Roles.StreetTeamOfficer, Roles.SquadLeader, Roles.Officer];
    private static readonly string[] s_leaders = [Roles.StreetTeamLeader, Roles.SquadLeader, Roles.SectionChief, Roles.BureauLeader];
    private static readonly string[] s_deciders = [Roles.SectionChief, Roles.BureauLeader];
    private static readonly string[] s_checkers = [Roles.Supervisor, Roles.SectionChief, Roles.StreetTeamLeader];

    /// <summary>States in which the party can still demolish or the finding be withdrawn.</summary>
    public static readonly DemolitionState[] Pending =
        [DemolitionState.Identified, DemolitionState.Ordered, DemolitionState.Hearing, DemolitionState.Demanded, DemolitionState.Decided, DemolitionState.AppealWindow];

    /// <summary>States whose demolished area counts (confirmed by the re-check).</summary>
    public static readonly DemolitionState[] Counted = [DemolitionState.Rechecked, DemolitionState.Closed];

    public static readonly IReadOnlyList<DemolitionTransition> All = Build();

    private static readonly Dictionary<(DemolitionState, DemolitionAction), DemolitionTransition> s_index = All.ToDictionary(t => (t.From, t.Action));

    public static DemolitionTransition? Find(DemolitionState from, DemolitionAction action) => s_index.GetValueOrDefault((from, action));

    public static IEnumerable<DemolitionAction> Available(DemolitionState from, Func<string, bool> isInRole) =>
        All.Where(t => t.From == from && t.Roles.Any(isInRole)).Select(t => t.Action);

    private static List<DemolitionTransition> Build()
    {
        var t = new List<DemolitionTransition>();
        void Add(DemolitionState[] from, DemolitionAction action, DemolitionState? to, string[] roles, string[] fields, ClockEffect[] clocks,
            string[] waitsFor, DocumentKind[] documents, string timeline)
        {
            foreach (DemolitionState f in from)
            {
                t.Add(new DemolitionTransition(f, action, to, roles, fields, clocks, waitsFor, documents, timeline));
            }
        }
        static ClockEffect C(ClockOp op, string window) => new(op, window);
        const ClockOp Start = ClockOp.Start, Stop = ClockOp.Stop;

        Add([DemolitionState.Identified], DemolitionAction.IssueOrder, DemolitionState.Ordered, s_leaders, ["days"],
            [C(Start, DemolitionClocks.Order)], [], [DocumentKind.OrderNotice], "责令限期拆除");
        Add([DemolitionState.Ordered], DemolitionAction.NotifyHearing, DemolitionState.Hearing, [.. s_workers, .. s_deciders], ["days"],
            [C(Stop, DemolitionClocks.Order), C(Start, DemolitionClocks.Statement)], [DemolitionClocks.Order], [DocumentKind.HearingNotice], "告知陈述申辩、听证权利");
        Add([DemolitionState.Hearing], DemolitionAction.IssueDemand, DemolitionState.Demanded, s_leaders, ["days"],
            [C(Stop, DemolitionClocks.Statement), C(Start, DemolitionClocks.Demand)], [DemolitionClocks.Statement], [DocumentKind.DemandNotice], "催告");
        Add([DemolitionState.Demanded], DemolitionAction.Decide, DemolitionState.Decided, s_deciders, ["days"],
            [C(Stop, DemolitionClocks.Demand), C(Start, DemolitionClocks.Notice), C(Start, DemolitionClocks.Reconsideration), C(Start, DemolitionClocks.Litigation)],
            [DemolitionClocks.Demand], [DocumentKind.ForcedDecision, DocumentKind.PublicNotice], "强制拆除决定并公告");
        Add([DemolitionState.Decided], DemolitionAction.AwaitAppeals, DemolitionState.AppealWindow, s_leaders, [],
            [C(Stop, DemolitionClocks.Notice)], [DemolitionClocks.Notice], [], "公告期满，等待复议诉讼期");
        // An appeal decided in the bureau's favour closes both windows early; one that revokes the decision is a Revoke.
        Add([DemolitionState.AppealWindow], DemolitionAction.ConcludeAppeals, null, s_deciders, ["reference"],
            [C(Stop, DemolitionClocks.Reconsideration), C(Stop, DemolitionClocks.Litigation)], [], [], "复议诉讼审结（维持）");
        Add([DemolitionState.AppealWindow], DemolitionAction.ForceDemolish, DemolitionState.Demolished, s_deciders, [],
            [C(Stop, DemolitionClocks.Reconsideration), C(Stop, DemolitionClocks.Litigation)],
            [DemolitionClocks.Reconsideration, DemolitionClocks.Litigation], [], "强制拆除");
        Add(Pending, DemolitionAction.RecordSelfDemolition, DemolitionState.Demolished, [.. s_workers, .. s_deciders], [],
            [C(ClockOp.Cancel, DemolitionClocks.All)], [], [], "当事人自行拆除");
        Add([DemolitionState.Demolished], DemolitionAction.Recheck, DemolitionState.Rechecked, s_checkers, ["area", "photos"],
            [], [], [DocumentKind.RecheckRecord], "复核确认");
        Add([DemolitionState.Rechecked], DemolitionAction.Close, DemolitionState.Closed, [.. s_deciders, Roles.StreetTeamLeader], [],
            [], [], [], "销项结案");
        Add(Pending, DemolitionAction.Revoke, DemolitionState.Withdrawn, s_deciders, ["reason"],
            [C(ClockOp.Cancel, DemolitionClocks.All)], [], [], "撤销认定");
        return t;
    }
}
