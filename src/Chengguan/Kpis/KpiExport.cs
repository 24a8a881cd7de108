using System.Globalization;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Chengguan.Kpis;

/// <summary>
/// The league table (排名) as an Excel sheet: one row per street or unit sorted by one KPI, a rank
/// column, each KPI's counts and rate under Chinese headers, and the total row last.
/// </summary>
public static class KpiExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string RankHeader = "排名";
    public const string SheetName = "指标排名";

    /// <summary>
    /// Rows in league order: rated rows best first (highest rate, or lowest where lower is better,
    /// as for the rework rate), ties in table order; rows without a rate last and unranked.
    /// Equal rates share a rank and the next rank skips (1, 2, 2, 4).
    /// </summary>
    public static IReadOnlyList<(KpiRow Row, int? Rank)> Rank(IReadOnlyList<KpiRow> rows, KpiDefinition sort)
    {
        var rated = rows.Select((r, i) => (Row: r, Index: i, Rate: r[sort.Code].Rate)).Where(x => x.Rate is not null).ToList();
        List<(KpiRow Row, int Index, decimal? Rate)> ordered = sort.HigherIsBetter
            ? [.. rated.OrderByDescending(x => x.Rate).ThenBy(x => x.Index)]
            : [.. rated.OrderBy(x => x.Rate).ThenBy(x => x.Index)];
        var result = new List<(KpiRow, int?)>(rows.Count);
        for (int i = 0; i < ordered.Count; i++)
        {
            int rank = i > 0 && ordered[i].Rate == ordered[i - 1].Rate ? result[i - 1].Item2!.Value : i + 1;
            result.Add((ordered[i].Row, rank));
        }
        result.AddRange(rows.Where(r => r[sort.Code].Rate is null).Select(r => (r, (int?)null)));
        return result;
    }

    /// <summary>The headers after rank and name: per KPI its denominator (once where KPIs share it), numerator and rate.</summary>
    public static IReadOnlyList<(string Header, string Kpi, KpiPart? Part)> Columns()
    {
        var columns = new List<(string, string, KpiPart?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (KpiDefinition d in Kpi.All)
        {
            if (seen.Add(d.DenominatorLabel))
            {
                columns.Add((d.DenominatorLabel, d.Code, KpiPart.Denominator));
            }
            columns.Add((d.NumeratorLabel, d.Code, KpiPart.Numerator));
            columns.Add((d.Name, d.Code, null));
        }
        return columns;
    }

    public static byte[] Build(KpiReport report, KpiDefinition sort)
    {
        string nameHeader = report.GroupBy == KpiGrouping.Street ? "街镇" : "承办单位";
        IReadOnlyList<(string Header, string Kpi, KpiPart? Part)> columns = Columns();
        var sheet = new List<Dictionary<string, object?>>();
        foreach ((KpiRow row, int? rank) in Rank(report.Rows, sort).Append((report.Total, null)))
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal) { [RankHeader] = rank, [nameHeader] = row.Name };
            foreach ((string header, string kpi, KpiPart? part) in columns)
            {
                KpiResult r = row[kpi];
                cells[header] = part switch
                {
                    KpiPart.Numerator => r.Numerator,
                    KpiPart.Denominator => r.Denominator,
                    _ => r.Rate is { } rate ? (double)rate : null,
                };
            }
            sheet.Add(cells);
        }
        var config = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new DynamicExcelColumn(RankHeader) { Width = 6 },
                new DynamicExcelColumn(nameHeader) { Width = 16 },
                .. columns.Select(c => new DynamicExcelColumn(c.Header) { Width = Math.Max(10, c.Header.Length * 2 + 2), Format = c.Part is null ? "0.00%" : "0" }),
            ],
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, sheetName: SheetName, configuration: config);
        return stream.ToArray();
    }

    public static string FileName(KpiReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"考核指标排名_{report.From:yyyy-MM-dd}_{report.To:yyyy-MM-dd}.xlsx");
}
