using System.Net.Http.Json;
using System.Text.Json;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>
/// A grid's responsible units and officers set from /admin/grids, seen on the list, the map and in the
/// audit log; and nobody but an administrator offered the form. The grids are 大宁路街道's, which no
/// other browser test changes.
/// </summary>
public sealed class GridResponsibilityTests(ConsoleApp app)
{
    private const string Street = "310106019";
    private const string TeamCode = Street + "-ZD";

    /// <summary>A new officer of 大宁路街道's team, made through the API as the administrator would on the people page.</summary>
    private async Task<(Guid Id, string Name)> HireAsync()
    {
        Guid team = await app.DbAsync(db => db.Units.Where(u => u.Code == TeamCode).Select(u => u.Id).SingleAsync());
        string name = "网格队员" + Guid.NewGuid().ToString("N")[..4];
        using HttpClient admin = await app.StaffAsync("admin");
        JsonElement person = await admin.PostOkAsync("/api/people", new { name, unitId = team, badgeNumber = "GR" + Guid.NewGuid().ToString("N")[..8] });
        return (person.GetProperty("id").GetGuid(), name);
    }

    [Fact]
    public async Task The_administrator_assigns_a_squad_and_an_officer_to_a_grid_sees_them_listed_and_on_the_map_and_finds_the_change_in_the_audit_log()
    {
        const string code = Street + "002004";
        (Guid personId, string person) = await HireAsync();
        var grid = await app.DbAsync(async db =>
        {
            Guid id = await db.Grids.Where(g => g.Code == code).Select(g => g.Id).SingleAsync();
            // A seeded squad the grid does not have yet: other tests add squads of their own and deactivate them.
            string[] seeded = Chengguan.Data.Seeding.DemoDistrict.Squads.Select(s => s.Code).ToArray();
            var squad = await db.Units.Where(u => u.Kind == Chengguan.Organisation.UnitKind.Squad && u.Active && seeded.Contains(u.Code)
                    && !db.Set<Chengguan.Grids.GridResponsibleUnit>().Any(r => r.UnitId == u.Id && r.GridId == id))
                .OrderBy(u => u.Code).Select(u => new { u.Code, u.Name }).FirstAsync();
            return new { Id = id, Squad = squad };
        });

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin", path: "/admin/grids");
        await page.Locator("#grids[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ChooseAsync("#grid-street", "大宁路街道");
        ILocator row = page.Locator($"#grids tr[data-grid='{code}']");
        await Expect(row.Locator("[data-col=units]")).ToContainTextAsync("大宁路街道城管中队");
        await row.Locator("[data-action=responsibility]").ClickAsync();

        // The form shows what the grid has now, and offers the street's people (the new officer among them) and the squads.
        ILocator form = page.Locator($"#grid-resp-form[data-grid='{code}']");
        await Expect(form.Locator($"[data-unit='{TeamCode}']")).ToHaveAttributeAsync("data-checked", "yes");
        await form.Locator($"[data-unit='{grid.Squad.Code}'] input[type=checkbox]").CheckAsync();
        await form.Locator($"[data-name='{person}'] input[type=checkbox]").CheckAsync();
        await Expect(form.Locator($"[data-name='{person}']")).ToHaveAttributeAsync("data-checked", "yes");
        await page.ScreenshotAsync("grid-responsibility-form");
        await page.ClickAsync("#grid-resp-save");

        await Expect(page.Locator("#grid-resp-dialog")).ToHaveCountAsync(0);
        await Expect(row.Locator("[data-col=units]")).ToContainTextAsync(grid.Squad.Name);
        await Expect(row.Locator("[data-col=officers]")).ToContainTextAsync(person);
        await page.ScreenshotAsync("grid-responsibility-listed");
        Assert.True(await app.DbAsync(db => db.Set<Chengguan.Grids.GridOfficer>().AnyAsync(o => o.GridId == grid.Id && o.PersonId == personId)));

        // The map's side panel reads the grid afresh, and offers the administrator the same form.
        await page.GotoAsync("/map");
        await page.WaitForCircuitAsync();
        await page.Locator("#map-find").FillAsync(code);
        await page.Locator("#map-find").PressAsync("Enter");
        await Expect(page.Locator($"#grid-detail[data-grid='{code}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#grid-teams")).ToContainTextAsync(grid.Squad.Name);
        await Expect(page.Locator("#grid-detail .grid-officer", new() { HasTextString = person })).ToHaveCountAsync(1);
        await page.ScreenshotAsync("grid-responsibility-map");
        await page.ClickAsync("#grid-edit");
        await Expect(page.Locator($"#grid-resp-form[data-grid='{code}'] [data-name='{person}']")).ToHaveAttributeAsync("data-checked", "yes");
        await page.ClickAsync("#grid-resp-cancel");

        // The audit log has the new officer's row, by the administrator; the chain verifies intact.
        await page.GotoAsync("/admin/audit");
        await page.Locator("#audit[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ChooseAsync("#audit-entity", "网格责任队员");
        await page.FillAsync("#audit-key", $"{grid.Id}|{personId}");
        await page.FillAsync("#audit-actor", "admin");
        await page.ClickAsync("#audit-search");
        ILocator entry = page.Locator($"#audit tr[data-entity=GridOfficer][data-key='{grid.Id}|{personId}']");
        await Expect(entry).ToHaveAttributeAsync("data-action", "create");
        await Expect(entry).ToHaveAttributeAsync("data-actor", "admin");
        // The recorded field is named in Chinese and its GUID is not shown (the subject column names the person).
        await Expect(entry.Locator("[data-field=PersonId]")).ToContainTextAsync("人员");
        await Expect(entry.Locator("[data-field=PersonId]")).Not.ToContainTextAsync(personId.ToString());
        await Expect(entry.Locator("[data-col=subject] .cg-audit-name")).ToHaveTextAsync($"{code} · {person}");
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1);

        // Days are Shanghai days; a range that ends before it starts is refused in Chinese.
        DateTimeOffset at = await app.DbAsync(db => db.AuditEntries.Where(a => a.Entity == "GridOfficer" && a.EntityKey == $"{grid.Id}|{personId}").Select(a => a.At).SingleAsync());
        DateOnly day = ShanghaiTime.DateOf(at);
        await page.FillAsync("#audit-from", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#audit-to", day.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#audit-search");
        await Expect(page.Locator("#audit-filters")).ToContainTextAsync("结束时间须晚于开始时间");
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(0);
        await page.FillAsync("#audit-to", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#audit-search");
        await Expect(entry).ToHaveAttributeAsync("data-action", "create");

        await page.ClickAsync("#audit-verify");
        ILocator verification = page.Locator("#audit-verification");
        await Expect(verification).ToHaveAttributeAsync("data-intact", "yes");
        await Expect(verification).ToContainTextAsync("哈希链完整");
        await page.ScreenshotAsync("audit-log-verified");
    }

    [Fact]
    public async Task An_officer_who_leaves_while_the_form_is_open_is_refused_with_the_apis_message_and_nothing_changes()
    {
        const string code = Street + "003007";
        (Guid personId, string person) = await HireAsync();

        IPage page = await app.NewPageAsync();
        // Straight to the form, as the map's link opens it.
        await page.SignInAsync("admin", path: $"/admin/grids?edit={code}");
        await page.WaitForCircuitAsync();
        ILocator form = page.Locator($"#grid-resp-form[data-grid='{code}']");
        await form.Locator($"[data-name='{person}'] input[type=checkbox]").CheckAsync();

        using (HttpClient admin = await app.StaffAsync("admin"))
        {
            (await admin.PostAsync($"/api/people/{personId}/deactivate", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        }
        await page.ClickAsync("#grid-resp-save");
        await Expect(page.Locator("#grid-resp-officers-error")).ToHaveTextAsync("责任队员不存在或已离岗");
        await Expect(form).ToBeVisibleAsync();
        await page.ScreenshotAsync("grid-responsibility-refused");
        Assert.False(await app.DbAsync(db => db.Set<Chengguan.Grids.GridOfficer>().AnyAsync(o => o.PersonId == personId)));
    }

    [Fact]
    public async Task Only_administrators_get_the_form_and_only_auditors_the_audit_log()
    {
        const string code = Street + "001006";
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher", path: "/map");
        await page.WaitForCircuitAsync();
        await page.Locator("#map-find").FillAsync(code);
        await page.Locator("#map-find").PressAsync("Enter");
        await Expect(page.Locator($"#grid-detail[data-grid='{code}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#grid-teams")).ToContainTextAsync("大宁路街道城管中队");
        await Expect(page.Locator("#grid-edit")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-nav=NavAdminAudit]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("grid-map-no-edit-for-dispatcher");
        foreach (string path in new[] { $"/admin/grids?edit={code}", "/admin/audit" })
        {
            IResponse? refused = await page.GotoAsync(path);
            Assert.Equal(403, refused?.Status);
        }

        // A supervisor reads the audit log, and is offered no grid administration.
        IPage supervisor = await app.NewPageAsync();
        await supervisor.SignInAsync("supervisor", path: "/admin/audit");
        await supervisor.Locator("#audit[data-loaded=yes]").WaitForAsync();
        await supervisor.WaitForCircuitAsync();
        await Expect(supervisor.Locator("[data-nav=NavAdminAudit]")).ToHaveCountAsync(1);
        await Expect(supervisor.Locator("[data-nav=NavAdminGrids]")).ToHaveCountAsync(0);
        await Expect(supervisor.Locator("#audit tbody tr").First).ToBeVisibleAsync();
        await supervisor.ScreenshotAsync("audit-log-supervisor");
    }
}
