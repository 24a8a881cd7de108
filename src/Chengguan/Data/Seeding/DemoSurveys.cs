using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The demo district's citizen satisfaction surveys: both kinds for the four half-years up to the current one, the last two
/// with 600 respondents each (bulk-written, packed answers), the older two as the published street summaries. Each street has
/// its own strengths and weaknesses, indicators weigh differently on overall satisfaction, and scores creep up a point a
/// half-year, so the analysis has quadrants, priority cells and changes to show. Deterministic (fixed seed).
/// </summary>
internal static class DemoSurveys
{
    public const int RespondentsPerSurvey = 600;

    private static readonly (string Code, string Name, double Weight)[] s_enforcement =
    [
        ("attitude", "执法态度", 0.30), ("conduct", "执法规范", 0.20), ("response", "响应速度", 0.25),
        ("stalls", "乱设摊治理", 0.10), ("frontage", "跨门营业治理", 0.10), ("buildings", "违法建筑治理", 0.05),
    ];

    private static readonly (string Code, string Name, double Weight)[] s_cityscape =
    [
        ("sweeping", "道路清扫保洁", 0.30), ("waste", "垃圾分类收运", 0.25), ("toilets", "公厕保洁", 0.10),
        ("order", "市容秩序", 0.20), ("greenery", "绿化养护", 0.05), ("signs", "户外广告招牌", 0.10),
    ];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        DateTimeOffset now = clock.GetUtcNow();
        List<Unit> streets = await db.Units.AsNoTracking().Where(u => u.IsDemo && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town))
            .OrderBy(u => u.SortOrder).ToListAsync(ct);
        Dictionary<string, SurveyKind> kinds = await db.Set<SurveyKind>().AsNoTracking().ToDictionaryAsync(k => k.Code, ct);
        if (streets.Count == 0 || !kinds.ContainsKey(SurveyKinds.Enforcement) || !kinds.ContainsKey(SurveyKinds.Cityscape))
        {
            return;
        }
        string[] periods = new string[4];
        periods[3] = SurveyRules.PeriodOf(ShanghaiTime.DateOf(now));
        for (int p = 2; p >= 0; p--)
        {
            periods[p] = SurveyRules.Previous(periods[p + 1]);
        }
        var responses = new List<SurveyResponse>();
        var summaries = new List<SurveySummary>();
        var random = new Random(20261207);
        foreach ((SurveyKind kind, var indicators, double level) in new[] { (kinds[SurveyKinds.Enforcement], s_enforcement, 78.0), (kinds[SurveyKinds.Cityscape], s_cityscape, 74.0) })
        {
            // A street's lead or lag on each indicator, the same every half-year: the weak cells stay weak.
            double[,] offset = new double[streets.Count, indicators.Length];
            for (int s = 0; s < streets.Count; s++)
            {
                for (int i = 0; i < indicators.Length; i++)
                {
                    offset[s, i] = (random.NextDouble() - 0.5) * 16;
                }
            }
            for (int p = 0; p < periods.Length; p++)
            {
                var survey = new Survey { KindId = kind.Id, Period = periods[p], ScaleMin = 0, ScaleMax = 100, IndicatorVersion = 1, CreatedAt = now, CreatedBy = "演示数据" };
                for (int i = 0; i < indicators.Length; i++)
                {
                    survey.Indicators.Add(new SurveyIndicator { SurveyId = survey.Id, Code = indicators[i].Code, Name = indicators[i].Name, Position = i });
                }
                db.Set<Survey>().Add(survey);
                bool respondents = p >= 2;
                var sums = new Moments[streets.Count, indicators.Length + 1];
                var answers = new float[indicators.Length];
                for (int r = 0; r < RespondentsPerSurvey; r++)
                {
                    int s = r % streets.Count;
                    double person = Normal(random) * 6;
                    double overall = 0;
                    for (int i = 0; i < indicators.Length; i++)
                    {
                        double score = Math.Clamp(Math.Round(level + p + offset[s, i] + person + Normal(random) * 8), 0, 100);
                        overall += indicators[i].Weight * score;
                        // About one answer in twenty is 无法评价.
                        answers[i] = random.NextDouble() < 0.05 ? float.NaN : (float)score;
                        if (!float.IsNaN(answers[i]))
                        {
                            sums[s, i].Add(answers[i]);
                        }
                    }
                    overall = Math.Clamp(Math.Round(overall + Normal(random) * 3), 0, 100);
                    sums[s, indicators.Length].Add(overall);
                    if (respondents)
                    {
                        responses.Add(new SurveyResponse
                        {
                            SurveyId = survey.Id, Respondent = $"{periods[p]}-{r + 1:D4}", StreetId = streets[s].Id, Overall = overall, Answers = SurveyAnswers.Pack(answers),
                        });
                    }
                }
                if (!respondents)
                {
                    for (int s = 0; s < streets.Count; s++)
                    {
                        for (int i = 0; i <= indicators.Length; i++)
                        {
                            Sample x = sums[s, i].Sample;
                            summaries.Add(new SurveySummary
                            {
                                SurveyId = survey.Id, StreetId = streets[s].Id, Indicator = i < indicators.Length ? indicators[i].Code : SurveyRules.Overall,
                                Mean = Math.Round(x.Mean, 2), N = x.N, Sd = x.Sd is { } sd ? Math.Round(sd, 2) : null,
                            });
                        }
                    }
                }
            }
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await new BulkWrite(db, clock).Insert(responses).Insert(summaries).ExecuteAsync("演示数据：满意度测评", "演示数据", ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
