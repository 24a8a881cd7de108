using System.Globalization;
using Chengguan.Directives;
using Chengguan.Infrastructure;

namespace Chengguan.DistrictReports.Sections;

/// <summary>(d) Directives (督办) in hand during the period, from the directives' monthly report for each month of it: closed, on time, overdue.</summary>
public sealed class DirectivesSection(DirectiveRegistry directives) : IReportSection
{
    public const string SectionKey = "directives";

    public string Key => SectionKey;

    public string Title => "督办事项办理情况";

    public const string Intro = "区委、区政府及局领导交办事项和本局承诺事项的办理情况如下（状态截至报告生成时）。";

    public string DefaultIntro => Intro;

    public async Task<IReadOnlyList<ReportBlock>> BuildAsync(ReportContext context, CancellationToken ct)
    {
        // A quarter is its three months: a directive in hand in any of them is in hand in the quarter.
        var rows = new Dictionary<Guid, DirectiveRow>();
        foreach (string month in context.Period.Months)
        {
            if (await directives.MonthlyAsync(month, ct) is not Outcome<MonthlyReport>.Done { Value: var report })
            {
                return [new ReportParagraph("（本节数据暂不可用。）")];
            }
            foreach (DirectiveRow r in report.Directives)
            {
                rows[r.Id] = r;
            }
        }
        return Blocks([.. rows.Values.OrderBy(r => r.Number)], context.Now);
    }

    /// <summary>How a directive stands for the report: 已销号 (按期/超期), 超期未办结, or 正在推进.</summary>
    public static string Standing(DirectiveRow r, DateTimeOffset now) => r.ClosedAt is { } closed
        ? closed <= r.DueAt ? "按期销号" : "超期销号"
        : now >= r.DueAt ? "超期未办结" : "正在推进";

    public static IReadOnlyList<ReportBlock> Blocks(IReadOnlyList<DirectiveRow> rows, DateTimeOffset now)
    {
        if (rows.Count == 0)
        {
            return [new ReportParagraph("本期无在办或办结的督办事项。")];
        }
        int closed = rows.Count(r => r.ClosedAt is not null), lateClosed = rows.Count(r => Standing(r, now) == "超期销号");
        int overdue = rows.Count(r => Standing(r, now) == "超期未办结"), going = rows.Count - closed - overdue;
        static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
        return
        [
            new ReportParagraph($"本期在办及办结督办事项{N(rows.Count)}项：已销号{N(closed)}项（其中超期销号{N(lateClosed)}项），正在按期推进{N(going)}项，超期未办结{N(overdue)}项。"),
            new ReportTable(["编号", "来源", "督办内容", "责任单位", "完成时限", "进度", "办理情况"],
                [.. rows.Select(r => new[] { N(r.Number), r.Source, Short(r.Text), r.OwnerUnit, DirectiveExport.DeadlineText(r), $"{N(r.Percent)}%", Standing(r, now) })],
                [0.6, 1, 4, 1.6, 1.6, 0.8, 1.2]),
        ];
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
