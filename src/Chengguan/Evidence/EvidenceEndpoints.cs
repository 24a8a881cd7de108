using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Evidence;

public static class EvidenceEndpoints
{
    public const long MaxUpload = 100L * 1024 * 1024 + 64 * 1024;

    public static void MapEvidence(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases/{id:guid}/evidence").WithTags("Evidence").RequireAuthorization(Policies.Staff);
        group.MapPost("/", Upload).WithBodyLimit(MaxUpload).DisableAntiforgery()
            .WithSummary("上传照片、视频或文件（按内容识别类型；读取 EXIF 时间与位置；以 SHA-256 存储，永不覆盖；更正为新版本）");
        group.MapGet("/", List).WithSummary("案件的证据材料与处置前后照片对比");
        group.MapGet("/{evidenceId:guid}/content", Content).WithSummary("下载证据：original 为原件，public 为去除 EXIF/GPS 的公开副本");
    }

    internal static async Task<Results<Created<EvidenceDto>, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, IFormFile? file, [FromForm] string? purpose, [FromForm] Guid? supersedes, AppDbContext db, EvidenceStore store, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!await CaseInScopeAsync(db, user, id, ct))
        {
            return Problems.NotFound("案件不存在");
        }
        var errors = new FieldErrors();
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "请选择要上传的文件");
        }
        EvidencePurpose p = EvidencePurpose.Other;
        if (purpose is not null && (!Enum.TryParse(purpose, ignoreCase: true, out p) || int.TryParse(purpose, out _)))
        {
            errors.Add("purpose", "用途须为 Before（处置前）、After（处置后）、CheckIn（到场）或 Other");
        }
        EvidenceItem? old = null;
        if (supersedes is { } sid)
        {
            old = await db.Evidence.FirstOrDefaultAsync(e => e.Id == sid && e.SubjectType == CaseIntake.SubjectType && e.SubjectId == id, ct);
            if (old is null)
            {
                errors.Add("supersedes", "要更正的材料不属于该案件");
            }
            else if (await db.Evidence.AnyAsync(e => e.SupersedesId == sid, ct))
            {
                errors.Add("supersedes", "该材料已有更正版本，请更正最新版本");
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        await using Stream stream = file!.OpenReadStream();
        (StoredFile? stored, EvidenceStore.Refusal? refused) = await store.SaveAsync(stream, file.Length, ct);
        if (stored is null)
        {
            return Problems.Validation("file", refused == EvidenceStore.Refusal.TooLarge
                ? "文件过大：照片和文件不超过 20 MB，视频不超过 100 MB"
                : "不支持的文件类型（按内容识别）：可上传 JPEG、PNG、GIF、WebP、HEIC 照片，MP4/MOV 视频，PDF 或 Office 文件");
        }
        EvidenceItem item = NewItem(id, stored, file.FileName, old?.Purpose ?? p, old, user.Name, time.GetUtcNow());
        db.Evidence.Add(item);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (old is not null && !DatabaseFailures.IsUnavailable(e))
        {
            return Problems.Conflict("该材料刚被他人更正，请刷新后重试");
        }
        return TypedResults.Created($"/api/cases/{id}/evidence/{item.Id}/content", ToDto(item, superseded: false));
    }

    /// <summary>The record of a stored file on a case (a correction when <paramref name="old"/> is given).</summary>
    public static EvidenceItem NewItem(Guid caseId, StoredFile stored, string fileName, EvidencePurpose purpose, EvidenceItem? old, string? uploadedBy, DateTimeOffset now)
    {
        string name = Path.GetFileName(fileName);
        return new EvidenceItem
        {
            SubjectType = CaseIntake.SubjectType, SubjectId = caseId, Kind = stored.Kind, Purpose = purpose, ContentType = stored.ContentType,
            Sha256 = stored.Sha256, PublicSha256 = stored.PublicSha256, Size = stored.Size, FileName = name.Length > 200 ? name[^200..] : name,
            Version = (old?.Version ?? 0) + 1, SupersedesId = old?.Id, TakenAt = stored.TakenAt, Lon = stored.Lon, Lat = stored.Lat,
            UploadedAt = now, UploadedBy = uploadedBy,
        };
    }

    internal static async Task<Results<Ok<EvidenceList>, ProblemHttpResult>> List(Guid id, AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!await CaseInScopeAsync(db, user, id, ct))
        {
            return Problems.NotFound("案件不存在");
        }
        List<EvidenceItem> items = await db.Evidence.AsNoTracking().Where(e => e.SubjectType == CaseIntake.SubjectType && e.SubjectId == id)
            .OrderBy(e => e.UploadedAt).ToListAsync(ct);
        HashSet<Guid> superseded = [.. items.Where(e => e.SupersedesId is not null).Select(e => e.SupersedesId!.Value)];
        List<EvidenceDto> dtos = [.. items.Select(e => ToDto(e, superseded.Contains(e.Id)))];
        // Current versions only; the n-th before photo pairs with the n-th after photo.
        var before = dtos.Where(d => !d.Superseded && d.Kind == EvidenceKind.Photo && d.Purpose == EvidencePurpose.Before).ToList();
        var after = dtos.Where(d => !d.Superseded && d.Kind == EvidenceKind.Photo && d.Purpose == EvidencePurpose.After).ToList();
        return TypedResults.Ok(new EvidenceList(dtos, [.. before.Select((b, i) => new EvidencePair(b, i < after.Count ? after[i] : null))]));
    }

    private static async Task<Results<PhysicalFileHttpResult, ValidationProblem, ProblemHttpResult>> Content(
        Guid id, Guid evidenceId, string? copy, AppDbContext db, EvidenceStore store, CurrentUser user, CancellationToken ct)
    {
        if (copy is not (null or "original" or "public"))
        {
            return Problems.Validation("copy", "copy 须为 original 或 public");
        }
        if (!await CaseInScopeAsync(db, user, id, ct)
            || await db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.SubjectType == CaseIntake.SubjectType && e.SubjectId == id, ct) is not { } item)
        {
            return Problems.NotFound("材料不存在");
        }
        string path = store.PathOf(copy == "public" ? item.PublicSha256 : item.Sha256);
        if (!File.Exists(path))
        {
            return Problems.NotFound("材料文件缺失，请联系管理员");
        }
        return TypedResults.PhysicalFile(path, item.ContentType, item.FileName, enableRangeProcessing: true);
    }

    private static async Task<bool> CaseInScopeAsync(AppDbContext db, CurrentUser user, Guid id, CancellationToken ct) =>
        await db.Cases.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).AnyAsync(x => x.Id == id, ct);

    internal static EvidenceDto ToDto(EvidenceItem e, bool superseded) => new(
        e.Id, e.Kind, e.Purpose, e.ContentType, e.Sha256, e.PublicSha256, e.Size, e.FileName, e.Version, e.SupersedesId, superseded,
        e.TakenAt, e.Lon, e.Lat, e.UploadedAt, e.UploadedBy);
}
