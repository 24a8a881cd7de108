using System.ComponentModel.DataAnnotations;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Infrastructure.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Rectification;

/// <summary>The body of a move; which fields a move needs is in <see cref="RectificationWorkflow"/>.</summary>
[RequestModel]
public sealed record RectificationActionInput(
    [property: MaxLength(2000, ErrorMessage = "整改措施不能超过 2000 个字符")] string? Measure = null,
    [property: MaxLength(1000, ErrorMessage = "说明不能超过 1000 个字符")] string? Note = null);

/// <summary>
/// Plan items on the shared workflow engine: <see cref="RectificationWorkflow"/> is the table; here
/// are the deadline's clock (one natural-day clock per item, counted for the owner unit), the evidence
/// a submission needs, and the timeline's <see cref="RectificationEvent"/> rows. The caller saves once.
/// </summary>
public sealed class RectificationProcedure(AppDbContext db, ClockService clocks, TimeProvider time)
    : WorkflowApplier<RectificationItem, RectificationState, RectificationAction, RectificationActionInput>(db, clocks, time)
{
    public const string SubjectType = "rectification";

    public static string PolicyCode(int days) => $"rectification.deadline.{days}nd";

    protected override string ClockSubjectType => SubjectType;
    protected override string Noun => "整改事项";

    protected override IWorkflowTransition<RectificationState, RectificationAction>? Find(RectificationItem item, RectificationAction action) =>
        RectificationWorkflow.Find(item.State, action);
    protected override RectificationState StateOf(RectificationItem item) => item.State;
    protected override void SetState(RectificationItem item, RectificationState state) => item.State = state;
    protected override string StateName(RectificationState state) => Ui.Labels.Text("Rf_S_" + state);
    protected override string ActionName(RectificationAction action) => Ui.Labels.Text("Rf_A_" + action);
    protected override string FieldName(RectificationAction action, string field) => field == "measure" ? "整改措施" : "验收意见";

    protected override bool Has(RectificationActionInput input, string field) => field switch
    {
        "measure" => !string.IsNullOrWhiteSpace(input.Measure),
        "note" => !string.IsNullOrWhiteSpace(input.Note),
        _ => true,
    };

    protected override string? ReasonOf(RectificationActionInput input) => null;
    protected override string? NoteOf(RectificationActionInput input) => input.Note?.Trim() ?? input.Measure?.Trim();

    /// <summary>The deadline's clock keeps the length it started with; the rows only stop it.</summary>
    protected override string? PolicyOf(WorkflowMove<RectificationItem, RectificationState, RectificationAction, RectificationActionInput> move, string clock) => null;

    protected override bool Names(WorkflowMove<RectificationItem, RectificationState, RectificationAction, RectificationActionInput> move, string clock, Clock k) =>
        k.Kind.StartsWith("rectification.deadline.", StringComparison.Ordinal);

    protected override Task<Clock> StartClockAsync(RectificationItem item, string policy, string? actor, CancellationToken ct) =>
        Clocks.StartAsync(SubjectType, item.Id, policy, item.OwnerUnitId, actor, ct);

    protected override object? TimelineData(WorkflowMove<RectificationItem, RectificationState, RectificationAction, RectificationActionInput> move) =>
        move.Data.Count == 0 ? null : move.Data;

    protected override void AddEvent(RectificationItem item, TimelineLine<RectificationState> line) => Db.RectificationEvents.Add(new RectificationEvent
    {
        ItemId = line.SubjectId, Seq = line.Seq, Action = line.Action, Label = line.Label, FromState = line.From, ToState = line.To, At = line.At,
        ActorId = line.ActorId, ActorName = line.ActorName, Note = line.Note, DataJson = line.DataJson,
    });

    protected override async Task<Outcome<RectificationItem>?> BeforeAsync(
        WorkflowMove<RectificationItem, RectificationState, RectificationAction, RectificationActionInput> move, CancellationToken ct)
    {
        RectificationItem item = move.Subject;
        switch (move.Action)
        {
            case RectificationAction.Start:
                item.Measure = move.Input.Measure!.Trim();
                break;
            case RectificationAction.Submit:
                // 销项 needs proof: a submission without a photo or file of the work is sent back at once.
                if (!await Db.Evidence.AnyAsync(e => e.SubjectType == SubjectType && e.SubjectId == item.Id, ct))
                {
                    return Invalid("evidence", "报请验收前须上传整改完成的照片或材料");
                }
                break;
            case RectificationAction.Pass:
                (item.VerifiedAt, item.VerifiedBy) = (move.Now, move.ActorName);
                break;
            case RectificationAction.Fail:
                move.Data["result"] = "fail";
                break;
            case RectificationAction.Close:
                item.ClosedAt = move.Now;
                break;
        }
        return null;
    }

    /// <summary>
    /// Starts the deadline's clock of a new item: a natural-day policy of its length, committed on its
    /// own when missing (call <see cref="EnsurePolicyAsync"/> before anything else changes).
    /// </summary>
    public async Task StartDeadlineAsync(RectificationItem item, string? actor, CancellationToken ct)
    {
        int days = item.Deadline.DayNumber - ShanghaiTime.DateOf(item.StartedAt).DayNumber;
        Clock clock = await Clocks.StartAsync(SubjectType, item.Id, PolicyCode(days), item.OwnerUnitId, actor, ct, subjectIsNew: true);
        item.DueAt = clock.DueAt ?? ShanghaiTime.StartOf(item.Deadline.AddDays(1));
    }

    public Task<string> EnsurePolicyAsync(int days, DateTimeOffset now, CancellationToken ct) =>
        ClockPolicyCatalog.EnsureNaturalDaysAsync(Db, PolicyCode(days), $"整改期限（{days}日）", "rectification-drafted", "rectification-verified", days, now, ct);
}
