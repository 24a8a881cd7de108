using System.Net;
using System.Text.Json;
using Chengguan.Data.Seeding;
using Chengguan.Evaluation;
using Chengguan.Identity;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Evaluation;

/// <summary>
/// The bimonthly cadre evaluation over HTTP: set-up by the personnel office, ballots cast by raters (refused twice,
/// refused outside their list, checked against the scale), results after closing with groups under three hidden,
/// five or more trimmed and weights re-normalised, ranks, a cadre's own result, letter and trend — and anonymity:
/// no answer is stored, returned or audited with its rater.
/// </summary>
public abstract class EvaluationApiTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private sealed record Member(Guid PersonId, string User);

    /// <summary>A fresh section of the bureau with n people, each with an account (password: the demo one) when asked.</summary>
    private async Task<(Guid Unit, Member[] People)> PeopleAsync(int n, bool accounts = true) => await app.WithDbAsync(async db =>
    {
        Unit bureau = await db.Units.FirstAsync(u => u.Kind == UnitKind.Bureau);
        string tag = Guid.NewGuid().ToString("N")[..8];
        var unit = new Unit { ParentId = bureau.Id, Code = "EV-" + tag, Name = "评价测试科" + tag, Kind = UnitKind.Section };
        unit.Path = Unit.PathOf(bureau, unit.Id);
        db.Units.Add(unit);
        string roleId = await db.Roles.Where(r => r.Name == Roles.Officer).Select(r => r.Id).FirstAsync();
        var members = new List<Member>();
        for (int i = 0; i < n; i++)
        {
            var person = new Person { Name = $"测评{tag}{i}", UnitId = unit.Id };
            db.People.Add(person);
            string user = $"ev{tag}{i}";
            if (accounts)
            {
                var account = new AppUser
                {
                    UserName = user, NormalizedUserName = user.ToUpperInvariant(), DisplayName = person.Name, PersonId = person.Id,
                    PasswordHash = DemoDistrict.DemoPasswordHash, SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
                };
                db.Users.Add(account);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = account.Id, RoleId = roleId });
            }
            members.Add(new Member(person.Id, user));
        }
        await db.SaveChangesAsync();
        return (unit.Id, members.ToArray());
    });

    private static object Round(string name, int leaders = 50, int peers = 25, int subordinates = 25, Guid? questionnaireId = null) =>
        new { year = 2001, period = 3, name, questionnaireId, weightLeaders = leaders, weightPeers = peers, weightSubordinates = subordinates };

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];

    private async Task CastAsync(string user, Guid round, Guid cadre, params int[] points) =>
        await (await (await app.ClientFor(user)).PostJson($"/api/evaluation/rounds/{round}/ballots", new { cadreId = cadre, points }))
            .OkJson<BallotReceipt>();

    [Fact]
    public async Task A_round_is_set_up_answered_anonymously_closed_and_aggregated_with_hiding_trimming_and_weights()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), officer = await app.ClientFor("officer");
        (_, Member[] unitPeople) = await PeopleAsync(5);     // cadres A, B and three subordinates of their unit
        (_, Member[] bosses) = await PeopleAsync(5);         // five leaders: trimmed
        (_, Member[] noAccount) = await PeopleAsync(1, accounts: false);
        Member a = unitPeople[0], b = unitPeople[1];
        Member[] subs = unitPeople[2..];

        await (await officer.PostJson("/api/evaluation/rounds", Round(Unique("队员不能")))).Problem(HttpStatusCode.Forbidden);
        JsonElement badWeights = await (await leader.PostJson("/api/evaluation/rounds", Round(Unique("权重"), 50, 30, 25))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("权重之和须为 100", badWeights.FieldErrors("weightLeaders")[0]);
        JsonElement badPeriod = await (await leader.PostJson("/api/evaluation/rounds", new { year = 2026, period = 7, weightLeaders = 50, weightPeers = 25, weightSubordinates = 25 }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("期次须为 1–6", badPeriod.FieldErrors("period")[0]);

        EvaluationRoundSummary round = await (await leader.PostJson("/api/evaluation/rounds", Round(Unique("双月评价")))).OkJson<EvaluationRoundSummary>(HttpStatusCode.Created);
        Assert.Equal(EvaluationState.Preparing, round.State);
        Assert.Equal("2001年第3期（5–6月）", round.PeriodLabel);
        await (await leader.PostJson("/api/evaluation/rounds", Round(round.Name))).Problem(HttpStatusCode.Conflict);
        string r = $"/api/evaluation/rounds/{round.Id}";

        await (await leader.PutJson($"{r}/cadres", new { personIds = new[] { a.PersonId, b.PersonId } })).OkJson<EvaluationRoundDetail>();
        JsonElement unknown = await (await leader.PutJson($"{r}/cadres", new { personIds = new[] { Guid.NewGuid() } })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("人员不存在", unknown.FieldErrors("personIds")[0]);
        JsonElement without = await (await leader.PutJson($"{r}/raters", new { group = "Leaders", personIds = new[] { bosses[0].PersonId, noAccount[0].PersonId } }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("须有可用的系统账号", without.FieldErrors("personIds")[0]);
        await (await leader.PutJson($"{r}/raters", new { group = "Leaders", personIds = bosses.Select(x => x.PersonId) })).OkJson<EvaluationRoundDetail>();
        await (await leader.PutJson($"{r}/raters", new { group = "Peers", personIds = new[] { a.PersonId, b.PersonId } })).OkJson<EvaluationRoundDetail>();
        JsonElement twice = await (await leader.PutJson($"{r}/raters", new { group = "Subordinates", personIds = new[] { subs[0].PersonId, bosses[0].PersonId } }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("只能在一个评价组", twice.FieldErrors("personIds")[0]);
        EvaluationRoundDetail detail = await (await leader.PostJson($"{r}/raters/subordinates/draw", new { })).OkJson<EvaluationRoundDetail>();
        Assert.Equal(subs.Select(s => s.PersonId).Order(), detail.Raters.Where(x => x.Group == RaterGroup.Subordinates).Select(x => x.PersonId).Order());
        Assert.All(detail.Raters.Where(x => x.Group == RaterGroup.Leaders), x => Assert.Equal(2, x.Due));
        Assert.All(detail.Raters.Where(x => x.Group == RaterGroup.Peers), x => Assert.Equal(1, x.Due));

        // Not open yet: nobody answers.
        await (await (await app.ClientFor(bosses[0].User)).PostJson($"{r}/ballots", new { cadreId = detail.Cadres[0].Id, points = new[] { 100, 100, 100, 100, 100 } }))
            .Problem(HttpStatusCode.Conflict);
        await (await leader.PostJson($"{r}/open", new { })).OkJson<EvaluationRoundSummary>();
        await (await leader.PutJson($"{r}/cadres", new { personIds = new[] { a.PersonId } })).Problem(HttpStatusCode.Conflict);
        Guid cadreA = detail.Cadres.Single(c => c.PersonId == a.PersonId).Id, cadreB = detail.Cadres.Single(c => c.PersonId == b.PersonId).Id;

        // The rater's list: their cadres, none cast yet.
        List<MyBallotRound> mine = await (await (await app.ClientFor(subs[0].User)).GetAsync("/api/evaluation/ballots")).OkJson<List<MyBallotRound>>();
        MyBallotRound my = Assert.Single(mine, m => m.RoundId == round.Id);
        Assert.Equal(RaterGroup.Subordinates, my.Group);
        Assert.Equal(new[] { "德", "能", "勤", "绩", "廉" }, my.Questionnaire.Items.Select(i => i.Name));
        Assert.Equal(2, my.Cadres.Count);
        Assert.All(my.Cadres, c => Assert.False(c.Cast));

        // Refusals: outside one's list (404), a wrong number of items or a value off the scale (400), a second ballot (409).
        await (await officer.PostJson($"{r}/ballots", new { cadreId = cadreA, points = new[] { 100, 100, 100, 100, 100 } })).Problem(HttpStatusCode.NotFound);
        await (await (await app.ClientFor(a.User)).PostJson($"{r}/ballots", new { cadreId = cadreA, points = new[] { 100, 100, 100, 100, 100 } })).Problem(HttpStatusCode.NotFound);
        HttpClient boss0 = await app.ClientFor(bosses[0].User);
        JsonElement few = await (await boss0.PostJson($"{r}/ballots", new { cadreId = cadreA, points = new[] { 100, 100 } })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("须对全部 5 项作答", few.FieldErrors("points")[0]);
        JsonElement off = await (await boss0.PostJson($"{r}/ballots", new { cadreId = cadreA, points = new[] { 100, 100, 100, 100, 95 } })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("优秀 100", off.FieldErrors("points")[0]);

        // Leaders on A: sheet scores 100, 92, 84, 76, 60 → 100 and 60 dropped → 84. On B: 80 each.
        int[][] leaderSheets = [[100, 100, 100, 100, 100], [100, 100, 80, 100, 80], [100, 80, 80, 80, 80], [80, 80, 80, 60, 80], [60, 60, 60, 60, 60]];
        for (int i = 0; i < 5; i++)
        {
            await CastAsync(bosses[i].User, round.Id, cadreA, leaderSheets[i]);
            await CastAsync(bosses[i].User, round.Id, cadreB, 80, 80, 80, 80, 80);
        }
        await (await boss0.PostJson($"{r}/ballots", new { cadreId = cadreA, points = new[] { 40, 40, 40, 40, 40 } })).Problem(HttpStatusCode.Conflict);
        // Peers: one sheet each (hidden). Subordinates: three sheets each (shown, untrimmed): A 80, 80, 60 → 73.33; B 100 each.
        await CastAsync(a.User, round.Id, cadreB, 40, 40, 40, 40, 40);
        await CastAsync(b.User, round.Id, cadreA, 40, 40, 40, 40, 40);
        int[][] subSheets = [[80, 80, 80, 80, 80], [80, 80, 80, 80, 80], [60, 60, 60, 60, 60]];
        for (int i = 0; i < 3; i++)
        {
            await CastAsync(subs[i].User, round.Id, cadreA, subSheets[i]);
            await CastAsync(subs[i].User, round.Id, cadreB, 100, 100, 100, 100, 100);
        }
        List<MyBallotRound> after = await (await (await app.ClientFor(subs[0].User)).GetAsync("/api/evaluation/ballots")).OkJson<List<MyBallotRound>>();
        Assert.All(after.Single(m => m.RoundId == round.Id).Cadres, c => Assert.True(c.Cast));

        List<CadreProgress> progress = await (await leader.GetAsync($"{r}/progress")).OkJson<List<CadreProgress>>();
        CadreProgress pa = progress.Single(p => p.CadreId == cadreA);
        Assert.Equal(new[] { (5, 5), (1, 1), (3, 3) }, pa.Groups.Select(g => (g.Cast, g.Due)));
        await (await leader.GetAsync($"{r}/results")).Problem(HttpStatusCode.Conflict);

        await (await officer.PostJson($"{r}/close", new { })).Problem(HttpStatusCode.Forbidden);
        EvaluationRoundSummary closed = await (await leader.PostJson($"{r}/close", new { })).OkJson<EvaluationRoundSummary>();
        Assert.Equal(EvaluationState.Closed, closed.State);
        await CastAsyncRefused(subs[0].User, round.Id, cadreA);

        RoundResultsDto results = await (await leader.GetAsync($"{r}/results")).OkJson<RoundResultsDto>();
        CadreResultDto ra = results.Cadres.Single(c => c.CadreId == cadreA), rb = results.Cadres.Single(c => c.CadreId == cadreB);
        GroupResultDto la = ra.Groups.Single(g => g.Group == RaterGroup.Leaders);
        Assert.True(la.Shown);
        Assert.True(la.Trimmed);
        Assert.Equal((5, 3), (la.Raters, la.Counted));
        Assert.Equal(84m, la.Score);
        Assert.Equal(new[] { 93.33m, 86.67m, 80m, 80m, 80m }, la.ItemMeans!);
        GroupResultDto pg = ra.Groups.Single(g => g.Group == RaterGroup.Peers);
        Assert.False(pg.Shown);
        Assert.Null(pg.Score);
        Assert.Null(pg.ItemMeans);
        Assert.Equal("人数不足，不显示", pg.Note);
        GroupResultDto sa = ra.Groups.Single(g => g.Group == RaterGroup.Subordinates);
        Assert.Equal((true, false, 73.33m), (sa.Shown, sa.Trimmed, sa.Score));
        // Peers hidden: 50 and 25 re-normalised over 75. A: (50·84 + 25·73.33)/75 = 80.44; B: (50·80 + 25·100)/75 = 86.67.
        Assert.Equal(80.44m, ra.Total);
        Assert.Equal(86.67m, rb.Total);
        Assert.Equal((2, 1), (ra.Rank, rb.Rank));
        Assert.Equal(2, ra.Ranked);

        // The cadre reads their own result, letter and trend; not another's (404); a rater who is not the personnel office reads no table (403).
        HttpClient cadreClient = await app.ClientFor(a.User);
        CadreResultDto own = await (await cadreClient.GetAsync($"{r}/results/{cadreA}")).OkJson<CadreResultDto>();
        Assert.Equal(80.44m, own.Total);
        await (await cadreClient.GetAsync($"{r}/results/{cadreB}")).Problem(HttpStatusCode.NotFound);
        await (await cadreClient.GetAsync($"{r}/results/{cadreB}/letter")).Problem(HttpStatusCode.NotFound);
        await (await cadreClient.GetAsync($"{r}/results")).Problem(HttpStatusCode.Forbidden);
        HttpResponseMessage letter = await cadreClient.GetAsync($"{r}/results/{cadreA}/letter");
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        Assert.Equal("application/pdf", letter.Content.Headers.ContentType?.MediaType);
        byte[] pdf = await letter.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.True(pdf.Length > 2000);
        List<TrendPoint> trend = await (await cadreClient.GetAsync($"/api/evaluation/people/{a.PersonId}/trend")).OkJson<List<TrendPoint>>();
        Assert.Equal(80.44m, Assert.Single(trend).Total);
        await (await (await app.ClientFor(b.User)).GetAsync($"/api/evaluation/people/{a.PersonId}/trend")).Problem(HttpStatusCode.NotFound);
        List<MyResult> myResults = await (await cadreClient.GetAsync("/api/evaluation/results/mine")).OkJson<List<MyResult>>();
        Assert.Equal(cadreA, Assert.Single(myResults).Result.CadreId);

        // The read door for the selection: each person's latest total.
        Dictionary<Guid, CadreTotal> totals;
        await using (AsyncServiceScope scope = app.Services.CreateAsyncScope())
        {
            totals = await scope.ServiceProvider.GetRequiredService<EvaluationResults>().LatestTotalsAsync([a.PersonId, b.PersonId, subs[0].PersonId], default);
        }
        Assert.Equal(80.44m, totals[a.PersonId].Total);
        Assert.Equal(86.67m, totals[b.PersonId].Total);
        Assert.False(totals.ContainsKey(subs[0].PersonId));

        // …which the selection takes as the cadre-evaluation score of its applicants (those without one keep theirs).
        Guid section = await app.WithDbAsync(db => db.Units.Where(u => u.Kind == UnitKind.Section && u.Active).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync());
        var sel = await (await leader.PostJson("/api/selection/rounds", new
        {
            name = Unique("取干部评价"), maxChoices = 1, weightWritten = 40, weightInterview = 30, weightAssessment = 20, weightEvaluation = 10,
            tieBreak = "WrittenThenServiceThenApplied", appealDays = 5,
        })).OkJson<Chengguan.Selection.RoundSummary>(HttpStatusCode.Created);
        var post = await (await leader.PostJson($"/api/selection/rounds/{sel.Id}/posts", new { unitId = section, title = "评价取数岗", seats = 1 }))
            .OkJson<Chengguan.Selection.SelectionPostDto>(HttpStatusCode.Created);
        foreach (Member m in new[] { a, subs[0] })
        {
            await (await leader.PostJson($"/api/selection/rounds/{sel.Id}/applications", new
            {
                personId = m.PersonId, grade = "Staff", serviceYears = 5, education = "Bachelor", certificates = Array.Empty<string>(), choices = new[] { post.Id },
            })).OkJson<Chengguan.Selection.CandidateDto>(HttpStatusCode.Created);
        }
        var taken = await (await leader.PostJson($"/api/selection/rounds/{sel.Id}/evaluation-scores", new { })).OkJson<Chengguan.Selection.RoundDetail>();
        Assert.Equal(80.44m, taken.Candidates.Single(c => c.PersonId == a.PersonId).Scores.Evaluation);
        Assert.Null(taken.Candidates.Single(c => c.PersonId == subs[0].PersonId).Scores.Evaluation);
        await (await officer.PostJson($"/api/selection/rounds/{sel.Id}/evaluation-scores", new { })).Problem(HttpStatusCode.Forbidden);

        // Anonymity: no answer of the evaluation's endpoints sits beside a rater's id.
        HashSet<string> raterIds = [.. bosses.Concat(subs).Append(a).Append(b).Select(m => m.PersonId.ToString())];
        foreach (string url in new[] { r, $"{r}/progress", $"{r}/results", $"{r}/results/{cadreA}", "/api/evaluation/rounds" })
        {
            AssertNoAnswerBesideRater(JsonDocument.Parse(await (await leader.GetAsync(url)).Content.ReadAsStringAsync()).RootElement, raterIds, url);
        }
        // …nor in the audit trail: ballots are audited, answer sheets never.
        (int answerEntries, int ballotEntries, int sheets) = await app.WithDbAsync(async db => (
            await db.AuditEntries.CountAsync(e => e.Entity == nameof(EvaluationAnswer)),
            await db.AuditEntries.CountAsync(e => e.Entity == nameof(EvaluationBallot)),
            await db.EvaluationAnswers.CountAsync(x => x.RoundId == round.Id)));
        Assert.Equal(0, answerEntries);
        Assert.True(ballotEntries >= 18);
        Assert.Equal(18, sheets);
    }

    private async Task CastAsyncRefused(string user, Guid round, Guid cadre) =>
        await (await (await app.ClientFor(user)).PostJson($"/api/evaluation/rounds/{round}/ballots", new { cadreId = cadre, points = new[] { 80, 80, 80, 80, 80 } }))
            .Problem(HttpStatusCode.Conflict);

    private static readonly string[] s_answerFields = ["points", "pointsJson", "score", "itemMeans", "total"];

    private static void AssertNoAnswerBesideRater(JsonElement e, HashSet<string> raterIds, string url)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in e.EnumerateArray())
            {
                AssertNoAnswerBesideRater(item, raterIds, url);
            }
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            var props = e.EnumerateObject().ToList();
            bool namesRater = props.Any(p => p.Value.ValueKind == JsonValueKind.String && raterIds.Contains(p.Value.GetString()!) && p.Name != "personId");
            bool raterRow = props.Any(p => p.Name == "group") && props.Any(p => p.Name == "personId" && raterIds.Contains(p.Value.GetString() ?? ""));
            if (namesRater || raterRow)
            {
                Assert.DoesNotContain(props, p => s_answerFields.Contains(p.Name));
            }
            foreach (JsonProperty p in props)
            {
                AssertNoAnswerBesideRater(p.Value, raterIds, url);
            }
        }
    }

    [Fact]
    public async Task The_answers_table_refers_to_no_person_account_or_time_and_its_ids_are_not_time_ordered()
    {
        app.RequireAvailable();
        await app.WithDbAsync(db =>
        {
            var answer = db.Model.FindEntityType(typeof(EvaluationAnswer))!;
            Assert.All(answer.GetForeignKeys(), fk => Assert.Contains(fk.PrincipalEntityType.ClrType, new[] { typeof(EvaluationRound), typeof(EvaluationCadre) }));
            Assert.All(answer.GetProperties(), p =>
            {
                Assert.DoesNotContain("Person", p.Name, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("User", p.Name, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("Rater", p.Name, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("By", p.Name, StringComparison.Ordinal);
                Assert.False(p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?) || p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?), p.Name);
            });
            Assert.Equal(new[] { "CadreId", "Group", "Id", "PointsJson", "RoundId", "Score" }, answer.GetProperties().Select(p => p.Name).Order());
            // Random (version 4) ids: their order says nothing about when a sheet was written.
            Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(4, new EvaluationAnswer { PointsJson = "[]" }.Id.Version));
            Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(4, new EvaluationBallot().Id.Version));
            return Task.FromResult(0);
        });
    }

    [Fact]
    public async Task Questionnaires_are_versioned_and_a_round_keeps_the_version_it_pinned()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief");
        JsonElement dup = await (await chief.PostJson("/api/evaluation/questionnaires", new
        {
            name = "重复", items = new[] { new { code = "a", name = "德" }, new { code = "a", name = "能" } }, scale = new[] { new { label = "好", points = 10 }, new { label = "差", points = 1 } },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("不得重复", dup.FieldErrors("items")[0]);
        QuestionnaireDto v = await (await chief.PostJson("/api/evaluation/questionnaires", new
        {
            name = "十分制评价表", items = new[] { new { code = "de", name = "德", description = "品德" }, new { code = "ji", name = "绩", description = "实绩" } },
            scale = Enumerable.Range(1, 10).Select(i => new { label = i.ToString(System.Globalization.CultureInfo.InvariantCulture), points = i }),
        })).OkJson<QuestionnaireDto>(HttpStatusCode.Created);
        Assert.Equal(10, v.Scale[0].Points);
        EvaluationRoundSummary round = await (await chief.PostJson("/api/evaluation/rounds", Round(Unique("十分制"), questionnaireId: v.Id))).OkJson<EvaluationRoundSummary>(HttpStatusCode.Created);
        Assert.Equal(v.Version, round.QuestionnaireVersion);
        // A newer version later does not change the round's.
        QuestionnaireDto newer = await (await chief.PostJson("/api/evaluation/questionnaires", new
        {
            name = "五项评价表", items = EvaluationData.StandardItems.Select(i => new { code = i.Code, name = i.Name, description = i.Description }),
            scale = EvaluationData.StandardScale.Select(s => new { label = s.Label, points = s.Points }),
        })).OkJson<QuestionnaireDto>(HttpStatusCode.Created);
        Assert.True(newer.Version > v.Version);
        EvaluationRoundDetail detail = await (await chief.GetAsync($"/api/evaluation/rounds/{round.Id}")).OkJson<EvaluationRoundDetail>();
        Assert.Equal(v.Version, detail.Questionnaire.Version);
        Assert.Equal(new[] { "德", "绩" }, detail.Questionnaire.Items.Select(i => i.Name));
        List<QuestionnaireDto> all = await (await chief.GetAsync("/api/evaluation/questionnaires")).OkJson<List<QuestionnaireDto>>();
        Assert.Contains(all, q => q.Version == v.Version);
        await (await (await app.ClientFor("officer")).GetAsync("/api/evaluation/questionnaires")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_demo_has_closed_rounds_with_results_and_an_open_round_for_the_demo_accounts()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader");
        List<EvaluationRoundSummary> rounds = await (await leader.GetAsync("/api/evaluation/rounds")).OkJson<List<EvaluationRoundSummary>>();
        List<EvaluationRoundSummary> demoClosed = [.. rounds.Where(x => x.State == EvaluationState.Closed && x.Name.EndsWith("期中层干部双月评价", StringComparison.Ordinal) && x.Year > 2001)];
        Assert.True(demoClosed.Count >= 2);
        RoundResultsDto results = await (await leader.GetAsync($"/api/evaluation/rounds/{demoClosed[0].Id}/results")).OkJson<RoundResultsDto>();
        Assert.True(results.Cadres.Count >= 3);
        Assert.Contains(results.Cadres, c => c.Total is not null && c.Rank == 1);
        Assert.Contains(results.Cadres, c => c.Groups.Any(g => g.Shown && g.Trimmed));
        List<MyBallotRound> mine = await (await (await app.ClientFor("officer")).GetAsync("/api/evaluation/ballots")).OkJson<List<MyBallotRound>>();
        Assert.Contains(mine, m => m.Cadres.Count > 0);
        List<MyBallotRound> leaderBallots = await (await leader.GetAsync("/api/evaluation/ballots")).OkJson<List<MyBallotRound>>();
        Assert.Contains(leaderBallots, m => m.Group == RaterGroup.Leaders && m.Cadres.Count >= 3);
    }
}

public sealed class EvaluationApiTestsOnSqlite(SqliteApp app) : EvaluationApiTests<SqliteApp>(app);

public sealed class EvaluationApiTestsOnPostgres(PostgresApp app) : EvaluationApiTests<PostgresApp>(app);
