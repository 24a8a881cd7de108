using System.Globalization;
using Chengguan.Infrastructure;
using Chengguan.Kpis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Chengguan.DistrictReports.Sections;

/// <summary>(b) The hotline's "三个2" (签收、到场、初步结果 within their limits) and on-time closure per street, from the KPIs' door.</summary>
public sealed class HotlineSection(KpiQueries kpis) : IReportSection
{
    public const string SectionKey = "hotline";

    public string Key => SectionKey;

    public string Title => "12345 热线“三个2”落实情况";

    public const string Intro = "按街镇统计本期热线工单按时签收、按时到场、初步结果按时反馈及按期结案情况。";

    public string DefaultIntro => Intro;

    private static readonly string[] s_kpis = [Kpi.OnTimeAccept, Kpi.OnTimeOnSite, Kpi.OnTimePreliminary, Kpi.OnTimeClosure];

    public async Task<IReadOnlyList<ReportBlock>> BuildAsync(ReportContext context, CancellationToken ct)
    {
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["from"] = context.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = context.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["groupBy"] = "street",
        });
        return await kpis.ReportAsync(query, ct) is Outcome<KpiReport>.Done { Value: var report }
            ? Blocks(report)
            : [new ReportParagraph("（本节数据暂不可用。）")];
    }

    /// <summary>"95.0%（19/20）": the rate with what it was counted from.</summary>
    public static string Cell(KpiResult r) =>
        r.Denominator == 0 ? "—" : $"{ReportText.Rate(r.Rate)}（{r.Numerator.ToString(CultureInfo.InvariantCulture)}/{r.Denominator.ToString(CultureInfo.InvariantCulture)}）";

    public static IReadOnlyList<ReportBlock> Blocks(KpiReport report)
    {
        KpiRow t = report.Total;
        string Say(string kpi) => $"{Kpi.Find(kpi)!.Name}{ReportText.Rate(t[kpi].Rate)}";
        var headers = new[] { "街镇" }.Concat(s_kpis.Select(k => Kpi.Find(k)!.Name)).ToArray();
        List<string[]> rows = [.. report.Rows.Append(t).Select(r => new[] { r.Name }.Concat(s_kpis.Select(k => Cell(r[k]))).ToArray())];
        return
        [
            new ReportParagraph($"全区{string.Join("，", s_kpis.Select(Say))}。"),
            new ReportTable(headers, rows, [1.6, 1.6, 1.6, 1.8, 1.6]),
        ];
    }
}
