using System.Net;
using Chengguan.Assessment;
using Chengguan.Organisation;
using Chengguan.Selection;
using Chengguan.Tests.Infrastructure;
using Chengguan.Tests.Personnel;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Selection;

/// <summary>
/// The selection takes its assessment score from the performance assessment (issue 19 item 3): each applicant's latest published
/// yearly individual total, asked of the assessment's door; applicants without one keep what was entered; the composite ranks by it
/// with the round's weight; only the personnel office may take, and only while the round is open.
/// </summary>
public abstract class SelectionAssessmentScoresTests<TApp>(TApp app) where TApp : ChengguanApp
{
    [Fact]
    public async Task Assessment_scores_are_taken_from_the_published_yearly_assessment_and_count_in_the_composite_with_their_weight()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader");
        Guid officer = await PublishedYear.PersonAsync(app, "取考核甲", badge: true), plain = await PublishedYear.PersonAsync(app, "取考核乙", badge: false);
        (int year, Dictionary<Guid, AssessmentBand> before) = await PublishedYear.PublishAsync(app, [officer, plain]);
        Assert.False(before.ContainsKey(plain));

        Guid section = await app.WithDbAsync(db => db.Units.Where(u => u.Kind == UnitKind.Section && u.Active).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync());
        RoundSummary round = await (await leader.PostJson("/api/selection/rounds", new
        {
            name = "取考核成绩" + Guid.NewGuid().ToString("N")[..8], maxChoices = 1, weightWritten = 40, weightInterview = 30, weightAssessment = 20, weightEvaluation = 10,
            tieBreak = "WrittenThenServiceThenApplied", appealDays = 5,
        })).OkJson<RoundSummary>(HttpStatusCode.Created);
        string r = $"/api/selection/rounds/{round.Id}";
        SelectionPostDto post = await (await leader.PostJson($"{r}/posts", new { unitId = section, title = "考核取数岗", seats = 1 })).OkJson<SelectionPostDto>(HttpStatusCode.Created);
        var candidates = new Dictionary<Guid, Guid>();
        foreach (Guid person in new[] { officer, plain })
        {
            CandidateDto c = await (await leader.PostJson($"{r}/applications", new
            {
                personId = person, grade = "Staff", serviceYears = 5, education = "Bachelor", certificates = Array.Empty<string>(), choices = new[] { post.Id },
            })).OkJson<CandidateDto>(HttpStatusCode.Created);
            candidates[person] = c.Id;
            await (await leader.PutJson($"{r}/candidates/{c.Id}/scores", new { written = 80, interview = 70, assessment = 55, evaluation = 60 })).OkJson<CandidateDto>();
        }

        await (await (await app.ClientFor("officer")).PostJson($"{r}/assessment-scores", new { })).Problem(HttpStatusCode.Forbidden);
        await (await leader.PostJson($"/api/selection/rounds/{Guid.NewGuid()}/assessment-scores", new { })).Problem(HttpStatusCode.NotFound);
        RoundDetail taken = await (await leader.PostJson($"{r}/assessment-scores", new { })).OkJson<RoundDetail>();
        Dictionary<Guid, AssessmentBand> after = await PublishedYear.BandsAsync(app, [officer], year);

        CandidateDto a = taken.Candidates.Single(c => c.PersonId == officer), b = taken.Candidates.Single(c => c.PersonId == plain);
        decimal assessment = a.Scores.Assessment!.Value;
        Assert.Contains(new[] { before[officer].Total, after[officer].Total }, t => Math.Clamp(t, 0m, 100m) == assessment);
        Assert.Equal(55m, b.Scores.Assessment);
        // The composite weighs the taken score by the round's 20 %.
        Assert.Equal(Math.Round((80m * 40 + 70m * 30 + assessment * 20 + 60m * 10) / 100, 2, MidpointRounding.AwayFromZero), a.Composite);
        Assert.Equal(Math.Round((80m * 40 + 70m * 30 + 55m * 20 + 60m * 10) / 100, 2, MidpointRounding.AwayFromZero), b.Composite);
        PostRankingDto ranking = await (await leader.GetAsync($"{r}/posts/{post.Id}/ranking")).OkJson<PostRankingDto>();
        Assert.Equal(a.Composite, ranking.Ranked.Single(x => x.CandidateId == candidates[officer]).Composite);

        // Once matched, the scores are the match's: taking again is refused.
        await (await leader.PostJson($"{r}/match", new { })).OkJson<MatchDto>();
        await (await leader.PostJson($"{r}/assessment-scores", new { })).Problem(HttpStatusCode.Conflict);
    }
}

public sealed class SelectionAssessmentScoresTestsOnSqlite(SqliteApp app) : SelectionAssessmentScoresTests<SqliteApp>(app);

public sealed class SelectionAssessmentScoresTestsOnPostgres(PostgresApp app) : SelectionAssessmentScoresTests<PostgresApp>(app);
