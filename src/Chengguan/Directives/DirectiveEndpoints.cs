using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Chengguan.Directives;

/// <summary>Directive tracking (督办) over HTTP: adapters over <see cref="DirectiveRegistry"/> and <see cref="DirectiveDesk"/>.</summary>
public static class DirectiveEndpoints
{
    public static void MapDirectivesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/directives").WithTags("Directives").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapGet("/sources", async (DirectiveRegistry r, CancellationToken ct) => TypedResults.Ok(await r.SourcesAsync(ct)))
            .WithSummary("督办来源").WithDescription("区委、区政府、局领导、本局承诺等来源；来源是数据，可以增加。");
        g.MapPost("/sources", (SourceRequest req, DirectiveRegistry r, CancellationToken ct) => r.AddSourceAsync(req, ct).ToCreated(s => $"/api/directives/sources/{s.Id}"))
            .WithSummary("增加督办来源").WithDescription("限局领导、科室负责人、督查、管理员。");
        g.MapGet("/choices", async (DirectiveRegistry r, CancellationToken ct) => TypedResults.Ok(await r.ChoicesAsync(ct)))
            .WithSummary("登记表单的可选项").WithDescription("来源、单位、分管领导（局长、副局长、科长）。");
        g.MapPost("/", (DirectiveRequest req, DirectiveRegistry r, CancellationToken ct) => r.CreateAsync(req, ct).ToCreated(d => $"/api/directives/{d.Directive.Id}"))
            .WithSummary("登记督办事项").WithDescription("来源、依据、内容、责任单位、协办单位、分管领导、完成时限（deadline 日期按自然日计，或 workingDays 按工作日历计；asap=true 表示“尽快”并以 deadline 为目标日期）、阶段节点。限局领导、科室负责人、督查、管理员。");
        g.MapGet("/", async ([AsParameters] DirectiveFilter filter, DirectiveRegistry r, CancellationToken ct) => TypedResults.Ok(await r.ListAsync(filter, ct)))
            .WithSummary("督办事项列表").WithDescription("本人可见的督办事项及进度灯；可按 source、light、leader、unit（责任或协办）、closed 筛选。");
        g.MapGet("/board", (string? by, [AsParameters] DirectiveFilter filter, DirectiveRegistry r, CancellationToken ct) => r.BoardAsync(by, filter, ct).ToHttp())
            .WithSummary("督办看板（按分管领导或按单位）").WithDescription("by=leader 按分管领导分组，by=unit 按单位分组（责任和协办）；每组含绿、黄、红灯及已销号数。");
        g.MapGet("/reports/{month}", (string month, DirectiveRegistry r, CancellationToken ct) => r.MonthlyAsync(month, ct).ToHttp())
            .WithSummary("督办事项月报").WithDescription("month 为 yyyy-MM：该月在办或办结的督办事项及该月进展报送。");
        g.MapGet("/reports/{month}/xlsx", (string month, DirectiveRegistry r, CancellationToken ct) =>
                r.ExportMonthlyAsync(month, xlsx: true, ct).ToHttp(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .WithSummary("导出督办事项月报 Excel").WithDescription("供区委督查室：督办事项表与本月进展表。");
        g.MapGet("/reports/{month}/pdf", (string month, DirectiveRegistry r, CancellationToken ct) =>
                r.ExportMonthlyAsync(month, xlsx: false, ct).ToHttp(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .WithSummary("导出督办事项月报 PDF").WithDescription("以公文版式导出，供区委督查室。");
        g.MapGet("/{id:guid}", (Guid id, DirectiveDesk d, CancellationToken ct) => d.GetAsync(id, ct).ToHttp())
            .WithSummary("督办事项详情").WithDescription("事项、阶段节点、进展报送、办结材料、时间线和本人可执行的操作。");
        g.MapPost("/{id:guid}/actions/{action}", (Guid id, string action, DirectiveActionInput input, DirectiveDesk d, CancellationToken ct) =>
                d.ActAsync(id, action, input, ct).ToHttp())
            .WithSummary("督办事项流转").WithDescription("Accept 签收；RequestExtension 申请延期（days、note）；ApproveExtension/RejectExtension 批准或不予延期（不予须 note）；RequestClose 申请销号（note，须已上传材料）；Return 退回（note）；Close 销号。审批限局领导、督查。");
        g.MapPost("/{id:guid}/reports", (Guid id, DirectiveReportRequest req, DirectiveDesk d, CancellationToken ct) => d.ReportAsync(id, req, ct).ToHttp())
            .WithSummary("报送进展").WithDescription("责任单位或协办单位报送进展情况、日期与完成百分比。");
        g.MapPost("/{id:guid}/milestones/{milestoneId:guid}/done", (Guid id, Guid milestoneId, DirectiveDesk d, CancellationToken ct) =>
                d.MilestoneDoneAsync(id, milestoneId, ct).ToHttp())
            .WithSummary("确认阶段节点完成").WithDescription("责任单位确认一个阶段节点已完成。");
        g.MapPost("/{id:guid}/evidence", (Guid id, IFormFile? file, [FromForm] string? purpose, DirectiveDesk d, CancellationToken ct) =>
                d.AttachAsync(id, IncomingFile.From(file), purpose, ct).ToCreated(e => $"/api/directives/{id}/evidence/{e.Id}/content"))
            .WithBodyLimit(Attachments.MaxUpload).DisableAntiforgery()
            .WithSummary("上传办结材料").WithDescription("以 multipart/form-data 上传一个文件（file）及用途（purpose）。");
        g.MapGet("/{id:guid}/evidence/{evidenceId:guid}/content", (Guid id, Guid evidenceId, string? copy, DirectiveDesk d, CancellationToken ct) =>
                d.OpenAsync(id, evidenceId, copy, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName, enableRangeProcessing: true)))
            .WithSummary("下载办结材料").WithDescription("copy=original 为原件，copy=public 为去除 EXIF/GPS 的公开副本。");
    }
}
