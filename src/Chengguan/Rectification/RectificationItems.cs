using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Rectification;

/// <summary>
/// A plan item's front door: its page (timeline, reports, evidence, the caller's moves), the moves
/// of <see cref="RectificationWorkflow"/>, the owner's progress reports and proof of completion.
/// An item outside the caller's scope answers exactly like a missing one (404).
/// </summary>
public sealed class RectificationItems(AppDbContext db, CurrentUser user, RectificationProcedure procedure, RectificationQueries queries,
    Attachments attachments, TimeProvider time)
{
    private const string Missing = "整改事项不存在";

    private async Task<bool> VisibleAsync(Guid id, CancellationToken ct) => await (await queries.VisibleAsync(ct)).AnyAsync(i => i.Id == id, ct);

    private bool IsOwner => RectificationWorkflow.Owners.Any(user.Principal.IsInRole);

    public async Task<Outcome<ItemDetail>> GetAsync(Guid id, CancellationToken ct)
    {
        if (await (await queries.VisibleAsync(ct)).FirstOrDefaultAsync(i => i.Id == id, ct) is not { } item)
        {
            return new Outcome<ItemDetail>.NotFound(Missing);
        }
        ItemRow row = (await queries.RowsOfAsync([item], ct))[0];
        string period = await db.RectificationPlans.Where(p => p.Id == item.PlanId).Select(p => p.Period).FirstAsync(ct);
        List<ReportDto> reports = [.. (await db.RectificationReports.AsNoTracking().Where(r => r.ItemId == id).OrderBy(r => r.At).ToListAsync(ct))
            .Select(r => new ReportDto(r.Id, r.On, r.Text, r.Percent, r.ByName, r.At))];
        List<TimelineDto> timeline = [.. (await db.RectificationEvents.AsNoTracking().Where(e => e.ItemId == id).OrderBy(e => e.Seq).ToListAsync(ct))
            .Select(e => new TimelineDto(e.Seq, e.Action, e.Label, e.FromState, e.ToState, e.At, e.ActorName, e.Note))];
        return new ItemDetail(row, period, reports, await attachments.ListForSubjectAsync(RectificationProcedure.SubjectType, id, ct), timeline,
            [.. RectificationWorkflow.Available(item.State, user.Principal.IsInRole)], IsOwner && item.State == RectificationState.InProgress,
            item.VerifiedBy, item.VerifiedAt, item.ClosedAt);
    }

    /// <summary>A move by its name (Start, Submit, Pass, Fail, Close), as the table allows it.</summary>
    public async Task<Outcome<ItemDetail>> ActAsync(Guid id, string action, RectificationActionInput input, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(input);
        if (!Enum.TryParse(action, ignoreCase: false, out RectificationAction a) || int.TryParse(action, out _))
        {
            errors.Add("action", "操作须为 Start、Submit、Pass、Fail 或 Close");
        }
        if (errors.Any)
        {
            return new Outcome<ItemDetail>.Invalid(errors);
        }
        if (!await VisibleAsync(id, ct))
        {
            return new Outcome<ItemDetail>.NotFound(Missing);
        }
        RectificationItem item = await db.RectificationItems.FirstAsync(i => i.Id == id, ct);
        Outcome<RectificationItem> moved = await procedure.ApplyAsync(item, a, input, user.Principal.IsInRole, user.UserId, user.Name, ct);
        if (moved is not Outcome<RectificationItem>.Done)
        {
            return moved.Refusal<RectificationItem, ItemDetail>();
        }
        if (a == RectificationAction.Pass)
        {
            item.Percent = 100;
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>The owner's progress report while the item is being worked; the item's percent is the latest report's.</summary>
    public async Task<Outcome<ItemDetail>> ReportAsync(Guid id, ReportRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        DateOnly today = ShanghaiTime.Today(time);
        if (req.On is { } on && on > today)
        {
            errors.Add("on", "进展日期不能晚于今天");
        }
        if (errors.Any)
        {
            return new Outcome<ItemDetail>.Invalid(errors);
        }
        if (!await VisibleAsync(id, ct))
        {
            return new Outcome<ItemDetail>.NotFound(Missing);
        }
        if (!IsOwner)
        {
            return new Outcome<ItemDetail>.Forbidden("只有责任单位可以报送整改进展");
        }
        RectificationItem item = await db.RectificationItems.FirstAsync(i => i.Id == id, ct);
        if (item.State != RectificationState.InProgress)
        {
            return new Outcome<ItemDetail>.Conflict($"整改事项当前状态为“{Ui.Labels.Text("Rf_S_" + item.State)}”，不能报送进展", item.State.ToString(), "Report");
        }
        DateTimeOffset now = time.GetUtcNow();
        var report = new RectificationReport
        {
            ItemId = id, On = req.On ?? today, Text = req.Text!.Trim(), Percent = req.Percent!.Value, ById = user.UserId, ByName = user.Name, At = now,
        };
        db.RectificationReports.Add(report);
        item.Percent = report.Percent;
        procedure.Append(item, "Report", $"报送整改进展（{report.Percent}%）", null, null, now, user.UserId, user.Name, report.Text, null);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>A photo or file of the work (整改前/后), through Evidence; the timeline names who added it.</summary>
    public async Task<Outcome<EvidenceDto>> AttachAsync(Guid id, IncomingFile? file, string? purpose, CancellationToken ct)
    {
        Outcome<EvidenceDto> added = await attachments.AttachToSubjectAsync(RectificationProcedure.SubjectType, id, file, purpose, Missing, ct);
        if (added is Outcome<EvidenceDto>.Done { Value: var e })
        {
            RectificationItem item = await db.RectificationItems.FirstAsync(i => i.Id == id, ct);
            procedure.Append(item, "Evidence", "上传整改材料", null, null, time.GetUtcNow(), user.UserId, user.Name, e.FileName, null);
            await db.SaveChangesAsync(ct);
        }
        return added;
    }

    public Task<Outcome<EvidenceFile>> OpenAsync(Guid id, Guid evidenceId, string? copy, CancellationToken ct) =>
        attachments.OpenForSubjectAsync(RectificationProcedure.SubjectType, id, evidenceId, copy, ct);
}
