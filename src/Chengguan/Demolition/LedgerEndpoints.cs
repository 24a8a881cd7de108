using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition;

/// <summary>The filters of the ledger list; <see cref="Text"/> matches the number, address or party.</summary>
public sealed record LedgerQuery(DemolitionState? State = null, Guid? StreetId = null, Guid? TaskId = null, BuildingKind? Kind = null, LedgerSource? Source = null, string? Text = null);

/// <summary>A move's outcome, the state before it, and the item after it (null unless done; null with Done = not in scope).</summary>
public sealed record LedgerActResult(DemolitionMove Move, DemolitionState Before, LedgerItemDetail? Detail);

[RequestModel]
public sealed record CaseLinkInput([property: System.ComponentModel.DataAnnotations.Required(ErrorMessage = "案件编号不能为空")] Guid? CaseId);

/// <summary>The illegal-building ledger: items, the legal procedure, photos, generated documents.</summary>
public static class LedgerEndpoints
{
    public static void MapDemolitionLedger(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/demolition/items").WithTags("Demolition").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        group.MapPost("/", (LedgerItemInput input, Ledger ledger, CancellationToken ct) => ledger.RegisterAsync(input, ct).ToCreated(d => $"/api/demolition/items/{d.Item.Id}"))
            .WithSummary("违法建筑登记入账（按坐标定位网格、社区、街镇；关联案件）");
        group.MapGet("/", (DemolitionState? state, Guid? streetId, Guid? taskId, BuildingKind? kind, LedgerSource? source, string? q, int? limit, string? cursor, Ledger ledger,
                CancellationToken ct) => ledger.ListAsync(new LedgerQuery(state, streetId, taskId, kind, source, q), limit ?? 50, cursor, ct).ToHttp())
            .WithSummary("违法建筑台账查询：状态、街镇、任务批次、类型、来源，游标分页");
        group.MapGet("/{id:guid}", (Guid id, Ledger ledger, CancellationToken ct) => ledger.GetAsync(id, ct).ToHttp())
            .WithSummary("违法建筑详情：时间线、法定期限、文书、照片、可执行的操作");
        group.MapPost("/{id:guid}/actions/{action}", Act).WithSummary("执行法定程序（责令限期拆除、告知、催告、强拆决定、自拆、强拆、复核、销项、撤销）");
        group.MapPost("/{id:guid}/cases", (Guid id, CaseLinkInput input, Ledger ledger, CancellationToken ct) => ledger.LinkCaseAsync(id, input, ct).ToHttp())
            .WithSummary("关联案件");
        group.MapPost("/{id:guid}/evidence", (Guid id, IFormFile? file, [FromForm] string? purpose, Attachments attachments, CancellationToken ct) =>
                attachments.AttachToDemolitionItemAsync(id, IncomingFile.From(file), purpose, ct).ToCreated(e => $"/api/demolition/items/{id}/evidence/{e.Id}/content"))
            .WithBodyLimit(Attachments.MaxUpload).DisableAntiforgery()
            .WithSummary("上传拆除前（Before）、拆除后（After）照片或其他材料");
        group.MapGet("/{id:guid}/evidence/{evidenceId:guid}/content", (Guid id, Guid evidenceId, Ledger ledger, CancellationToken ct) =>
                ledger.EvidenceAsync(id, evidenceId, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName)))
            .WithSummary("下载照片或材料");
        group.MapGet("/{id:guid}/documents/{documentId:guid}", (Guid id, Guid documentId, Ledger ledger, CancellationToken ct) =>
                ledger.DocumentAsync(id, documentId, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName)))
            .WithSummary("下载程序文书（PDF）");
    }

    private static async Task<Results<Ok<LedgerItemDetail>, ValidationProblem, ProblemHttpResult>> Act(
        Guid id, string action, DemolitionActionInput input, AppDbContext db, DemolitionProcedure procedure, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        // An unknown action is a bad request, judged before the item is looked up.
        if (!Enum.TryParse(action, ignoreCase: true, out DemolitionAction parsed) || int.TryParse(action, out _))
        {
            return Problems.Validation("action", $"没有名为 {action} 的拆违程序操作");
        }
        LedgerActResult r = await ActAsync(id, parsed, input, null, db, procedure, user, time, ct);
        return r.Move.Outcome switch
        {
            _ when r.Detail is null && r.Move.Outcome == DemolitionOutcome.Done => Problems.NotFound("违法建筑不存在"),
            DemolitionOutcome.InvalidState => Conflict(r.Move.Detail!, r.Before, parsed),
            DemolitionOutcome.Forbidden => TypedResults.Problem(r.Move.Detail, statusCode: StatusCodes.Status403Forbidden, title: "无权执行该操作"),
            DemolitionOutcome.Invalid => Problems.Validation(r.Move.Errors!),
            _ => TypedResults.Ok(r.Detail!),
        };
    }

    /// <summary>
    /// One move of the procedure, as POST …/actions/{action} makes it. <paramref name="version"/> (the
    /// console's) refuses a move on an item someone else has moved since it was read. A Done outcome
    /// without a detail means the item is not in the user's scope.
    /// </summary>
    public static async Task<LedgerActResult> ActAsync(Guid id, DemolitionAction action, DemolitionActionInput input, int? version,
        AppDbContext db, DemolitionProcedure procedure, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        IllegalBuilding? item = await db.IllegalBuildings.InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return new(new DemolitionMove(DemolitionOutcome.Done), default, null);
        }
        DemolitionState before = item.State;
        if (version is { } v && v != item.Version)
        {
            return new(new DemolitionMove(DemolitionOutcome.InvalidState, Detail: "该违法建筑已被他人处理，请刷新后重试"), before, null);
        }
        DemolitionMove move = await procedure.ApplyAsync(item, action, input, user.Principal.IsInRole, user.UserId, user.Name, ct);
        if (move.Outcome != DemolitionOutcome.Done)
        {
            return new(move, before, null);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new(new DemolitionMove(DemolitionOutcome.InvalidState, Detail: "该违法建筑已被他人处理，请刷新后重试"), before, null);
        }
        return new(move, before, await LedgerMapping.DetailAsync(db, item, user, time, ct));
    }

    /// <summary>The same answer as a case's invalid move: 409 naming the state and the action.</summary>
    internal static ProblemHttpResult Conflict(string detail, DemolitionState state, DemolitionAction action) =>
        Problems.Conflict(detail, new Dictionary<string, object?> { ["state"] = state.ToString(), ["action"] = action.ToString() });
}
