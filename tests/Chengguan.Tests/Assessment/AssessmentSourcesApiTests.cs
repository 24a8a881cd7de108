using System.Net;
using System.Text.Json;
using Chengguan.Assessment;
using Chengguan.Infrastructure;
using Chengguan.Kpis;
using Chengguan.Surveys;
using Chengguan.Tests.Infrastructure;
using Chengguan.Training;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Assessment;

/// <summary>
/// The training and survey sources over HTTP (same application and engines as the rest of the class): a year's unit coverage is the
/// Training coverage of the same days, an officer's hours line is their Training year and rises when a session attended is recorded,
/// a street team's survey lines are its street's overall satisfaction in the period's surveys (recomputed here from the rows), the
/// street team also counts closure, and a unit scheme cannot name the officers' hours.
/// </summary>
public abstract partial class AssessmentApiTests<TApp>
{
    [Fact]
    public async Task Training_hours_and_survey_satisfaction_score_from_their_capabilities_data_with_the_data_behind_them()
    {
        App.RequireAvailable();
        HttpClient leader = await App.ClientFor("leader"), chief = await App.ClientFor("chief");
        string name = "年度来源-" + Guid.NewGuid().ToString("N")[..8];
        IndicatorLibraryDto library = await (await leader.GetAsync("/api/assessment/library")).OkJson<IndicatorLibraryDto>();
        Assert.Contains(library.Computed, i => i.Code == TrainingIndicatorSource.Coverage && i.ForUnits && !i.ForOfficers);
        Assert.Contains(library.Computed, i => i.Code == TrainingIndicatorSource.Hours && i.ForOfficers && !i.ForUnits);
        Assert.Contains(library.Computed, i => i.Code == SurveyIndicatorSource.Enforcement && i.Source == "surveys");
        Assert.Contains(library.Defaults[AssessedKind.StreetTeam], i => i.Code == Kpi.Closure);
        JsonElement wrongLevel = await (await leader.PostJson("/api/assessment/schemes", SchemeOf(AssessedKind.Squad,
            [new SchemeItem(TrainingIndicatorSource.Hours, "学时", "training", Direction.HigherBetter, ScoringMethod.Linear, 100, 0.5m, 1m)], name))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["该指标不能按单位计算"], wrongLevel.FieldErrors("items[0].code"));
        foreach (AssessedKind kind in Enum.GetValues<AssessedKind>())
        {
            await (await leader.PostJson("/api/assessment/schemes", SchemeOf(kind, library.Defaults[kind], $"{name}·{kind}"))).OkJson<SchemeDto>(HttpStatusCode.Created);
        }
        int year = ShanghaiTime.Today(App.Clock).Year;
        PeriodDto period = await (await leader.PostJson("/api/assessment/periods", new { kind = "Year", key = $"{year}", name })).OkJson<PeriodDto>(HttpStatusCode.Created);
        string p = $"/api/assessment/periods/{period.Id}", days = $"from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}";
        Guid team = await TeamAsync(Jiangning);
        Guid officer = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "jnl.officer").Select(u => u.PersonId!.Value).SingleAsync());

        // The unit's coverage is Training's coverage of the same days (met ÷ officers), and links to it.
        SubjectResult unit = (await (await leader.GetAsync($"{p}/results/{team}")).OkJson<ResultDetail>()).Result;
        ResultLine coverage = unit.Lines.Single(l => l.Code == TrainingIndicatorSource.Coverage);
        UnitCoverage expected = (await (await leader.GetAsync($"/api/training/coverage?{days}")).OkJson<List<UnitCoverage>>()).Single(c => c.UnitId == team);
        Assert.True(expected.Officers > 0);
        Assert.Equal((expected.Met, expected.Officers), ((int)coverage.Numerator!.Value, (int)coverage.Denominator!.Value));
        Assert.Equal(KpiFormulas.Rate(expected.Met, expected.Officers), coverage.Value);
        Assert.Equal($"/api/training/coverage?{days}", coverage.Link);

        // The officer's hours are their Training year against the year's requirement, and a session attended now adds to them.
        ResultLine before = await OfficerHoursAsync(leader, p, officer);
        PersonTraining record = await (await leader.GetAsync(before.Link!)).OkJson<PersonTraining>();
        Assert.True(record.Year.Required > 0);
        Assert.Equal(((decimal)record.Year.Hours, (decimal)record.Year.Required), (before.Numerator!.Value, before.Denominator!.Value));
        Assert.Equal(TrainingIndicatorSource.HoursShare(record.Year.Hours, record.Year.Required), before.Value);
        CourseDto course = (await (await chief.GetAsync("/api/training/courses")).OkJson<List<CourseDto>>())[0];
        DateOnly yesterday = ShanghaiTime.Today(App.Clock).AddDays(-1);
        SessionDetail session = await (await chief.PostJson("/api/training/sessions", new
        {
            courseId = course.Id, startsAt = new DateTimeOffset(yesterday.ToDateTime(new TimeOnly(14, 0)), TimeSpan.FromHours(8)), place = "局机关三楼会议室",
            trainer = "法制科", organiserUnitId = team, capacity = 10, hours = 2.5,
        })).OkJson<SessionDetail>(HttpStatusCode.Created);
        await (await chief.PutJson($"/api/training/sessions/{session.Session.Id}/attendance", new { entries = new[] { new { personId = officer, attended = true } } }))
            .OkJson<SessionDetail>();
        ResultLine after = await OfficerHoursAsync(leader, p, officer);
        Assert.Equal(before.Numerator!.Value + 2.5m, after.Numerator!.Value);
        Assert.Equal(TrainingIndicatorSource.HoursShare((double)after.Numerator.Value, record.Year.Required), after.Value);

        // The street team's survey lines: its street's overall answers in the surveys of the year, placed on the survey's scale.
        foreach ((string code, string kind) in new[] { (SurveyIndicatorSource.Enforcement, SurveyKinds.Enforcement), (SurveyIndicatorSource.Cityscape, SurveyKinds.Cityscape) })
        {
            (decimal share, decimal n) = await App.WithDbAsync(async db =>
            {
                Guid street = await db.Units.Where(u => u.Code == Jiangning).Select(u => u.Id).FirstAsync();
                var surveys = (await db.Set<Survey>().Where(s => db.Set<SurveyKind>().Any(k => k.Id == s.KindId && k.Code == kind)).ToListAsync())
                    .Where(s => SurveyRules.Days(s.Period) is { } d && d.From <= period.To && d.To >= period.From).ToList();
                decimal sum = 0, count = 0;
                foreach (Survey s in surveys)
                {
                    List<double> answers = await db.Set<SurveyResponse>().Where(r => r.SurveyId == s.Id && r.StreetId == street && r.Overall != null).Select(r => r.Overall!.Value).ToListAsync();
                    List<SurveySummary> summaries = await db.Set<SurveySummary>().Where(r => r.SurveyId == s.Id && r.StreetId == street && r.Indicator == SurveyRules.Overall).ToListAsync();
                    foreach ((double mean, int k) in answers.Select(a => (a, 1)).Concat(summaries.Select(x => (x.Mean, x.N))))
                    {
                        sum += k * ((decimal)mean - (decimal)s.ScaleMin) / ((decimal)s.ScaleMax - (decimal)s.ScaleMin);
                        count += k;
                    }
                }
                return (count == 0 ? 0 : sum / count, count);
            });
            ResultLine line = unit.Lines.Single(l => l.Code == code);
            Assert.True(n > 0, $"the demo surveys cover {kind}");
            Assert.InRange(line.Value!.Value, share - 0.0001m, share + 0.0001m);
            Assert.StartsWith("/api/satisfaction/surveys/", line.Link);
            await (await leader.GetAsync(line.Link)).OkJson<JsonElement>();
        }

        // Closure is counted for street teams as the KPI report counts it.
        KpiReport kpis = await (await leader.GetAsync($"/api/kpis?{days}&groupBy=unit")).OkJson<KpiReport>();
        Assert.Equal(kpis.Rows.FirstOrDefault(r => r.Id == team)?[Kpi.Closure].Rate, unit.Lines.Single(l => l.Code == Kpi.Closure).Value);
    }

    private static async Task<ResultLine> OfficerHoursAsync(HttpClient who, string p, Guid officer) =>
        (await (await who.GetAsync($"{p}/results/{officer}")).OkJson<ResultDetail>()).Result.Lines.Single(l => l.Code == TrainingIndicatorSource.Hours);
}
