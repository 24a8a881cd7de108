using System.Net;
using System.Text.Json;
using Chengguan.Organisation;
using Chengguan.Selection;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Selection;

/// <summary>
/// Two-way competitive selection over HTTP: a round set up with posts, applications of people from the
/// register (refused when not eligible, too many or repeated choices), scores, rankings, the match with its
/// explanations, reproduced by the what-if endpoint, publication, an appeal, confirmation writing post-change
/// history, the unmatched and a second round; and the what-if endpoint's bad input.
/// </summary>
public abstract class SelectionApiTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 100)];

    private async Task<(Guid[] People, Guid[] Units)> RegisterAsync() => await app.WithDbAsync(async db =>
    {
        Guid[] people = await db.People.Where(p => p.Active).OrderBy(p => p.Id).Select(p => p.Id).Take(4).ToArrayAsync();
        Guid[] units = await db.Units.Where(u => u.Active && u.Kind == UnitKind.Section).OrderBy(u => u.Code).Select(u => u.Id).Take(3).ToArrayAsync();
        if (units.Length < 3)
        {
            units = await db.Units.Where(u => u.Active).OrderBy(u => u.Code).Select(u => u.Id).Take(3).ToArrayAsync();
        }
        return (people, units);
    });

    private static object Round(string name, int appealDays = 5) => new
    {
        name, maxChoices = 2, weightWritten = 40, weightInterview = 30, weightAssessment = 20, weightEvaluation = 10,
        tieBreak = "WrittenThenServiceThenApplied", appealDays,
    };

    private static object Application(Guid person, int years, string[] certificates, params Guid[] choices) =>
        new { personId = person, grade = "Staff", serviceYears = years, education = "Bachelor", certificates, choices };

    [Fact]
    public async Task A_round_goes_from_applications_to_a_stable_explained_published_and_confirmed_match()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), chief = await app.ClientFor("chief"), dispatcher = await app.ClientFor("dispatcher");
        (Guid[] people, Guid[] units) = await RegisterAsync();
        Assert.True(people.Length >= 3);

        await (await dispatcher.PostJson("/api/selection/rounds", Round(Unique("派遣员不能")))).Problem(HttpStatusCode.Forbidden);
        JsonElement badWeights = await (await leader.PostJson("/api/selection/rounds", new
        {
            name = Unique("权重"), maxChoices = 2, weightWritten = 50, weightInterview = 30, weightAssessment = 20, weightEvaluation = 10, appealDays = 5,
        })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("权重之和须为 100", badWeights.FieldErrors("weightWritten")[0]);

        RoundSummary round = await (await leader.PostJson("/api/selection/rounds", Round(Unique("机关科室竞争上岗")))).OkJson<RoundSummary>(HttpStatusCode.Created);
        Assert.Equal(RoundState.Open, round.State);
        await (await leader.PostJson("/api/selection/rounds", Round(round.Name))).Problem(HttpStatusCode.Conflict);
        string r = $"/api/selection/rounds/{round.Id}";

        SelectionPostDto p1 = await (await chief.PostJson($"{r}/posts", new { unitId = units[0], title = "综合科副科长", seats = 1, minYears = 3 })).OkJson<SelectionPostDto>(HttpStatusCode.Created);
        SelectionPostDto p2 = await (await chief.PostJson($"{r}/posts", new { unitId = units[1], title = "法制科科员", seats = 1, certificates = new[] { "行政执法证" } })).OkJson<SelectionPostDto>(HttpStatusCode.Created);
        SelectionPostDto p3 = await (await chief.PostJson($"{r}/posts", new { unitId = units[2], title = "督察科科员", seats = 2 })).OkJson<SelectionPostDto>(HttpStatusCode.Created);
        Assert.Equal("任职满 3 年", p1.RulesText);
        Assert.Equal("持有行政执法证", p2.RulesText);
        Assert.NotEmpty((await (await chief.PostJson($"{r}/posts", new { unitId = units[0], title = "综合科副科长", seats = 1 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("title"));
        Assert.NotEmpty((await (await chief.PostJson($"{r}/posts", new { unitId = Guid.NewGuid(), title = "x", seats = 1 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("unitId"));
        Assert.NotEmpty((await (await chief.PostJson($"{r}/posts", new { unitId = units[0], title = "x", seats = -1 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("seats"));

        // Applications: refused for a post the person is not eligible for, too many choices, a repeated choice, a post of no round.
        string[] cert = ["行政执法证"];
        Assert.Contains("任职条件", (await (await leader.PostJson($"{r}/applications", Application(people[2], 1, [], p1.Id))).Problem(HttpStatusCode.BadRequest)).FieldErrors("choices[0]")[0]);
        Assert.NotEmpty((await (await leader.PostJson($"{r}/applications", Application(people[2], 5, cert, p1.Id, p2.Id, p3.Id))).Problem(HttpStatusCode.BadRequest)).FieldErrors("choices"));
        Assert.Contains("重复", (await (await leader.PostJson($"{r}/applications", Application(people[2], 5, cert, p1.Id, p1.Id))).Problem(HttpStatusCode.BadRequest)).FieldErrors("choices[1]")[0]);
        Assert.NotEmpty((await (await leader.PostJson($"{r}/applications", Application(people[2], 5, cert, Guid.NewGuid()))).Problem(HttpStatusCode.BadRequest)).FieldErrors("choices[0]"));
        Assert.NotEmpty((await (await leader.PostJson($"{r}/applications", Application(Guid.NewGuid(), 5, cert, p1.Id))).Problem(HttpStatusCode.BadRequest)).FieldErrors("personId"));

        CandidateDto a = await (await leader.PostJson($"{r}/applications", Application(people[0], 5, cert, p1.Id, p2.Id))).OkJson<CandidateDto>(HttpStatusCode.Created);
        CandidateDto b = await (await leader.PostJson($"{r}/applications", Application(people[1], 6, cert, p1.Id, p2.Id))).OkJson<CandidateDto>(HttpStatusCode.Created);
        CandidateDto c = await (await leader.PostJson($"{r}/applications", Application(people[2], 4, [], p1.Id))).OkJson<CandidateDto>(HttpStatusCode.Created);
        Assert.NotEmpty((await (await leader.PostJson($"{r}/applications", Application(people[0], 5, cert, p3.Id))).Problem(HttpStatusCode.BadRequest)).FieldErrors("personId"));
        Assert.Equal([p1.Id, p2.Id], a.Choices.Select(ch => ch.PostId));
        Assert.False(string.IsNullOrEmpty(a.Name));

        // Scores: b 90, a 80, c 70 (composite); matching waits for none of the unscored, they are simply not ranked.
        foreach ((CandidateDto who, decimal s) in new[] { (a, 80m), (b, 90m), (c, 70m) })
        {
            CandidateDto scored = await (await leader.PutJson($"{r}/candidates/{who.Id}/scores", new { written = s, interview = s, assessment = s, evaluation = s })).OkJson<CandidateDto>();
            Assert.Equal(s, scored.Composite);
        }
        Assert.NotEmpty((await (await leader.PutJson($"{r}/candidates/{a.Id}/scores", new { written = 101 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("written"));
        Assert.Equal("至少录入一项成绩", (await (await leader.PutJson($"{r}/candidates/{a.Id}/scores", new { })).Problem(HttpStatusCode.BadRequest)).FieldErrors("written")[0]);

        PostRankingDto ranking = await (await leader.GetAsync($"{r}/posts/{p1.Id}/ranking")).OkJson<PostRankingDto>();
        Assert.Equal([b.Id, a.Id, c.Id], ranking.Ranked.Select(x => x.CandidateId));
        Assert.Equal([1, 2, 3], ranking.Ranked.Select(x => x.Rank));

        await (await leader.PostAsync($"{r}/publish", null)).Problem(HttpStatusCode.Conflict);
        MatchDto match = await (await leader.PostAsync($"{r}/match", null)).OkJson<MatchDto>();
        var got = match.Results.ToDictionary(x => x.CandidateId, x => x.PostId);
        Assert.Equal(p1.Id, got[b.Id]);
        Assert.Equal(p2.Id, got[a.Id]);
        Assert.Null(got[c.Id]);
        Assert.Equal(1, match.Cutoffs.Single(x => x.PostId == p1.Id).LastAdmittedRank);
        Assert.Null(match.Cutoffs.Single(x => x.PostId == p3.Id).LastAdmittedRank);
        Assert.Contains("综合科副科长", match.Results.Single(x => x.CandidateId == b.Id).PostName);

        // Explanations: a ranked 2nd at p1 whose last admitted is 1st; c ranked 3rd there and unmatched.
        List<ExplanationDto> explanations = await (await leader.GetAsync($"{r}/explanations")).OkJson<List<ExplanationDto>>();
        ExplanationDto ea = explanations.Single(e => e.CandidateId == a.Id);
        Assert.Equal(2, ea.ResultChoice);
        Assert.Equal((1, 2), (ea.Above.Single().LastAdmittedRank!.Value, ea.Above.Single().OwnRank!.Value));
        Assert.Equal(ExplanationReason.RankedBelowCutoff, ea.Above.Single().Reason);
        ExplanationDto ec = (await (await leader.GetAsync($"{r}/explanations?candidate={c.Id}")).OkJson<List<ExplanationDto>>()).Single();
        Assert.Null(ec.PostId);
        Assert.Equal(3, ec.Above.Single().OwnRank);
        Assert.Empty(explanations.Single(e => e.CandidateId == b.Id).Above);

        // The stored run is reproducible: the what-if endpoint on its input gives the same result.
        StoredRun stored = await (await leader.GetAsync($"{r}/match/input")).OkJson<StoredRun>();
        WhatIfResponse again = await (await leader.PostJson("/api/selection/match", new
        {
            posts = stored.Posts.Select(p => new { id = p.Id, seats = p.Seats, ranking = p.Ranking }),
            candidates = stored.Candidates.Select(x => new { id = x.Id, choices = x.Choices }),
        })).OkJson<WhatIfResponse>();
        Assert.Equal(stored.Result.Assignments, again.Assignments);
        Assert.Equal(stored.Result.Cutoffs, again.Cutoffs);

        // Publication: no more applications or score changes; an appeal in the window; confirming waits for the window and the decision.
        RoundSummary published = await (await leader.PostAsync($"{r}/publish", null)).OkJson<RoundSummary>();
        Assert.Equal(RoundState.Published, published.State);
        Assert.Equal(published.PublishedAt!.Value.AddDays(5), published.AppealUntil);
        await (await leader.PostJson($"{r}/applications", Application(people[3], 5, cert, p3.Id))).Problem(HttpStatusCode.Conflict);
        await (await leader.PutJson($"{r}/candidates/{a.Id}/scores", new { written = 99 })).Problem(HttpStatusCode.Conflict);
        await (await leader.PostAsync($"{r}/match", null)).Problem(HttpStatusCode.Conflict);
        Assert.NotEmpty((await (await leader.PostJson($"{r}/appeals", new { candidateId = c.Id, text = "" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("text"));
        AppealDto appeal = await (await leader.PostJson($"{r}/appeals", new { candidateId = c.Id, text = "对面试成绩有异议" })).OkJson<AppealDto>(HttpStatusCode.Created);
        Assert.Null(appeal.Upheld);
        await (await leader.PostAsync($"{r}/confirm", null)).Problem(HttpStatusCode.Conflict);
        AppealDto decided = await (await chief.PostJson($"{r}/appeals/{appeal.Id}/decision", new { upheld = false, note = "经复核，面试评分无误" })).OkJson<AppealDto>();
        Assert.False(decided.Upheld);
        await (await chief.PostJson($"{r}/appeals/{appeal.Id}/decision", new { upheld = false, note = "again" })).Problem(HttpStatusCode.Conflict);
        JsonElement early = await (await leader.PostAsync($"{r}/confirm", null)).Problem(HttpStatusCode.Conflict);
        Assert.Contains("公示期", early.GetProperty("detail").GetString());

        // The window ends (the round's stored end moved to the past, as five days passing would).
        await app.WithDbAsync(async db =>
        {
            SelectionRound stored = await db.SelectionRounds.SingleAsync(x => x.Id == round.Id);
            stored.AppealUntil = stored.PublishedAt!.Value.AddDays(-1);
            return await db.SaveChangesAsync();
        });
        List<UnmatchedDto> unmatched = await (await leader.GetAsync($"{r}/unmatched")).OkJson<List<UnmatchedDto>>();
        Assert.Equal([p3.Id], unmatched.Single(u => u.CandidateId == c.Id).Options.Select(o => o.PostId));

        List<PostChangeDto> changes = await (await leader.PostAsync($"{r}/confirm", null)).OkJson<List<PostChangeDto>>();
        Assert.Equal(2, changes.Count);
        Assert.Equal("法制科科员", changes.Single(x => x.PersonId == people[0]).ToPost);
        Assert.Equal(units[0], changes.Single(x => x.PersonId == people[1]).ToUnitId);
        List<PostChangeDto> history = await (await leader.GetAsync($"/api/selection/post-changes?person={people[1]}")).OkJson<List<PostChangeDto>>();
        Assert.Contains(history, h => h.ToPost == "综合科副科长");

        // A second round offers the seats left free (p3's two).
        RoundSummary second = await (await leader.PostJson($"{r}/second-round", new { name = Unique("第二轮") })).OkJson<RoundSummary>(HttpStatusCode.Created);
        Assert.Equal((1, 2), (second.Posts, second.Seats));
        await (await dispatcher.GetAsync($"{r}/match")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_upheld_appeal_sends_the_round_back_to_applications_for_a_new_match()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader");
        (Guid[] people, Guid[] units) = await RegisterAsync();
        RoundSummary round = await (await leader.PostJson("/api/selection/rounds", Round(Unique("申诉支持")))).OkJson<RoundSummary>(HttpStatusCode.Created);
        string r = $"/api/selection/rounds/{round.Id}";
        SelectionPostDto post = await (await leader.PostJson($"{r}/posts", new { unitId = units[0], title = "科员", seats = 1 })).OkJson<SelectionPostDto>(HttpStatusCode.Created);
        CandidateDto a = await (await leader.PostJson($"{r}/applications", Application(people[0], 5, [], post.Id))).OkJson<CandidateDto>(HttpStatusCode.Created);
        CandidateDto b = await (await leader.PostJson($"{r}/applications", Application(people[1], 5, [], post.Id))).OkJson<CandidateDto>(HttpStatusCode.Created);
        await leader.PutJson($"{r}/candidates/{a.Id}/scores", new { written = 90, interview = 90, assessment = 90, evaluation = 90 });
        await leader.PutJson($"{r}/candidates/{b.Id}/scores", new { written = 80, interview = 80, assessment = 80, evaluation = 80 });
        Assert.Equal(a.Id, (await (await leader.PostAsync($"{r}/match", null)).OkJson<MatchDto>()).Results.Single(x => x.PostId == post.Id).CandidateId);
        await leader.PostAsync($"{r}/publish", null);
        AppealDto appeal = await (await leader.PostJson($"{r}/appeals", new { candidateId = b.Id, text = "笔试成绩登记错误" })).OkJson<AppealDto>(HttpStatusCode.Created);
        await (await leader.PostJson($"{r}/appeals/{appeal.Id}/decision", new { upheld = true, note = "笔试成绩更正为 100 分" })).OkJson<AppealDto>();
        Assert.Equal(RoundState.Open, (await (await leader.GetAsync(r)).OkJson<RoundDetail>()).Round.State);
        await leader.PutJson($"{r}/candidates/{b.Id}/scores", new { written = 100, interview = 100, assessment = 100, evaluation = 100 });
        MatchDto second = await (await leader.PostAsync($"{r}/match", null)).OkJson<MatchDto>();
        Assert.Equal(2, second.Seq);
        Assert.Equal(b.Id, second.Results.Single(x => x.PostId == post.Id).CandidateId);
    }

    [Fact]
    public async Task The_what_if_endpoint_matches_as_the_issue_says()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief");
        HttpResponseMessage response = await chief.PostJson("/api/selection/match", new
        {
            posts = new object[] { new { id = "A", seats = 1, ranking = new[] { "y", "x" } }, new { id = "B", seats = 1, ranking = new[] { "x" } } },
            candidates = new object[] { new { id = "x", choices = new[] { "A", "B" } }, new { id = "y", choices = new[] { "A" } }, new { id = "z", choices = new[] { "B" } } },
        });
        JsonElement body = await response.OkJson<JsonElement>();
        Assert.Equal("""[{"candidate":"x","post":"B"},{"candidate":"y","post":"A"},{"candidate":"z","post":null}]""", body.GetProperty("assignments").GetRawText());
        Assert.Equal("""[{"post":"A","lastAdmittedRank":1},{"post":"B","lastAdmittedRank":1}]""", body.GetProperty("cutoffs").GetRawText());
        await (await (await app.ClientFor("officer")).PostJson("/api/selection/match", new { posts = Array.Empty<object>(), candidates = Array.Empty<object>() })).Problem(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostJson("/api/selection/match", new { posts = Array.Empty<object>(), candidates = Array.Empty<object>() })).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bad_what_if_input_is_answered_with_chinese_field_errors()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief");
        async Task<JsonElement> Bad(object body) => await (await chief.PostJson("/api/selection/match", body)).Problem(HttpStatusCode.BadRequest);

        JsonElement missing = await Bad(new { });
        Assert.Equal("岗位列表不能为空", missing.FieldErrors("posts")[0]);
        Assert.Equal("候选人列表不能为空", missing.FieldErrors("candidates")[0]);

        JsonElement bad = await Bad(new
        {
            posts = new object[]
            {
                new { id = "A", seats = -1, ranking = new[] { "x", "x" } },
                new { id = "A", seats = 1, ranking = new[] { "nobody" } },
                new { id = "", seats = (int?)null, ranking = Array.Empty<string>() },
            },
            candidates = new object[] { new { id = "x", choices = new[] { "A", "A", "Z" } }, new { id = "x", choices = Array.Empty<string>() } },
        });
        Assert.Equal("职数不能小于 0", bad.FieldErrors("posts[0].seats")[0]);
        Assert.Contains("重复", bad.FieldErrors("posts[0].ranking[1]")[0]);
        Assert.Contains("重复", bad.FieldErrors("posts[1].id")[0]);
        Assert.Contains("不在候选人列表中", bad.FieldErrors("posts[1].ranking[0]")[0]);
        Assert.Equal("岗位编号不能为空", bad.FieldErrors("posts[2].id")[0]);
        Assert.Equal("职数不能为空", bad.FieldErrors("posts[2].seats")[0]);
        Assert.Contains("重复", bad.FieldErrors("candidates[0].choices[1]")[0]);
        Assert.Contains("不存在", bad.FieldErrors("candidates[0].choices[2]")[0]);
        Assert.Contains("重复", bad.FieldErrors("candidates[1].id")[0]);

        JsonElement nulls = await Bad(new { posts = new object?[] { null }, candidates = new object[] { new { id = "x", choices = new string?[] { null } } } });
        Assert.NotEmpty(nulls.FieldErrors("posts[0]"));
        Assert.NotEmpty(nulls.FieldErrors("candidates[0].choices[0]"));

        JsonElement tooMany = await Bad(new { posts = Array.Empty<object>(), candidates = new object[] { new { id = "x", choices = Enumerable.Range(0, 51).Select(i => $"p{i}").ToArray() } } });
        Assert.NotEmpty(tooMany.FieldErrors("candidates[0].choices"));
        JsonElement longId = await Bad(new { posts = new object[] { new { id = new string('p', 65), seats = 1 } }, candidates = Array.Empty<object>() });
        Assert.NotEmpty(longId.FieldErrors("posts[0].id"));

        // Not JSON of the right shape at all: still a problem document, never a 500.
        var wrong = new StringContent("""{"posts":"A","candidates":[]}""", System.Text.Encoding.UTF8, "application/json");
        await (await chief.PostAsync("/api/selection/match", wrong)).Problem(HttpStatusCode.BadRequest);
    }
}

public sealed class SelectionApiTestsOnSqlite(SqliteApp app) : SelectionApiTests<SqliteApp>(app);

public sealed class SelectionApiTestsOnPostgres(PostgresApp app) : SelectionApiTests<PostgresApp>(app);
