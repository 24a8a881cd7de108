using System.Text.Json;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

/// <summary>
/// The one way to change cases, for the API, the console and the other capabilities (the hotline's
/// withdrawal): opening a case by staff (with the console's photos), moving it through
/// <see cref="CaseWorkflow"/> (<see cref="CaseTransitions"/> applies, this saves once and answers), and the
/// officer's check-in. Every answer is an <see cref="Outcome{T}"/>: the same 400/403/404/409 for every caller.
/// </summary>
public sealed class CaseCommands(
    AppDbContext db, CaseIntake intake, CaseTransitions transitions, CaseQueries queries, CurrentUser user, Attachments attachments)
{
    /// <summary>Photos a report may carry (the evidence door's cap).</summary>
    public const int MaxReportPhotos = Attachments.MaxReportPhotos;

    private const string MovedMeanwhile = "案件已被他人处理，请刷新后重试";

    /// <summary>POST /api/cases: a case registered by staff (patrol, inspector, committee, leadership, media…), answered with its detail.</summary>
    public async Task<Outcome<CaseDetail>> OpenAsync(CaseInput input, CancellationToken ct)
    {
        FieldErrors errors = await ValidateOpenAsync(input, ct);
        if (errors.Any)
        {
            return new Outcome<CaseDetail>.Invalid(errors);
        }
        Case c = await OpenAndSaveAsync(input, null, ct);
        return await queries.DetailAsync(c, ct);
    }

    /// <summary>
    /// The console's report form (an officer's patrol report from the phone, a dispatcher's case at the desk):
    /// the checks of <see cref="OpenAsync"/> and the photos' together, the photos stored before anything is
    /// written, then the case and its photos (as Before) saved together or not at all.
    /// </summary>
    public async Task<Outcome<CaseSummary>> ReportAsync(CaseInput input, IReadOnlyList<IncomingFile> photos, CancellationToken ct)
    {
        FieldErrors errors = await ValidateOpenAsync(input, ct);
        attachments.CheckReportPhotos(photos, errors);
        if (input.Channel == CaseChannel.Patrol)
        {
            await CheckPatrolReportAsync(input, photos, errors, ct);
        }
        if (errors.Any)
        {
            return new Outcome<CaseSummary>.Invalid(errors);
        }
        // The bytes first, outside the transaction; the rows are staged with the case and saved with it.
        StoredFiles stored = await attachments.StoreAsync(photos, ct);
        return CaseMapping.Summary(await OpenAndSaveAsync(input, stored, ct));
    }

    /// <summary>What staff may register here: hotline orders come only through the hotline intake.</summary>
    private async Task<FieldErrors> ValidateOpenAsync(CaseInput input, CancellationToken ct)
    {
        FieldErrors errors = await intake.ValidateAsync(input, ct);
        if (input.Channel is { } ch && CaseIntake.RouteOf(ch) == CaseRoute.Hotline)
        {
            errors.Add("channel", "热线工单经 /api/hotline/orders 接入");
        }
        return errors;
    }

    /// <summary>
    /// A patrol report is what an officer saw where they stand: without a photo, a category and words of the
    /// officer's own the dispatcher receives a junk case (the phone once sent a pre-filled sentence and nothing
    /// else). Only this door holds the rule: the JSON <c>POST /api/cases</c> carries no photos at creation and
    /// stays as it was for every channel (photos follow through <c>/api/cases/{id}/evidence</c>).
    /// </summary>
    private async Task CheckPatrolReportAsync(CaseInput input, IReadOnlyList<IncomingFile> photos, FieldErrors errors, CancellationToken ct)
    {
        if (photos.Count == 0)
        {
            errors.Add("photos", "巡查上报须至少附一张现场照片");
        }
        string? categoryName = null;
        if (string.IsNullOrWhiteSpace(input.CategoryCode))
        {
            errors.Add("categoryCode", "巡查上报须选择案件类别");
        }
        else if (await Categories.FindAsync(db, input.CategoryCode, input.ConditionCode ?? "01", ct) is { } category)
        {
            categoryName = category.SmallName;
        }
        if (!string.IsNullOrWhiteSpace(input.Description) && !PatrolWords.SaysMore(input.Description, categoryName))
        {
            errors.Add("description", "请描述现场情况（位置、规模、当事人等），不能只用预填文字或类别名称");
        }
    }

    private async Task<Case> OpenAndSaveAsync(CaseInput input, StoredFiles? photos, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Case c = await intake.OpenAsync(input, user.UserId, user.Name, ct);
        if (photos is not null)
        {
            attachments.StageOnNewCase(c.Id, photos);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return c;
    }

    /// <summary>
    /// One move of a case in the caller's scope, one save (POST /api/cases/{id}/actions/{action}, the hotline's
    /// withdrawal): a state the table does not allow it from is a conflict naming the state and the action, a
    /// role it does not list is forbidden, missing or bad fields are invalid.
    /// </summary>
    public Task<Outcome<CaseDetail>> MoveAsync(Guid caseId, CaseAction action, CaseActionInput input, CancellationToken ct) =>
        MoveAsync(caseId, null, action, input, ct);

    /// <summary>
    /// The console's move: <paramref name="version"/> is the version the user looked at, so a case moved by
    /// someone else meanwhile is refused rather than moved twice.
    /// </summary>
    public Task<Outcome<CaseDetail>> MoveAsync(Guid caseId, int version, CaseAction action, CaseActionInput input, CancellationToken ct) =>
        MoveAsync(caseId, (int?)version, action, input, ct);

    private async Task<Outcome<CaseDetail>> MoveAsync(Guid caseId, int? version, CaseAction action, CaseActionInput input, CancellationToken ct)
    {
        Case? c = await db.Cases.InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return new Outcome<CaseDetail>.NotFound("案件不存在");
        }
        if (version is { } seen && c.Version != seen)
        {
            return new Outcome<CaseDetail>.Conflict(MovedMeanwhile, c.State.ToString(), action.ToString());
        }
        if (CaseWorkflow.HolderOnly(action, user.Principal.IsInRole)
            && CaseWorkflow.Check(c.Route, c.State, action, user.Principal.IsInRole, out _) == TransitionVerdict.Allowed
            && !await HeldByOwnUnitAsync(c, ct))
        {
            return new Outcome<CaseDetail>.Forbidden("只能改派本单位承办的案件");
        }
        // A dissatisfied callback is the re-handle path of the same table.
        if (action == CaseAction.Callback && input.Satisfaction == Satisfaction.Dissatisfied)
        {
            action = CaseAction.Rehandle;
        }
        CaseState before = c.State;
        Outcome<Case> moved = await transitions.ApplyAsync(c, action, input, user.Principal.IsInRole, user.UserId, user.Name, ct);
        if (moved is not Outcome<Case>.Done)
        {
            return moved.Refusal<Case, CaseDetail>();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            // Someone else moved the case first (the version token or the timeline sequence says so).
            return new Outcome<CaseDetail>.Conflict(MovedMeanwhile, before.ToString(), action.ToString());
        }
        return await queries.DetailAsync(c, ct);
    }

    /// <summary>Whether the case is held by the user's unit or a unit under it.</summary>
    private async Task<bool> HeldByOwnUnitAsync(Case c, CancellationToken ct)
    {
        string own = await user.GetUnitPathAsync(ct);
        return own.Length > 0 && c.UnitId is { } held && await db.Units.AnyAsync(u => u.Id == held && u.Path.StartsWith(own), ct);
    }

    /// <summary>
    /// The officer's check-in from the phone: the photos go in as check-in evidence through the evidence door
    /// (type by content, EXIF read, SHA-256 store), then the case moves with the position and the photos.
    /// </summary>
    public async Task<Outcome<CaseDetail>> CheckInAsync(Guid caseId, int version, double lon, double lat, IReadOnlyList<IncomingFile> photos, CancellationToken ct)
    {
        // Every file is checked before any is stored: a document among the photos was stored as check-in
        // evidence and only then refused by the move, leaving it on the case. Now it is named and nothing is kept.
        var refused = new FieldErrors();
        attachments.CheckReportPhotos(photos, refused);
        if (refused.Any)
        {
            return new Outcome<CaseDetail>.Invalid(refused);
        }
        var ids = new List<Guid>();
        foreach (IncomingFile photo in photos)
        {
            Outcome<EvidenceDto> uploaded = await attachments.AttachToCaseAsync(caseId, photo, nameof(EvidencePurpose.CheckIn), null, ct);
            switch (uploaded)
            {
                case Outcome<EvidenceDto>.Done done:
                    ids.Add(done.Value.Id);
                    break;
                case Outcome<EvidenceDto>.Invalid:
                    return new Outcome<CaseDetail>.Invalid(new FieldErrors().Add("photos", $"{photo.FileName}：{uploaded.Message}"));
                default:
                    return uploaded.Refusal<EvidenceDto, CaseDetail>();
            }
        }
        return await MoveAsync(caseId, version, CaseAction.CheckIn, new CaseActionInput(Location: new CheckInLocation(lon, lat), Photos: [.. ids]), ct);
    }
}
