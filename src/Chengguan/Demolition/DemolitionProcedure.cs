using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Chengguan.Demolition.Documents;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Infrastructure.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition;

/// <summary>The body of a move; which fields a move needs is in <see cref="DemolitionWorkflow"/>.</summary>
[RequestModel]
public sealed record DemolitionActionInput(
    [property: Range(1, 3650, ErrorMessage = "期限天数须为 1–3650")] int? Days = null,
    [property: MaxLength(1000, ErrorMessage = "原因不能超过 1000 个字符")] string? Reason = null,
    [property: MaxLength(1000, ErrorMessage = "说明不能超过 1000 个字符")] string? Note = null,
    [property: MaxLength(200, ErrorMessage = "文书编号不能超过 200 个字符")] string? Reference = null,
    [property: Range(0.01, 1_000_000, ErrorMessage = "复核面积须为 0.01–1000000 平方米")] double? Area = null,
    [property: MaxLength(50, ErrorMessage = "照片最多 50 张")] Guid[]? Photos = null);

/// <summary>
/// Demolition on the shared workflow engine (<see cref="WorkflowApplier{TSubject, TState, TAction, TInput}"/>):
/// <see cref="DemolitionWorkflow"/> is the table; here are the party's windows that must have run
/// out, each step's own changes, which clock a window is, the documents of the step and the
/// timeline's <see cref="DemolitionEvent"/> rows. The caller saves once.
/// </summary>
public sealed class DemolitionProcedure(AppDbContext db, ClockService clocks, EvidenceStore store, TimeProvider time, IConfiguration config)
    : WorkflowApplier<IllegalBuilding, DemolitionState, DemolitionAction, DemolitionActionInput>(db, clocks, time)
{
    public const string SubjectType = "demolition";
    internal static readonly JsonSerializerOptions Json = WorkflowJson.Options;

    public int ReconsiderationDays => config.GetValue("Demolition:ReconsiderationDays", 60);
    public int LitigationDays => config.GetValue("Demolition:LitigationDays", 180);

    protected override string ClockSubjectType => SubjectType;
    protected override string Noun => "违法建筑";

    protected override IWorkflowTransition<DemolitionState, DemolitionAction>? Find(IllegalBuilding item, DemolitionAction action) => DemolitionWorkflow.Find(item.State, action);
    protected override DemolitionState StateOf(IllegalBuilding item) => item.State;
    protected override string StateName(DemolitionState state) => Ui.Labels.Text("Dm_S_" + state);
    protected override string ActionName(DemolitionAction action) => Ui.Labels.Text("Dm_A_" + action);
    protected override string FieldName(DemolitionAction action, string field) => Ui.Labels.Text("Dm_F_" + field);
    protected override void SetState(IllegalBuilding item, DemolitionState state) => item.State = state;

    protected override bool Has(DemolitionActionInput input, string field) => field switch
    {
        "days" => input.Days is not null,
        "reason" => !string.IsNullOrWhiteSpace(input.Reason),
        "reference" => !string.IsNullOrWhiteSpace(input.Reference),
        "area" => input.Area is not null,
        "photos" => input.Photos is { Length: > 0 },
        _ => true,
    };

    protected override string? ReasonOf(DemolitionActionInput input) => input.Reason;
    protected override string? NoteOf(DemolitionActionInput input) => input.Reason ?? input.Note;
    protected override Task<Clock> StartClockAsync(IllegalBuilding item, string policy, string? actor, CancellationToken ct) =>
        Clocks.StartAsync(SubjectType, item.Id, policy, item.UnitId, actor, ct);

    /// <summary>A window's clock runs under the natural-day policy of its length: the law's for the appeal windows, the step's days for the others.</summary>
    protected override string? PolicyOf(WorkflowMove<IllegalBuilding, DemolitionState, DemolitionAction, DemolitionActionInput> move, string window) =>
        DemolitionClocks.PolicyCode(window, DaysOf(window, move.Input));

    protected override bool Names(WorkflowMove<IllegalBuilding, DemolitionState, DemolitionAction, DemolitionActionInput> move, string window, Clock k) =>
        window == DemolitionClocks.All || DemolitionClocks.WindowOf(k.Kind) == window;

    protected override object? TimelineData(WorkflowMove<IllegalBuilding, DemolitionState, DemolitionAction, DemolitionActionInput> move) =>
        move.Data.Count == 0 ? null : move.Data;

    protected override void AddEvent(IllegalBuilding item, TimelineLine<DemolitionState> line) => Db.DemolitionEvents.Add(new DemolitionEvent
    {
        ItemId = line.SubjectId, Seq = line.Seq, Action = line.Action, Label = line.Label, FromState = line.From, ToState = line.To, At = line.At,
        ActorId = line.ActorId, ActorName = line.ActorName, Note = line.Note, DataJson = line.DataJson,
    });

    private int DaysOf(string window, DemolitionActionInput input) => window switch
    {
        DemolitionClocks.Reconsideration => ReconsiderationDays,
        DemolitionClocks.Litigation => LitigationDays,
        _ => input.Days!.Value,
    };

    /// <summary>The party's windows that must have run out, the policies the step starts under, and each step's own changes.</summary>
    protected override async Task<Outcome<IllegalBuilding>?> BeforeAsync(WorkflowMove<IllegalBuilding, DemolitionState, DemolitionAction, DemolitionActionInput> move, CancellationToken ct)
    {
        (IllegalBuilding item, DemolitionAction action, DemolitionActionInput input, DateTimeOffset now) = (move.Subject, move.Action, move.Input, move.Now);
        var t = (DemolitionTransition)move.Transition;
        List<Clock> existing = await move.ClocksAsync(ct);
        foreach (string window in t.WaitsFor)
        {
            Clock? running = existing.FirstOrDefault(k => DemolitionClocks.WindowOf(k.Kind) == window && k.StoppedAt is null && k.State != ClockState.Cancelled);
            if (running is { DueAt: { } due } && due > now)
            {
                return Conflict(move.From, action, $"{DemolitionClocks.Names[window]}尚未届满（{ShanghaiTime.Minutes(due)} 到期），不能执行“{ActionName(action)}”");
            }
        }
        // Before anything changes: a missing policy is committed on its own.
        foreach (ClockEffect e in t.Clocks.Where(e => e.Op == ClockOp.Start))
        {
            int days = DaysOf(e.Clock, input);
            await EnsurePolicyAsync(e.Clock, days, now, ct);
            move.Data[e.Clock + "Days"] = days;
        }
        switch (action)
        {
            case DemolitionAction.Recheck:
                List<Guid> photos = [.. input.Photos!.Distinct()];
                int uploaded = await Db.Evidence.CountAsync(e => photos.Contains(e.Id) && e.SubjectType == SubjectType && e.SubjectId == item.Id
                    && e.Kind == EvidenceKind.Photo && e.Purpose == EvidencePurpose.After, ct);
                if (uploaded != photos.Count)
                {
                    return Invalid("photos", "复核照片须为已上传到本违法建筑的拆除后（After）照片编号");
                }
                item.DemolishedArea = Math.Round(input.Area!.Value, 2);
                item.RecheckedAt = now;
                item.RecheckedBy = move.ActorName;
                move.Data["area"] = item.DemolishedArea;
                move.Data["photos"] = photos;
                break;
            case DemolitionAction.RecordSelfDemolition or DemolitionAction.ForceDemolish:
                item.Mode = action == DemolitionAction.ForceDemolish ? DemolitionMode.Forced : DemolitionMode.Self;
                item.DemolishedAt = now;
                break;
            case DemolitionAction.Close:
                item.ClosedAt = now;
                break;
            case DemolitionAction.ConcludeAppeals:
                move.Data["reference"] = input.Reference;
                break;
        }
        // A cancelled window's ledger says why: the reason given, else the step.
        move.ClockReason ??= t.Timeline;
        return null;
    }

    /// <summary>The step's documents.</summary>
    protected override async Task AfterAsync(WorkflowMove<IllegalBuilding, DemolitionState, DemolitionAction, DemolitionActionInput> move, CancellationToken ct)
    {
        foreach (DocumentKind kind in ((DemolitionTransition)move.Transition).Documents)
        {
            await GenerateAsync(move.Subject, kind, move.Input, move.ActorName, move.Now, ct);
        }
    }

    /// <summary>
    /// The natural-day policy of a window of n days. Policies are reference data shared by every
    /// item: one that is missing is committed on its own, so that the clock engine (which reads
    /// policies from the database) finds it; a concurrent insert of the same policy is harmless.
    /// Call it before changing anything else in the unit of work.
    /// </summary>
    public async Task<string> EnsurePolicyAsync(string window, int days, DateTimeOffset now, CancellationToken ct)
    {
        string name = DemolitionClocks.Names.TryGetValue(window, out string? n) ? n : "承诺事项期限";
        return await ClockPolicyCatalog.EnsureNaturalDaysAsync(Db, DemolitionClocks.PolicyCode(window, days), $"{name}（{days}日）",
            window + "-issued", window + "-closed", days, now, ct);
    }

    /// <summary>Renders a step's document, stores its bytes in the evidence store and records it on the item.</summary>
    private async Task GenerateAsync(IllegalBuilding item, DocumentKind kind, DemolitionActionInput input, string? actor, DateTimeOffset now, CancellationToken ct)
    {
        string street = item.StreetId is { } sid ? await Db.Units.Where(u => u.Id == sid).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "" : "";
        DateOnly today = ShanghaiTime.DateOf(now);
        DateOnly? deadline = input.Days is { } d && kind != DocumentKind.RecheckRecord ? today.AddDays(d) : null;
        DocumentKind? related = kind switch
        {
            DocumentKind.HearingNotice => DocumentKind.OrderNotice,
            DocumentKind.ForcedDecision => DocumentKind.DemandNotice,
            DocumentKind.PublicNotice => DocumentKind.ForcedDecision,
            _ => null,
        };
        var context = new NoticeContext(item, street, DocumentNumber(item, kind), today, deadline, related is { } r ? DocumentNumber(item, r) : null,
            actor, input.Photos?.Distinct().Count(), item.DemolishedArea);
        byte[] pdf = NoticeTemplates.Render(kind, context, now);
        (StoredFile? stored, _) = await store.SaveAsync(new MemoryStream(pdf), pdf.Length, ct);
        Db.DemolitionDocuments.Add(new DemolitionDocument
        {
            ItemId = item.Id, Kind = kind, Title = NoticeTemplates.Title(kind), Number = context.Number,
            Sha256 = stored!.Sha256, Size = stored.Size, CreatedAt = now, CreatedBy = actor,
        });
    }

    /// <summary>静城管{abbreviation}字〔year〕第{sequence}号, the sequence being the item's own ledger number.</summary>
    public static string DocumentNumber(IllegalBuilding item, DocumentKind kind) =>
        $"静城管{NoticeTemplates.Abbreviation(kind)}字〔{item.Number.Split('-')[1]}〕第{item.Number.Split('-')[2]}号";
}
