using System.Globalization;
using Chengguan.Demolition.Documents;
using Chengguan.Infrastructure;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Chengguan.Demolition.Briefings;

/// <summary>A street's line in a briefing: its rank by area completion rate (null when it has no target).</summary>
public sealed record BriefingRow(int? Rank, ProgressRow Row);

/// <summary>The briefing as an Excel sheet (MiniExcel) and as a Chinese PDF with a bar chart (PDFsharp).</summary>
public static class BriefingFiles
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "拆违通报";

    public static readonly string[] Headers =
        ["排名", "街镇", "目标面积(㎡)", "已拆面积(㎡)", "面积完成率", "差距(㎡)", "目标处数", "已拆处数", "处数完成率", "待拆处数", "按当前进度预计(㎡)", "是否滞后"];

    /// <summary>The PDF table's column weights and type size: the headers wrap within them (PdfComposer.Table), never cut.</summary>
    internal static readonly double[] PdfWeights = [4, 10, 8, 8, 7, 7, 6, 6, 7, 6, 9, 5];
    internal const double PdfTableSize = 7.5;

    /// <summary>
    /// The sheet's column widths (Excel character units): chosen by hand, widened where a header would not show
    /// whole (a Chinese character takes two units), since a cell next to a filled one is cut off, not spilled.
    /// </summary>
    public static readonly double[] ExcelWidths =
        [.. new double[] { 6, 16, 13, 13, 11, 11, 9, 9, 11, 9, 17, 8 }.Select((w, c) => Math.Max(w, DisplayWidth(Headers[c]) + 2))];

    /// <summary>A text's width in Excel's character units: East Asian wide characters count two.</summary>
    public static double DisplayWidth(string text) => text.Sum(ch => ch >= '\u1100' ? 2 : 1);

    /// <summary>Rated streets best first (area rate, then count rate), equal rates sharing a rank; streets without a target last, unranked.</summary>
    public static IReadOnlyList<BriefingRow> Rank(IReadOnlyList<ProgressRow> rows)
    {
        var rated = rows.Where(r => r.AreaRate is not null).OrderByDescending(r => r.AreaRate).ThenByDescending(r => r.CountRate ?? -1).ToList();
        var result = new List<BriefingRow>(rows.Count);
        for (int i = 0; i < rated.Count; i++)
        {
            bool tie = i > 0 && rated[i].AreaRate == rated[i - 1].AreaRate && rated[i].CountRate == rated[i - 1].CountRate;
            result.Add(new BriefingRow(tie ? result[i - 1].Rank : i + 1, rated[i]));
        }
        result.AddRange(rows.Where(r => r.AreaRate is null).Select(r => new BriefingRow(null, r)));
        return result;
    }

    private static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private static string[] Cells(BriefingRow b) =>
    [
        b.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—", b.Row.StreetName, NoticeTemplates.Area(b.Row.TargetArea), NoticeTemplates.Area(b.Row.DoneArea),
        Percent(b.Row.AreaRate), NoticeTemplates.Area(b.Row.AreaGap), b.Row.TargetCount.ToString(CultureInfo.InvariantCulture),
        b.Row.DoneCount.ToString(CultureInfo.InvariantCulture), Percent(b.Row.CountRate), b.Row.PendingCount.ToString(CultureInfo.InvariantCulture),
        b.Row.ForecastArea is { } f ? NoticeTemplates.Area(f) : "—", b.Row.Lagging ? "滞后" : "",
    ];

    public static string Subtitle(ProgressReport report) =>
        $"统计截至 {ShanghaiTime.ToShanghai(report.AsOf):yyyy年M月d日 HH:mm}；期限 {NoticeTemplates.Date(report.Start)}至{NoticeTemplates.Date(report.End)}；时间进度 {Percent(report.ElapsedShare)}；"
        + $"完成率低于时间进度的 {report.LagThreshold * 100:0}% 为滞后";

    public static byte[] Excel(string title, ProgressReport report, IReadOnlyList<BriefingRow> ranked)
    {
        // MiniExcel writes rows, not styled cells: the title, the subtitle and the headers are the
        // first three rows (row 3 is frozen with them), the streets follow and the total row is last.
        string[] keys = [.. Headers.Select((_, c) => ((char)('A' + c)).ToString())];
        Dictionary<string, object?> Line(params object?[] values)
        {
            var line = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (int c = 0; c < keys.Length; c++)
            {
                line[keys[c]] = c < values.Length ? values[c] : null;
            }
            return line;
        }
        var sheet = new List<Dictionary<string, object?>> { Line(title), Line(Subtitle(report)), Line([.. Headers]) };
        foreach (BriefingRow b in ranked.Append(new BriefingRow(null, report.Total)))
        {
            // Numbers stay numbers, so that the sheet can be sorted and summed; rates show as percentages.
            ProgressRow r = b.Row;
            sheet.Add(Line(b.Rank, r.StreetName, r.TargetArea, r.DoneArea, r.AreaRate, r.AreaGap, r.TargetCount, r.DoneCount, r.CountRate, r.PendingCount,
                r.ForecastArea, r.Lagging ? "滞后" : ""));
        }
        // Widths set per column (not measured by MiniExcel: that would follow the long title row).
        double[] widths = ExcelWidths;
        var config = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            AutoFilter = false,
            FreezeRowCount = 3,
            DynamicColumns = [.. keys.Select((k, c) => new DynamicExcelColumn(k) { Width = widths[c], Format = c is 4 or 8 ? "0.0%" : null })],
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, printHeader: false, sheetName: SheetName, configuration: config);
        return stream.ToArray();
    }

    public static byte[] Pdf(string title, ProgressReport report, IReadOnlyList<BriefingRow> ranked, DateTimeOffset now)
    {
        using var pdf = new PdfComposer(title, now);
        pdf.Title(NoticeTemplates.Issuer, 14);
        pdf.Title(title, 18);
        pdf.Paragraph(Subtitle(report), 10, indent: false);
        pdf.Table(Headers, ranked.Append(new BriefingRow(null, report.Total)).Select(Cells), PdfWeights, PdfTableSize);
        pdf.BarChart("各街镇面积完成率", [.. ranked.Where(b => b.Row.AreaRate is not null).Select(b => (b.Row.StreetName, (double)(b.Row.AreaRate!.Value * 100)))],
            (double)(report.ElapsedShare * 100), "时间进度");
        List<BriefingRow> lagging = [.. ranked.Where(b => b.Row.Lagging)];
        pdf.Paragraph(lagging.Count == 0
            ? "本期各街镇完成率均不低于时间进度要求。"
            : $"本期完成率明显滞后的街镇：{string.Join("、", lagging.Select(b => b.Row.StreetName))}。请上述街镇分析原因，加快推进，确保按期完成任务。", 11);
        return pdf.Save();
    }
}
