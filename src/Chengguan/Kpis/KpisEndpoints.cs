using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Kpis;

/// <summary>
/// Case KPIs per street or responsible unit and period, each number drillable to the cases behind
/// it, and the league table as Excel: one-line adapters over <see cref="KpiQueries"/>, which parses
/// the query string and counts within the caller's data scope.
/// </summary>
public static class KpisEndpoints
{
    public static void MapKpis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/kpis").WithTags("Kpis").RequireAuthorization(Policies.Staff);
        group.MapGet("/", (HttpRequest request, KpiQueries kpis, CancellationToken ct) => kpis.ReportAsync(request.Query, ct).ToHttp())
            .WithSummary("考核指标：按街镇（groupBy=street）或承办单位（groupBy=unit）统计各项指标的分子、分母和比率，含合计行；from、to 为日期（含），默认本月")
            .WithDescription("按街镇或承办单位统计考核指标（按时签收率、按时办结率、满意率等）的分子、分母和比率，含合计行。");
        group.MapGet("/export.xlsx", (HttpRequest request, KpiQueries kpis, CancellationToken ct) =>
                kpis.ExportAsync(request.Query, ct).ToHttp(book => TypedResults.File(book.Content, KpiExport.ContentType, book.FileName)))
            .WithSummary("导出指标排名（Excel）：按 sort 指定的指标排序并排名")
            .WithDescription("以 Excel 导出按所选指标排序的排名表。");
        group.MapGet("/{kpi}/cases", (string kpi, HttpRequest request, KpiQueries kpis, CancellationToken ct) => kpis.CasesAsync(kpi, request.Query, ct).ToHttp())
            .WithSummary("指标下钻：列出构成某项指标分子（part=numerator）或分母（part=denominator）的案件，游标分页")
            .WithDescription("列出构成某项指标分子或分母的案件，用于核对指标；以 cursor 游标翻页。");
    }
}
