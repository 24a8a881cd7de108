using Chengguan.Clocks;
using Chengguan.Identity;
using Chengguan.Privacy;

namespace Chengguan.Cases;

/// <summary>A case as another capability that linked it sees it: its number, state and whether it has its answer.</summary>
public sealed record LinkedCaseState(Guid Id, string Number, CaseState State, bool Answered, DateTimeOffset UpdatedAt);

public sealed record CaseSummary(
    Guid Id, string Number, CaseRoute Route, CaseChannel Channel, string? ExternalNumber, CaseState State, Urgency Urgency,
    RequestType? RequestType, string? CategoryCode, string Description, string? Address, string? GridCode, Guid? StreetId, Guid? UnitId,
    bool Supervised, DateTimeOffset ReportedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt);

/// <summary>
/// A case clock. <see cref="MarginMinutes"/>: due minus stop once stopped (negative when late). <see cref="Ending"/>:
/// the ledger line that stopped, cancelled or paused it (Stop, Cancel, Pause), with <see cref="EndReason"/>: the step
/// that stopped it (签收, 到场取证…) or the reason of the cancellation or suspension.
/// </summary>
public sealed record CaseClockDto(string Kind, string Policy, ClockState State, DateTimeOffset StartedAt, DateTimeOffset? DueAt, DateTimeOffset? WarnAt,
    DateTimeOffset? StoppedAt, long? RemainingMinutes, long? MarginMinutes, bool Provisional, LedgerType? Ending = null, string? EndReason = null);

public sealed record CaseEventDto(int Seq, string Action, string Label, CaseState? FromState, CaseState? ToState, DateTimeOffset At, string? ActorName, string? Note, string? DataJson);

public sealed record CaseDetail(
    CaseSummary Case, string? ConditionCode, double? Lon, double? Lat, Guid? CommunityId, string? ReporterName, string? ReporterPhone, bool ReporterMasked,
    string[] Tags, string? HandlingPolicy, string? DisposalPolicy, DateTimeOffset? SuperviseDeadline, int? ExtensionRequested, string? PendingReply, string? PendingReplyBy, Guid? ParentId,
    Satisfaction? Satisfaction, bool? Resolved, int? Rating, int ReworkCount, int ReplyReturnedCount, int UrgeCount, int Version,
    IReadOnlyList<CaseClockDto> Clocks, IReadOnlyList<CaseEventDto> Timeline, IReadOnlyList<CaseAction> AvailableActions,
    IReadOnlyList<CaseSummary> Similar, string? DepartmentCode = null, string? Department = null);

public static class CaseMapping
{
    public static CaseSummary Summary(Case c) => new(
        c.Id, c.Number, c.Route, c.Channel, c.ExternalNumber, c.State, c.Urgency, c.RequestType, c.CategoryCode, c.Description, c.Address,
        c.GridCode, c.StreetId, c.UnitId, c.Supervised, c.ReportedAt, c.UpdatedAt, c.ClosedAt);

    public static CaseDetail Detail(Case c, IEnumerable<Clock> clocks, IEnumerable<CaseEvent> events, IEnumerable<Case> similar, Func<string, bool> isInRole, DateTimeOffset now)
    {
        bool full = ReporterMask.SeeReporter.Any(isInRole);
        return new CaseDetail(
            Summary(c), c.ConditionCode, c.Lon, c.Lat, c.CommunityId,
            full ? c.ReporterName : ReporterMask.Name(c.ReporterName), full ? c.ReporterPhone : ReporterMask.Phone(c.ReporterPhone), !full,
            c.Tags.Length == 0 ? [] : c.Tags.Split(','), c.HandlingPolicy, c.DisposalPolicy, c.SuperviseDeadline, c.ExtensionRequested, c.PendingReply, c.PendingReplyBy, c.ParentId,
            c.Satisfaction, c.Resolved, c.Rating, c.ReworkCount, c.ReplyReturnedCount, c.UrgeCount, c.Version,
            [.. clocks.OrderBy(k => k.StartedAt).Select(k => new CaseClockDto(
                k.Kind, k.Policy?.Name ?? k.Kind, k.State, k.StartedAt, k.DueAt, k.WarnAt, k.StoppedAt,
                k.StoppedAt is null && k.DueAt is { } due && k.State is ClockState.Running or ClockState.Breached ? (long)Math.Floor((due - now).TotalMinutes) : null,
                k.MarginMinutes, k.Provisional, Ui.Components.ClockView.EndingOf(k).Type, Ui.Components.ClockView.EndingOf(k).Reason))],
            [.. events.OrderBy(e => e.Seq).Select(e => new CaseEventDto(e.Seq, e.Action, e.Label, e.FromState, e.ToState, e.At, e.ActorName, e.Note, e.DataJson))],
            [.. CaseWorkflow.Available(c.Route, c.State, isInRole)],
            [.. similar.Select(Summary)], c.DepartmentCode);
    }
}
