using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Chengguan.Rectification;

/// <summary>The rectification plan over HTTP: adapters over <see cref="RectificationPlans"/> and <see cref="RectificationItems"/>.</summary>
public static class RectificationEndpoints
{
    public static void MapRectificationApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/rectification").WithTags("Rectification").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapPost("/plans", (PlanRequest req, RectificationPlans plans, CancellationToken ct) => plans.CreateAsync(req, ct).ToCreated(p => $"/api/rectification/plans/{p.Id}"))
            .WithSummary("制定整改工作方案（每期一个）").WithDescription("按期别（如 2026H2）建立提高城管执法市民满意度的整改工作方案；同一期别只能有一个方案。限局领导、科室负责人、管理员。");
        g.MapGet("/plans", async (RectificationPlans plans, CancellationToken ct) => TypedResults.Ok(await plans.ListAsync(ct)))
            .WithSummary("整改工作方案列表").WithDescription("列出各期整改工作方案及本人可见事项数、已销项数。");
        g.MapGet("/plans/{id:guid}", (Guid id, Guid? unit, RectificationPlans plans, CancellationToken ct) => plans.GetAsync(id, unit, ct).ToHttp())
            .WithSummary("方案看板：整改事项及进度灯").WithDescription("返回方案中本人可见的整改事项，含状态、完成进度与红黄绿灯；unit 按责任单位筛选。");
        g.MapPost("/plans/{id:guid}/draft", (Guid id, DraftRequest req, RectificationPlans plans, CancellationToken ct) => plans.DraftAsync(id, req, ct).ToHttp())
            .WithSummary("由满意度测评的重点单元生成整改事项草稿").WithDescription("每个指标×街镇单元生成一项整改事项：问题由指标与街镇生成，责任单位为该街镇城管中队，完成时限默认 60 天（计时引擎计时），整改措施由责任单位填写。");
        g.MapPost("/plans/{id:guid}/draft-from-survey/{surveyId:guid}", (Guid id, Guid surveyId, int? days, RectificationPlans plans, CancellationToken ct) =>
                plans.DraftFromSurveyAsync(id, surveyId, days, ct).ToHttp())
            .WithSummary("由某次满意度测评的分析直接生成整改事项草稿").WithDescription("取该测评分析的重点改进单元（指标×街镇，按重要性×与全区均值之差排序的前十个），逐个生成整改事项，规则同 draft；days 为完成时限天数（默认 60）。");
        g.MapGet("/plans/{id:guid}/progress", (Guid id, RectificationPlans plans, CancellationToken ct) => plans.ProgressAsync(id, ct).ToHttp())
            .WithSummary("各责任单位整改进度").WithDescription("按责任单位统计各状态、各进度灯的事项数及按期完成率。");
        g.MapGet("/plans/{id:guid}/xlsx", (Guid id, RectificationPlans plans, CancellationToken ct) =>
                plans.ExportAsync(id, xlsx: true, ct).ToHttp(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .WithSummary("导出整改方案及进度 Excel").WithDescription("导出整改事项表与责任单位进度表。");
        g.MapGet("/plans/{id:guid}/pdf", (Guid id, RectificationPlans plans, CancellationToken ct) =>
                plans.ExportAsync(id, xlsx: false, ct).ToHttp(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .WithSummary("导出整改方案及进度 PDF").WithDescription("以公文版式导出整改事项与责任单位进度。");
        g.MapGet("/items/{id:guid}", (Guid id, RectificationItems items, CancellationToken ct) => items.GetAsync(id, ct).ToHttp())
            .WithSummary("整改事项详情").WithDescription("返回整改事项、进展报送、整改材料、时间线和本人可执行的操作。");
        g.MapPost("/items/{id:guid}/actions/{action}", (Guid id, string action, RectificationActionInput input, RectificationItems items, CancellationToken ct) =>
                items.ActAsync(id, action, input, ct).ToHttp())
            .WithSummary("整改事项流转：制定措施、报请验收、验收通过/不通过、销项").WithDescription("action 为 Start（须 measure）、Submit（须已上传材料）、Pass、Fail（须 note，退回整改中）或 Close。验收限督查、科室负责人、局领导。");
        g.MapPost("/items/{id:guid}/reports", (Guid id, ReportRequest req, RectificationItems items, CancellationToken ct) => items.ReportAsync(id, req, ct).ToHttp())
            .WithSummary("报送整改进展").WithDescription("责任单位报送进展情况、日期与完成百分比；仅整改中的事项可以报送。");
        g.MapPost("/items/{id:guid}/evidence", (Guid id, IFormFile? file, [FromForm] string? purpose, RectificationItems items, CancellationToken ct) =>
                items.AttachAsync(id, IncomingFile.From(file), purpose, ct).ToCreated(e => $"/api/rectification/items/{id}/evidence/{e.Id}/content"))
            .WithBodyLimit(Attachments.MaxUpload).DisableAntiforgery()
            .WithSummary("上传整改完成材料（照片或文件）").WithDescription("以 multipart/form-data 上传一个文件（file）及用途（purpose：Before、After、Other）。");
        g.MapGet("/items/{id:guid}/evidence/{evidenceId:guid}/content", (Guid id, Guid evidenceId, string? copy, RectificationItems items, CancellationToken ct) =>
                items.OpenAsync(id, evidenceId, copy, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName, enableRangeProcessing: true)))
            .WithSummary("下载整改材料").WithDescription("copy=original 为原件，copy=public 为去除 EXIF/GPS 的公开副本。");
    }
}
