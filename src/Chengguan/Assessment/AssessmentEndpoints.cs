using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Assessment;

/// <summary>Performance assessment (绩效考核) over HTTP: adapters over <see cref="AssessmentSetupDesk"/> and <see cref="AssessmentDesk"/>.</summary>
public static class AssessmentEndpoints
{
    public static void MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/assessment").WithTags("Assessment").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapGet("/library", (AssessmentSetupDesk d) => TypedResults.Ok(d.Library()))
            .WithSummary("考核指标库").WithDescription("各类考核对象（街镇中队、直属中队、机关科室、执法队员）的默认指标，及平台数据可计算的全部指标。");
        g.MapGet("/schemes", async (AssessmentSetupDesk d, CancellationToken ct) => TypedResults.Ok(await d.SchemesAsync(ct)))
            .WithSummary("考核方案（各版本）").WithDescription("每类考核对象的方案版本：指标、权重、计分方法、等次分数线、加减分上限。");
        g.MapPost("/schemes", (SchemeRequest req, AssessmentSetupDesk d, CancellationToken ct) => d.CreateSchemeAsync(req, ct).ToCreated(s => $"/api/assessment/schemes/{s.Id}"))
            .WithSummary("保存考核方案的新版本").WithDescription("kind 考核对象类别；items 指标（code、name、source：计算来源编码、manual 人工评分或 unit 所在单位得分；direction；method：Linear 线性、Ranking 排名、PassFail 达标；weight；floor、target、passMark），权重之和须为 100。限局领导、科室负责人、管理员。");
        g.MapGet("/periods", async (AssessmentSetupDesk d, CancellationToken ct) => TypedResults.Ok(await d.PeriodsAsync(ct)))
            .WithSummary("考核周期").WithDescription("月度、季度、年度周期及其锁定的方案版本和公布状态。");
        g.MapPost("/periods", (PeriodRequest req, AssessmentSetupDesk d, CancellationToken ct) => d.CreatePeriodAsync(req, ct).ToCreated(p => $"/api/assessment/periods/{p.Id}"))
            .WithSummary("新建考核周期").WithDescription("kind=Month/Quarter/Year，key 如 2026-11、2026-Q4、2026（上海时间）；锁定各类对象的最新方案版本；appealDays 申诉期天数。");
        g.MapGet("/periods/{id:guid}/results", (Guid id, AssessmentDesk d, CancellationToken ct) => d.ResultsAsync(id, ct).ToHttp())
            .WithSummary("考核结果").WithDescription("评定中的周期实时计算；已公布的周期为最新公布版本。单位只看到本单位及所属人员的结果。");
        g.MapGet("/periods/{id:guid}/results/{subjectId:guid}", (Guid id, Guid subjectId, AssessmentDesk d, CancellationToken ct) => d.DetailAsync(id, subjectId, ct).ToHttp())
            .WithSummary("考核结果明细（下钻）").WithDescription("每项指标的取值、分子分母、排名、得分、数据来源链接；人工评分的评定人与依据；加减分及申诉。");
        g.MapPost("/periods/{id:guid}/scores", (Guid id, ScoreRequest req, AssessmentDesk d, CancellationToken ct) => d.ScoreAsync(id, req, ct).ToHttp())
            .WithSummary("人工指标评分").WithDescription("对评定中的周期评分：subjectId、indicatorCode（方案中的人工指标）、value、evidence 评分依据、evidenceRef 佐证材料。");
        g.MapPost("/periods/{id:guid}/adjustments", (Guid id, AdjustmentRequest req, AssessmentDesk d, CancellationToken ct) => d.AdjustAsync(id, req, ct).ToHttp())
            .WithSummary("加减分").WithDescription("points 为正是加分、为负是减分，须写明理由；合计分别以方案的加分、减分上限封顶。");
        g.MapPost("/periods/{id:guid}/publish", (Guid id, AssessmentDesk d, CancellationToken ct) => d.PublishAsync(id, ct).ToHttp())
            .WithSummary("公布考核结果").WithDescription("冻结结果为第 1 版并开启申诉期。");
        g.MapGet("/periods/{id:guid}/appeals", (Guid id, AssessmentDesk d, CancellationToken ct) => d.AppealsAsync(id, ct).ToHttp())
            .WithSummary("申诉列表").WithDescription("单位只看到本单位的申诉。");
        g.MapPost("/periods/{id:guid}/appeals", (Guid id, AppealRequest req, AssessmentDesk d, CancellationToken ct) =>
                d.AppealAsync(id, req, ct).ToCreated(a => $"/api/assessment/periods/{id}/appeals/{a.Id}"))
            .WithSummary("提出申诉").WithDescription("被考核单位在申诉期内对某项指标提出申诉。");
        g.MapPost("/periods/{id:guid}/appeals/{appealId:guid}/decision", (Guid id, Guid appealId, DecisionRequest req, AssessmentDesk d, CancellationToken ct) =>
                d.DecideAsync(id, appealId, req, ct).ToHttp())
            .WithSummary("处理申诉").WithDescription("uphold=true 采纳并填写 correctedValue（更正后的指标值），结果重算并作为新版本公布；false 不予采纳。均须写处理意见。");
    }
}
