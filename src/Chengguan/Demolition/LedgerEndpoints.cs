using System.Globalization;
using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Infrastructure.Workflow;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition;

/// <summary>The filters of the ledger list; <see cref="Text"/> matches the number, address or party.</summary>
public sealed record LedgerQuery(DemolitionState? State = null, Guid? StreetId = null, Guid? TaskId = null, BuildingKind? Kind = null, LedgerSource? Source = null, string? Text = null);

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
        group.MapPost("/{id:guid}/evidence", (Guid id, IFormFile? file, [FromForm] string? purpose, Attachments attachments, CancellationToken ct) =>
                attachments.AttachToDemolitionItemAsync(id, IncomingFile.From(file), purpose, ct).ToCreated(e => $"/api/demolition/items/{id}/evidence/{e.Id}/content"))
            .WithBodyLimit(Attachments.MaxUpload).DisableAntiforgery()
            .WithSummary("上传拆除前（Before）、拆除后（After）照片或其他材料");
        group.MapGet("/{id:guid}/evidence/{evidenceId:guid}/content", Content).WithSummary("下载照片或材料");
        group.MapGet("/{id:guid}/documents/{documentId:guid}", Document).WithSummary("下载程序文书（PDF）");
    }

    private static async Task<Results<Created<LedgerItemDetail>, ValidationProblem>> Create(
        LedgerItemInput input, LedgerIntake intake, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        (LedgerItemDetail? item, FieldErrors errors) = await CreateAsync(input, intake, db, user, time, ct);
        return item is null ? Problems.Validation(errors) : TypedResults.Created($"/api/demolition/items/{item.Item.Id}", item);
    }

    /// <summary>Whether the user may put structures on the ledger: anyone who may take the first step of the procedure.</summary>
    public static bool MayRegister(CurrentUser user) =>
        user.Principal.IsInRole(Roles.Admin) || DemolitionWorkflow.Available(DemolitionState.Identified, user.Principal.IsInRole).Any();

    /// <summary>Registration as POST /api/demolition/items does it (the console calls this too).</summary>
    public static async Task<(LedgerItemDetail? Item, FieldErrors Errors)> CreateAsync(
        LedgerItemInput input, LedgerIntake intake, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!MayRegister(user))
        {
            return (null, new FieldErrors().Add("role", "当前角色不能登记违法建筑"));
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        (IllegalBuilding? item, FieldErrors errors) = await intake.OpenAsync(input, await user.GetScopeAsync(ct), user.UserId, user.Name, ct);
        if (item is null)
        {
            return (null, errors);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await LedgerMapping.DetailAsync(db, item, user, time, ct), errors);
    }

    private static async Task<Results<Ok<Page<LedgerItemSummary>>, ValidationProblem>> List(
        DemolitionState? state, Guid? streetId, Guid? taskId, BuildingKind? kind, LedgerSource? source, string? q, int? limit, string? cursor,
        AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        (Page<LedgerItemSummary>? page, FieldErrors errors) = await ListAsync(new LedgerQuery(state, streetId, taskId, kind, source, q), limit ?? 50, cursor, db, user, ct);
        return page is null ? Problems.Validation(errors) : TypedResults.Ok(page);
    }

    /// <summary>The ledger in the user's scope, newest first, by keyset cursor (GET /api/demolition/items and the console list).</summary>
    public static async Task<(Page<LedgerItemSummary>? Page, FieldErrors Errors)> ListAsync(
        LedgerQuery query, int take, string? cursor, AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (take is < 1 or > 500)
        {
            return (null, new FieldErrors().Add("limit", "每页 1–500 条"));
        }
        if (query.Text is { Length: > 100 })
        {
            return (null, new FieldErrors().Add("q", "查询文字不能超过 100 个字符"));
        }
        IQueryable<IllegalBuilding> q = db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db);
        if (cursor is not null)
        {
            string[] parts = cursor.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) || !Guid.TryParse(parts[1], out Guid after)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return (null, new FieldErrors().Add("cursor", "游标无效"));
            }
            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            q = q.Where(i => i.CreatedAt < at || (i.CreatedAt == at && i.Id.CompareTo(after) < 0));
        }
        q = query.State is { } s ? q.Where(i => i.State == s) : q;
        q = query.StreetId is { } st ? q.Where(i => i.StreetId == st) : q;
        q = query.TaskId is { } t ? q.Where(i => i.TaskId == t) : q;
        q = query.Kind is { } k ? q.Where(i => i.Kind == k) : q;
        q = query.Source is { } so ? q.Where(i => i.Source == so) : q;
        if (query.Text?.Trim() is { Length: > 0 } text)
        {
            q = q.Where(i => i.Number.Contains(text) || i.Address.Contains(text) || (i.Party != null && i.Party.Contains(text)));
        }
        var rows = await q.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(take + 1)
            .Select(i => new { Item = i, Street = db.Units.Where(u => u.Id == i.StreetId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(ct);
        string? next = rows.Count > take ? $"{rows[take - 1].Item.CreatedAt.UtcTicks}_{rows[take - 1].Item.Id}" : null;
        return (new Page<LedgerItemSummary>([.. rows.Take(take).Select(r => LedgerMapping.Summary(r.Item, r.Street))], next), new FieldErrors());
    }

    private static async Task<Results<Ok<LedgerItemDetail>, ProblemHttpResult>> Get(Guid id, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct) =>
        await FindAsync(id, db, user, time, ct) is { } item ? TypedResults.Ok(item) : Problems.NotFound("违法建筑不存在");

    /// <summary>The item with its timeline, clocks, documents and allowed moves; null outside the user's scope (404).</summary>
    public static async Task<LedgerItemDetail?> FindAsync(Guid id, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct) =>
        await db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(i => i.Id == id, ct) is { } item
            ? await LedgerMapping.DetailAsync(db, item, user, time, ct)
            : null;

    private static async Task<Results<Ok<LedgerItemDetail>, ValidationProblem, ProblemHttpResult>> Act(
        Guid id, string action, DemolitionActionInput input, AppDbContext db, DemolitionProcedure procedure, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        // An unknown action is a bad request, judged before the item is looked up.
        if (!Enum.TryParse(action, ignoreCase: true, out DemolitionAction parsed) || int.TryParse(action, out _))
        {
            return Problems.Validation("action", $"没有名为 {action} 的拆违程序操作");
        }
        return (await ActAsync(id, parsed, input, null, db, procedure, user, time, ct)).ToHttp();
    }

    /// <summary>
    /// One move of the procedure, as POST …/actions/{action} makes it, saved. <paramref name="version"/> (the
    /// console's) refuses a move on an item someone else has moved since it was read. An item outside the user's scope is not found.
    /// </summary>
    public static async Task<Outcome<LedgerItemDetail>> ActAsync(Guid id, DemolitionAction action, DemolitionActionInput input, int? version,
        AppDbContext db, DemolitionProcedure procedure, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        IllegalBuilding? item = await db.IllegalBuildings.InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return new Outcome<LedgerItemDetail>.NotFound("违法建筑不存在");
        }
        DemolitionState before = item.State;
        var taken = new Outcome<LedgerItemDetail>.Conflict("该违法建筑已被他人处理，请刷新后重试", before.ToString(), action.ToString());
        if (version is { } v && v != item.Version)
        {
            return taken;
        }
        Outcome<IllegalBuilding> moved = await procedure.ApplyAsync(item, action, input, user.Principal.IsInRole, user.UserId, user.Name, ct);
        if (moved is not Outcome<IllegalBuilding>.Done)
        {
            return moved.Refusal<IllegalBuilding, LedgerItemDetail>();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return taken;
        }
        return await LedgerMapping.DetailAsync(db, item, user, time, ct);
    }

    /// <summary>Links a case in the user's scope to the item (POST …/cases and the item page's link form).</summary>
    internal static async Task<Results<Ok<LedgerItemDetail>, ValidationProblem, ProblemHttpResult>> LinkCase(
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
