using System.Net;
using System.Text.Json;
using Chengguan.Assessment;
using Chengguan.Evaluation;
using Chengguan.Infrastructure;
using Chengguan.Personnel;
using Chengguan.Tests.Infrastructure;
using Chengguan.Training;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Personnel;

/// <summary>
/// The people file's record from the other capabilities over HTTP (issue 19 item 4): training hours against the requirement and the
/// enforcement certificate as Training reports them, the published yearly assessment as the assessment's door answers it, the
/// cadre-evaluation trend over rounds; and the talent view filtering and ranking by this year's hours, the latest band and the
/// latest evaluation total — on people of the test's own.
/// </summary>
public abstract class PersonnelRecordApiTests<TApp>(TApp app) where TApp : ChengguanApp
{
    /// <summary>Two closed evaluation rounds of last year in which the person has the given totals, oldest first.</summary>
    private Task EvaluatedAsync(Guid person, int year, params decimal[] totals) => app.WithDbAsync(async db =>
    {
        Guid questionnaire = await db.EvaluationQuestionnaires.OrderBy(q => q.Version).Select(q => q.Id).FirstAsync();
        Guid unit = await db.People.Where(p => p.Id == person).Select(p => p.UnitId).SingleAsync();
        DateTimeOffset closed = TimeProvider.System.GetUtcNow().AddDays(-30);
        for (int i = 0; i < totals.Length; i++)
        {
            var round = new EvaluationRound
            {
                Name = "档案评价" + Guid.NewGuid().ToString("N")[..8], Year = year, Period = 4 + i, QuestionnaireId = questionnaire,
                WeightLeaders = 50, WeightPeers = 25, WeightSubordinates = 25, State = EvaluationState.Closed, CreatedAt = closed, ClosedAt = closed.AddDays(i),
            };
            var cadre = new EvaluationCadre { RoundId = round.Id, PersonId = person, Name = "档案评价对象", UnitId = unit, UnitName = "科室" };
            db.AddRange(round, cadre, new EvaluationResult { RoundId = round.Id, CadreId = cadre.Id, PersonId = person, Total = totals[i], Rank = i + 1, GroupsJson = "[]" });
        }
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_file_shows_training_hours_the_certificate_the_assessment_bands_and_the_evaluation_trend_and_the_talent_view_filters_and_ranks_by_them()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief"), leader = await app.ClientFor("leader");
        Guid officer = await PublishedYear.PersonAsync(app, "记录甲", badge: true), plain = await PublishedYear.PersonAsync(app, "记录乙", badge: false);
        DateOnly today = ShanghaiTime.Today(TimeProvider.System);

        // Training: a certificate expiring in 20 days and 6.5 hours credited today.
        await (await chief.PostJson("/api/training/certificates", new { personId = officer, issuedOn = today.AddYears(-3), expiresOn = today.AddDays(20), authority = "上海市人民政府" }))
            .OkJson<CertificateRow>(HttpStatusCode.Created);
        CourseDto course = (await (await chief.GetAsync("/api/training/courses")).OkJson<List<CourseDto>>())[0];
        Guid organiser = await app.WithDbAsync(db => db.People.Where(p => p.Id == officer).Select(p => p.UnitId).SingleAsync());
        SessionDetail session = await (await chief.PostJson("/api/training/sessions", new
        {
            courseId = course.Id, startsAt = ShanghaiTime.StartOf(today), place = "局三楼会议室", trainer = "法制科", organiserUnitId = organiser, capacity = 30, hours = 6.5,
        })).OkJson<SessionDetail>(HttpStatusCode.Created);
        await (await chief.PutJson($"/api/training/sessions/{session.Session.Id}/attendance", new { entries = new[] { new { personId = officer } } })).OkJson<SessionDetail>();

        (int year, Dictionary<Guid, AssessmentBand> before) = await PublishedYear.PublishAsync(app, [officer, plain]);
        Assert.False(before.ContainsKey(plain));
        await EvaluatedAsync(officer, today.Year - 1, 78.5m, 83.25m);

        await (await (await app.ClientFor("dispatcher")).GetAsync($"/api/personnel/people/{officer}")).Problem(HttpStatusCode.Forbidden);
        PersonnelFileDto file = await (await chief.GetAsync($"/api/personnel/people/{officer}")).OkJson<PersonnelFileDto>();
        Dictionary<Guid, AssessmentBand> after = await PublishedYear.BandsAsync(app, [officer], year);

        // Training, as Training's own person page reports it.
        PersonTraining own = await (await chief.GetAsync($"/api/training/people/{officer}?year={today.Year}")).OkJson<PersonTraining>();
        TrainingYear thisYear = file.Record.Training[0];
        Assert.Equal((today.Year, true, 6.5, 1), (thisYear.Year, thisYear.Officer, thisYear.Hours, thisYear.Sessions));
        Assert.Equal((own.Year.Required, own.Year.RequiredSoFar, own.Year.Shortfall, own.Year.MetSoFar), (thisYear.Required, thisYear.RequiredSoFar, thisYear.Shortfall, thisYear.MetSoFar));
        Assert.Equal(PersonnelSources.TrainingYears, file.Record.Training.Count);
        Assert.Equal((0.0, 0), (file.Record.Training[1].Hours, file.Record.Training[1].Sessions));
        EnforcementCertificateDto certificate = file.Record.Certificate!;
        Assert.Equal((own.Certificate!.Number, today.AddDays(20), CertificateStatus.Valid, ExpiryBand.Within30, 20),
            (certificate.Number, certificate.ExpiresOn, certificate.Status, certificate.Band, certificate.DaysLeft));

        // The yearly assessment, as the assessment's door answers it (the newest published version of the year).
        AssessmentYear assessed = Assert.Single(file.Record.Assessments, a => a.Year == year);
        Assert.Contains(new[] { before[officer], after[officer] }, b => (b.Total, b.Band, b.PeriodName) == (assessed.Total, assessed.Band, assessed.PeriodName));

        // The evaluation trend, oldest first.
        Assert.Equal([78.5m, 83.25m], file.Record.Evaluations.Select(e => e.Total));
        Assert.Equal([1, 2], file.Record.Evaluations.Select(e => e.Rank));
        Assert.All(file.Record.Evaluations, e => Assert.Equal(today.Year - 1, e.Year));

        // Someone with no training, certificate, assessment or evaluation: an empty record, not an error.
        PersonnelFileDto empty = await (await chief.GetAsync($"/api/personnel/people/{plain}")).OkJson<PersonnelFileDto>();
        Assert.Null(empty.Record.Certificate);
        Assert.All(empty.Record.Training, t => Assert.Equal((false, 0.0), (t.Officer, t.Hours)));
        Assert.Empty(empty.Record.Assessments);
        Assert.Empty(empty.Record.Evaluations);

        // The talent view carries the figures, filters by them and ranks by the one asked for.
        string band = assessed.Band;
        List<TalentRow> all = await (await leader.GetAsync("/api/personnel/talent")).OkJson<List<TalentRow>>();
        TalentFigures figures = all.Single(r => r.PersonId == officer).Figures;
        Assert.Equal((6.5, year, 83.25m), (figures.Hours, figures.AssessmentYear, figures.EvaluationTotal));
        Assert.Equal(own.Year.Required, figures.RequiredHours);
        Assert.Equal((0.0, null, null, null), (all.Single(r => r.PersonId == plain).Figures.Hours, all.Single(r => r.PersonId == plain).Figures.AssessmentBand,
            all.Single(r => r.PersonId == plain).Figures.EvaluationTotal, all.Single(r => r.PersonId == plain).Figures.RequiredHours));

        foreach (string filter in new[] { "minHours=6.5", $"minBand={Uri.EscapeDataString(band)}", "minEvaluation=83.25" })
        {
            List<TalentRow> kept = await (await leader.GetAsync($"/api/personnel/talent?{filter}")).OkJson<List<TalentRow>>();
            Assert.Contains(kept, r => r.PersonId == officer);
            Assert.DoesNotContain(kept, r => r.PersonId == plain);
        }
        Assert.DoesNotContain(await (await leader.GetAsync("/api/personnel/talent?minHours=7")).OkJson<List<TalentRow>>(), r => r.PersonId == officer);
        Assert.DoesNotContain(await (await leader.GetAsync("/api/personnel/talent?minEvaluation=83.26")).OkJson<List<TalentRow>>(), r => r.PersonId == officer);
        // A minimum band keeps that band and the better ones only.
        List<TalentRow> banded = await (await leader.GetAsync($"/api/personnel/talent?minBand={Uri.EscapeDataString(band)}")).OkJson<List<TalentRow>>();
        int limit = Bands.Names.ToList().IndexOf(band);
        Assert.All(banded, r => Assert.InRange(Bands.Names.ToList().IndexOf(r.Figures.AssessmentBand!), 0, limit));

        List<TalentRow> byEvaluation = await (await leader.GetAsync("/api/personnel/talent?sort=Evaluation")).OkJson<List<TalentRow>>();
        Assert.True(byEvaluation.FindIndex(r => r.PersonId == officer) < byEvaluation.FindIndex(r => r.PersonId == plain));
        decimal?[] totals = [.. byEvaluation.Select(r => r.Figures.EvaluationTotal)];
        int firstWithout = Array.FindIndex(totals, t => t is null);
        Assert.All(totals.Skip(firstWithout < 0 ? totals.Length : firstWithout), t => Assert.Null(t));
        Assert.Equal(totals.Take(firstWithout < 0 ? totals.Length : firstWithout).OrderByDescending(t => t), totals.Take(firstWithout < 0 ? totals.Length : firstWithout));
        List<TalentRow> byHours = await (await leader.GetAsync("/api/personnel/talent?sort=Hours")).OkJson<List<TalentRow>>();
        Assert.Equal(byHours.Select(r => r.Figures.Hours).OrderByDescending(h => h), byHours.Select(r => r.Figures.Hours));
        List<TalentRow> byAssessment = await (await leader.GetAsync("/api/personnel/talent?sort=Assessment")).OkJson<List<TalentRow>>();
        Assert.True(byAssessment.FindIndex(r => r.PersonId == officer) < byAssessment.FindIndex(r => r.PersonId == plain));

        JsonElement bad = await (await leader.GetAsync($"/api/personnel/talent?minBand={Uri.EscapeDataString("甲等")}&minEvaluation=101")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("优秀", bad.FieldErrors("minBand")[0]);
        Assert.NotEmpty(bad.FieldErrors("minEvaluation"));
    }
}

public sealed class PersonnelRecordApiTestsOnSqlite(SqliteApp app) : PersonnelRecordApiTests<SqliteApp>(app);

public sealed class PersonnelRecordApiTestsOnPostgres(PostgresApp app) : PersonnelRecordApiTests<PostgresApp>(app);
