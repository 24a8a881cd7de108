using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Chengguan.Demolition.Documents;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
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

public enum DemolitionOutcome
{
    Done,
    InvalidState,
    Forbidden,
    Invalid,
}

public sealed record DemolitionMove(DemolitionOutcome Outcome, FieldErrors? Errors = null, string? Detail = null);

/// <summary>
/// Applies one row of <see cref="DemolitionWorkflow"/> to a loaded item: state and role, required
/// fields, the party's windows that must have run out, the clocks, the documents of the step and
/// the timeline line. The caller saves once; a concurrent move fails on the version token.
/// </summary>
public sealed class DemolitionProcedure(AppDbContext db, ClockService clocks, EvidenceStore store, TimeProvider time, IConfiguration config)
{
    public const string SubjectType = "demolition";
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int ReconsiderationDays => config.GetValue("Demolition:ReconsiderationDays", 60);
    public int LitigationDays => config.GetValue("Demolition:LitigationDays", 180);

    public async Task<DemolitionMove> ApplyAsync(IllegalBuilding item, DemolitionAction action, DemolitionActionInput input, Func<string, bool> isInRole,
        string? actorId, string? actorName, CancellationToken ct)
    {
        if (DemolitionWorkflow.Find(item.State, action) is not { } t)
        {
            return new(DemolitionOutcome.InvalidState, Detail: $"违法建筑当前状态为 {item.State}，不能执行 {action}");
        }
        if (!t.Roles.Any(isInRole))
        {
            return new(DemolitionOutcome.Forbidden, Detail: $"当前角色不能对该违法建筑执行 {action}");
        }
        var errors = new FieldErrors();
        foreach (string field in t.RequiredFields)
        {
            bool present = field switch
            {
                "days" => input.Days is not null,
                "reason" => !string.IsNullOrWhiteSpace(input.Reason),
                "reference" => !string.IsNullOrWhiteSpace(input.Reference),
                "area" => input.Area is not null,
                "photos" => input.Photos is { Length: > 0 },
                _ => true,
            };
            if (!present)
            {
                errors.Add(field, $"执行 {action} 须提供 {field}");
            }
        }
        if (errors.Any)
        {
            return new(DemolitionOutcome.Invalid, errors);
        }
        DateTimeOffset now = time.GetUtcNow();
        List<Clock> existing = await db.Clocks.Include(k => k.Ledger).Include(k => k.Policy)
            .Where(k => k.SubjectType == SubjectType && k.SubjectId == item.Id).ToListAsync(ct);
        foreach (string window in t.WaitsFor)
        {
            Clock? running = existing.FirstOrDefault(k => DemolitionClocks.WindowOf(k.Kind) == window && k.StoppedAt is null && k.State != ClockState.Cancelled);
            if (running is { DueAt: { } due } && due > now)
            {
                return new(DemolitionOutcome.InvalidState, Detail: $"{DemolitionClocks.Names[window]}尚未届满（{ShanghaiTime.Minutes(due)} 到期），不能执行 {action}");
            }
        }
        var data = new Dictionary<string, object?>();
        // Before anything changes: a missing policy is committed on its own.
        foreach (DemolitionClockEffect e in t.Clocks.Where(e => e.Op == DemolitionClockOp.Start))
        {
            int days = e.Window switch
            {
                DemolitionClocks.Reconsideration => ReconsiderationDays,
                DemolitionClocks.Litigation => LitigationDays,
                _ => input.Days!.Value,
            };
            await EnsurePolicyAsync(e.Window, days, now, ct);
            data[e.Window + "Days"] = days;
        }
        switch (action)
        {
            case DemolitionAction.Recheck:
                List<Guid> photos = [.. input.Photos!.Distinct()];
                int uploaded = await db.Evidence.CountAsync(e => photos.Contains(e.Id) && e.SubjectType == SubjectType && e.SubjectId == item.Id
                    && e.Kind == EvidenceKind.Photo && e.Purpose == EvidencePurpose.After, ct);
                if (uploaded != photos.Count)
                {
                    return new(DemolitionOutcome.Invalid, new FieldErrors().Add("photos", "复核照片须为已上传到本违法建筑的拆除后（After）照片编号"));
                }
                item.DemolishedArea = Math.Round(input.Area!.Value, 2);
                item.RecheckedAt = now;
                item.RecheckedBy = actorName;
                data["area"] = item.DemolishedArea;
                data["photos"] = photos;
                break;
            case DemolitionAction.RecordSelfDemolition or DemolitionAction.ForceDemolish:
                item.Mode = action == DemolitionAction.ForceDemolish ? DemolitionMode.Forced : DemolitionMode.Self;
                item.DemolishedAt = now;
                break;
            case DemolitionAction.Close:
                item.ClosedAt = now;
                break;
            case DemolitionAction.ConcludeAppeals:
                data["reference"] = input.Reference;
                break;
        }
        DemolitionState from = item.State;
        item.State = t.To ?? item.State;
        await ApplyClocksAsync(item, t, input, existing, actorName, ct);
        foreach (DocumentKind kind in t.Documents)
        {
            await GenerateAsync(item, kind, input, actorName, now, ct);
        }
        Append(item, action.ToString(), t.Timeline, from, item.State, now, actorId, actorName, input.Reason ?? input.Note, data.Count == 0 ? null : data);
        return new(DemolitionOutcome.Done);
    }

    public void Append(IllegalBuilding item, string action, string label, DemolitionState? from, DemolitionState? to, DateTimeOffset at,
        string? actorId, string? actorName, string? note, object? data)
    {
        item.Version++;
        item.UpdatedAt = at;
        db.DemolitionEvents.Add(new DemolitionEvent
        {
            ItemId = item.Id, Seq = item.Version, Action = action, Label = label, FromState = from, ToState = to, At = at,
            ActorId = actorId, ActorName = actorName, Note = note, DataJson = data is null ? null : JsonSerializer.Serialize(data, Json),
        });
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
        return await ClockPolicyCatalog.EnsureNaturalDaysAsync(db, DemolitionClocks.PolicyCode(window, days), $"{name}（{days}日）",
            window + "-issued", window + "-closed", days, now, ct);
    }

    private async Task ApplyClocksAsync(IllegalBuilding item, DemolitionTransition t, DemolitionActionInput input, List<Clock> existing, string? actor, CancellationToken ct)
    {
        foreach (DemolitionClockEffect e in t.Clocks)
        {
            IEnumerable<Clock> targets = existing.Where(k => e.Window == DemolitionClocks.All || DemolitionClocks.WindowOf(k.Kind) == e.Window).ToList();
            switch (e.Op)
            {
                case DemolitionClockOp.Start:
                    int days = e.Window switch
                    {
                        DemolitionClocks.Reconsideration => ReconsiderationDays,
                        DemolitionClocks.Litigation => LitigationDays,
                        _ => input.Days!.Value,
                    };
                    existing.Add(await clocks.StartAsync(SubjectType, item.Id, DemolitionClocks.PolicyCode(e.Window, days), item.UnitId, actor, ct));
                    break;
                case DemolitionClockOp.Stop:
                    foreach (Clock k in targets) { await clocks.StopAsync(k, actor, ct); }
                    break;
                case DemolitionClockOp.Cancel:
                    foreach (Clock k in targets.Where(k => k.StoppedAt is null)) { await clocks.CancelAsync(k, actor, input.Reason ?? t.Timeline, ct); }
                    break;
            }
        }
    }

    /// <summary>Renders a step's document, stores its bytes in the evidence store and records it on the item.</summary>
    private async Task GenerateAsync(IllegalBuilding item, DocumentKind kind, DemolitionActionInput input, string? actor, DateTimeOffset now, CancellationToken ct)
    {
        string street = item.StreetId is { } sid ? await db.Units.Where(u => u.Id == sid).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "" : "";
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
        db.DemolitionDocuments.Add(new DemolitionDocument
        {
            ItemId = item.Id, Kind = kind, Title = NoticeTemplates.Title(kind), Number = context.Number,
            Sha256 = stored!.Sha256, Size = stored.Size, CreatedAt = now, CreatedBy = actor,
        });
    }

    /// <summary>静城管{abbreviation}字〔year〕第{sequence}号, the sequence being the item's own ledger number.</summary>
    public static string DocumentNumber(IllegalBuilding item, DocumentKind kind) =>
        $"静城管{NoticeTemplates.Abbreviation(kind)}字〔{item.Number.Split('-')[1]}〕第{item.Number.Split('-')[2]}号";
}
