using System.Net;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Chengguan.Ui.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Organisation;

/// <summary>
/// The register's front door called directly, as a console page calls it: <see cref="Units"/> and
/// <see cref="People"/> validate their own input with the API's messages, apply the register's rules
/// and answer with an <see cref="Outcome{T}"/>, writing nothing when they refuse.
/// </summary>
public abstract class RegisterServiceTests(ChengguanApp app)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work) => app.AsConsoleUserAsync("admin", Roles.Admin, work);

    private Task<Outcome<UnitDto>> UnitsAsync(Func<Units, Task<Outcome<UnitDto>>> work) => AsAdminAsync(sp => work(sp.GetRequiredService<Units>()));

    private Task<Outcome<PersonDto>> PeopleAsync(Func<People, Task<Outcome<PersonDto>>> work) => AsAdminAsync(sp => work(sp.GetRequiredService<People>()));

    private Task<Guid> UnitIdAsync(string code) => app.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    private static FieldErrors Errors<T>(Outcome<T> outcome) => Assert.IsType<Outcome<T>.Invalid>(outcome).Errors;

    [Fact]
    public async Task A_malformed_unit_is_refused_by_the_service_with_the_same_field_errors_as_the_api_and_nothing_is_written()
    {
        Guid bureau = await UnitIdAsync("JA-CGJ");
        string name = Unique("超长");
        var request = new UnitRequest(bureau, "有空格 x", name + new string('长', 100), null, -1);

        Dictionary<string, string[]> fromService = Errors(await UnitsAsync(u => u.CreateAsync(request, default))).ToDictionary();
        Assert.Equal(["单位编码须为 1–32 位字母、数字或连字符"], fromService["code"]);
        Assert.Equal(["单位名称不能超过 100 个字符"], fromService["name"]);
        Assert.Equal(["单位类型不能为空"], fromService["kind"]);
        Assert.Equal(["排序号须在 0–100000 之间"], fromService["sortOrder"]);

        HttpClient admin = await app.ClientFor("admin");
        var problem = await (await admin.PostJson("/api/units", request)).Problem(HttpStatusCode.BadRequest);
        foreach ((string field, string[] messages) in fromService)
        {
            Assert.Equal(messages, problem.FieldErrors(field));
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Units.CountAsync(u => u.Name.StartsWith(name))));
    }

    [Fact]
    public async Task The_unit_trees_rules_are_field_errors_of_the_service()
    {
        Guid bureau = await UnitIdAsync("JA-CGJ");
        Guid district = await app.WithDbAsync(db => db.Units.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());

        FieldErrors committee = Errors(await UnitsAsync(u => u.CreateAsync(new UnitRequest(bureau, Unique("C"), "错位居委", UnitKind.Committee), default)));
        Assert.Equal(["居委会不能设在局之下"], committee.ToDictionary()["kind"]);
        FieldErrors taken = Errors(await UnitsAsync(u => u.CreateAsync(new UnitRequest(bureau, "JA-CGJ", "重码科室", UnitKind.Section), default)));
        Assert.Equal(["单位编码已存在"], taken.ToDictionary()["code"]);
        FieldErrors orphan = Errors(await UnitsAsync(u => u.CreateAsync(new UnitRequest(Guid.NewGuid(), Unique("O"), "无上级", UnitKind.Section), default)));
        Assert.Equal(["上级单位不存在"], orphan.ToDictionary()["parentId"]);

        // A section made here, then moved under its own child: refused; moved to a proper parent: its child's path follows.
        UnitDto section = Assert.IsType<Outcome<UnitDto>.Done>(await UnitsAsync(u => u.CreateAsync(new UnitRequest(bureau, Unique("S"), "服务测试科", UnitKind.Section), default))).Value;
        UnitDto child = Assert.IsType<Outcome<UnitDto>.Done>(await UnitsAsync(u => u.CreateAsync(new UnitRequest(section.Id, Unique("S"), "服务测试分科", UnitKind.Section), default))).Value;
        FieldErrors loop = Errors(await UnitsAsync(u => u.UpdateAsync(section.Id, new UnitRequest(child.Id, section.Code, section.Name, UnitKind.Section), default)));
        Assert.Equal(["不能将单位移到其自身或下级单位之下"], loop.ToDictionary()["parentId"]);
        FieldErrors underDistrict = Errors(await UnitsAsync(u => u.UpdateAsync(section.Id, new UnitRequest(district, section.Code, section.Name, UnitKind.Section), default)));
        Assert.Equal(["科室不能设在区之下"], underDistrict.ToDictionary()["kind"]);
        Assert.Equal(section.ParentId, await app.WithDbAsync(db => db.Units.Where(u => u.Id == section.Id).Select(u => u.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task A_missing_unit_is_not_found_but_a_malformed_request_is_invalid_first_as_over_http()
    {
        Guid nobody = Guid.NewGuid();
        Guid bureau = await UnitIdAsync("JA-CGJ");
        var missing = Assert.IsType<Outcome<UnitDto>.NotFound>(await UnitsAsync(u => u.UpdateAsync(nobody, new UnitRequest(bureau, Unique("N"), "不存在", UnitKind.Section), default)));
        Assert.Equal("单位不存在", missing.Detail);
        Errors(await UnitsAsync(u => u.UpdateAsync(nobody, new UnitRequest(bureau, "", "", UnitKind.Section), default)));
        Assert.Equal("单位不存在", (await UnitsAsync(u => u.DeactivateAsync(nobody, default))).Message);
        Assert.Equal("单位不存在", (await UnitsAsync(u => u.GetAsync(nobody, default))).Message);
    }

    [Fact]
    public async Task A_unit_with_an_active_person_is_a_conflict_until_the_person_is_deactivated()
    {
        Guid bureau = await UnitIdAsync("JA-CGJ");
        UnitDto squad = Assert.IsType<Outcome<UnitDto>.Done>(await UnitsAsync(u => u.CreateAsync(new UnitRequest(bureau, Unique("Q"), "服务测试中队", UnitKind.Squad), default))).Value;
        PersonDto person = Assert.IsType<Outcome<PersonDto>.Done>(await PeopleAsync(p => p.CreateAsync(new PersonRequest("服务测试队员", null, squad.Id, null, null), default))).Value;

        Outcome<UnitDto> refused = await UnitsAsync(u => u.DeactivateAsync(squad.Id, default));
        Assert.Equal("该单位仍有在职人员或下级单位，不能停用", Assert.IsType<Outcome<UnitDto>.Conflict>(refused).Detail);
        // What the page shows: the conflict as the form's general error.
        Assert.Equal("该单位仍有在职人员或下级单位，不能停用", AdminForms.From(refused)[""]);
        Assert.True(await app.WithDbAsync(db => db.Units.Where(u => u.Id == squad.Id).Select(u => u.Active).SingleAsync()));

        Assert.False(Assert.IsType<Outcome<PersonDto>.Done>(await PeopleAsync(p => p.DeactivateAsync(person.Id, default))).Value.Active);
        Assert.False(Assert.IsType<Outcome<UnitDto>.Done>(await UnitsAsync(u => u.DeactivateAsync(squad.Id, default))).Value.Active);
    }

    [Fact]
    public async Task A_person_is_checked_by_their_attributes_then_against_the_register()
    {
        Guid team = await UnitIdAsync("310106006-ZD");
        string name = Unique("人");
        FieldErrors malformed = Errors(await PeopleAsync(p => p.CreateAsync(new PersonRequest("", "有 空格", null, null, "电话"), default)));
        Assert.Equal(["badgeNumber", "name", "phone", "unitId"], malformed.ToDictionary().Keys.Order());
        Assert.Equal(["执法证号须为 4–32 位字母或数字"], malformed.ToDictionary()["badgeNumber"]);
        // The form shows the same dictionary the API's problem carries.
        Assert.Equal("所属单位不能为空", AdminForms.From(new Outcome<PersonDto>.Invalid(malformed))["unitId"]);

        Guid inactive = Assert.IsType<Outcome<UnitDto>.Done>(await UnitsAsync(async u =>
        {
            UnitDto made = Assert.IsType<Outcome<UnitDto>.Done>(await u.CreateAsync(new UnitRequest(await UnitIdAsync("JA-CGJ"), Unique("I"), "停用科室", UnitKind.Section), default)).Value;
            return await u.DeactivateAsync(made.Id, default);
        })).Value.Id;
        string badge = await app.WithDbAsync(db => db.People.Where(p => p.BadgeNumber != null).Select(p => p.BadgeNumber!).FirstAsync());
        Dictionary<string, string[]> register = Errors(await PeopleAsync(p => p.CreateAsync(new PersonRequest(name, badge, inactive, Guid.NewGuid(), null), default))).ToDictionary();
        Assert.Equal(["所属单位不存在或已停用"], register["unitId"]);
        Assert.Equal(["岗位不存在"], register["postId"]);
        Assert.Equal(["执法证号已被他人使用"], register["badgeNumber"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.People.CountAsync(p => p.Name == name)));

        PersonDto made = Assert.IsType<Outcome<PersonDto>.Done>(await PeopleAsync(p => p.CreateAsync(new PersonRequest(name, null, team, null, " 13800000002 "), default))).Value;
        Assert.Equal("13800000002", made.Phone);
        Assert.Equal("人员不存在", (await PeopleAsync(p => p.UpdateAsync(Guid.NewGuid(), new PersonRequest(name, null, team, null, null), default))).Message);
        Errors(await PeopleAsync(p => p.UpdateAsync(made.Id, new PersonRequest(name, badge, team, null, null), default)));
        Assert.Equal("人员不存在", (await PeopleAsync(p => p.DeactivateAsync(Guid.NewGuid(), default))).Message);
    }

    [Fact]
    public async Task Deactivating_a_person_through_the_service_disables_their_account_in_the_same_save()
    {
        HttpClient admin = await app.ClientFor("admin");
        Guid team = await UnitIdAsync("310106006-ZD");
        PersonDto person = Assert.IsType<Outcome<PersonDto>.Done>(await PeopleAsync(p => p.CreateAsync(new PersonRequest(Unique("离职"), null, team, null, null), default))).Value;
        AccountDto account = await (await admin.PostJson("/api/accounts", new
        {
            userName = Unique("svc"), displayName = "服务测试", password = "Correct-horse-7", personId = person.Id, roles = new[] { Roles.Officer },
        })).OkJson<AccountDto>(HttpStatusCode.Created);

        Assert.IsType<Outcome<PersonDto>.Done>(await PeopleAsync(p => p.DeactivateAsync(person.Id, default)));
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.DisabledAt).SingleAsync()));
    }

    [Fact]
    public async Task The_people_list_is_the_callers_scope()
    {
        Guid team = await UnitIdAsync("310106006-ZD");
        Guid shimen = await UnitIdAsync("310106011-ZD");
        Page<PersonDto> own = await app.AsConsoleUserAsync("jnl.leader", Roles.StreetTeamLeader, sp => sp.GetRequiredService<People>().ListAsync(team, null, null, null, 500, default));
        Assert.NotEmpty(own.Items);
        Assert.Empty((await app.AsConsoleUserAsync("jnl.leader", Roles.StreetTeamLeader, sp => sp.GetRequiredService<People>().ListAsync(shimen, null, null, null, 500, default))).Items);
        Assert.NotEmpty((await AsAdminAsync(sp => sp.GetRequiredService<People>().ListAsync(shimen, null, null, null, 500, default))).Items);
    }
}

public sealed class RegisterServiceTestsOnSqlite(SqliteApp app) : RegisterServiceTests(app);

public sealed class RegisterServiceTestsOnPostgres(PostgresApp app) : RegisterServiceTests(app);
