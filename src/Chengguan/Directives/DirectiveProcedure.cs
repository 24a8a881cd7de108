using System.ComponentModel.DataAnnotations;
using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Chengguan.Infrastructure.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Directives;

/// <summary>The body of a move; which fields a move needs is in <see cref="DirectiveWorkflow"/>.</summary>
[RequestModel]
public sealed record DirectiveActionInput(
    [property: MaxLength(1000, ErrorMessage = "说明不能超过 1000 个字符")] string? Note = null,
    [property: Range(1, 365, ErrorMessage = "延期天数须为 1–365")] int? Days = null);

/// <summary>
/// Directives on the shared workflow engine: <see cref="DirectiveWorkflow"/> is the table; here are
/// the deadline's clock (one per directive, natural or working days, counted for the owner unit), the
/// extension it gets when approved, the evidence a close-out needs, and the timeline's
/// <see cref="DirectiveEvent"/> rows. The caller saves once.
/// </summary>
public sealed class DirectiveProcedure(AppDbContext db, ClockService clocks, TimeProvider time)
    : WorkflowApplier<Directive, DirectiveState, DirectiveAction, DirectiveActionInput>(db, clocks, time)
{
    public const string SubjectType = "directive";
    private const string PolicyPrefix = "directive.deadline.";

    public static string PolicyCode(int days, DeadlineKind kind) => $"{PolicyPrefix}{days}{(kind == DeadlineKind.WorkingDays ? "wd" : "nd")}";

    protected override string ClockSubjectType => SubjectType;
    protected override string Noun => "督办事项";

    protected override IWorkflowTransition<DirectiveState, DirectiveAction>? Find(Directive d, DirectiveAction action) => DirectiveWorkflow.Find(d.State, action);
    protected override DirectiveState StateOf(Directive d) => d.State;
    protected override void SetState(Directive d, DirectiveState state) => d.State = state;
    protected override string StateName(DirectiveState state) => Ui.Labels.Text("Dr_S_" + state);
    protected override string ActionName(DirectiveAction action) => Ui.Labels.Text("Dr_A_" + action);

    protected override string FieldName(DirectiveAction action, string field) => (action, field) switch
    {
        (_, "days") => "延期天数",
        (DirectiveAction.RequestExtension, _) => "延期理由",
        (DirectiveAction.RequestClose, _) => "办结情况",
        _ => "意见",
    };

    protected override bool Has(DirectiveActionInput input, string field) => field switch
    {
        "note" => !string.IsNullOrWhiteSpace(input.Note),
        "days" => input.Days is > 0,
        _ => true,
    };

    protected override string? ReasonOf(DirectiveActionInput input) => null;
    protected override string? NoteOf(DirectiveActionInput input) => input.Note?.Trim();

    /// <summary>The deadline's clock keeps the policy it started with; the rows extend or stop it.</summary>
    protected override string? PolicyOf(WorkflowMove<Directive, DirectiveState, DirectiveAction, DirectiveActionInput> move, string clock) => null;

    protected override bool Names(WorkflowMove<Directive, DirectiveState, DirectiveAction, DirectiveActionInput> move, string clock, Clock k) =>
        k.Kind.StartsWith(PolicyPrefix, StringComparison.Ordinal);

    protected override Task<Clock> StartClockAsync(Directive d, string policy, string? actor, CancellationToken ct) =>
        Clocks.StartAsync(SubjectType, d.Id, policy, d.OwnerUnitId, actor, ct);

    protected override object? TimelineData(WorkflowMove<Directive, DirectiveState, DirectiveAction, DirectiveActionInput> move) =>
        move.Data.Count == 0 ? null : move.Data;

    protected override void AddEvent(Directive d, TimelineLine<DirectiveState> line) => Db.DirectiveEvents.Add(new DirectiveEvent
    {
        DirectiveId = line.SubjectId, Seq = line.Seq, Action = line.Action, Label = line.Label, FromState = line.From, ToState = line.To, At = line.At,
        ActorId = line.ActorId, ActorName = line.ActorName, Note = line.Note, DataJson = line.DataJson,
    });

    protected override async Task<Outcome<Directive>?> BeforeAsync(
        WorkflowMove<Directive, DirectiveState, DirectiveAction, DirectiveActionInput> move, CancellationToken ct)
    {
        Directive d = move.Subject;
        switch (move.Action)
        {
            case DirectiveAction.RequestExtension:
                d.PendingDays = move.Input.Days;
                move.Data["days"] = move.Input.Days;
                break;
            case DirectiveAction.ApproveExtension:
                // The approval grants what was asked; the ledger names the approver and the reason.
                move.Extension = d.PendingDays ?? 0;
                move.ClockReason = $"批准延期 {move.Extension} {Unit(d.DeadlineKind)}" + (move.Input.Note is { Length: > 0 } n ? "：" + n.Trim() : "");
                move.Data["days"] = move.Extension;
                break;
            case DirectiveAction.RejectExtension:
                d.PendingDays = null;
                break;
            case DirectiveAction.RequestClose:
                // 销号 needs proof: a request without a file of the result is sent back at once.
                if (!await Db.Evidence.AnyAsync(e => e.SubjectType == SubjectType && e.SubjectId == d.Id, ct))
                {
                    return Invalid("evidence", "申请销号前须上传办结材料");
                }
                break;
            case DirectiveAction.Close:
                (d.ApprovedBy, d.ClosedAt, d.Percent) = (move.ActorName, move.Now, 100);
                break;
        }
        return null;
    }

    protected override async Task AfterAsync(WorkflowMove<Directive, DirectiveState, DirectiveAction, DirectiveActionInput> move, CancellationToken ct)
    {
        if (move.Action != DirectiveAction.ApproveExtension)
        {
            return;
        }
        Directive d = move.Subject;
        if ((await move.ClocksAsync(ct)).FirstOrDefault(k => k.Kind.StartsWith(PolicyPrefix, StringComparison.Ordinal)) is { DueAt: { } due })
        {
            SetDue(d, due);
        }
        d.Extensions++;
        d.PendingDays = null;
        if (d.DueAt > move.Now)
        {
            // A new deadline is a new chance: its own overdue warnings are owed again if it runs out.
            (d.OwnerWarnedAt, d.LeaderWarnedAt) = (null, null);
        }
    }

    public static string Unit(DeadlineKind kind) => kind == DeadlineKind.WorkingDays ? "个工作日" : "日";

    /// <summary>The due time and the day it falls in (the last day of the limit).</summary>
    public static void SetDue(Directive d, DateTimeOffset due) => (d.DueAt, d.Deadline) = (due, ShanghaiTime.DateOf(due.AddTicks(-1)));

    /// <summary>
    /// Starts the deadline's clock of a new directive: natural days to its deadline, or the working days
    /// asked for; the policy is committed on its own when missing (call <see cref="EnsurePolicyAsync"/> first).
    /// </summary>
    public async Task StartDeadlineAsync(Directive d, int days, string? actor, CancellationToken ct)
    {
        Clock clock = await Clocks.StartAsync(SubjectType, d.Id, PolicyCode(days, d.DeadlineKind), d.OwnerUnitId, actor, ct, subjectIsNew: true);
        SetDue(d, clock.DueAt ?? ShanghaiTime.StartOf(d.Deadline.AddDays(1)));
    }

    public Task<string> EnsurePolicyAsync(int days, DeadlineKind kind, DateTimeOffset now, CancellationToken ct) =>
        ClockPolicyCatalog.EnsureDaysAsync(Db, PolicyCode(days, kind), $"督办时限（{days}{Unit(kind)}）", "directive-issued", "directive-closed", days,
            kind == DeadlineKind.WorkingDays ? TimeLimitKind.WorkingDays : TimeLimitKind.NaturalDays, now, ct);
}
