using Chengguan.Demolition.Documents;
using Chengguan.Infrastructure;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Chengguan.Rectification;

/// <summary>The plan and its progress as an Excel workbook (items, progress per owner unit) and a Chinese PDF in the bureau's document style.</summary>
public static class RectificationExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string ItemsSheet = "整改事项";
    public const string ProgressSheet = "责任单位进度";

    private static readonly string[] s_itemHeaders = ["序号", "存在问题", "对应指标", "整改措施", "责任单位", "完成时限", "状态", "完成进度", "进度灯"];
    private static readonly string[] s_progressHeaders = ["责任单位", "事项数", "待制定措施", "整改中", "待验收", "已验收", "已销项", "绿灯", "黄灯", "红灯", "按期完成率"];

    public static string State(RectificationState s) => Ui.Labels.Text("Rf_S_" + s);

    public static string LightName(Light l) => Ui.Labels.Text("Rf_L_" + l);

    private static string[] ItemCells(ItemRow r) =>
    [
        r.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Problem, string.Join("；", r.Cells.Select(c => c.IndicatorName)), r.Measure ?? "",
        r.OwnerUnit, r.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), State(r.State), $"{r.Percent}%", LightName(r.Light),
    ];

    private static string[] ProgressCells(UnitProgress p) =>
    [
        p.Unit, $"{p.Items}", .. Enum.GetValues<RectificationState>().Select(s => $"{p.States[s]}"), .. Enum.GetValues<Light>().Select(l => $"{p.Lights[l]}"),
        p.OnTimeShare is { } share ? $"{share * 100:0.#}%" : "—",
    ];

    public static byte[] Excel(PlanBoard board, IReadOnlyList<UnitProgress> progress)
    {
        static List<Dictionary<string, object?>> Sheet(string[] headers, IEnumerable<string[]> rows) =>
            [.. rows.Select(cells => headers.Select((h, i) => (h, (object?)cells[i])).ToDictionary(x => x.h, x => x.Item2))];
        var sheets = new Dictionary<string, object>
        {
            [ItemsSheet] = Sheet(s_itemHeaders, board.Items.Select(ItemCells)),
            [ProgressSheet] = Sheet(s_progressHeaders, progress.Select(ProgressCells)),
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets, configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None });
        return stream.ToArray();
    }

    public static byte[] Pdf(PlanBoard board, IReadOnlyList<UnitProgress> progress, DateTimeOffset now)
    {
        using var pdf = new PdfComposer(board.Plan.Title, now);
        pdf.Title(NoticeTemplates.Issuer, 14);
        pdf.Title(board.Plan.Title, 18);
        int closed = board.Items.Count(i => i.State == RectificationState.Closed), red = board.Items.Count(i => i.Light == Light.Red);
        pdf.Paragraph($"期别：{board.Plan.Period}。共 {board.Items.Count} 项整改事项，已销项 {closed} 项，超期 {red} 项。截至 {ShanghaiTime.Minutes(now)}。", 10, indent: false);
        pdf.Table(s_itemHeaders, board.Items.Select(ItemCells), [0.5, 3, 1.3, 2.5, 1.4, 1.2, 1, 0.8, 0.7]);
        pdf.Space(12);
        pdf.Title("责任单位整改进度", 14);
        pdf.Table(s_progressHeaders, progress.Select(ProgressCells), [2, 0.8, 1, 0.8, 0.8, 0.8, 0.8, 0.6, 0.6, 0.6, 1]);
        return pdf.Save();
    }
}
