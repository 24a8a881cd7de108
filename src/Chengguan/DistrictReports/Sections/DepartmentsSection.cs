using System.Globalization;
using Chengguan.Cases;
using Chengguan.Infrastructure;

namespace Chengguan.DistrictReports.Sections;

/// <summary>(a) Cases that belong to other district departments: count and share per department, a few examples without citizen data.</summary>
public sealed class DepartmentsSection(CaseQueries cases) : IReportSection
{
    public const int Examples = 3;

    public const string SectionKey = "departments";

    public string Key => SectionKey;

    public string Title => "涉及其他行政管理部门的案件情况";

    public const string Intro = "本期因不属于城市管理职责范围、经退单并明确责任部门的案件情况如下，请相关部门依职责办理。";

    public string DefaultIntro => Intro;

    public async Task<IReadOnlyList<ReportBlock>> BuildAsync(ReportContext context, CancellationToken ct)
    {
        List<DepartmentCases> departments = await cases.DepartmentCasesAsync(context.Period.Start, context.Period.End, Examples, ct);
        return Blocks(departments);
    }

    /// <summary>The section's text from the counts (pure, so its wording is tested without a database).</summary>
    public static IReadOnlyList<ReportBlock> Blocks(IReadOnlyList<DepartmentCases> departments)
    {
        int total = departments.Sum(d => d.Count);
        if (total == 0)
        {
            return [new ReportParagraph("本期无退单并标注责任部门的案件。")];
        }
        List<DepartmentCases> ordered = [.. departments.OrderByDescending(d => d.Count)];
        string top = string.Join("、", ordered.Take(3).Select(d => $"{d.Name}{N(d.Count)}件"));
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph($"本期共有{N(total)}件案件涉及{N(departments.Count)}个部门，其中较多的是{top}。"),
            new ReportTable(["序号", "责任部门", "案件数（件）", "占比"],
                [.. ordered.Select((d, i) => new[] { N(i + 1), d.Name, N(d.Count), ReportText.Percent(d.Count, total) }),
                    ["", "合计", N(total), "100.0%"]],
                [0.6, 3, 1.4, 1.2]),
            new ReportSubheading("典型案例（地址已隐去门牌，不含投诉人信息）"),
            new ReportTable(["责任部门", "案件编号", "街镇", "地址", "退单日期"],
                [.. ordered.SelectMany(d => d.Examples.Select(e => new[]
                {
                    d.Name, e.Number, e.Street ?? "—", ReportText.MaskAddress(e.Address), ShanghaiTime.DateOf(e.At).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }))],
                [2.2, 2.2, 1.6, 3, 1.4]),
        };
        return blocks;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
