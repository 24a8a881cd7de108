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

[RequestModel]
public sealed record CaseLinkInput([property: System.ComponentModel.DataAnnotations.Required(ErrorMessage = "案件编号不能为空")] Guid? CaseId);

/// <summary>The illegal-building ledger: items, the legal procedure, photos, generated documents.</summary>
public static class LedgerEndpoints
{
    public static void MapDemolitionLedger(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/demolition/items").WithTags("Demolition").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        group.MapPost("/", (LedgerItemInput input, Ledger ledger, CancellationToken ct) => ledger.RegisterAsync(input, ct).ToCreated(d => $"/api/demolition/items/{d.Item.Id}"))
            .WithSummary("违法建筑登记入账（按坐标定位网格、社区、街镇；关联案件）")
            .WithDescription("把一处违法建筑登记入台账：按坐标定位网格、社区、街镇，可关联来源案件。成功答 201。");
        group.MapGet("/", (DemolitionState? state, Guid? streetId, Guid? taskId, BuildingKind? kind, LedgerSource? source, string? q, int? limit, string? cursor, Ledger ledger,
                CancellationToken ct) => ledger.ListAsync(new LedgerQuery(state, streetId, taskId, kind, source, q), limit ?? 50, cursor, ct).ToHttp())
            .WithSummary("违法建筑台账查询：状态、街镇、任务批次、类型、来源，游标分页")
            .WithDescription("在调用者范围内查询违法建筑台账，以 cursor 游标翻页。");
        group.MapGet("/{id:guid}", (Guid id, Ledger ledger, CancellationToken ct) => ledger.GetAsync(id, ct).ToHttp())
            .WithSummary("违法建筑详情：时间线、法定期限、文书、照片、可执行的操作")
            .WithDescription("返回违法建筑的时间线、法定期限、已生成的文书、照片和调用者可执行的法定程序。");
        group.MapPost("/{id:guid}/actions/{action}", Act).WithSummary("执行法定程序（责令限期拆除、告知、催告、强拆决定、自拆、强拆、复核、销项、撤销）")
            .WithDescription("按法定程序的流转表执行一步；请求体为 DemolitionActionInput，各步需要的字段见其说明。当前状态不允许时答 409（带 state 与 action），必要时生成程序文书。");
        group.MapPost("/{id:guid}/cases", (Guid id, CaseLinkInput input, Ledger ledger, CancellationToken ct) => ledger.LinkCaseAsync(id, input, ct).ToHttp())
            .WithSummary("关联案件")
            .WithDescription("把一个案件关联到该违法建筑。");
        group.MapPost("/{id:guid}/evidence", (Guid id, IFormFile? file, [FromForm] string? purpose, Attachments attachments, CancellationToken ct) =>
                attachments.AttachToDemolitionItemAsync(id, IncomingFile.From(file), purpose, ct).ToCreated(e => $"/api/demolition/items/{id}/evidence/{e.Id}/content"))
            .WithBodyLimit(Attachments.MaxUpload).DisableAntiforgery()
            .WithSummary("上传拆除前（Before）、拆除后（After）照片或其他材料")
            .WithDescription("上传照片或材料（multipart/form-data），注明用途：拆除前、拆除后或其他。");
        group.MapGet("/{id:guid}/evidence/{evidenceId:guid}/content", (Guid id, Guid evidenceId, Ledger ledger, CancellationToken ct) =>
                ledger.EvidenceAsync(id, evidenceId, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName)))
            .WithSummary("下载照片或材料")
            .WithDescription("下载该违法建筑的一份照片或材料原件。");
        group.MapGet("/{id:guid}/documents/{documentId:guid}", (Guid id, Guid documentId, Ledger ledger, CancellationToken ct) =>
                ledger.DocumentAsync(id, documentId, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName)))
            .WithSummary("下载程序文书（PDF）")
            .WithDescription("下载程序中生成的法律文书（PDF）。");
    }

    private static async Task<Results<Ok<LedgerItemDetail>, ValidationProblem, ProblemHttpResult>> Act(
        Guid id, string action, DemolitionActionInput input, Ledger ledger, CancellationToken ct)
    {
        // An unknown action is a bad request, judged before the item is looked up.
        if (!Enum.TryParse(action, ignoreCase: true, out DemolitionAction parsed) || int.TryParse(action, out _))
        {
            return Problems.Validation("action", $"没有名为 {action} 的拆违程序操作");
        }
        return await ledger.ActAsync(id, parsed, input, null, ct).ToHttp();
    }
}
