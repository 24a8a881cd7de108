using System.Globalization;
using Chengguan.Infrastructure;
using Chengguan.Supervision;

namespace Chengguan.DistrictReports.Sections;

/// <summary>(c) Enforcement supervision per street: case-file review scores of the plans whose days fall in the period, and on-site inspections held in it.</summary>
public sealed class SupervisionSection(SupervisionPlans plans, SupervisionInspections inspections) : IReportSection
{
    public const string SectionKey = "supervision";

    public string Key => SectionKey;

    public string Title => "执法监督（案卷评查、现场督查）情况";

    public const string Intro = "本期对各街镇城市管理综合执法工作开展案卷评查和现场督查，发现问题均已交街镇执法队限期整改。";

    public string DefaultIntro => Intro;

    public async Task<IReadOnlyList<ReportBlock>> BuildAsync(ReportContext context, CancellationToken ct)
    {
        ReportPeriod p = context.Period;
        if (await plans.ScoresAsync(p.Year, ct) is not Outcome<List<StreetScore>>.Done { Value: var scores }
            || await inspections.PerStreetAsync(p.From, p.To, ct) is not Outcome<List<StreetInspections>>.Done { Value: var onSite })
        {
            return [new ReportParagraph("（本节数据暂不可用。）")];
        }
        // A plan belongs to the period when its days overlap it.
        return Blocks([.. scores.Where(s => s.From <= p.To && s.To >= p.From)], onSite);
    }

    public static IReadOnlyList<ReportBlock> Blocks(IReadOnlyList<StreetScore> scores, IReadOnlyList<StreetInspections> onSite)
    {
        var streets = scores.Select(s => (s.StreetId, s.Street)).Concat(onSite.Select(s => (s.StreetId, s.Street))).Distinct()
            .OrderBy(s => s.Street, StringComparer.Ordinal).ToList();
        if (streets.Count == 0)
        {
            return [new ReportParagraph("本期未开展案卷评查或现场督查。")];
        }
        var rows = new List<string[]>();
        int files = 0, reviewed = 0, fileFindings = 0, visits = 0, visitFindings = 0;
        decimal sum = 0;
        foreach ((Guid id, string name) in streets)
        {
            List<StreetScore> mine = [.. scores.Where(s => s.StreetId == id)];
            StreetInspections? site = onSite.FirstOrDefault(s => s.StreetId == id);
            int f = mine.Sum(s => s.Files), r = mine.Sum(s => s.Reviewed), ff = mine.Sum(s => s.Findings);
            // The mean over the street's reviewed files across plans: each plan's mean weighted by its reviewed files.
            decimal total = mine.Where(s => s.Mean is not null).Sum(s => s.Mean!.Value * s.Reviewed);
            int? lowest = mine.Where(s => s.Lowest is not null).Select(s => s.Lowest!.Value).DefaultIfEmpty().Min() is var low && r > 0 ? low : null;
            rows.Add([name, N(f), N(r), r == 0 ? "—" : Math.Round(total / r, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture),
                lowest is { } l ? N(l) : "—", N(ff), N(site?.Inspections ?? 0), N(site?.Findings ?? 0)]);
            (files, reviewed, fileFindings, visits, visitFindings) = (files + f, reviewed + r, fileFindings + ff, visits + (site?.Inspections ?? 0), visitFindings + (site?.Findings ?? 0));
            sum += total;
        }
        string mean = reviewed == 0 ? "—" : Math.Round(sum / reviewed, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
        rows.Add(["合计", N(files), N(reviewed), mean, "", N(fileFindings), N(visits), N(visitFindings)]);
        return
        [
            new ReportParagraph($"本期抽查案卷{N(files)}件，已评查{N(reviewed)}件，平均得分{mean}分，发现问题{N(fileFindings)}个；开展现场督查{N(visits)}次，发现问题{N(visitFindings)}个。"),
            new ReportTable(["街镇", "抽查案卷（件）", "已评查（件）", "平均分", "最低分", "案卷问题（个）", "现场督查（次）", "现场问题（个）"], rows,
                [1.8, 1.3, 1.3, 1, 1, 1.3, 1.3, 1.3]),
        ];
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
