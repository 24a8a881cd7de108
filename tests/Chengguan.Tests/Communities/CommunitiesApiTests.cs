using System.Net;
using Chengguan.Cases;
using Chengguan.Communities;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Communities;

/// <summary>
/// 一人一居 over HTTP on the shared demo district: the register as history, coverage, visits whose problems become
/// cases of the residents' committee channel, the feedback loop, the monthly norm, and scope. Each test makes its own
/// committees and people under 江宁路街道, so that its figures are its own.
/// </summary>
public abstract class CommunitiesApiTests(ChengguanApp app)
{
    private const string Jiangning = "310106006", Shimen = "310106011";

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private async Task<(Guid Street, Guid Team)> StreetAsync(string code) => await app.WithDbAsync(async db =>
    {
        Unit street = await db.Units.FirstAsync(u => u.Code == code);
        Unit team = await db.Units.FirstAsync(u => u.ParentId == street.Id && u.Kind == UnitKind.StreetTeam);
        return (street.Id, team.Id);
    });

    // Coded under the street as the district codes its committees (other tests read unit codes by street prefix).
    private async Task<Guid> NewCommitteeAsync(HttpClient admin, Guid street)
    {
        string prefix = await app.WithDbAsync(db => db.Units.Where(u => u.Id == street).Select(u => u.Code).FirstAsync());
        return (await (await admin.PostJson("/api/units", new { parentId = street, code = prefix + "9" + Random.Shared.Next(100_000, 999_999), name = Unique("测试居委"), kind = "Committee" }))
            .OkJson<UnitDto>(HttpStatusCode.Created)).Id;
    }

    private async Task<Guid> NewPersonAsync(HttpClient admin, Guid unit) =>
        (await (await admin.PostJson("/api/people", new { name = "测试联络员", unitId = unit })).OkJson<PersonDto>(HttpStatusCode.Created)).Id;

    private static async Task<LiaisonDto> AssignAsync(HttpClient who, Guid committee, Guid person, Guid? replaces = null, string? validFrom = null) =>
        await (await who.PostJson($"/api/communities/committees/{committee}/liaisons", new { personId = person, replaces, validFrom }))
            .OkJson<LiaisonDto>(HttpStatusCode.Created);

    [Fact]
    public async Task The_demo_district_has_a_full_register_with_three_gaps_one_overloaded_officer_and_visits_with_cases()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief");
        LiaisonCoverage coverage = await (await chief.GetAsync("/api/communities/coverage")).OkJson<LiaisonCoverage>();
        HashSet<Guid> demo = await app.WithDbAsync(async db => (await db.Units.Where(u => u.IsDemo && u.Kind == UnitKind.Committee).Select(u => u.Id).ToListAsync()).ToHashSet());
        Assert.Equal(42, demo.Count);
        Assert.Equal(3, coverage.Uncovered.Count(c => demo.Contains(c.Id)));
        Assert.Contains(coverage.Overloaded, o => o.Committees.Count(c => demo.Contains(c.Id)) == 4);
        var visits = await app.WithDbAsync(db => db.CommunityVisits.Where(v => v.RecordedBy == "演示数据").Select(v => new { v.Kind, Cases = v.Problems.Count(p => p.CaseId != null) }).ToListAsync());
        Assert.True(visits.Count(v => v.Kind == VisitKind.Visit) >= 30);
        Assert.Contains(visits, v => v.Kind == VisitKind.Enforcement);
        Guid[] caseIds = await app.WithDbAsync(db => db.VisitProblems.Where(p => p.CaseId != null).Select(p => p.CaseId!.Value).Take(50).ToArrayAsync());
        Assert.NotEmpty(caseIds);
        Assert.All(await app.WithDbAsync(db => db.Cases.Where(c => caseIds.Contains(c.Id)).Select(c => c.Channel).ToListAsync()), ch => Assert.Equal(CaseChannel.ResidentsCommittee, ch));
    }

    [Fact]
    public async Task A_change_closes_the_previous_row_and_a_second_active_liaison_is_refused()
    {
        app.RequireAvailable();
        HttpClient admin = await app.ClientFor("admin"), leader = await app.ClientFor("jnl.leader");
        (Guid street, Guid team) = await StreetAsync(Jiangning);
        Guid committee = await NewCommitteeAsync(admin, street);
        Guid first = await NewPersonAsync(admin, team), second = await NewPersonAsync(admin, team);

        LiaisonDto one = await AssignAsync(leader, committee, first, validFrom: "2026-01-01");
        // A second active liaison is refused: a change must name the row it replaces.
        JsonElementAssert(await (await leader.PostJson($"/api/communities/committees/{committee}/liaisons", new { personId = second }))
            .Problem(HttpStatusCode.Conflict), "更换须指明被更换的记录");
        var early = await (await leader.PostJson($"/api/communities/committees/{committee}/liaisons", new { personId = second, replaces = one.Id, validFrom = "2025-12-31" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(early.FieldErrors("validFrom"));

        LiaisonDto two = await AssignAsync(leader, committee, second, replaces: one.Id, validFrom: "2026-06-01");
        List<LiaisonDto> history = await (await leader.GetAsync($"/api/communities/committees/{committee}/liaisons")).OkJson<List<LiaisonDto>>();
        Assert.Equal([two.Id, one.Id], history.Select(h => h.Id));
        Assert.Equal(new DateOnly(2026, 6, 1), history[1].ValidTo);
        Assert.Equal("更换", history[1].EndReason);
        Assert.Null(history[0].ValidTo);
        // Replacing the row already replaced: someone else changed it meanwhile.
        await (await leader.PostJson($"/api/communities/committees/{committee}/liaisons", new { personId = first, replaces = one.Id })).Problem(HttpStatusCode.Conflict);
        Assert.Equal(1, await app.WithDbAsync(db => db.LiaisonAssignments.CountAsync(a => a.CommitteeId == committee && a.ValidTo == null)));

        List<CommitteeLiaisons> register = await (await leader.GetAsync($"/api/communities/liaisons?street={street}")).OkJson<List<CommitteeLiaisons>>();
        Assert.Equal(second, register.Single(r => r.Committee.Id == committee).Liaison!.PersonId);

        // Ending leaves the committee uncovered; the history stays.
        await (await leader.PostJson($"/api/communities/liaisons/{two.Id}/end", new { reason = "调离" })).OkJson<LiaisonDto>();
        register = await (await leader.GetAsync($"/api/communities/liaisons?street={street}")).OkJson<List<CommitteeLiaisons>>();
        Assert.True(register.Single(r => r.Committee.Id == committee).Uncovered);
        Assert.Equal(2, (await (await leader.GetAsync($"/api/communities/committees/{committee}/liaisons")).OkJson<List<LiaisonDto>>()).Count);
        await (await leader.PostJson($"/api/communities/liaisons/{two.Id}/end", new { reason = "再次" })).Problem(HttpStatusCode.Conflict);
        Assert.NotEmpty((await (await leader.PostJson($"/api/communities/liaisons/{two.Id}/end", new { })).Problem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
    }

    private static void JsonElementAssert(System.Text.Json.JsonElement problem, string detail) =>
        Assert.Contains(detail, problem.GetProperty("detail").GetString());

    [Fact]
    public async Task Coverage_names_committees_without_a_liaison_and_officers_over_the_maximum()
    {
        app.RequireAvailable();
        HttpClient admin = await app.ClientFor("admin"), leader = await app.ClientFor("jnl.leader");
        (Guid street, Guid team) = await StreetAsync(Jiangning);
        Guid[] committees = [await NewCommitteeAsync(admin, street), await NewCommitteeAsync(admin, street), await NewCommitteeAsync(admin, street),
            await NewCommitteeAsync(admin, street), await NewCommitteeAsync(admin, street)];
        Guid busy = await NewPersonAsync(admin, team), calm = await NewPersonAsync(admin, team);
        foreach (Guid c in committees.Take(3))
        {
            await AssignAsync(leader, c, busy);
        }
        LiaisonCoverage coverage = await (await leader.GetAsync($"/api/communities/coverage?street={street}")).OkJson<LiaisonCoverage>();
        Assert.Equal(3, coverage.MaxPerOfficer);
        Assert.DoesNotContain(coverage.Overloaded, o => o.PersonId == busy);
        Assert.Contains(coverage.Uncovered, c => c.Id == committees[3]);

        await AssignAsync(leader, committees[3], busy);
        await (await leader.PostJson($"/api/communities/committees/{committees[4]}/liaisons", new { personId = calm, role = "Deputy" })).OkJson<LiaisonDto>(HttpStatusCode.Created);
        coverage = await (await leader.GetAsync($"/api/communities/coverage?street={street}")).OkJson<LiaisonCoverage>();
        OverloadedOfficer over = Assert.Single(coverage.Overloaded, o => o.PersonId == busy);
        Assert.Equal(4, over.Count);
        Assert.Equal(committees.Take(4).OrderBy(c => c), over.Committees.Select(c => c.Id).OrderBy(c => c));
        // A deputy alone does not cover a committee.
        Assert.Contains(coverage.Uncovered, c => c.Id == committees[4]);
        Assert.DoesNotContain(coverage.Uncovered, c => committees.Take(4).Contains(c.Id));
        Assert.Equal(coverage.Committees - coverage.Uncovered.Count, coverage.Covered);
        List<CommitteeLiaisons> register = await (await leader.GetAsync($"/api/communities/liaisons?street={street}")).OkJson<List<CommitteeLiaisons>>();
        Assert.True(register.Single(r => r.Committee.Id == committees[0]).LiaisonOverloaded);
    }

    [Fact]
    public async Task A_phone_number_told_at_a_visit_never_leaves_through_the_public_Open311_channel()
    {
        app.RequireAvailable();
        HttpClient officer = await app.ClientFor("jnl.officer");
        (Guid street, _) = await StreetAsync(Jiangning);
        Guid committee = await app.WithDbAsync(db => db.Units.Where(u => u.ParentId == street && u.Kind == UnitKind.Committee && u.IsDemo).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync());
        string today = ShanghaiTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");
        VisitDetail visit = await (await officer.PostJson("/api/communities/visits", new
        {
            date = today, committeeId = committee, attendees = "居委会主任", topics = "听取居民意见",
            problems = new object[] { new { description = Unique("走访问题") + "：居民王建国（13912345678）反映楼下早点摊占道", toCase = true } },
        })).OkJson<VisitDetail>(HttpStatusCode.Created);
        string number = visit.Problems.Single().CaseNumber!;

        // The number is held inside (the case's own text keeps what the committee said) …
        Assert.Contains("13912345678", await app.WithDbAsync(db => db.Cases.Where(c => c.Number == number).Select(c => c.Description).SingleAsync()));
        // … and a committee's case is never published: the public channel does not know it (Open311Publication.NeverPublished).
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/open311/v2/requests/{number}.json")).StatusCode);

        // Whatever the public Open311 channel shows of the district's cases (single and list), the phone number told at a visit is not in it.
        foreach (string path in new[] { $"/open311/v2/requests/{number}.json", "/open311/v2/requests.json", "/open311/v2/requests.xml" })
        {
            HttpResponseMessage response = await app.Anonymous().GetAsync(path);
            Assert.True((int)response.StatusCode < 500, path);
            Assert.DoesNotContain("13912345678", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_visits_problems_become_residents_committee_cases_and_the_loop_closes_when_they_are_answered()
    {
        app.RequireAvailable();
        HttpClient officer = await app.ClientFor("jnl.officer"), dispatcher = await app.ClientFor("dispatcher");
        (Guid street, _) = await StreetAsync(Jiangning);
        Guid committee = await app.WithDbAsync(db => db.Units.Where(u => u.ParentId == street && u.Kind == UnitKind.Committee && u.IsDemo).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync());
        string today = ShanghaiTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");
        string marker = Unique("走访问题");

        VisitDetail visit = await (await officer.PostJson("/api/communities/visits", new
        {
            date = today, committeeId = committee, attendees = "居委会主任", topics = "听取居民对占道经营的意见",
            problems = new object[] { new { description = marker + "甲：早点摊占道", toCase = true }, new { description = marker + "乙：油烟扰民", toCase = true }, new { description = marker + "丙：夜间噪声" } },
        })).OkJson<VisitDetail>(HttpStatusCode.Created);
        Assert.Equal(3, visit.Problems.Count);
        Assert.Equal(2, visit.Visit.Cases);
        Assert.False(visit.Visit.LoopClosed);
        Assert.All(visit.Problems.Where(p => p.CaseId != null), p => Assert.Equal(CaseState.Reported, p.CaseState));

        // One tap turns the third problem into a case; a second tap is refused.
        VisitProblemDto third = visit.Problems.Single(p => p.CaseId is null);
        visit = await (await officer.PostAsync($"/api/communities/visits/{visit.Visit.Id}/problems/{third.Id}/case", null)).OkJson<VisitDetail>();
        Assert.Equal(3, visit.Visit.Cases);
        await (await officer.PostAsync($"/api/communities/visits/{visit.Visit.Id}/problems/{third.Id}/case", null)).Problem(HttpStatusCode.Conflict);

        Guid[] caseIds = [.. visit.Problems.Select(p => p.CaseId!.Value)];
        var opened = await app.WithDbAsync(db => db.Cases.Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Channel, c.StreetId, c.ReporterName }).ToListAsync());
        Assert.Equal(3, opened.Count);
        Assert.All(opened, c => Assert.Equal(CaseChannel.ResidentsCommittee, c.Channel));
        Assert.All(opened, c => Assert.Equal(street, c.StreetId));

        // Answered one by one: the loop closes with the last answer.
        for (int i = 0; i < caseIds.Length; i++)
        {
            await (await dispatcher.PostJson($"/api/cases/{caseIds[i]}/actions/Void", new { reason = "经核实已由居委会协调解决" })).OkJson<CaseDetail>();
            visit = await (await officer.GetAsync($"/api/communities/visits/{visit.Visit.Id}")).OkJson<VisitDetail>();
            Assert.Equal(i == caseIds.Length - 1, visit.Visit.LoopClosed);
        }
        Assert.All(visit.Problems, p => Assert.True(p.Answered));

        visit = await (await officer.PostJson($"/api/communities/visits/{visit.Visit.Id}/feedback", new { text = "已向居委会反馈三个问题的处理结果" })).OkJson<VisitDetail>();
        Assert.Equal(ShanghaiTime.Today(TimeProvider.System), visit.Visit.FeedbackOn);
        await (await officer.PostJson($"/api/communities/visits/{visit.Visit.Id}/feedback", new { text = "再次反馈" })).Problem(HttpStatusCode.Conflict);

        List<VisitRow> rows = await (await officer.GetAsync($"/api/communities/visits?street={street}&month={today[..7]}")).OkJson<List<VisitRow>>();
        Assert.Contains(rows, r => r.Id == visit.Visit.Id && r.LoopClosed && r.Problems == 3);
    }

    [Fact]
    public async Task Norms_count_committees_meeting_the_monthly_visits_per_street_and_enforcement_per_community()
    {
        app.RequireAvailable();
        HttpClient admin = await app.ClientFor("admin"), chief = await app.ClientFor("chief");
        (Guid street, Guid team) = await StreetAsync(Jiangning);
        Guid a = await NewCommitteeAsync(admin, street), b = await NewCommitteeAsync(admin, street);
        Guid officer = await NewPersonAsync(admin, team);
        // A month long past, where the demo district has no visits: the street's figures are this test's alone.
        DateOnly day = ShanghaiTime.Today(TimeProvider.System).AddMonths(-30);
        string month = day.ToString("yyyy-MM");
        foreach ((Guid committee, string kind) in new[] { (a, "Visit"), (a, "Visit"), (b, "Enforcement") })
        {
            await (await chief.PostJson("/api/communities/visits", new { date = day, committeeId = committee, officerId = officer, kind, topics = "测试" }))
                .OkJson<VisitDetail>(HttpStatusCode.Created);
        }
        NormsReport report = await (await chief.GetAsync($"/api/communities/norms?from={month}&to={month}&street={street}")).OkJson<NormsReport>();
        Assert.Equal(1, report.RequiredPerMonth);
        NormRow row = Assert.Single(report.Streets);
        Assert.Equal((street, month), (row.StreetId, row.Month));
        Assert.True(row.Committees >= 5);
        Assert.Equal((1, 2, 1), (row.CommitteesMeetingNorm, row.Visits, row.Enforcements));
        Assert.Equal(Math.Round(1.0 / row.Committees, 4), row.Coverage);
        Assert.Equal((2, 0), report.Communities.Where(c => c.Committee.Id == a).Select(c => (c.Visits, c.Enforcements)).Single());
        Assert.Equal((0, 1), report.Communities.Where(c => c.Committee.Id == b).Select(c => (c.Visits, c.Enforcements)).Single());

        var bad = await (await chief.GetAsync("/api/communities/norms?from=2026-13")).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("from"));
    }

    [Fact]
    public async Task Outside_the_scope_is_not_found_and_roles_are_kept()
    {
        app.RequireAvailable();
        HttpClient admin = await app.ClientFor("admin"), leader = await app.ClientFor("jnl.leader"), officer = await app.ClientFor("jnl.officer");
        HttpClient other = await app.ClientFor("smel.officer");
        (Guid jnl, Guid jnlTeam) = await StreetAsync(Jiangning);
        (Guid smel, Guid smelTeam) = await StreetAsync(Shimen);
        Guid mine = await NewCommitteeAsync(admin, jnl), theirs = await NewCommitteeAsync(admin, smel);
        Guid person = await NewPersonAsync(admin, jnlTeam), stranger = await NewPersonAsync(admin, smelTeam);

        // A street leader keeps their own street's register only.
        await (await leader.PostJson($"/api/communities/committees/{theirs}/liaisons", new { personId = person })).Problem(HttpStatusCode.NotFound);
        LiaisonDto row = await AssignAsync(admin, theirs, stranger);
        await (await leader.PostJson($"/api/communities/liaisons/{row.Id}/end", new { reason = "越界" })).Problem(HttpStatusCode.NotFound);
        await (await leader.GetAsync($"/api/communities/committees/{theirs}/liaisons")).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await leader.GetAsync("/api/communities/liaisons")).OkJson<List<CommitteeLiaisons>>()), r => r.Committee.Id == theirs);
        // Someone outside the leader's scope cannot be assigned either.
        var problem = await (await leader.PostJson($"/api/communities/committees/{mine}/liaisons", new { personId = stranger })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("personId"));
        // An officer does not keep the register, nor log someone else's visit.
        await (await officer.PostJson($"/api/communities/committees/{mine}/liaisons", new { personId = person })).Problem(HttpStatusCode.Forbidden);
        await (await officer.PostJson("/api/communities/visits", new { date = "2026-01-05", committeeId = mine, officerId = person, topics = "代登记" })).Problem(HttpStatusCode.Forbidden);

        VisitDetail visit = await (await officer.PostJson("/api/communities/visits", new { date = "2026-01-05", committeeId = mine, topics = "走访", problems = new[] { new { description = "问题" } } }))
            .OkJson<VisitDetail>(HttpStatusCode.Created);
        await (await other.GetAsync($"/api/communities/visits/{visit.Visit.Id}")).Problem(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/communities/visits/{visit.Visit.Id}/problems/{visit.Problems[0].Id}/case", null)).Problem(HttpStatusCode.NotFound);
        await (await other.PostJson($"/api/communities/visits/{visit.Visit.Id}/feedback", new { text = "x" })).Problem(HttpStatusCode.NotFound);
        await (await other.PostJson("/api/communities/visits", new { date = "2026-01-05", committeeId = mine, topics = "越界" })).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await other.GetAsync("/api/communities/visits")).OkJson<List<VisitRow>>()), r => r.Id == visit.Visit.Id);
        Assert.Contains((await (await leader.GetAsync("/api/communities/visits")).OkJson<List<VisitRow>>()), r => r.Id == visit.Visit.Id);

        var bad = await (await officer.PostJson("/api/communities/visits", new { committeeId = mine, topics = "" })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("date"));
        Assert.NotEmpty(bad.FieldErrors("topics"));
    }
}

public sealed class CommunitiesApiTestsOnSqlite(SqliteApp app) : CommunitiesApiTests(app);

public sealed class CommunitiesApiTestsOnPostgres(PostgresApp app) : CommunitiesApiTests(app);
