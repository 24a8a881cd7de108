using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Kpis;

/// <summary>
/// Case KPIs per street or responsible unit and period, each number drillable to the cases behind
/// it, and the league table as Excel. Everything is counted within the caller's data scope.
/// </summary>
public static class KpisEndpoints
{
    public static void MapKpis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/kpis").WithTags("Kpis").RequireAuthorization(Policies.Staff);
        group.MapGet("/", Report)
            .WithSummary("考核指标：按街镇（groupBy=street）或承办单位（groupBy=unit）统计各项指标的分子、分母和比率，含合计行；from、to 为日期（含），默认本月");
        group.MapGet("/export.xlsx", Export)
            .WithSummary("导出指标排名（Excel）：按 sort 指定的指标排序并排名");
        group.MapGet("/{kpi}/cases", Behind)
            .WithSummary("指标下钻：列出构成某项指标分子（part=numerator）或分母（part=denominator）的案件，游标分页");
    }

    private static async Task<Results<Ok<KpiReport>, ValidationProblem>> Report(
        HttpRequest request, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        KpiRequest parsed = KpiRequest.Parse(request.Query, now, ShanghaiTime.Zone);
        if (parsed.Errors.Any)
        {
            return Problems.Validation(parsed.Errors);
        }
        return TypedResults.Ok(await KpiReports.BuildAsync(db, await user.GetScopeAsync(ct), parsed, now, ct));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        HttpRequest request, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        KpiRequest parsed = KpiRequest.Parse(request.Query, now, ShanghaiTime.Zone);
        if (parsed.Errors.Any)
        {
            return Problems.Validation(parsed.Errors);
        }
        KpiReport report = await KpiReports.BuildAsync(db, await user.GetScopeAsync(ct), parsed, now, ct);
        return TypedResults.File(KpiExport.Build(report, parsed.Sort), KpiExport.ContentType, KpiExport.FileName(report));
    }

    private static async Task<Results<Ok<Page<CaseSummary>>, ValidationProblem, ProblemHttpResult>> Behind(
        string kpi, HttpRequest request, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (Kpi.Find(kpi) is not { } definition)
        {
            return Problems.NotFound($"没有名为 {kpi} 的指标（可选：{Kpi.Codes}）");
        }
        DateTimeOffset now = time.GetUtcNow();
        KpiRequest parsed = KpiRequest.Parse(request.Query, now, ShanghaiTime.Zone);
        if (parsed.Errors.Any)
        {
            return Problems.Validation(parsed.Errors);
        }
        List<Case> rows = await KpiReports.BehindAsync(db, await user.GetScopeAsync(ct), definition, parsed, now, ct);
        string? next = rows.Count > parsed.Limit ? CaseFilter.Cursor(rows[parsed.Limit - 1]) : null;
        return TypedResults.Ok(new Page<CaseSummary>([.. rows.Take(parsed.Limit).Select(CaseMapping.Summary)], next));
    }
}
