using System.Net;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Organisation;

public abstract class OrganisationApiTests(ChengguanApp app)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private async Task<UnitDto> UnitByCode(HttpClient client, string code) =>
        (await (await client.GetAsync("/api/units?includeInactive=true")).OkJson<List<UnitDto>>()).Single(u => u.Code == code);

    [Fact]
    public async Task Demo_district_has_the_real_streets_and_town_and_enough_people()
    {
        HttpClient admin = await app.ClientFor("admin");
        List<UnitDto> units = await (await admin.GetAsync("/api/units")).OkJson<List<UnitDto>>();
        string[] streets = [.. units.Where(u => u.Kind is UnitKind.Street or UnitKind.Town).Select(u => u.Name)];
        Assert.Equal(14, streets.Length);
        Assert.Contains("彭浦镇", streets);
        Assert.Contains("江宁路街道", streets);
        Assert.Contains("临汾路街道", streets);
        Assert.Equal(14, units.Count(u => u.Kind == UnitKind.StreetTeam));
        Assert.True(units.Count(u => u.Kind == UnitKind.Committee) >= 14 * 3);
        // Other tests add committees of their own (named 测试…) to the shared district.
        Assert.All(units.Where(u => u.Kind == UnitKind.Committee && !u.Name.StartsWith("测试", StringComparison.Ordinal)), u => Assert.True(u.IsDemo));

        Page<PersonDto> people = await (await admin.GetAsync("/api/people?limit=500")).OkJson<Page<PersonDto>>();
        Assert.True(people.Items.Count >= 60, $"only {people.Items.Count} people");
        Assert.Equal(people.Items.Count, people.Items.Where(p => p.BadgeNumber is not null).Select(p => p.BadgeNumber).Distinct().Count() + people.Items.Count(p => p.BadgeNumber is null));
    }

    [Fact]
    public async Task Admin_creates_updates_and_deactivates_a_person()
    {
        HttpClient admin = await app.ClientFor("admin");
        UnitDto team = await UnitByCode(admin, "310106006-ZD");
        string badge = "T" + Random.Shared.Next(10_000_000, 99_999_999);
        PersonDto created = await (await admin.PostJson("/api/people", new { name = "测试队员", badgeNumber = badge, unitId = team.Id, phone = "13800000001" }))
            .OkJson<PersonDto>(HttpStatusCode.Created);
        Assert.Equal("测试队员", created.Name);
        Assert.Equal(team.Name, created.UnitName);

        PersonDto updated = await (await admin.PutJson($"/api/people/{created.Id}", new { name = "测试队员乙", badgeNumber = badge, unitId = team.Id }))
            .OkJson<PersonDto>();
        Assert.Equal("测试队员乙", updated.Name);
        Assert.Null(updated.Phone);

        PersonDto deactivated = await (await admin.PostAsync($"/api/people/{created.Id}/deactivate", null)).OkJson<PersonDto>();
        Assert.False(deactivated.Active);
        Page<PersonDto> active = await (await admin.GetAsync($"/api/people?unitId={team.Id}&limit=500")).OkJson<Page<PersonDto>>();
        Assert.DoesNotContain(active.Items, p => p.Id == created.Id);
    }

    [Fact]
    public async Task Duplicate_badge_number_is_a_field_error_and_nothing_is_written()
    {
        HttpClient admin = await app.ClientFor("admin");
        Page<PersonDto> people = await (await admin.GetAsync("/api/people?limit=5")).OkJson<Page<PersonDto>>();
        PersonDto existing = people.Items.First(p => p.BadgeNumber is not null);
        long head = await app.AuditHeadAsync();

        var problem = await (await admin.PostJson("/api/people", new { name = "重号", badgeNumber = existing.BadgeNumber, unitId = existing.UnitId }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("执法证号已被他人使用", problem.FieldErrors("badgeNumber"));
        Assert.Equal(0, await app.WithDbAsync(db => db.People.CountAsync(p => p.Name == "重号")));
        Assert.True(await app.AuditHeadAsync() >= head);
    }

    [Fact]
    public async Task Unit_tree_rejects_a_committee_under_the_bureau()
    {
        HttpClient admin = await app.ClientFor("admin");
        UnitDto bureau = await UnitByCode(admin, "JA-CGJ");
        var problem = await (await admin.PostJson("/api/units", new { parentId = bureau.Id, code = Unique("X"), name = "错位居委", kind = "Committee" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("kind"));
    }

    [Fact]
    public async Task Moving_a_unit_moves_its_subtree_and_scope_follows()
    {
        HttpClient admin = await app.ClientFor("admin");
        UnitDto bureau = await UnitByCode(admin, "JA-CGJ");
        UnitDto sectionA = await (await admin.PostJson("/api/units", new { parentId = bureau.Id, code = Unique("SA"), name = "测试科甲", kind = "Section" })).OkJson<UnitDto>(HttpStatusCode.Created);
        UnitDto sectionB = await (await admin.PostJson("/api/units", new { parentId = bureau.Id, code = Unique("SB"), name = "测试科乙", kind = "Section" })).OkJson<UnitDto>(HttpStatusCode.Created);
        UnitDto squad = await (await admin.PostJson("/api/units", new { parentId = sectionA.Id, code = Unique("SQ"), name = "测试组", kind = "Squad" })).OkJson<UnitDto>(HttpStatusCode.Created);

        await (await admin.PutJson($"/api/units/{sectionA.Id}", new { parentId = sectionB.Id, code = sectionA.Code, name = sectionA.Name, kind = "Section" })).OkJson<UnitDto>();

        string[] paths = await app.WithDbAsync(db => db.Units.Where(u => u.Id == squad.Id || u.Id == sectionB.Id).OrderBy(u => u.Path.Length).Select(u => u.Path).ToArrayAsync());
        Assert.StartsWith(paths[0], paths[1]);

        var cycle = await (await admin.PutJson($"/api/units/{sectionB.Id}", new { parentId = squad.Id, code = sectionB.Code, name = sectionB.Name, kind = "Section" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(cycle.FieldErrors("parentId"));
    }

    [Fact]
    public async Task Updating_a_person_checks_the_badge_against_everyone_else_and_an_unknown_person_is_404()
    {
        HttpClient admin = await app.ClientFor("admin");
        UnitDto team = await UnitByCode(admin, "310106006-ZD");
        string badge = "U" + Random.Shared.Next(10_000_000, 99_999_999);
        PersonDto person = await (await admin.PostJson("/api/people", new { name = Unique("改号"), badgeNumber = badge, unitId = team.Id }))
            .OkJson<PersonDto>(HttpStatusCode.Created);
        PersonDto other = (await (await admin.GetAsync("/api/people?limit=20")).OkJson<Page<PersonDto>>()).Items.First(p => p.BadgeNumber is not null && p.Id != person.Id);

        var taken = await (await admin.PutJson($"/api/people/{person.Id}", new { name = person.Name, badgeNumber = other.BadgeNumber, unitId = team.Id }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["执法证号已被他人使用"], taken.FieldErrors("badgeNumber"));
        Assert.Equal(badge, await app.WithDbAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.BadgeNumber).SingleAsync()));

        // Keeping one's own badge is no conflict.
        PersonDto kept = await (await admin.PutJson($"/api/people/{person.Id}", new { name = person.Name, badgeNumber = badge, unitId = team.Id, phone = "021-5555 0101" }))
            .OkJson<PersonDto>();
        Assert.Equal("021-5555 0101", kept.Phone);

        await (await admin.PutJson($"/api/people/{Guid.NewGuid()}", new { name = "无此人", unitId = team.Id })).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Updating_a_unit_refuses_a_code_in_use_and_a_move_under_a_parent_of_the_wrong_kind()
    {
        HttpClient admin = await app.ClientFor("admin");
        UnitDto street = await UnitByCode(admin, "310106006");
        UnitDto bureau = await UnitByCode(admin, "JA-CGJ");
        // A squad, not a committee: the demo test expects every active committee to be a demo one.
        UnitDto squad = await (await admin.PostJson("/api/units", new { parentId = bureau.Id, code = Unique("ZD"), name = "测试中队", kind = "Squad" }))
            .OkJson<UnitDto>(HttpStatusCode.Created);

        var taken = await (await admin.PutJson($"/api/units/{squad.Id}", new { parentId = bureau.Id, code = street.Code, name = "测试中队", kind = "Squad" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["单位编码已存在"], taken.FieldErrors("code"));

        // The kind stays the same, the parent changes: the tree's rule applies to the move as well.
        var misplaced = await (await admin.PutJson($"/api/units/{squad.Id}", new { parentId = street.Id, code = squad.Code, name = "测试中队", kind = "Squad" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["中队不能设在街道之下"], misplaced.FieldErrors("kind"));
        Assert.Equal(bureau.Id, await app.WithDbAsync(db => db.Units.Where(u => u.Id == squad.Id).Select(u => u.ParentId).SingleAsync()));

        UnitDto renamed = await (await admin.PutJson($"/api/units/{squad.Id}", new { parentId = bureau.Id, code = squad.Code, name = "测试中队（改）", kind = "Squad", sortOrder = 7 }))
            .OkJson<UnitDto>();
        Assert.Equal(("测试中队（改）", 7), (renamed.Name, renamed.SortOrder));
        await (await admin.PutJson($"/api/units/{Guid.NewGuid()}", new { parentId = bureau.Id, code = Unique("NO"), name = "无", kind = "Squad" })).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Officers_cannot_change_the_organisation()
    {
        HttpClient officer = await app.ClientFor("jnl.officer");
        HttpResponseMessage response = await officer.PostJson("/api/people", new { name = "越权", unitId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task People_list_pages_by_keyset_without_repeats()
    {
        HttpClient admin = await app.ClientFor("admin");
        var seen = new HashSet<Guid>();
        string? next = null;
        int pages = 0;
        do
        {
            Page<PersonDto> page = await (await admin.GetAsync("/api/people?limit=7" + (next is null ? "" : "&after=" + next))).OkJson<Page<PersonDto>>();
            foreach (PersonDto p in page.Items)
            {
                Assert.True(seen.Add(p.Id), "a person appeared on two pages");
            }
            next = page.Next;
            pages++;
        }
        while (next is not null && pages < 100);
        Assert.True(seen.Count >= 60);
        Assert.True(pages >= 9);
    }

    [Fact]
    public async Task Logs_never_carry_a_phone_number()
    {
        HttpClient admin = await app.ClientFor("admin");
        UnitDto team = await UnitByCode(admin, "310106011-ZD");
        string phone = "1390" + Random.Shared.Next(1_000_000, 9_999_999);
        await (await admin.PostJson("/api/people", new { name = "电话测试", unitId = team.Id, phone })).OkJson<PersonDto>(HttpStatusCode.Created);
        await admin.PostJson("/api/people", new { name = "电话测试", unitId = Guid.NewGuid(), phone });
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(phone, StringComparison.Ordinal));
    }
}

public sealed class OrganisationApiTestsOnSqlite(SqliteApp app) : OrganisationApiTests(app);

public sealed class OrganisationApiTestsOnPostgres(PostgresApp app) : OrganisationApiTests(app);
