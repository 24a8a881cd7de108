using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Chengguan.Supervision;

/// <summary>Supervision over HTTP: adapters over <see cref="SupervisionPlans"/> and <see cref="SupervisionInspections"/>.</summary>
public static class SupervisionEndpoints
{
    public static void MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/supervision").WithTags("Supervision").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapGet("/checklists", (SupervisionPlans plans, CancellationToken ct) => plans.ChecklistsAsync(ct).ToHttp())
            .WithSummary("案卷评查标准各版本").WithDescription("列出各版评查标准：评查项目（主体合法、事实清楚、证据确凿、程序合法、适用法律正确、文书规范、时限等）的分值与扣分情形。");
        g.MapPost("/checklists", (ChecklistRequest req, SupervisionPlans plans, CancellationToken ct) =>
                plans.AddChecklistAsync(req, ct).ToCreated(c => $"/api/supervision/checklists/{c.Version}"))
            .WithSummary("修订评查标准（新增版本）").WithDescription("新增下一版评查标准；已建的抽查计划沿用建立时的版本。限科室负责人、局领导、管理员。");
        g.MapPost("/plans", (SupervisionPlanRequest req, SupervisionPlans plans, CancellationToken ct) => plans.CreateAsync(req, ct).ToCreated(p => $"/api/supervision/plans/{p.Id}"))
            .WithSummary("建立抽查计划").WithDescription("抽查范围：起止日期内办结的案件和/或拆违事项；按街镇分层，每个街镇抽 perStreet 件；seed 为随机种子（不填则自动生成并保存），同一种子、同一范围抽出同样的案卷。");
        g.MapGet("/plans", (SupervisionPlans plans, CancellationToken ct) => plans.ListAsync(ct).ToHttp())
            .WithSummary("抽查计划列表").WithDescription("各抽查计划及抽取、评查进度。");
        g.MapGet("/plans/{id:guid}", (Guid id, Guid? street, SupervisionPlans plans, CancellationToken ct) => plans.GetAsync(id, street, ct).ToHttp())
            .WithSummary("抽查计划及样本案卷").WithDescription("返回计划与抽中的案卷（含评分）；street 只看某街镇的案卷。");
        g.MapPost("/plans/{id:guid}/draw", (Guid id, SupervisionPlans plans, CancellationToken ct) => plans.DrawAsync(id, ct).ToHttp())
            .WithSummary("按计划抽取样本").WithDescription("按保存的随机种子分街镇抽取（不放回），只能抽取一次。");
        g.MapGet("/files/{id:guid}", (Guid id, SupervisionPlans plans, CancellationToken ct) => plans.FileAsync(id, ct).ToHttp())
            .WithSummary("抽查案卷及评查结果").WithDescription("返回案卷、所用评查标准、评分结果与发现的问题（及整改状态）。");
        g.MapPost("/files/{id:guid}/review", (Guid id, ReviewRequest req, SupervisionPlans plans, CancellationToken ct) => plans.ReviewAsync(id, req, ct).ToHttp())
            .WithSummary("按评查标准评分").WithDescription("marks 为各评查项目适用的扣分情形；每项扣分不低于 0；有扣分的项目生成问题并下发街镇中队整改（days 为整改期限，默认 30 天）。");
        g.MapGet("/scores", (int? year, SupervisionPlans plans, CancellationToken ct) => plans.ScoresAsync(year, ct).ToHttp())
            .WithSummary("各街镇评查得分").WithDescription("按抽查计划（期间）和街镇统计抽查件数、已评查件数、平均分、最低分与问题数；用 plans/{id}?street= 下钻到案卷。");
        g.MapPost("/inspections", (InspectionRequest req, SupervisionInspections inspections, CancellationToken ct) =>
                inspections.CreateAsync(req, ct).ToCreated(i => $"/api/supervision/inspections/{i.Id}"))
            .WithSummary("登记现场督查").WithDescription("督查日期、地点、督查人员与发现的问题；每个问题下发该街镇中队整改。");
        g.MapGet("/inspections", async (SupervisionInspections inspections, CancellationToken ct) => TypedResults.Ok(await inspections.ListAsync(ct)))
            .WithSummary("现场督查记录").WithDescription("街镇中队只看到本中队的督查记录。");
        g.MapGet("/inspections/{id:guid}", (Guid id, SupervisionInspections inspections, CancellationToken ct) => inspections.GetAsync(id, ct).ToHttp())
            .WithSummary("现场督查详情").WithDescription("督查记录、发现的问题（及整改状态）和现场照片。");
        g.MapPost("/inspections/{id:guid}/photos", (Guid id, IFormFile? file, [FromForm] string? purpose, SupervisionInspections inspections, CancellationToken ct) =>
                inspections.AttachAsync(id, IncomingFile.From(file), purpose, ct).ToCreated(e => $"/api/supervision/inspections/{id}/photos/{e.Id}/content"))
            .WithBodyLimit(Attachments.MaxUpload).DisableAntiforgery()
            .WithSummary("上传现场督查照片").WithDescription("以 multipart/form-data 上传一个文件（file）。");
        g.MapGet("/inspections/{id:guid}/photos/{evidenceId:guid}/content", (Guid id, Guid evidenceId, string? copy, SupervisionInspections inspections, CancellationToken ct) =>
                inspections.OpenAsync(id, evidenceId, copy, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName, enableRangeProcessing: true)))
            .WithSummary("下载现场督查照片").WithDescription("copy=original 为原件，copy=public 为去除 EXIF/GPS 的公开副本。");
        g.MapGet("/findings", async (SupervisionInspections inspections, CancellationToken ct) => TypedResults.Ok(await inspections.FindingsAsync(ct)))
            .WithSummary("督查发现的问题").WithDescription("案卷评查与现场督查发现的问题及其整改事项状态；街镇中队只看到本中队的。");
        g.MapGet("/findings/{id:guid}", (Guid id, SupervisionInspections inspections, CancellationToken ct) => inspections.FindingAsync(id, ct).ToHttp())
            .WithSummary("督查发现的一个问题").WithDescription("其他中队的问题答复 404。");
    }
}
