using System.Globalization;
using Chengguan.Infrastructure;
using Chengguan.Training;

namespace Chengguan.DistrictReports.Sections;

/// <summary>
/// (e) Unified training (统一培训): the sessions held in the period and what they delivered, each unit's coverage (officers who
/// attended, officers on track with the year's required hours by the period's end — the others are short), and the enforcement
/// certificates expired or expiring. Read through Training's doors: <see cref="TrainingDesk.SessionsAsync"/>,
/// <see cref="TrainingFigures.DeliveredAsync"/>, <see cref="TrainingFigures.CoverageByUnitAsync"/> and <see cref="Certificates.ListAsync"/>.
/// </summary>
public sealed class TrainingSection(TrainingDesk desk, TrainingFigures figures, Certificates certificates) : IReportSection
{
    public const string SectionKey = "training";

    public string Key => SectionKey;

    public string Title => "统一培训情况";

    public const string Intro = "本期按照全年培训计划组织执法人员统一培训，各单位培训覆盖、学时完成和执法证到期情况如下。";

    public string DefaultIntro => Intro;

    public async Task<IReadOnlyList<ReportBlock>> BuildAsync(ReportContext context, CancellationToken ct)
    {
        ReportPeriod p = context.Period;
        // A period still running is reported up to the day of generation: sessions to come are not yet held, and the
        // required hours are judged pro rata on that day rather than on a day not yet reached.
        DateOnly today = ShanghaiTime.DateOf(context.Now), asOf = p.To < today ? p.To : today;
        List<SessionRow> sessions = await desk.SessionsAsync(p.From, asOf, ct);
        TrainingDelivered delivered = await figures.DeliveredAsync(p.From, asOf, ct);
        List<UnitCoverage> coverage = await figures.CoverageByUnitAsync(p.From, asOf, ct);
        List<CertificateRow> expiring = await certificates.ListAsync(ExpiryBand.Within90, ct);
        return Blocks(sessions, delivered, coverage, expiring, asOf);
    }

    public static string Category(CourseCategory c) => c switch
    {
        CourseCategory.Law => "法律法规",
        CourseCategory.Procedure => "执法程序",
        CourseCategory.Skills => "业务技能",
        CourseCategory.Integrity => "廉政",
        _ => "其他",
    };

    public static IReadOnlyList<ReportBlock> Blocks(
        IReadOnlyList<SessionRow> sessions, TrainingDelivered delivered, IReadOnlyList<UnitCoverage> coverage, IReadOnlyList<CertificateRow> expiring, DateOnly asOf)
    {
        var blocks = new List<ReportBlock> { new ReportSubheading("（一）培训开展情况") };
        if (sessions.Count == 0)
        {
            blocks.Add(new ReportParagraph("本期未举办统一培训。"));
        }
        else
        {
            blocks.Add(new ReportParagraph($"本期共举办培训{N(sessions.Count)}期，参训{N(delivered.Attendances)}人次（{N(delivered.People)}人），认定学时{H(delivered.Hours)}学时。"));
            blocks.Add(new ReportTable(["日期", "课程", "类别", "主办单位", "学时", "参训人数"],
                [.. sessions.OrderBy(s => s.StartsAt).Select(s => new[]
                {
                    ReportText.Date(ShanghaiTime.DateOf(s.StartsAt)), s.Course, Category(s.Category), s.Organiser, H(s.Hours), N(s.Attended),
                })],
                [1.6, 3, 1, 2, 0.7, 1]));
        }

        blocks.Add(new ReportSubheading("（二）各单位培训覆盖和学时完成情况"));
        int officers = coverage.Sum(c => c.Officers), met = coverage.Sum(c => c.Met), attended = coverage.Sum(c => c.Attended);
        if (officers == 0)
        {
            blocks.Add(new ReportParagraph("暂无持证执法人员的培训记录。"));
        }
        else
        {
            blocks.Add(new ReportParagraph($"截至{ReportText.Date(asOf)}，持证执法人员{N(officers)}人，本期参训{N(attended)}人（{ReportText.Percent(attended, officers)}）；"
                + $"按年度学时要求的进度达标{N(met)}人（{ReportText.Percent(met, officers)}），学时不足{N(officers - met)}人。"));
            var rows = coverage.Where(c => c.Officers > 0).Select(c => new[]
            {
                c.Unit, N(c.Officers), N(c.Attended), ReportText.Percent(c.Attended, c.Officers), N(c.Met), ReportText.Percent(c.Met, c.Officers), N(c.Officers - c.Met),
            }).ToList();
            rows.Add(["合计", N(officers), N(attended), ReportText.Percent(attended, officers), N(met), ReportText.Percent(met, officers), N(officers - met)]);
            blocks.Add(new ReportTable(["单位", "持证人员", "本期参训", "参训率", "学时达标", "达标率", "学时不足"], rows, [3, 1, 1, 1, 1, 1, 1]));
        }

        blocks.Add(new ReportSubheading("（三）执法证到期情况"));
        int expired = expiring.Count(c => c.Band == ExpiryBand.Expired), within30 = expiring.Count(c => c.Band == ExpiryBand.Within30),
            within90 = expiring.Count(c => c.Band == ExpiryBand.Within90);
        if (expiring.Count == 0)
        {
            blocks.Add(new ReportParagraph("截至报告生成时，无已过期或 90 日内到期的执法证。"));
        }
        else
        {
            blocks.Add(new ReportParagraph($"截至报告生成时，执法证已过期{N(expired)}本、30日内到期{N(within30)}本、31至90日内到期{N(within90)}本，已提醒持证人及所在单位及时办理换证。"));
            blocks.Add(new ReportTable(["单位", "已过期", "30日内到期", "31至90日内到期"],
                [.. expiring.GroupBy(c => c.Unit).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new[]
                {
                    g.Key, N(g.Count(c => c.Band == ExpiryBand.Expired)), N(g.Count(c => c.Band == ExpiryBand.Within30)), N(g.Count(c => c.Band == ExpiryBand.Within90)),
                })],
                [3, 1, 1, 1.2]));
        }
        return blocks;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string H(double hours) => hours.ToString("0.#", CultureInfo.InvariantCulture);
}
