using System.Globalization;
using Chengguan.Demolition.Documents;
using Chengguan.Infrastructure;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Chengguan.Directives;

/// <summary>The month's directive report for the supervision office: an Excel workbook (directives, the month's reports) and a Chinese PDF in the bureau's document style.</summary>
public static class DirectiveExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string DirectivesSheet = "督办事项";
    public const string ReportsSheet = "本月进展";

    private static readonly string[] s_headers = ["编号", "来源", "依据", "督办内容", "责任单位", "协办单位", "分管领导", "完成时限", "状态", "完成进度", "进度灯", "是否销号", "本月进展"];
    private static readonly string[] s_reportHeaders = ["编号", "日期", "进展情况", "完成进度", "报送人"];

    public static string State(DirectiveState s) => Ui.Labels.Text("Dr_S_" + s);

    public static string LightName(DirectiveLight l) => Ui.Labels.Text("Dr_L_" + l);

    /// <summary>The deadline as people say it: the date, "尽快（目标 …）", with the working days and extensions noted.</summary>
    public static string DeadlineText(DirectiveRow r)
    {
        string day = DirectiveRegistry.Day(r.Deadline);
        string text = r.Asap ? $"尽快（目标 {day}）" : day;
        if (r.DeadlineKind == DeadlineKind.WorkingDays)
        {
            text += "（工作日）";
        }
        return r.Extensions > 0 ? $"{text}（已延期 {r.Extensions} 次）" : text;
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string[] Cells(DirectiveRow r, IEnumerable<DirectiveReportDto> month) =>
    [
        Number(r.Number), r.Source, r.Reference ?? "", r.Text, r.OwnerUnit, string.Join("、", r.CoOwners.Select(c => c.Name)), r.Leader, DeadlineText(r),
        State(r.State), $"{r.Percent}%", LightName(r.Light), r.State == DirectiveState.Closed ? "是" : "否",
        string.Join("；", month.Select(m => $"{m.On.ToString("MM-dd", CultureInfo.InvariantCulture)} {m.Text}（{m.Percent}%）")),
    ];

    private static IEnumerable<string[]> Rows(MonthlyReport report)
    {
        ILookup<Guid, DirectiveReportDto> byDirective = report.Reports.ToLookup(r => r.DirectiveId);
        return report.Directives.Select(d => Cells(d, byDirective[d.Id]));
    }

    private static IEnumerable<string[]> ReportRows(MonthlyReport report)
    {
        Dictionary<Guid, int> numbers = report.Directives.ToDictionary(d => d.Id, d => d.Number);
        return report.Reports.Select(r => new[] { Number(numbers[r.DirectiveId]), DirectiveRegistry.Day(r.On), r.Text, $"{r.Percent}%", r.ByName ?? "" });
    }

    public static byte[] Excel(MonthlyReport report)
    {
        static List<Dictionary<string, object?>> Sheet(string[] headers, IEnumerable<string[]> rows) =>
            [.. rows.Select(cells => headers.Select((h, i) => (h, (object?)cells[i])).ToDictionary(x => x.h, x => x.Item2))];
        var sheets = new Dictionary<string, object>
        {
            [DirectivesSheet] = Sheet(s_headers, Rows(report)),
            [ReportsSheet] = Sheet(s_reportHeaders, ReportRows(report)),
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets, configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None });
        return stream.ToArray();
    }

    public static string Title(string month) => $"{month[..4]}年{int.Parse(month[5..], CultureInfo.InvariantCulture)}月督办事项办理情况";

    public static byte[] Pdf(MonthlyReport report)
    {
        string title = Title(report.Month);
        using var pdf = new PdfComposer(title, report.At);
        pdf.Title(NoticeTemplates.Issuer, 14);
        pdf.Title(title, 18);
        int closed = report.Directives.Count(d => d.State == DirectiveState.Closed);
        int red = report.Directives.Count(d => d.Light == DirectiveLight.Red), yellow = report.Directives.Count(d => d.Light == DirectiveLight.Yellow);
        pdf.Paragraph($"区委督查室：本月在办及办结督办事项共 {report.Directives.Count} 项，已销号 {closed} 项，超期（红灯）{red} 项，预警（黄灯）{yellow} 项；" +
            $"本月报送进展 {report.Reports.Count} 次。截至 {ShanghaiTime.Minutes(report.At)}。", 10, indent: false);
        pdf.Table(s_headers, Rows(report), [0.5, 0.8, 1.2, 3, 1.2, 1.2, 0.8, 1.3, 0.8, 0.6, 0.6, 0.5, 2.5], 8);
        if (report.Reports.Count > 0)
        {
            pdf.Space(12);
            pdf.Title("本月进展报送", 14);
            pdf.Table(s_reportHeaders, ReportRows(report), [0.6, 1, 5, 0.8, 1.2]);
        }
        return pdf.Save();
    }
}
