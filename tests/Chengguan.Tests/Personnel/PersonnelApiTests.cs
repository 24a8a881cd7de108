using System.Net;
using System.Text.Json;
using Chengguan.Organisation;
using Chengguan.Personnel;
using Chengguan.Selection;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Personnel;

/// <summary>
/// The people file and the talent pool over HTTP: the profile with its field errors, career steps that close the open
/// one before them (history, not overwrites), Selection's confirmed results shown as steps, the pool's entry and exit,
/// the talent view's filters and a selection post's eligibility rules, and 403/404 for others.
/// </summary>
public abstract class PersonnelApiTests<TApp>(TApp app) where TApp : ChengguanApp
{
    /// <summary>Two new people of the register (no demo file, career or pool) and two sections.</summary>
    private async Task<(Guid Person, Guid Other, Guid Unit, Guid OtherUnit)> PeopleAsync() => await app.WithDbAsync(async db =>
    {
        Guid[] units = await db.Units.Where(u => u.Active && u.Kind == UnitKind.Section).OrderBy(u => u.Code).Select(u => u.Id).Take(2).ToArrayAsync();
        Person[] people = [new Person { Name = "档案甲" + Guid.NewGuid().ToString("N")[..4], UnitId = units[0] }, new Person { Name = "档案乙" + Guid.NewGuid().ToString("N")[..4], UnitId = units[0] }];
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        return (people[0].Id, people[1].Id, units[0], units[1]);
    });

    [Fact]
    public async Task A_file_keeps_the_career_as_history_and_shows_selection_results_and_the_pool()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief"), dispatcher = await app.ClientFor("dispatcher");
        (Guid person, _, Guid unit, Guid otherUnit) = await PeopleAsync();
        string f = $"/api/personnel/people/{person}";

        await (await dispatcher.GetAsync(f)).Problem(HttpStatusCode.Forbidden);
        await (await chief.GetAsync($"/api/personnel/people/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);

        JsonElement bad = await (await chief.PutJson($"{f}/profile", new { grade = "Staff", serviceSince = "2999-01-01" })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("学历不能为空", bad.FieldErrors("education")[0]);
        Assert.Contains("不能晚于今天", (await (await chief.PutJson($"{f}/profile", new { grade = "Staff", serviceSince = "2999-01-01", education = "Bachelor" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("serviceSince")[0]);
        PersonnelFileDto file = await (await chief.PutJson($"{f}/profile", new { grade = "Section", serviceSince = "2008-07-01", education = "Master", certificates = new[] { "行政执法证", " 法律职业资格 ", "行政执法证" } })).OkJson<PersonnelFileDto>();
        Assert.Equal("正科级", file.Profile!.GradeText);
        Assert.Equal(["行政执法证", "法律职业资格"], file.Profile.Certificates);
        Assert.True(file.Profile.ServiceYears >= 18);

        JsonElement noUnit = await (await chief.PostJson($"{f}/career", new { kind = "Rotation", post = "科员", from = "2020-01-01" })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noUnit.FieldErrors("unitId"));
        Assert.NotEmpty((await (await chief.PostJson($"{f}/career", new { kind = "Rotation", unitId = Guid.NewGuid(), post = "科员", from = "2020-01-01" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("unitId"));
        Assert.NotEmpty((await (await chief.PostJson($"{f}/career", new { kind = "Rotation", unitId = unit, post = "科员", from = "2020-01-01", until = "2019-01-01" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("until"));

        await (await chief.PostJson($"{f}/career", new { kind = "TransferIn", unitId = unit, post = "科员", from = "2008-07-01" })).OkJson<PersonnelFileDto>();
        await (await chief.PostJson($"{f}/career", new { kind = "Exchange", unitName = "区市场监督管理局", post = "挂职锻炼", from = "2015-03-01", until = "2016-02-29", note = "干部交流" })).OkJson<PersonnelFileDto>();
        file = await (await chief.PostJson($"{f}/career", new { kind = "Promotion", unitId = otherUnit, post = "副科长", from = "2018-01-01" })).OkJson<PersonnelFileDto>();
        // The first step was closed the day before the next post-holding step began; the exchange kept its own end.
        Assert.Equal(new DateOnly(2015, 2, 28), file.Career[0].Until);
        Assert.Equal(new DateOnly(2016, 2, 29), file.Career[1].Until);
        Assert.Null(file.Career[2].Until);
        Assert.Equal("晋升", file.Current!.KindText);
        Assert.Equal(new Movement(1, 0, 0, 1, 1, 0), file.Movement);

        // A confirmed selection result is Selection's row, shown as a step of the career.
        await app.WithDbAsync(async db =>
        {
            db.PostChanges.Add(new PostChange { PersonId = person, FromPost = "副科长", ToUnitId = otherUnit, ToPost = "科长", EffectiveOn = new DateOnly(2026, 1, 1), RecordedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync();
            return 0;
        });
        file = await (await chief.GetAsync(f)).OkJson<PersonnelFileDto>();
        Assert.Equal("竞争上岗", file.Career[^1].Source);
        Assert.Equal("科长", file.Current!.Post);

        file = await (await chief.PostJson($"{f}/pool", new { track = "中层后备", reason = "考核优秀、干部评价靠前", addedOn = "2026-03-01" })).OkJson<PersonnelFileDto>();
        Assert.True(file.Pool[0].Current);
        await (await chief.PostJson($"{f}/pool", new { track = "中层后备", reason = "再次", addedOn = "2026-03-02" })).Problem(HttpStatusCode.Conflict);
        Assert.NotEmpty((await (await chief.PostJson($"{f}/pool/leave", new { leftOn = "2026-02-01", reason = "早于入库" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("leftOn"));
        file = await (await chief.PostJson($"{f}/pool/leave", new { leftOn = "2026-06-01", reason = "已提任" })).OkJson<PersonnelFileDto>();
        Assert.False(file.Pool[0].Current);
        await (await chief.PostJson($"{f}/pool/leave", new { leftOn = "2026-06-02", reason = "再次" })).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_talent_view_filters_by_the_file_and_judges_a_selection_posts_rules()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), dispatcher = await app.ClientFor("dispatcher");
        (Guid senior, Guid junior, Guid unit, _) = await PeopleAsync();
        string certificate = "证书" + Guid.NewGuid().ToString("N")[..6];
        await (await leader.PutJson($"/api/personnel/people/{senior}/profile", new { grade = "Section", serviceSince = "2005-01-01", education = "Bachelor", certificates = new[] { certificate } })).OkJson<PersonnelFileDto>();
        await (await leader.PutJson($"/api/personnel/people/{junior}/profile", new { grade = "Clerk", serviceSince = "2024-01-01", education = "College", certificates = new[] { certificate } })).OkJson<PersonnelFileDto>();
        await (await leader.PostJson($"/api/personnel/people/{junior}/pool", new { track = "业务骨干", reason = "执法能手", addedOn = "2026-01-01" })).OkJson<PersonnelFileDto>();

        await (await dispatcher.GetAsync("/api/personnel/talent")).Problem(HttpStatusCode.Forbidden);
        List<TalentRow> holders = await (await leader.GetAsync($"/api/personnel/talent?certificate={Uri.EscapeDataString(certificate)}")).OkJson<List<TalentRow>>();
        Assert.Equal([junior, senior], holders.Select(r => r.PersonId));
        List<TalentRow> seniors = await (await leader.GetAsync($"/api/personnel/talent?certificate={Uri.EscapeDataString(certificate)}&minGrade=Staff&minYears=10")).OkJson<List<TalentRow>>();
        Assert.Equal([senior], seniors.Select(r => r.PersonId));
        List<TalentRow> pooled = await (await leader.GetAsync($"/api/personnel/talent?certificate={Uri.EscapeDataString(certificate)}&inPool=true")).OkJson<List<TalentRow>>();
        Assert.Equal([junior], pooled.Select(r => r.PersonId));

        RoundSummary round = await (await leader.PostJson("/api/selection/rounds", new
        {
            name = "人才库比对" + Guid.NewGuid().ToString("N")[..8], maxChoices = 2, weightWritten = 40, weightInterview = 30, weightAssessment = 20, weightEvaluation = 10, appealDays = 5,
        })).OkJson<RoundSummary>(HttpStatusCode.Created);
        SelectionPostDto post = await (await leader.PostJson($"/api/selection/rounds/{round.Id}/posts", new { unitId = unit, title = "执法科副科长", seats = 1, minGrade = "Staff", minYears = 5, certificates = new[] { certificate } }))
            .OkJson<SelectionPostDto>(HttpStatusCode.Created);
        List<TalentRow> judged = await (await leader.GetAsync($"/api/personnel/talent?certificate={Uri.EscapeDataString(certificate)}&round={round.Id}&post={post.Id}")).OkJson<List<TalentRow>>();
        // The eligible come first even though the other is in the pool; the other's unmet rules are in words.
        Assert.Equal([senior, junior], judged.Select(r => r.PersonId));
        Assert.True(judged[0].Eligible);
        Assert.False(judged[1].Eligible);
        Assert.Contains(judged[1].Unmet, u => u.Contains("职级"));
        Assert.Contains(judged[1].Unmet, u => u.Contains("5 年"));
        await (await leader.GetAsync($"/api/personnel/talent?round={round.Id}&post={Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
        await (await leader.GetAsync($"/api/personnel/talent?post={post.Id}")).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class PersonnelApiTestsOnSqlite(SqliteApp app) : PersonnelApiTests<SqliteApp>(app);

public sealed class PersonnelApiTestsOnPostgres(PostgresApp app) : PersonnelApiTests<PostgresApp>(app);
