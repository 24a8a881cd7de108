using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Directives;

/// <summary>
/// One directive's front door: its page (milestones, reports, evidence, timeline, the caller's moves),
/// the moves of <see cref="DirectiveWorkflow"/>, progress reports (owner and co-owners), milestones
/// done, and the close-out's evidence. A directive outside the caller's scope answers like a missing one (404).
/// </summary>
public sealed class DirectiveDesk(AppDbContext db, CurrentUser user, DirectiveProcedure procedure, DirectiveQueries queries,
    Attachments attachments, Profiles profiles, TimeProvider time)
{
    private const string Missing = "督办事项不存在";

    private bool IsWorker => DirectiveWorkflow.Owners.Any(user.Principal.IsInRole);

    private async Task<Directive?> VisibleAsync(Guid id, CancellationToken ct) => await (await queries.VisibleAsync(ct)).FirstOrDefaultAsync(d => d.Id == id, ct);

    public async Task<Outcome<DirectiveDetail>> GetAsync(Guid id, CancellationToken ct)
    {
        if (await VisibleAsync(id, ct) is not { } d)
        {
            return new Outcome<DirectiveDetail>.NotFound(Missing);
        }
        DirectiveRow row = (await queries.RowsOfAsync([d], ct))[0];
        DateOnly today = ShanghaiTime.Today(time);
        List<MilestoneDto> milestones = [.. (await db.DirectiveMilestones.AsNoTracking().Where(m => m.DirectiveId == id).OrderBy(m => m.Seq).ToListAsync(ct))
            .Select(m => new MilestoneDto(m.Id, m.Seq, m.Title, m.Due, m.DoneOn, m.DoneBy, m.DoneOn is null && m.Due < today))];
        List<DirectiveReportDto> reports = [.. (await db.DirectiveReports.AsNoTracking().Where(r => r.DirectiveId == id).OrderBy(r => r.At).ToListAsync(ct))
            .Select(r => new DirectiveReportDto(r.Id, r.DirectiveId, r.On, r.Text, r.Percent, r.ByName, r.At))];
        List<DirectiveTimelineDto> timeline = [.. (await db.DirectiveEvents.AsNoTracking().Where(e => e.DirectiveId == id).OrderBy(e => e.Seq).ToListAsync(ct))
            .Select(e => new DirectiveTimelineDto(e.Seq, e.Action, e.Label, e.FromState, e.ToState, e.At, e.ActorName, e.Note))];
        bool owns = await queries.OwnsAsync(d, ct);
        // A co-owner's people see the directive and report on it; the owner's move it (approvers act district-wide).
        List<DirectiveAction> actions = [.. DirectiveWorkflow.Available(d.State, user.Principal.IsInRole)
            .Where(a => owns || !DirectiveWorkflow.Find(d.State, a)!.Roles.SequenceEqual(DirectiveWorkflow.Owners))];
        bool open = d.State is DirectiveState.InProgress or DirectiveState.ExtensionRequested;
        // Evidence keeps the uploader's login; the page shows the name.
        List<EvidenceDto> evidence = await attachments.ListForSubjectAsync(DirectiveProcedure.SubjectType, id, ct);
        Dictionary<string, string> uploaders = await profiles.NamesByLoginAsync(evidence.Select(e => e.UploadedBy), ct);
        evidence = [.. evidence.Select(e => e.UploadedBy is { } by && uploaders.TryGetValue(by, out string? name) ? e with { UploadedBy = name } : e)];
        return new DirectiveDetail(row, milestones, reports, evidence, timeline,
            actions, IsWorker && open, IsWorker && owns && open, d.ApprovedBy);
    }

    /// <summary>A move by its name (Accept, RequestExtension, ApproveExtension, RejectExtension, RequestClose, Return, Close), as the table allows it.</summary>
    public async Task<Outcome<DirectiveDetail>> ActAsync(Guid id, string action, DirectiveActionInput input, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(input);
        if (!Enum.TryParse(action, ignoreCase: false, out DirectiveAction a) || int.TryParse(action, out _))
        {
            errors.Add("action", "操作须为 Accept、RequestExtension、ApproveExtension、RejectExtension、RequestClose、Return 或 Close");
        }
        if (errors.Any)
        {
            return new Outcome<DirectiveDetail>.Invalid(errors);
        }
        if (await VisibleAsync(id, ct) is not { } seen)
        {
            return new Outcome<DirectiveDetail>.NotFound(Missing);
        }
        if (DirectiveWorkflow.Find(seen.State, a) is { } row && row.Roles.SequenceEqual(DirectiveWorkflow.Owners) && !await queries.OwnsAsync(seen, ct))
        {
            return new Outcome<DirectiveDetail>.Forbidden("只有责任单位可以办理该督办事项");
        }
        Directive d = await db.Directives.FirstAsync(x => x.Id == id, ct);
        Outcome<Directive> moved = await procedure.ApplyAsync(d, a, input, user.Principal.IsInRole, user.UserId, await queries.MyNameAsync(ct), ct);
        if (moved is not Outcome<Directive>.Done)
        {
            return moved.Refusal<Directive, DirectiveDetail>();
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>A progress report by the owner or a co-owner while the directive is worked; its percent is the latest report's.</summary>
    public async Task<Outcome<DirectiveDetail>> ReportAsync(Guid id, DirectiveReportRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        DateOnly today = ShanghaiTime.Today(time);
        if (req.On is { } on && on > today)
        {
            errors.Add("on", "进展日期不能晚于今天");
        }
        if (errors.Any)
        {
            return new Outcome<DirectiveDetail>.Invalid(errors);
        }
        if (await VisibleAsync(id, ct) is null)
        {
            return new Outcome<DirectiveDetail>.NotFound(Missing);
        }
        if (!IsWorker)
        {
            return new Outcome<DirectiveDetail>.Forbidden("只有责任单位或协办单位可以报送进展");
        }
        Directive d = await db.Directives.FirstAsync(x => x.Id == id, ct);
        if (d.State is not (DirectiveState.InProgress or DirectiveState.ExtensionRequested))
        {
            return new Outcome<DirectiveDetail>.Conflict($"督办事项当前状态为“{Ui.Labels.Text("Dr_S_" + d.State)}”，不能报送进展", d.State.ToString(), "Report");
        }
        DateTimeOffset now = time.GetUtcNow();
        string? me = await queries.MyNameAsync(ct);
        var report = new DirectiveReport
        {
            DirectiveId = id, On = req.On ?? today, Text = req.Text!.Trim(), Percent = req.Percent!.Value, ById = user.UserId, ByName = me, At = now,
        };
        db.DirectiveReports.Add(report);
        d.Percent = report.Percent;
        procedure.Append(d, "Report", $"报送进展（{report.Percent}%）", null, null, now, user.UserId, me, report.Text, null);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>The owner marks a milestone done (today, or the day it says).</summary>
    public async Task<Outcome<DirectiveDetail>> MilestoneDoneAsync(Guid id, Guid milestoneId, CancellationToken ct)
    {
        if (await VisibleAsync(id, ct) is not { } seen || !await db.DirectiveMilestones.AnyAsync(m => m.Id == milestoneId && m.DirectiveId == id, ct))
        {
            return new Outcome<DirectiveDetail>.NotFound("阶段节点不存在");
        }
        if (!IsWorker || !await queries.OwnsAsync(seen, ct))
        {
            return new Outcome<DirectiveDetail>.Forbidden("只有责任单位可以确认阶段节点");
        }
        if (seen.State == DirectiveState.Closed)
        {
            return new Outcome<DirectiveDetail>.Conflict("督办事项已销号", seen.State.ToString(), "Milestone");
        }
        DirectiveMilestone m = await db.DirectiveMilestones.FirstAsync(x => x.Id == milestoneId, ct);
        if (m.DoneOn is not null)
        {
            return new Outcome<DirectiveDetail>.Conflict($"节点“{m.Title}”已完成", seen.State.ToString(), "Milestone");
        }
        DateTimeOffset now = time.GetUtcNow();
        string? me = await queries.MyNameAsync(ct);
        (m.DoneOn, m.DoneBy) = (ShanghaiTime.DateOf(now), me);
        Directive d = await db.Directives.FirstAsync(x => x.Id == id, ct);
        procedure.Append(d, "Milestone", "完成阶段节点", null, null, now, user.UserId, me, m.Title, null);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>A file of the result (办结材料), through Evidence; the timeline names who added it.</summary>
    public async Task<Outcome<EvidenceDto>> AttachAsync(Guid id, IncomingFile? file, string? purpose, CancellationToken ct)
    {
        Outcome<EvidenceDto> added = await attachments.AttachToSubjectAsync(DirectiveProcedure.SubjectType, id, file, purpose, Missing, ct);
        if (added is Outcome<EvidenceDto>.Done { Value: var e })
        {
            Directive d = await db.Directives.FirstAsync(x => x.Id == id, ct);
            procedure.Append(d, "Evidence", "上传办结材料", null, null, time.GetUtcNow(), user.UserId, await queries.MyNameAsync(ct), e.FileName, null);
            await db.SaveChangesAsync(ct);
        }
        return added;
    }

    public Task<Outcome<EvidenceFile>> OpenAsync(Guid id, Guid evidenceId, string? copy, CancellationToken ct) =>
        attachments.OpenForSubjectAsync(DirectiveProcedure.SubjectType, id, evidenceId, copy, ct);
}
