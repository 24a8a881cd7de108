using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Chengguan.Surveys;

/// <summary>Surveys, their imports and their analysis over HTTP: one-line adapters over <see cref="SurveyRegister"/>, <see cref="SurveyImports"/> and <see cref="SurveyAnalysis"/>.</summary>
public static class SurveysEndpoints
{
    public static void MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/satisfaction").WithTags("Satisfaction").RequireAuthorization(Policies.Staff);
        group.MapGet("/kinds", (SurveyRegister surveys, CancellationToken ct) => surveys.KindsAsync(ct).ToHttp())
            .WithSummary("测评类型列表").WithDescription("列出满意度测评的类型（城管执法工作市民满意度测评、市容环境卫生状况社会公众满意度测评等）。");
        group.MapPost("/kinds", (SurveyKindInput input, SurveyRegister surveys, CancellationToken ct) => surveys.AddKindAsync(input, ct).ToCreated(k => $"/api/satisfaction/kinds/{k.Code}"))
            .WithSummary("新增测评类型").WithDescription("局领导、科长或系统管理员新增一种测评类型。");
        group.MapGet("/surveys", (SurveyRegister surveys, CancellationToken ct) => surveys.ListAsync(ct).ToHttp())
            .WithSummary("测评列表").WithDescription("按类型和期次列出满意度测评。");
        group.MapPost("/surveys", (SurveyInput input, SurveyRegister surveys, CancellationToken ct) => surveys.CreateAsync(input, ct).ToCreated(s => $"/api/satisfaction/surveys/{s.Id}"))
            .WithSummary("新建测评：类型、期次（如 2026H1）、评分范围和指标树").WithDescription("局领导、科长或系统管理员新建一期测评及其指标（编码在本期唯一，上级指标须在前）。");
        group.MapGet("/surveys/{id:guid}", (Guid id, SurveyRegister surveys, CancellationToken ct) => surveys.GetAsync(id, ct).ToHttp())
            .WithSummary("测评详情").WithDescription("一期测评的类型、期次、评分范围、指标树和已导入的数据量。");
        group.MapGet("/surveys/{id:guid}/{level}/template.csv", (Guid id, string level, SurveyRegister surveys, CancellationToken ct) =>
                surveys.TemplateAsync(id, level, ct).ToHttp(t => TypedResults.File(t.Content, "text/csv; charset=utf-8", t.FileName)))
            .WithSummary("下载导入模板（level 为 responses 或 summaries）").WithDescription("下载本期测评受访者数据或汇总数据的 CSV 导入模板。");
        group.MapGet("/surveys/{id:guid}/analysis", (Guid id, [FromQuery] string? street, SurveyAnalysis analysis, CancellationToken ct) => analysis.AnalyseAsync(id, street, ct).ToHttp())
            .WithSummary("精准分析：各指标均值、置信区间、重要性、四象限、与上期比较及优先整改的指标×街镇")
            .WithDescription("全区或单个街镇（street 为名称、编码或编号）的测评分析，并列出同期各街镇热线回访满意率和返工率。");
        group.MapGet("/surveys/{id:guid}/cell", (Guid id, [FromQuery] string? indicator, [FromQuery] string? street, SurveyAnalysis analysis, CancellationToken ct) =>
                analysis.CellAsync(id, indicator, street, ct).ToHttp())
            .WithSummary("下钻一个指标×街镇：与全区、上期比较，评分分布，同期热线回访满意率和返工率，案件数，对应的整改事项")
            .WithDescription("indicator 为指标编码，street 为街镇名称、编码或编号。评分分布仅受访者数据有。");
        group.MapGet("/trends", ([FromQuery] string? kind, [FromQuery] string? indicator, [FromQuery] string? street, SurveyAnalysis analysis, CancellationToken ct) =>
                analysis.TrendAsync(kind, indicator, street, ct).ToHttp())
            .WithSummary("指标趋势：同类测评各期的均值、样本量和 95% 置信区间（全区及单个街镇）")
            .WithDescription("kind 为测评类型编码或名称，indicator 为指标编码，street（可选）为街镇名称、编码或编号；按期次从早到晚。");

        var imports = group.MapGroup("/surveys/{id:guid}").WithBodyLimit(SurveyImports.ResponseLimits.MaxFileBytes).DisableAntiforgery();
        imports.MapPost("/responses", (Guid id, IFormFile? file, [FromQuery] bool? dryRun, SurveyImports import, CancellationToken ct) =>
                ImportAsync(file, SurveyImports.ResponseLimits, rows => import.ImportResponsesAsync(id, rows, dryRun == true, ct), ct))
            .WithSummary("导入受访者数据（CSV 或 Excel；表头 respondent,street,overall,指标编码…；dryRun=true 只校验；任一行有误则不写入）")
            .WithDescription("每行一名受访者：街镇填名称或单位编码，评分在本期评分范围内，留空表示无法评价。任一行有误则整体不写入并逐行报告。");
        imports.MapPost("/summaries", (Guid id, IFormFile? file, [FromQuery] bool? dryRun, SurveyImports import, CancellationToken ct) =>
                ImportAsync(file, TabularLimits.Default, rows => import.ImportSummariesAsync(id, rows, dryRun == true, ct), ct))
            .WithSummary("导入汇总数据（CSV 或 Excel；表头 street,indicator,mean,n[,sd]；dryRun=true 只校验；任一行有误则不写入）")
            .WithDescription("只有公开报告时按街镇和指标导入均值、样本量和（可选）标准差；indicator 为 overall 表示总体满意度。");
    }

    private static async Task<Results<Ok<SurveyImportReport>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        IFormFile? file, TabularLimits limits, Func<IReadOnlyList<TabularRow>, Task<Outcome<SurveyImportReport>>> import, CancellationToken ct)
    {
        (IReadOnlyList<TabularRow>? rows, ProblemHttpResult? problem) = await Tabular.ReadUploadAsync(file, limits, ct);
        if (problem is not null)
        {
            return problem;
        }
        return await import(rows!).ToHttp();
    }
}
