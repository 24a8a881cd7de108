using System.Globalization;
using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition;

[RequestModel]
public sealed record CaseLinkInput([property: System.ComponentModel.DataAnnotations.Required(ErrorMessage = "案件编号不能为空")] Guid? CaseId);

/// <summary>The illegal-building ledger: items, the legal procedure, photos, generated documents.</summary>
public static class LedgerEndpoints
{
    public static void MapDemolitionLedger(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/demolition/items").WithTags("Demolition").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        group.MapPost("/", Create).WithSummary("违法建筑登记入账（按坐标定位网格、社区、街镇；关联案件）");
        group.MapGet("/", List).WithSummary("违法建筑台账查询：状态、街镇、任务批次、类型、来源，游标分页");
        group.MapGet("/{id:guid}", Get).WithSummary("违法建筑详情：时间线、法定期限、文书、照片、可执行的操作");
        group.MapPost("/{id:guid}/actions/{action}", Act).WithSummary("执行法定程序（责令限期拆除、告知、催告、强拆决定、自拆、强拆、复核、销项、撤销）");
        group.MapPost("/{id:guid}/cases", LinkCase).WithSummary("关联案件");
        group.MapPost("/{id:guid}/evidence", Upload).WithBodyLimit(EvidenceEndpoints.MaxUpload).DisableAntiforgery()
            .WithSummary("上传拆除前（Before）、拆除后（After）照片或其他材料");
        group.MapGet("/{id:guid}/evidence/{evidenceId:guid}/content", Content).WithSummary("下载照片或材料");
        group.MapGet("/{id:guid}/documents/{documentId:guid}", Document).WithSummary("下载程序文书（PDF）");
    }

    private static async Task<Results<Created<LedgerItemDetail>, ValidationProblem>> Create(
        LedgerItemInput input, LedgerIntake intake, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!user.Principal.IsInRole(Roles.Admin) && !DemolitionWorkflow.Available(DemolitionState.Identified, user.Principal.IsInRole).Any())
        {
            return Problems.Validation("role", "当前角色不能登记违法建筑");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        (IllegalBuilding? item, FieldErrors errors) = await intake.OpenAsync(input, await user.GetScopeAsync(ct), user.UserId, user.Name, ct);
        if (item is null)
        {
            return Problems.Validation(errors);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/demolition/items/{item.Id}", await LedgerMapping.DetailAsync(db, item, user, time, ct));
    }

    private static async Task<Results<Ok<Page<LedgerItemSummary>>, ValidationProblem>> List(
        DemolitionState? state, Guid? streetId, Guid? taskId, BuildingKind? kind, LedgerSource? source, int? limit, string? cursor,
        AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        int take = limit ?? 50;
        if (take is < 1 or > 500)
        {
            return Problems.Validation("limit", "每页 1–500 条");
        }
        IQueryable<IllegalBuilding> q = db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db);
        if (cursor is not null)
        {
            string[] parts = cursor.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) || !Guid.TryParse(parts[1], out Guid after)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return Problems.Validation("cursor", "游标无效");
            }
            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            q = q.Where(i => i.CreatedAt < at || (i.CreatedAt == at && i.Id.CompareTo(after) < 0));
        }
        q = state is { } s ? q.Where(i => i.State == s) : q;
        q = streetId is { } st ? q.Where(i => i.StreetId == st) : q;
        q = taskId is { } t ? q.Where(i => i.TaskId == t) : q;
        q = kind is { } k ? q.Where(i => i.Kind == k) : q;
        q = source is { } so ? q.Where(i => i.Source == so) : q;
        var rows = await q.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(take + 1)
            .Select(i => new { Item = i, Street = db.Units.Where(u => u.Id == i.StreetId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(ct);
        string? next = rows.Count > take ? $"{rows[take - 1].Item.CreatedAt.UtcTicks}_{rows[take - 1].Item.Id}" : null;
        return TypedResults.Ok(new Page<LedgerItemSummary>([.. rows.Take(take).Select(r => LedgerMapping.Summary(r.Item, r.Street))], next));
    }

    private static async Task<Results<Ok<LedgerItemDetail>, ProblemHttpResult>> Get(Guid id, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct) =>
        await db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(i => i.Id == id, ct) is { } item
            ? TypedResults.Ok(await LedgerMapping.DetailAsync(db, item, user, time, ct))
            : Problems.NotFound("违法建筑不存在");

    private static async Task<Results<Ok<LedgerItemDetail>, ValidationProblem, ProblemHttpResult>> Act(
        Guid id, string action, DemolitionActionInput input, AppDbContext db, DemolitionProcedure procedure, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        // An unknown action is a bad request, judged before the item is looked up.
        if (!Enum.TryParse(action, ignoreCase: true, out DemolitionAction parsed) || int.TryParse(action, out _))
        {
            return Problems.Validation("action", $"没有名为 {action} 的拆违程序操作");
        }
        IllegalBuilding? item = await db.IllegalBuildings.InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return Problems.NotFound("违法建筑不存在");
        }
        DemolitionState before = item.State;
        DemolitionMove move = await procedure.ApplyAsync(item, parsed, input, user.Principal.IsInRole, user.UserId, user.Name, ct);
        switch (move.Outcome)
        {
            case DemolitionOutcome.InvalidState:
                return Conflict(move.Detail!, before, parsed);
            case DemolitionOutcome.Forbidden:
                return TypedResults.Problem(move.Detail, statusCode: StatusCodes.Status403Forbidden, title: "无权执行该操作");
            case DemolitionOutcome.Invalid:
                return Problems.Validation(move.Errors!);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Conflict("该违法建筑已被他人处理，请刷新后重试", before, parsed);
        }
        return TypedResults.Ok(await LedgerMapping.DetailAsync(db, item, user, time, ct));
    }

    /// <summary>The same answer as a case's invalid move: 409 naming the state and the action.</summary>
    internal static ProblemHttpResult Conflict(string detail, DemolitionState state, DemolitionAction action) =>
        Problems.Conflict(detail, new Dictionary<string, object?> { ["state"] = state.ToString(), ["action"] = action.ToString() });

    private static async Task<Results<Ok<LedgerItemDetail>, ValidationProblem, ProblemHttpResult>> LinkCase(
        Guid id, CaseLinkInput input, AppDbContext db, DemolitionProcedure procedure, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        Case? linked = await db.Cases.AsNoTracking().InScope(scope, db).FirstOrDefaultAsync(c => c.Id == input.CaseId, ct);
        if (linked is null)
        {
            return Problems.Validation("caseId", "案件不存在");
        }
        IllegalBuilding? item = await db.IllegalBuildings.InScope(scope, db).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return Problems.NotFound("违法建筑不存在");
        }
        if (!await db.DemolitionCaseLinks.AnyAsync(l => l.ItemId == id && l.CaseId == linked.Id, ct))
        {
            DateTimeOffset now = time.GetUtcNow();
            db.DemolitionCaseLinks.Add(new DemolitionCaseLink { ItemId = id, CaseId = linked.Id, LinkedAt = now });
            procedure.Append(item, "LinkCase", "关联案件", item.State, item.State, now, user.UserId, user.Name, linked.Number, null);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(await LedgerMapping.DetailAsync(db, item, user, time, ct));
    }

    private static async Task<Results<Created<EvidenceDto>, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, IFormFile? file, [FromForm] string? purpose, AppDbContext db, EvidenceStore store, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (file is null || file.Length == 0)
        {
            errors.Add("file", "请选择要上传的文件");
        }
        EvidencePurpose p = EvidencePurpose.Other;
        if (purpose is not null && (!Enum.TryParse(purpose, ignoreCase: true, out p) || int.TryParse(purpose, out _) || p == EvidencePurpose.CheckIn))
        {
            errors.Add("purpose", "用途须为 Before（拆除前）、After（拆除后）或 Other");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        if (!await db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).AnyAsync(i => i.Id == id, ct))
        {
            return Problems.NotFound("违法建筑不存在");
        }
        await using Stream stream = file!.OpenReadStream();
        (StoredFile? stored, EvidenceStore.Refusal? refused) = await store.SaveAsync(stream, file.Length, ct);
        if (stored is null)
        {
            return Problems.Validation("file", refused == EvidenceStore.Refusal.TooLarge ? "文件过大" : "不支持的文件类型（按内容识别）");
        }
        string name = Path.GetFileName(file.FileName);
        var evidence = new EvidenceItem
        {
            SubjectType = DemolitionProcedure.SubjectType, SubjectId = id, Kind = stored.Kind, Purpose = p, ContentType = stored.ContentType,
            Sha256 = stored.Sha256, PublicSha256 = stored.PublicSha256, Size = stored.Size, FileName = name.Length > 200 ? name[^200..] : name,
            TakenAt = stored.TakenAt, Lon = stored.Lon, Lat = stored.Lat, UploadedAt = time.GetUtcNow(), UploadedBy = user.Name,
        };
        db.Evidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/demolition/items/{id}/evidence/{evidence.Id}/content", EvidenceEndpoints.ToDto(evidence, superseded: false));
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Content(
        Guid id, Guid evidenceId, AppDbContext db, EvidenceStore store, CurrentUser user, CancellationToken ct)
    {
        if (!await db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).AnyAsync(i => i.Id == id, ct)
            || await db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.SubjectType == DemolitionProcedure.SubjectType && e.SubjectId == id, ct) is not { } e
            || !File.Exists(store.PathOf(e.Sha256)))
        {
            return Problems.NotFound("材料不存在");
        }
        return TypedResults.PhysicalFile(store.PathOf(e.Sha256), e.ContentType, e.FileName);
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Document(
        Guid id, Guid documentId, AppDbContext db, EvidenceStore store, CurrentUser user, CancellationToken ct)
    {
        if (!await db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).AnyAsync(i => i.Id == id, ct)
            || await db.DemolitionDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ItemId == id, ct) is not { } d
            || !File.Exists(store.PathOf(d.Sha256)))
        {
            return Problems.NotFound("文书不存在");
        }
        return TypedResults.PhysicalFile(store.PathOf(d.Sha256), "application/pdf", $"{d.Title}-{d.Number}.pdf");
    }
}
