using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Evidence;

/// <summary>
/// The one way into Evidence: every evidence row is made here, after the same checks (file present,
/// type by content, size caps, purpose allowed for the subject, corrections of the newest version
/// only). Two kinds of method:
/// <list type="bullet">
/// <item><b>Whole use cases</b> (<see cref="AttachToCaseAsync"/>, <see cref="AttachToDemolitionItemAsync"/>):
/// check, store the bytes, add the row and save it.</item>
/// <item><b>Staging</b> for a caller that opens a case together with its files (an Open311 report, the
/// console's report form): <see cref="CheckReportPhotos"/> and <see cref="StoreAsync"/> before the
/// caller's transaction, then <see cref="StageOnNewCase"/> adds the rows to the caller's context (the same
/// scoped <see cref="AppDbContext"/>) without saving, so the caller's one SaveChanges writes the case and
/// its files together or neither.</item>
/// </list>
/// Bytes go to the store first in every case: a file whose row is then not saved is never referenced
/// and, being named by its SHA-256, never overwritten.
/// </summary>
public sealed class Attachments(AppDbContext db, EvidenceStore store, EvidenceSubjects subjects, CurrentUser user, TimeProvider time)
{
    /// <summary>The largest upload body: a 100 MB video and the form around it.</summary>
    public const long MaxUpload = 100L * 1024 * 1024 + 64 * 1024;

    public const int MaxReportPhotos = 10;

    private static readonly EvidencePurpose[] s_casePurposes = [EvidencePurpose.Before, EvidencePurpose.After, EvidencePurpose.CheckIn, EvidencePurpose.Other];

    private static readonly EvidencePurpose[] s_itemPurposes = [EvidencePurpose.Before, EvidencePurpose.After, EvidencePurpose.Other];

    /// <summary>
    /// A photo, video or document of a case in the user's scope (POST /api/cases/{id}/evidence, the officer's
    /// check-in photos). The case is looked up first (404), then every problem of the request is listed at
    /// once. <paramref name="supersedes"/> makes the file a correction (version n+1, the old purpose) of the
    /// newest version of an item of the same case; a correction someone else saved meanwhile is a conflict.
    /// </summary>
    public async Task<Outcome<EvidenceDto>> AttachToCaseAsync(Guid caseId, IncomingFile? file, string? purpose, Guid? supersedes, CancellationToken ct)
    {
        if (!await VisibleAsync(EvidenceSubjectTypes.Case, caseId, ct))
        {
            return new Outcome<EvidenceDto>.NotFound("案件不存在");
        }
        var errors = new FieldErrors();
        RequireFile(file, errors);
        EvidencePurpose p = Purpose(purpose, s_casePurposes, "用途须为 Before（处置前）、After（处置后）、CheckIn（到场）或 Other", errors);
        EvidenceItem? old = null;
        if (supersedes is { } sid)
        {
            old = await db.Evidence.FirstOrDefaultAsync(e => e.Id == sid && e.SubjectType == EvidenceSubjectTypes.Case && e.SubjectId == caseId, ct);
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
            return new Outcome<EvidenceDto>.Invalid(errors);
        }
        (StoredFile? stored, EvidenceStore.Refusal? refused) = await SaveBytesAsync(file!, ct);
        if (stored is null)
        {
            return new Outcome<EvidenceDto>.Invalid(new FieldErrors().Add("file", refused == EvidenceStore.Refusal.TooLarge
                ? "文件过大：照片和文件不超过 20 MB，视频不超过 100 MB"
                : "不支持的文件类型（按内容识别）：可上传 JPEG、PNG、GIF、WebP、HEIC 照片，MP4/MOV 视频，PDF 或 Office 文件"));
        }
        EvidenceItem item = Add(EvidenceSubjectTypes.Case, caseId, stored, file!.FileName, old?.Purpose ?? p, old, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (old is not null && !DatabaseFailures.IsUnavailable(e))
        {
            // The unique index on SupersedesId: two corrections of one version, and the other was first.
            return new Outcome<EvidenceDto>.Conflict("该材料刚被他人更正，请刷新后重试");
        }
        return EvidenceDto.From(item, superseded: false);
    }

    /// <summary>
    /// A before or after photo (or another file) of a demolition item in the user's scope (POST
    /// /api/demolition/items/{id}/evidence, the console's re-check form). The request is judged before the
    /// item is looked up, as the ledger's other endpoints do; check-in photos belong to cases, not items.
    /// </summary>
    public async Task<Outcome<EvidenceDto>> AttachToDemolitionItemAsync(Guid itemId, IncomingFile? file, string? purpose, CancellationToken ct)
    {
        var errors = new FieldErrors();
        RequireFile(file, errors);
        EvidencePurpose p = Purpose(purpose, s_itemPurposes, "用途须为 Before（拆除前）、After（拆除后）或 Other", errors);
        if (errors.Any)
        {
            return new Outcome<EvidenceDto>.Invalid(errors);
        }
        if (!await VisibleAsync(EvidenceSubjectTypes.DemolitionItem, itemId, ct))
        {
            return new Outcome<EvidenceDto>.NotFound("违法建筑不存在");
        }
        (StoredFile? stored, EvidenceStore.Refusal? refused) = await SaveBytesAsync(file!, ct);
        if (stored is null)
        {
            return new Outcome<EvidenceDto>.Invalid(new FieldErrors().Add("file", refused == EvidenceStore.Refusal.TooLarge ? "文件过大" : "不支持的文件类型（按内容识别）"));
        }
        EvidenceItem item = Add(EvidenceSubjectTypes.DemolitionItem, itemId, stored, file!.FileName, p, old: null, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return EvidenceDto.From(item, superseded: false);
    }

    /// <summary>
    /// A file of a subject of another owner's registered type (a rectification item's proof of completion):
    /// the request is judged first, then the subject must lie in the caller's scope (else 404 with
    /// <paramref name="missing"/>, the owner's word for its subject).
    /// </summary>
    public async Task<Outcome<EvidenceDto>> AttachToSubjectAsync(string subjectType, Guid subjectId, IncomingFile? file, string? purpose, string missing, CancellationToken ct)
    {
        var errors = new FieldErrors();
        RequireFile(file, errors);
        EvidencePurpose p = Purpose(purpose, s_itemPurposes, "用途须为 Before（整改前）、After（整改后）或 Other", errors);
        if (errors.Any)
        {
            return new Outcome<EvidenceDto>.Invalid(errors);
        }
        if (!await VisibleAsync(subjectType, subjectId, ct))
        {
            return new Outcome<EvidenceDto>.NotFound(missing);
        }
        (StoredFile? stored, EvidenceStore.Refusal? refused) = await SaveBytesAsync(file!, ct);
        if (stored is null)
        {
            return new Outcome<EvidenceDto>.Invalid(new FieldErrors().Add("file", refused == EvidenceStore.Refusal.TooLarge ? "文件过大" : "不支持的文件类型（按内容识别）"));
        }
        EvidenceItem item = Add(subjectType, subjectId, stored, file!.FileName, p, old: null, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return EvidenceDto.From(item, superseded: false);
    }

    /// <summary>A registered subject's files, oldest first (the subject's owner has checked the caller's scope).</summary>
    public async Task<List<EvidenceDto>> ListForSubjectAsync(string subjectType, Guid subjectId, CancellationToken ct) =>
        [.. (await db.Evidence.AsNoTracking().Where(e => e.SubjectType == subjectType && e.SubjectId == subjectId).OrderBy(e => e.UploadedAt).ToListAsync(ct))
            .Select(e => EvidenceDto.From(e, superseded: false))];

    /// <summary>One file of a registered subject in the caller's scope: the original, or the public copy.</summary>
    public async Task<Outcome<EvidenceFile>> OpenForSubjectAsync(string subjectType, Guid subjectId, Guid evidenceId, string? copy, CancellationToken ct)
    {
        if (copy is not (null or "original" or "public"))
        {
            return new Outcome<EvidenceFile>.Invalid(new FieldErrors().Add("copy", "copy 须为 original 或 public"));
        }
        if (!await VisibleAsync(subjectType, subjectId, ct)
            || await db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.SubjectType == subjectType && e.SubjectId == subjectId, ct) is not { } item)
        {
            return new Outcome<EvidenceFile>.NotFound("材料不存在");
        }
        string path = store.PathOf(copy == "public" ? item.PublicSha256 : item.Sha256);
        return File.Exists(path) ? new EvidenceFile(path, item.ContentType, item.FileName) : new Outcome<EvidenceFile>.NotFound("材料文件缺失，请联系管理员");
    }

    /// <summary>A case's files, oldest first, with the before/after pairs: the n-th current Before photo with the n-th current After photo.</summary>
    public async Task<Outcome<EvidenceList>> ListForCaseAsync(Guid caseId, CancellationToken ct)
    {
        if (!await VisibleAsync(EvidenceSubjectTypes.Case, caseId, ct))
        {
            return new Outcome<EvidenceList>.NotFound("案件不存在");
        }
        List<EvidenceItem> items = await db.Evidence.AsNoTracking().Where(e => e.SubjectType == EvidenceSubjectTypes.Case && e.SubjectId == caseId)
            .OrderBy(e => e.UploadedAt).ToListAsync(ct);
        HashSet<Guid> superseded = [.. items.Where(e => e.SupersedesId is not null).Select(e => e.SupersedesId!.Value)];
        List<EvidenceDto> dtos = [.. items.Select(e => EvidenceDto.From(e, superseded.Contains(e.Id)))];
        var before = dtos.Where(d => !d.Superseded && d.Kind == EvidenceKind.Photo && d.Purpose == EvidencePurpose.Before).ToList();
        var after = dtos.Where(d => !d.Superseded && d.Kind == EvidenceKind.Photo && d.Purpose == EvidencePurpose.After).ToList();
        return new EvidenceList(dtos, [.. before.Select((b, i) => new EvidencePair(b, i < after.Count ? after[i] : null))]);
    }

    /// <summary>One file of a case: the original, or (<paramref name="copy"/> = public) the copy without EXIF, GPS and XMP.</summary>
    public async Task<Outcome<EvidenceFile>> OpenForCaseAsync(Guid caseId, Guid evidenceId, string? copy, CancellationToken ct)
    {
        if (copy is not (null or "original" or "public"))
        {
            return new Outcome<EvidenceFile>.Invalid(new FieldErrors().Add("copy", "copy 须为 original 或 public"));
        }
        if (!await VisibleAsync(EvidenceSubjectTypes.Case, caseId, ct)
            || await db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.SubjectType == EvidenceSubjectTypes.Case && e.SubjectId == caseId, ct) is not { } item)
        {
            return new Outcome<EvidenceFile>.NotFound("材料不存在");
        }
        string path = store.PathOf(copy == "public" ? item.PublicSha256 : item.Sha256);
        if (!File.Exists(path))
        {
            return new Outcome<EvidenceFile>.NotFound("材料文件缺失，请联系管理员");
        }
        return new EvidenceFile(path, item.ContentType, item.FileName);
    }

    /// <summary>
    /// Staging, step 1 for the console's report form: the photos' problems (at most <see cref="MaxReportPhotos"/>,
    /// each a photo by its content, at most 20 MB), added under "photos" to the caller's own errors so that
    /// the form lists everything at once. Only the first bytes are read; nothing is stored.
    /// </summary>
    public void CheckReportPhotos(IReadOnlyList<IncomingFile> photos, FieldErrors errors)
    {
        if (photos.Count > MaxReportPhotos)
        {
            errors.Add("photos", $"一次最多上传 {MaxReportPhotos} 张照片");
        }
        foreach (IncomingFile photo in photos)
        {
            if (FileSniffer.Sniff(Head(photo)) is not { Kind: EvidenceKind.Photo })
            {
                errors.Add("photos", $"{photo.FileName}：不是照片（按内容识别，可上传 JPEG、PNG、GIF、WebP、HEIC）");
            }
            else if (photo.Length > FileSniffer.MaxBytes(EvidenceKind.Photo))
            {
                errors.Add("photos", $"{photo.FileName}：照片不超过 20 MB");
            }
        }
    }

    /// <summary>
    /// Staging, step 2, before the caller's transaction: stores the bytes of every file the store accepts
    /// (a known type by content, within its size cap) and counts the others as skipped. No row yet.
    /// </summary>
    public async Task<StoredFiles> StoreAsync(IReadOnlyList<IncomingFile> files, CancellationToken ct)
    {
        var stored = new List<(StoredFile File, string Name)>();
        int skipped = 0;
        foreach (IncomingFile file in files)
        {
            (StoredFile? saved, _) = await SaveBytesAsync(file, ct);
            if (saved is null)
            {
                skipped++;
            }
            else
            {
                stored.Add((saved, file.FileName));
            }
        }
        return new StoredFiles(stored, skipped);
    }

    /// <summary>
    /// Staging, step 3, inside the caller's transaction once it has opened the case: one row per stored file,
    /// as Before (what was found when the problem was reported), added to the caller's context and NOT saved.
    /// </summary>
    public IReadOnlyList<EvidenceDto> StageOnNewCase(Guid caseId, StoredFiles files) => StageOn(EvidenceSubjectTypes.Case, caseId, files, EvidencePurpose.Before);

    /// <summary>
    /// Staging, step 3 for any registered subject its owner is creating in the caller's transaction (a committee
    /// visit logged with its photos): one row per stored file with <paramref name="purpose"/>, added and NOT saved.
    /// </summary>
    public IReadOnlyList<EvidenceDto> StageOn(string subjectType, Guid subjectId, StoredFiles files, EvidencePurpose purpose)
    {
        DateTimeOffset now = time.GetUtcNow();
        return [.. files.Files.Select(f => EvidenceDto.From(Add(subjectType, subjectId, f.File, f.Name, purpose, old: null, now), superseded: false))];
    }

    /// <summary>
    /// A photo or file (purpose Other) of a subject of another registered type in the caller's scope (a committee visit's
    /// photos): the request first, then the subject (<paramref name="notFound"/> when out of scope or missing), then the bytes.
    /// </summary>
    public async Task<Outcome<EvidenceDto>> AttachToAsync(string subjectType, Guid subjectId, IncomingFile? file, string notFound, CancellationToken ct)
    {
        var errors = new FieldErrors();
        RequireFile(file, errors);
        if (errors.Any)
        {
            return new Outcome<EvidenceDto>.Invalid(errors);
        }
        if (!await VisibleAsync(subjectType, subjectId, ct))
        {
            return new Outcome<EvidenceDto>.NotFound(notFound);
        }
        (StoredFile? stored, EvidenceStore.Refusal? refused) = await SaveBytesAsync(file!, ct);
        if (stored is null)
        {
            return new Outcome<EvidenceDto>.Invalid(new FieldErrors().Add("file", refused == EvidenceStore.Refusal.TooLarge ? "文件过大" : "不支持的文件类型（按内容识别）"));
        }
        EvidenceItem item = Add(subjectType, subjectId, stored, file!.FileName, EvidencePurpose.Other, old: null, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return EvidenceDto.From(item, superseded: false);
    }

    /// <summary>The files of a subject of a registered type in the caller's scope, oldest first.</summary>
    public async Task<Outcome<List<EvidenceDto>>> ListForAsync(string subjectType, Guid subjectId, string notFound, CancellationToken ct)
    {
        if (!await VisibleAsync(subjectType, subjectId, ct))
        {
            return new Outcome<List<EvidenceDto>>.NotFound(notFound);
        }
        List<EvidenceItem> items = await db.Evidence.AsNoTracking().Where(e => e.SubjectType == subjectType && e.SubjectId == subjectId)
            .OrderBy(e => e.UploadedAt).ToListAsync(ct);
        return items.Select(e => EvidenceDto.From(e, superseded: false)).ToList();
    }

    /// <summary>One file of a subject of a registered type in the caller's scope: the original, or (<paramref name="copy"/> = public) the stripped copy.</summary>
    public async Task<Outcome<EvidenceFile>> OpenForAsync(string subjectType, Guid subjectId, Guid evidenceId, string? copy, CancellationToken ct)
    {
        if (copy is not (null or "original" or "public"))
        {
            return new Outcome<EvidenceFile>.Invalid(new FieldErrors().Add("copy", "copy 须为 original 或 public"));
        }
        if (!await VisibleAsync(subjectType, subjectId, ct)
            || await db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.SubjectType == subjectType && e.SubjectId == subjectId, ct) is not { } item)
        {
            return new Outcome<EvidenceFile>.NotFound("材料不存在");
        }
        string path = store.PathOf(copy == "public" ? item.PublicSha256 : item.Sha256);
        return File.Exists(path) ? new EvidenceFile(path, item.ContentType, item.FileName) : new Outcome<EvidenceFile>.NotFound("材料文件缺失，请联系管理员");
    }

    private async Task<bool> VisibleAsync(string subjectType, Guid id, CancellationToken ct) =>
        await subjects.InScopeAsync(subjectType, db, await user.GetScopeAsync(ct), id, ct);

    private static void RequireFile(IncomingFile? file, FieldErrors errors)
    {
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "请选择要上传的文件");
        }
    }

    /// <summary>The purpose named (Other when none), or an error when it is not one of <paramref name="allowed"/>; numbers are refused, not read as enum values.</summary>
    private static EvidencePurpose Purpose(string? purpose, EvidencePurpose[] allowed, string message, FieldErrors errors)
    {
        EvidencePurpose p = EvidencePurpose.Other;
        if (purpose is not null && (!Enum.TryParse(purpose, ignoreCase: true, out p) || int.TryParse(purpose, out _) || !allowed.Contains(p)))
        {
            errors.Add("purpose", message);
        }
        return p;
    }

    private async Task<(StoredFile? File, EvidenceStore.Refusal? Refused)> SaveBytesAsync(IncomingFile file, CancellationToken ct)
    {
        await using Stream content = file.Open();
        return await store.SaveAsync(content, file.Length, ct);
    }

    private static ReadOnlySpan<byte> Head(IncomingFile file)
    {
        using Stream content = file.Open();
        byte[] head = new byte[FileSniffer.HeaderBytes];
        int read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head.AsSpan(0, read);
    }

    /// <summary>The row of a stored file (a correction when <paramref name="old"/> is given), tracked on the context and not saved.</summary>
    private EvidenceItem Add(string subjectType, Guid subjectId, StoredFile stored, string fileName, EvidencePurpose purpose, EvidenceItem? old, DateTimeOffset now)
    {
        string name = Path.GetFileName(fileName);
        var item = new EvidenceItem
        {
            SubjectType = subjectType, SubjectId = subjectId, Kind = stored.Kind, Purpose = purpose, ContentType = stored.ContentType,
            Sha256 = stored.Sha256, PublicSha256 = stored.PublicSha256, Size = stored.Size, FileName = name.Length > 200 ? name[^200..] : name,
            Version = (old?.Version ?? 0) + 1, SupersedesId = old?.Id, TakenAt = stored.TakenAt, Lon = stored.Lon, Lat = stored.Lat,
            UploadedAt = now, UploadedBy = user.Name,
        };
        db.Evidence.Add(item);
        return item;
    }
}
