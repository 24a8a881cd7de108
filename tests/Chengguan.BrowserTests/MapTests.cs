using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>The grid map: every grid drawn without tiles, coloured by cases, a grid's detail on click, pan and zoom.</summary>
public sealed class MapTests(ConsoleApp app)
{
    [Fact]
    public async Task The_map_draws_every_grid_colours_a_grid_with_a_new_case_and_shows_its_team_and_cases()
    {
        (double lon, double lat) = await app.PointInStreetAsync("310106006");
        using HttpClient platform = await app.HotlinePlatformAsync();
        string order = "MP" + Guid.NewGuid().ToString("N")[..10];
        System.Text.Json.JsonElement receipt = await platform.PostOkAsync("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = order, requestType = "Help", description = "地图测试：人行道堆物", address = "江宁路 200 号", lon, lat,
        });
        string number = receipt.GetProperty("caseNumber").GetString()!;
        var expected = await app.DbAsync(async db => new
        {
            Grids = await db.Grids.CountAsync(),
            Code = await db.Cases.Where(c => c.ExternalNumber == order).Select(c => c.GridCode).SingleAsync(),
        });

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher", path: "/map");
        await page.WaitForCircuitAsync();
        ILocator map = page.Locator("#grid-map[data-loaded=yes]");
        await Expect(map).ToHaveAttributeAsync("data-grids", expected.Grids.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#grid-map path[data-grid]")).ToHaveCountAsync(expected.Grids);
        await Expect(page.Locator("#grid-map .cg-labels-street text")).ToContainTextAsync(["江宁路街道"]);

        // Coloured by the cases still open this month: the new order's grid has at least one, so it is not in class 0.
        ILocator grid = page.Locator($"#grid-map path[data-grid='{expected.Code}']");
        int count = int.Parse(await grid.GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count >= 1, $"grid {expected.Code} shows {count} open cases");
        Assert.DoesNotContain("cg-c0", await grid.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);

        // A click on the grid opens its detail: code, responsible team, the case.
        await grid.DispatchEventAsync("click");
        ILocator detail = page.Locator($"#grid-detail[data-grid='{expected.Code}']");
        await Expect(detail).ToBeVisibleAsync();
        await Expect(page.Locator("#grid-teams")).ToContainTextAsync("江宁路");
        await Expect(detail.Locator($"[data-case='{number}']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("map-grid-detail");

        // Zoom and find: the view changes in place, and a search by code selects the grid.
        await page.ClickAsync("#map-zoom-in");
        await Expect(page.Locator("#grid-map")).ToHaveAttributeAsync("data-zoom", "1.60");
        await page.ClickAsync("#map-reset");
        await Expect(page.Locator("#grid-map")).ToHaveAttributeAsync("data-zoom", "1.00");
        await page.Locator("#map-find").FillAsync("不存在的网格");
        await page.Locator("#map-find").PressAsync("Enter");
        await Expect(page.Locator("#map-find-missed")).ToBeVisibleAsync();
        await page.Locator("#map-find").FillAsync(expected.Code!);
        await page.Locator("#map-find").PressAsync("Enter");
        await Expect(page.Locator("#grid-map")).ToHaveAttributeAsync("data-zoom", "4.00");
        await Expect(detail).ToBeVisibleAsync();

        // Breaches this month: a new order has none yet.
        await page.ClickAsync("#map-measure [data-measure=Breaches]");
        await Expect(detail.Locator("[data-count=breaches]")).ToContainTextAsync("超时 0");
        await page.ScreenshotAsync("map-breaches");

        // The case page shows the same grid's outline.
        await page.ClickAsync($"#grid-cases [data-case='{number}']");
        await Expect(page.Locator($"#case-map[data-grid='{expected.Code}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#case-map circle")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_district_is_drawn_as_jingan_long_from_north_to_south_with_its_fourteen_streets()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher", path: "/map");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#grid-map[data-loaded=yes]")).ToBeVisibleAsync();
        ILocator streets = page.Locator("#grid-map .cg-labels-street text");
        await Expect(streets).ToHaveCountAsync(14);

        // 彭浦镇 lies in the far north, 南京西路 in the south; 曹家渡 in the west, 北站 in the east.
        async Task<LocatorBoundingBoxResult> At(string name) => (await streets.Filter(new() { HasText = name }).BoundingBoxAsync())!;
        Assert.True((await At("彭浦镇")).Y < (await At("南京西路街道")).Y);
        Assert.True((await At("曹家渡街道")).X < (await At("北站街道")).X);
        await page.ScreenshotAsync("map-jingan-district");
    }

    [Fact]
    public async Task At_phone_width_the_map_fits_and_its_panel_follows_below()
    {
        IPage page = await app.NewPageAsync(360, 740);
        await page.SignInAsync("jnl.leader", path: "/map");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#grid-map[data-loaded=yes]")).ToBeVisibleAsync();
        float width = await page.EvaluateAsync<float>("() => document.getElementById('grid-map').getBoundingClientRect().width");
        Assert.InRange(width, 200, 360);
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the page scrolls sideways at 360 px");
        await page.ScreenshotAsync("map-phone");
    }

    [Fact]
    public async Task Ledger_items_areas_and_rivers_are_laid_over_the_grids_and_the_items_filter_by_stage()
    {
        var expected = await app.DbAsync(async db => new
        {
            Located = await db.IllegalBuildings.CountAsync(i => i.Lon != null && i.Lat != null && i.State != Chengguan.Demolition.DemolitionState.Withdrawn),
            Rechecked = await db.IllegalBuildings.CountAsync(i => i.Lon != null && i.Lat != null
                && (i.State == Chengguan.Demolition.DemolitionState.Rechecked || i.State == Chengguan.Demolition.DemolitionState.Closed)),
            Rivers = await db.Rivers.OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(),
            Areas = await db.RemediationAreas.CountAsync(),
        });
        Assert.True(expected.Located > 0, "the demo district has located ledger items");

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher", path: "/map");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#grid-map path[data-item]")).ToHaveCountAsync(0);

        await page.ClickAsync("#map-layers [data-layer=Ledger]");
        ILocator count = page.Locator("#map-ledger-count");
        await Expect(count).ToBeVisibleAsync();
        // Other tests add items to the shared database meanwhile: at least what was there, and every one counted is drawn.
        int shown = int.Parse(await count.GetAttributeAsync("data-shown") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(shown >= expected.Located, $"{shown} items drawn, {expected.Located} located in the ledger");
        await Expect(page.Locator("#grid-map path[data-item]")).ToHaveCountAsync(shown);

        await page.ClickAsync("#map-stages [data-stage=Rechecked]");
        await Expect(page.Locator("#grid-map path[data-item]:not([data-stage=Rechecked])")).ToHaveCountAsync(0);
        Assert.True(await page.Locator("#grid-map path[data-item]").CountAsync() >= expected.Rechecked);

        await page.ClickAsync("#map-layers [data-layer=Rivers]");
        await page.ClickAsync("#map-layers [data-layer=Areas]");
        await Expect(page.Locator("#grid-map path[data-river]")).ToHaveCountAsync(expected.Rivers.Count);
        await Expect(page.Locator("#grid-map path[data-area]")).ToHaveCountAsync(expected.Areas);
        await page.Locator($"#grid-map path[data-river='{expected.Rivers[0].Code}']").DispatchEventAsync("click");
        await Expect(page.Locator("#overlay-detail[data-kind=river]")).ToContainTextAsync(expected.Rivers[0].Name);
        await page.ScreenshotAsync("map-layers-rivers-areas-items");

        ILocator item = page.Locator("#grid-map path[data-item]").First;
        string? itemNumber = await item.GetAttributeAsync("data-item");
        await item.DispatchEventAsync("click");
        await Expect(page.Locator("#overlay-detail[data-kind=item]")).ToHaveAttributeAsync("data-item", itemNumber!);

        // Switched off, a layer leaves the map.
        await page.ClickAsync("#map-layers [data-layer=Ledger]");
        await Expect(page.Locator("#grid-map path[data-item]")).ToHaveCountAsync(0);
    }
}
