using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.BrowserTests;

/// <summary>The administrator's pages: units and API keys made through the console, and nobody else let in.</summary>
public sealed class AdminTests(ConsoleApp app)
{
    [Fact]
    public async Task The_administrator_creates_a_unit_under_a_street()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/units");
        await page.Locator("#units[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();

        // Nothing filled in: each field says what is missing, in Chinese, and nothing is made.
        await page.ClickAsync("#unit-create");
        await Expect(page.Locator("#unit-form")).ToContainTextAsync("单位名称不能为空");
        await Expect(page.Locator("#unit-form")).ToContainTextAsync("单位类型不能为空");

        string code = "BT" + Guid.NewGuid().ToString("N")[..6];
        await page.ChooseAsync("#unit-parent", "江宁路街道");
        await page.ChooseAsync("#unit-kind", "居委会");
        await page.FillAsync("#unit-code", code);
        await page.FillAsync("#unit-name", "浏览器测试居委会");
        await page.ClickAsync("#unit-create");
        await page.ScreenshotAsync("admin-units");
        await Expect(page.Locator($"#units tr[data-unit='{code}']")).ToContainTextAsync("浏览器测试居委会");

        await page.Locator($"#units tr[data-unit='{code}'] [data-action=deactivate]").ClickAsync();
        await Expect(page.Locator($"#units tr[data-unit='{code}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_administrator_creates_an_api_key_that_works_once_and_revokes_it()
    {
        IPage page = await app.NewPageAsync(360, 800);
        await page.SignInAsync("admin", path: "/admin/api-keys");
        await page.Locator("#keys[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        string name = "浏览器测试密钥 " + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("#key-name", name);
        // The integrations of the catalogue by their Chinese names; an Open311 client needs its client id.
        await page.ChooseAsync("#key-integration", "Open311 客户端");
        await page.FillAsync("#key-client", "Not Valid");
        await page.ClickAsync("#key-create");
        await Expect(page.Locator("#key-form")).ToContainTextAsync("Open311 客户端须有客户端标识");

        await page.ChooseAsync("#key-integration", "12345/12319 热线平台");
        await Expect(page.Locator("#key-client")).ToHaveCountAsync(0);
        await page.ClickAsync("#key-create");
        string secret = (await page.Locator("#key-secret").TextContentAsync())!.Trim();
        await Expect(page.Locator($"#keys tr[data-key='{name}']")).ToHaveAttributeAsync("data-revoked", "no");
        await page.ScreenshotAsync("admin-api-keys-phone");

        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        Assert.NotEqual(System.Net.HttpStatusCode.Unauthorized, (await client.PostAsync("/api/hotline/orders/12345/none/urge", System.Net.Http.Json.JsonContent.Create(new { }))).StatusCode);

        await page.Locator($"#keys tr[data-key='{name}'] [data-action=revoke]").ClickAsync();
        await Expect(page.Locator($"#keys tr[data-key='{name}']")).ToHaveAttributeAsync("data-revoked", "yes");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.PostAsync("/api/hotline/orders/12345/none/urge", System.Net.Http.Json.JsonContent.Create(new { }))).StatusCode);
    }

    [Fact]
    public async Task The_administrator_creates_an_account_that_can_sign_in()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/accounts");
        await page.Locator("#accounts[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        string user = "bt." + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("#account-username", user);
        await page.FillAsync("#account-displayname", "测试督查员");
        await page.FillAsync("#account-password", "short");
        await page.ClickAsync("#account-create");
        await Expect(page.Locator("#account-form")).ToContainTextAsync("密码至少 10 位");
        await Expect(page.Locator("#account-form")).ToContainTextAsync("至少分配一个角色");

        await page.FillAsync("#account-password", ConsoleApp.DemoPassword);
        await page.Locator("#new-role-supervisor").CheckAsync();
        await page.ClickAsync("#account-create");
        await Expect(page.Locator($"#accounts tr[data-account='{user}']")).ToContainTextAsync("督查员");
        await page.ScreenshotAsync("admin-accounts");

        // The new supervisor signs in and is offered the dashboard, not the administration.
        IPage other = await app.NewPageAsync();
        await other.SignInAsync(user);
        await other.WaitForCircuitAsync();
        await Expect(other.Locator("[data-nav=NavDashboard]")).ToHaveCountAsync(1);
        await Expect(other.Locator("[data-nav=NavAdminAccounts]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_administrator_lists_a_streets_grids_and_exports_them()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/grids");
        await page.Locator("#grids[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ChooseAsync("#grid-street", "江宁路街道");
        await Expect(page.Locator("#grids tbody tr").First).ToHaveAttributeAsync("data-grid", new System.Text.RegularExpressions.Regex("^310106006"));
        await Expect(page.Locator("#grids tbody tr:not([data-grid^='310106006'])")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("admin-grids");

        IAPIResponse export = await page.Context.APIRequest.GetAsync((await page.Locator("#grid-export").GetAttributeAsync("href"))!);
        Assert.Equal(200, export.Status);
        Assert.Contains("FeatureCollection", await export.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_finds_a_person_by_name()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/people");
        await page.Locator("#people[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.FillAsync("#people-q", "罗敏");
        await page.ClickAsync("#people-search");
        await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#people tr[data-person='罗敏']")).ToContainTextAsync("江宁路街道城管中队");
        await page.ScreenshotAsync("admin-people");
    }

    [Fact]
    public async Task A_dispatcher_sees_no_administration_and_is_refused_there()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("[data-nav=NavAdminUnits]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-nav=NavAdminApiKeys]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("admin-not-in-dispatcher-nav");
        foreach (string path in new[] { "/admin/units", "/admin/accounts", "/admin/api-keys", "/admin/grids", "/admin/people" })
        {
            IResponse? refused = await page.GotoAsync(path);
            Assert.Equal(403, refused?.Status);
            await Expect(page.Locator("#access-denied")).ToHaveAttributeAsync("data-path", path);
        }
    }

    [Fact]
    public async Task The_administrator_checks_and_imports_a_grid_layer_and_a_bad_file_writes_nothing()
    {
        // One existing grid, renamed: a valid layer (the rest of the layer stays as it is).
        var grid = await app.DbAsync(db => db.Grids.AsNoTracking().OrderBy(g => g.Code).Select(g => new { g.Code, g.Name, g.Boundary }).FirstAsync());
        string name = "导入测试网格" + Guid.NewGuid().ToString("N")[..4];
        string valid = Chengguan.Grids.GridGeoJson.Serialize(new NetTopologySuite.Features.FeatureCollection
        {
            new NetTopologySuite.Features.Feature(grid.Boundary, new NetTopologySuite.Features.AttributesTable { { "code", grid.Code }, { "name", name } }),
        });
        string invalid = valid.Replace(grid.Code, "310106999999999", StringComparison.Ordinal);

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/grids");
        await page.Locator("#grids[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();

        await page.ChooseFilesAsync("#grid-import-file", new FilePayload { Name = "bad.geojson", MimeType = "application/geo+json", Buffer = System.Text.Encoding.UTF8.GetBytes(invalid) });
        await page.ClickAsync("#grid-import-run");
        await Expect(page.Locator("#grid-import-report")).ToHaveAttributeAsync("data-outcome", "invalid");
        await Expect(page.Locator("#grid-import-errors tr[data-field='features[0].code']")).ToContainTextAsync("不在单位树中");
        await page.ScreenshotAsync("admin-grid-import-invalid");
        Assert.Equal(0, await app.DbAsync(db => db.Grids.CountAsync(g => g.Code == "310106999999999")));

        await page.ChooseFilesAsync("#grid-import-file", new FilePayload { Name = "layer.geojson", MimeType = "application/geo+json", Buffer = System.Text.Encoding.UTF8.GetBytes(valid) });
        await page.ClickAsync("#grid-import-check");
        ILocator report = page.Locator("#grid-import-report[data-outcome=ok]");
        await Expect(report).ToHaveAttributeAsync("data-dry-run", "yes");
        await Expect(report).ToHaveAttributeAsync("data-updated", "1");
        Assert.Equal(grid.Name, await app.DbAsync(db => db.Grids.Where(g => g.Code == grid.Code).Select(g => g.Name).SingleAsync()));

        await page.ClickAsync("#grid-import-run");
        await Expect(report).ToHaveAttributeAsync("data-dry-run", "no");
        await page.ScreenshotAsync("admin-grid-import-done");
        Assert.Equal(name, await app.DbAsync(db => db.Grids.Where(g => g.Code == grid.Code).Select(g => g.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_administrator_sees_the_category_time_limits_and_reimports_the_dictionary_as_a_new_version()
    {
        Chengguan.Cases.CategoryDictionaryDto current = await app.DbAsync(db => new Chengguan.Cases.CategoryCatalog(db, app.Services.GetRequiredService<TimeProvider>()).CurrentAsync(default));
        // The dictionary as it stands, written back as CSV: a new version with the same content, so the other
        // tests filing cases meanwhile see the same categories.
        static string Q(string v) => "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var csv = new System.Text.StringBuilder("kind,big_code,big_name,small_code,small_name,condition_code,condition,limit_amount,limit_kind,closing_condition\n");
        foreach (Chengguan.Cases.CategoryDto c in current.Categories)
        {
            foreach (Chengguan.Cases.FilingConditionDto f in c.Conditions)
            {
                csv.Append(string.Join(',', c.Kind, c.BigCode, Q(c.BigName), c.SmallCode, Q(c.SmallName), f.Code, Q(f.Condition),
                    f.LimitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture), f.LimitKind, Q(f.ClosingCondition))).Append('\n');
            }
        }
        string valid = csv.ToString();
        string invalid = valid.Replace(",WorkingDays,", ",SomeDays,", StringComparison.Ordinal).Replace(",WorkingHours,", ",SomeHours,", StringComparison.Ordinal);
        Assert.NotEqual(valid, invalid);

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/categories");
        await page.Locator("#categories[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#categories tbody tr")).ToHaveCountAsync(current.Categories.Sum(c => c.Conditions.Count));
        await page.ScreenshotAsync("admin-categories");

        await page.ChooseFilesAsync("#category-file", new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(invalid) });
        await page.ClickAsync("#category-run");
        await Expect(page.Locator("#category-report")).ToHaveAttributeAsync("data-outcome", "invalid");
        await Expect(page.Locator("#category-errors tbody tr").First).ToContainTextAsync("时限类型须为");
        Assert.Equal(current.Version, await app.DbAsync(db => db.CategoryConditions.MaxAsync(c => c.Version)));

        await page.ChooseFilesAsync("#category-file", new FilePayload { Name = "dictionary.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(valid) });
        await page.ClickAsync("#category-run");
        await Expect(page.Locator("#category-report")).ToHaveAttributeAsync("data-outcome", "ok");
        await Expect(page.Locator("#categories")).ToHaveAttributeAsync("data-version", (current.Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(current.Version + 1, await app.DbAsync(db => db.CategoryConditions.MaxAsync(c => c.Version)));
    }

    [Fact]
    public async Task The_administrator_reads_each_years_holidays_and_a_notice_with_a_weekday_make_up_day_is_refused()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/calendar");
        await page.WaitForCircuitAsync();
        ILocator current = page.Locator("#calendar-current");
        string version = await current.GetAttributeAsync("data-version") ?? "";
        // 2026: 国务院办公厅关于2026年部分节假日安排的通知, its holidays and make-up days listed.
        ILocator year = page.Locator("#calendar-years [data-year='2026']");
        await Expect(year).ToContainTextAsync("2026年部分节假日安排");
        await Expect(year.Locator("[data-holidays]")).ToContainTextAsync("2026-10-01");
        await page.ScreenshotAsync("admin-calendar");

        // 2027-01-04 is a Monday: a make-up working day must be a weekend day. Nothing is written; the calendar
        // (and every running clock) stays as it was.
        const string notice = """{"years":[{"year":2027,"notice":"测试通知","holidays":[{"date":"2027-01-01","name":"元旦"}],"workdays":[{"date":"2027-01-04","name":"元旦"}]}]}""";
        await page.ChooseFilesAsync("#calendar-file", new FilePayload { Name = "notice.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(notice) });
        await page.ClickAsync("#calendar-run");
        await Expect(page.Locator("#calendar-report")).ToHaveAttributeAsync("data-outcome", "invalid");
        await Expect(page.Locator("#calendar-report [data-field='years[0].workdays']")).ToContainTextAsync("2027-01-04 不是周末");
        await Expect(current).ToHaveAttributeAsync("data-version", version);
    }

    [Fact]
    public async Task The_administrator_adds_a_person_to_a_squad_and_deactivates_them()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/people");
        await page.Locator("#people[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();

        await page.ClickAsync("#person-create");
        await Expect(page.Locator("#person-form")).ToContainTextAsync("姓名不能为空");
        await Expect(page.Locator("#person-form")).ToContainTextAsync("所属单位不能为空");

        string name = "测试队员" + Guid.NewGuid().ToString("N")[..4];
        string badge = "BT" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await page.FillAsync("#person-name", name);
        await page.FillAsync("#person-badge", badge);
        await page.ChooseAsync("#person-unit", "江宁路街道城管中队");
        await page.ClickAsync("#person-create");
        await Expect(page.Locator($"#people tr[data-person='{name}']")).ToContainTextAsync(badge);
        await page.ScreenshotAsync("admin-person-created");
        Assert.True(await app.DbAsync(db => db.People.AnyAsync(p => p.BadgeNumber == badge && p.Active)));

        // The badge is unique: the same again (the unit stays chosen) is refused with the API's message.
        await page.FillAsync("#person-name", name);
        await page.FillAsync("#person-badge", badge);
        await page.ClickAsync("#person-create");
        await Expect(page.Locator("#person-form")).ToContainTextAsync("执法证号");

        await page.Locator($"#people tr[data-person='{name}'] [data-action=deactivate]").ClickAsync();
        await Expect(page.Locator($"#people tr[data-person='{name}']")).ToHaveCountAsync(0);
        Assert.True(await app.DbAsync(db => db.People.AnyAsync(p => p.BadgeNumber == badge && !p.Active)));
    }

    [Fact]
    public async Task The_administrator_edits_a_person_and_a_badge_in_the_wrong_shape_or_already_taken_is_refused_in_Chinese()
    {
        // A person of this test's own (the browser tests share one app): made over the API, edited in the console.
        using HttpClient api = await app.StaffAsync("admin");
        Guid team = await app.DbAsync(db => db.Units.Where(u => u.Code == "310106006-ZD").Select(u => u.Id).SingleAsync());
        string name = "编辑测试" + Guid.NewGuid().ToString("N")[..4];
        string badge = "BE" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await api.PostOkAsync("/api/people", new { name, badgeNumber = badge, unitId = team });
        string taken = await app.DbAsync(db => db.People.Where(p => p.IsDemo && p.BadgeNumber != null).OrderBy(p => p.BadgeNumber).Select(p => p.BadgeNumber!).FirstAsync());

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/people");
        await page.Locator("#people[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.FillAsync("#people-q", name);
        await page.ClickAsync("#people-search");
        await page.Locator($"#people tr[data-person='{name}'] [data-action=edit]").ClickAsync();
        ILocator form = page.Locator("#person-edit-form");
        await Expect(page.Locator("#person-edit-badge")).ToHaveValueAsync(badge);

        // The request's own rule first, then the database's: both answered in Chinese, as the API answers them.
        await page.FillAsync("#person-edit-badge", "证 号");
        await page.ClickAsync("#person-edit-save");
        await Expect(form).ToContainTextAsync("执法证号须为 4–32 位字母或数字");
        await page.FillAsync("#person-edit-badge", taken);
        await page.ClickAsync("#person-edit-save");
        await Expect(form).ToContainTextAsync("执法证号已被他人使用");
        await page.ScreenshotAsync("admin-person-edit-refused");

        string renamed = name + "乙";
        await page.FillAsync("#person-edit-name", renamed);
        await page.FillAsync("#person-edit-badge", badge);
        await page.FillAsync("#person-edit-phone", "021-6255 0000");
        await page.ChooseAsync("#person-edit-post", "执法队员");
        await page.ClickAsync("#person-edit-save");
        await Expect(form).ToHaveCountAsync(0);
        await Expect(page.Locator($"#people tr[data-person='{renamed}']")).ToContainTextAsync("执法队员");
        var saved = await app.DbAsync(db => db.People.Where(p => p.BadgeNumber == badge).Select(p => new { p.Name, p.Phone, Post = p.Post!.Name }).SingleAsync());
        Assert.Equal((renamed, "021-6255 0000", "执法队员"), (saved.Name, saved.Phone, saved.Post));
    }

    [Fact]
    public async Task The_administrator_edits_a_unit_and_a_code_in_use_is_refused_in_Chinese()
    {
        using HttpClient api = await app.StaffAsync("admin");
        Guid bureau = await app.DbAsync(db => db.Units.Where(u => u.Code == "JA-CGJ").Select(u => u.Id).SingleAsync());
        string code = "BE" + Guid.NewGuid().ToString("N")[..6];
        await api.PostOkAsync("/api/units", new { parentId = bureau, code, name = "浏览器编辑中队", kind = "Squad" });

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/units");
        await page.Locator("#units[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.Locator($"#units tr[data-unit='{code}'] [data-action=edit]").ClickAsync();
        ILocator form = page.Locator("#unit-edit-form");
        await Expect(page.Locator("#unit-edit-code")).ToHaveValueAsync(code);
        await Expect(page.Locator("#unit-edit-name")).ToHaveValueAsync("浏览器编辑中队");

        await page.FillAsync("#unit-edit-code", "JA-CGJ");
        await page.ClickAsync("#unit-edit-save");
        await Expect(form).ToContainTextAsync("单位编码已存在");
        await page.ScreenshotAsync("admin-unit-edit-refused");

        string renamed = code + "X";
        await page.FillAsync("#unit-edit-code", renamed);
        await page.FillAsync("#unit-edit-name", "浏览器编辑中队（改）");
        await page.ClickAsync("#unit-edit-save");
        await Expect(form).ToHaveCountAsync(0);
        await Expect(page.Locator($"#units tr[data-unit='{renamed}']")).ToContainTextAsync("浏览器编辑中队（改）");
        Assert.Equal("浏览器编辑中队（改）", await app.DbAsync(db => db.Units.Where(u => u.Code == renamed).Select(u => u.Name).SingleAsync()));

        // Out of the way of the other tests' unit lists.
        await page.Locator($"#units tr[data-unit='{renamed}'] [data-action=deactivate]").ClickAsync();
        await Expect(page.Locator($"#units tr[data-unit='{renamed}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_administrator_changes_an_accounts_roles_with_the_checkboxes_and_the_account_gets_the_dashboard()
    {
        string user = "bt.r" + Guid.NewGuid().ToString("N")[..6];
        using HttpClient api = await app.StaffAsync("admin");
        await api.PostOkAsync("/api/accounts", new { userName = user, displayName = "角色测试", password = ConsoleApp.DemoPassword, roles = new[] { "officer" } });

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/accounts");
        await page.Locator("#accounts[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        ILocator roles = page.Locator($"#accounts tr[data-account='{user}'] td").Nth(2);
        await page.Locator($"#accounts tr[data-account='{user}'] [data-action=roles]").ClickAsync();
        await Expect(page.Locator("#role-officer")).ToBeCheckedAsync();
        await Expect(page.Locator("#role-supervisor")).Not.ToBeCheckedAsync();

        // Nothing ticked: the request's own rule, in Chinese, and nothing saved.
        await page.Locator("#role-officer").UncheckAsync();
        await page.ClickAsync("#roles-save");
        await Expect(page.Locator("#roles-form")).ToContainTextAsync("至少分配一个角色");
        await page.Locator("#role-supervisor").CheckAsync();
        await page.ScreenshotAsync("admin-account-roles");
        await page.ClickAsync("#roles-save");
        await Expect(page.Locator("#roles-form")).ToHaveCountAsync(0);
        await Expect(roles).ToHaveTextAsync("督查员");

        await page.ReloadAsync();
        await page.Locator("#accounts[data-loaded=yes]").WaitForAsync();
        await Expect(roles).ToHaveTextAsync("督查员");

        // A supervisor may open the dashboard, which the officer could not.
        IPage other = await app.NewPageAsync();
        await other.SignInAsync(user, path: "/dashboard");
        await other.WaitForCircuitAsync();
        await Expect(other.Locator("[data-nav=NavDashboard]")).ToHaveCountAsync(1);
        await Expect(other).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard$"));
    }

    [Fact]
    public async Task The_administrator_resets_a_password_and_the_temporary_one_signs_in_on_the_login_page()
    {
        string user = "bt.p" + Guid.NewGuid().ToString("N")[..6];
        using HttpClient api = await app.StaffAsync("admin");
        await api.PostOkAsync("/api/accounts", new { userName = user, displayName = "重置测试", password = ConsoleApp.DemoPassword, roles = new[] { "officer" } });

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/accounts");
        await page.Locator("#accounts[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.Locator($"#accounts tr[data-account='{user}'] [data-action=password]").ClickAsync();
        await Expect(page.Locator("#password-form")).ToHaveAttributeAsync("data-account", user);
        await page.ClickAsync("#password-reset-confirm");
        string temporary = (await page.Locator("#password-secret").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$", temporary);
        await page.ScreenshotAsync("admin-account-password-reset");
        await page.ClickAsync("#password-reset-done");
        await Expect(page.Locator("#password-secret")).ToHaveCountAsync(0);

        IPage other = await app.NewPageAsync();
        await other.SignInAsync(user);
        await Expect(other.Locator("#login-error")).ToHaveTextAsync("用户名或密码错误");
        await other.SignInAsync(user, temporary);
        await other.WaitForCircuitAsync();
        await Expect(other.Locator("#user-name")).ToHaveTextAsync("重置测试");

        // The temporary password leads straight to the password form, and every other page shows only the way back to it.
        await Expect(other).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
        await Expect(other.Locator("#password-must-change")).ToBeVisibleAsync();
        await other.GotoAsync("/");
        await other.WaitForCircuitAsync();
        await Expect(other.Locator("#must-change-password")).ToContainTextAsync("密码已由管理员重置");
        await Expect(other.Locator("#workbench")).ToHaveCountAsync(0);
        await other.ScreenshotAsync("account-must-change-password");
        await other.ClickAsync("#must-change-go");
        await other.Locator("#password-change-form").WaitForAsync();
        await other.WaitForCircuitAsync();
        string own = "Own-" + Guid.NewGuid().ToString("N")[..8] + "7x";
        await other.FillAsync("#password-current", temporary);
        await other.FillAsync("#password-new", own);
        await other.FillAsync("#password-confirm", own);
        await other.ClickAsync("#password-save");
        await Expect(other.Locator("#password-changed, #signed-out").First).ToBeVisibleAsync();
        // Within a minute the revalidated circuit may already show its own sign-in button instead: either leads to the login page.
        await other.Locator("#password-sign-in-again, #signed-out-sign-in").First.ClickAsync();
        await Expect(other).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await other.SignInAsync(user, own);
        await other.WaitForCircuitAsync();
        await Expect(other.Locator("#workbench")).ToBeVisibleAsync();

        // Audited in the administrator's name, although the console's circuit carries no request of its own.
        string id = await app.DbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync());
        List<string?> actors = await app.DbAsync(db => db.AuditEntries.Where(a => a.Entity == "AppUser" && a.EntityKey == id).Select(a => a.ActorName).ToListAsync());
        TestContext.Current.TestOutputHelper?.WriteLine("audit actors: " + string.Join(", ", actors));
        Assert.Contains("admin", actors);
    }

    [Fact]
    public async Task An_open_console_ends_within_a_minute_when_the_administrator_changes_the_accounts_roles()
    {
        string user = "bt.v" + Guid.NewGuid().ToString("N")[..6];
        using HttpClient api = await app.StaffAsync("admin");
        JsonElement account = await api.PostOkAsync("/api/accounts", new { userName = user, displayName = "失效测试", password = ConsoleApp.DemoPassword, roles = new[] { "dispatcher" } });
        IPage page = await app.NewPageAsync();
        await page.SignInAsync(user);
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#workbench")).ToBeVisibleAsync();

        HttpResponseMessage changed = await api.PutAsJsonAsync($"/api/accounts/{account.GetProperty("id").GetString()}/roles", new { roles = new[] { "supervisor" } });
        Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);
        // The circuit is revalidated once a minute: the open tab turns to the notice without a reload, and runs nothing more as that user.
        await Expect(page.Locator("#signed-out")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(page.Locator("#workbench")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("console-signed-out");
        await page.ClickAsync("#signed-out-sign-in");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task The_administrator_disables_an_account_its_open_console_ends_and_it_cannot_sign_in_until_restored()
    {
        string user = "bt.d" + Guid.NewGuid().ToString("N")[..6];
        using HttpClient api = await app.StaffAsync("admin");
        await api.PostOkAsync("/api/accounts", new { userName = user, displayName = "停用测试", password = ConsoleApp.DemoPassword, roles = new[] { "dispatcher" } });
        IPage victim = await app.NewPageAsync();
        await victim.SignInAsync(user);
        await victim.WaitForCircuitAsync();
        await Expect(victim.Locator("#workbench")).ToBeVisibleAsync();

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/accounts");
        await page.Locator("#accounts[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        ILocator row = page.Locator($"#accounts tr[data-account='{user}']");
        await row.Locator("[data-action=disable]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-disabled", "yes");
        await Expect(row).ToContainTextAsync("已停用");
        await page.ScreenshotAsync("admin-account-disabled");

        // The open tab ends at its next revalidation (once a minute), and the login page refuses the account.
        await Expect(victim.Locator("#signed-out")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        IPage again = await app.NewPageAsync();
        await again.SignInAsync(user, path: "/account/login");
        await Expect(again.Locator("#login-error")).ToContainTextAsync("账号已停用");

        await row.Locator("[data-action=enable]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-disabled", "no");
        IPage restored = await app.NewPageAsync();
        await restored.SignInAsync(user);
        await restored.WaitForCircuitAsync();
        await Expect(restored.Locator("#workbench")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_user_changes_their_own_password_from_the_user_panel_and_signs_in_with_it()
    {
        string user = "bt.c" + Guid.NewGuid().ToString("N")[..6];
        const string fresh = "Neues-Pass-2026";
        using HttpClient api = await app.StaffAsync("admin");
        await api.PostOkAsync("/api/accounts", new { userName = user, displayName = "改密测试", password = ConsoleApp.DemoPassword, roles = new[] { "officer" } });

        IPage page = await app.NewPageAsync();
        await page.SignInAsync(user);
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#change-password");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
        ILocator form = page.Locator("#password-change-form");

        await page.FillAsync("#password-current", "not-my-password");
        await page.FillAsync("#password-new", fresh);
        await page.FillAsync("#password-confirm", fresh);
        await page.ClickAsync("#password-save");
        await Expect(form).ToContainTextAsync("当前密码不正确");

        await page.FillAsync("#password-current", ConsoleApp.DemoPassword);
        await page.FillAsync("#password-new", "abcdefghij");
        await page.FillAsync("#password-confirm", "abcdefghij");
        await page.ClickAsync("#password-save");
        await Expect(form).ToContainTextAsync("密码须包含数字");
        await page.ScreenshotAsync("account-password-refused");

        await page.FillAsync("#password-new", fresh);
        await page.FillAsync("#password-confirm", fresh + "x");
        await page.ClickAsync("#password-save");
        await Expect(form).ToContainTextAsync("两次输入的新密码不一致");

        await page.FillAsync("#password-confirm", fresh);
        await page.ClickAsync("#password-save");
        await Expect(page.Locator("#password-changed, #signed-out").First).ToBeVisibleAsync();
        await page.Locator("#password-sign-in-again, #signed-out-sign-in").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

        await page.SignInAsync(user);
        await Expect(page.Locator("#login-error")).ToHaveTextAsync("用户名或密码错误");
        await page.SignInAsync(user, fresh);
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#user-name")).ToHaveTextAsync("改密测试");
    }
}
