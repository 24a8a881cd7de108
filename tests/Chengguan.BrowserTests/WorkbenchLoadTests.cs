using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chengguan.BrowserTests;

/// <summary>A console of its own (its own database), so that hundreds of open orders do not crowd the other tests' queues.</summary>
public sealed class LoadedConsole : IAsyncLifetime
{
    public ConsoleApp App { get; } = new();

    public ValueTask InitializeAsync() => App.InitializeAsync();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// The issue's budget for the workbench: 500 open cases render in under a second after sign-in and
/// the page stays responsive while 20 cases change per second. Measured and reported (perf.txt),
/// never asserted: timings on a shared two-core machine are not a test result.
/// </summary>
public sealed class WorkbenchLoadTests(LoadedConsole loaded) : IClassFixture<LoadedConsole>
{
    private const int Orders = 440;
    private ConsoleApp App => loaded.App;

    [Fact]
    public async Task The_workbench_with_500_open_cases_keeps_up_with_20_changes_a_second()
    {
        (double lon, double lat) = await App.PointInStreetAsync("310106006");
        using HttpClient platform = await App.HotlinePlatformAsync();
        string prefix = "LD" + Guid.NewGuid().ToString("N")[..6];
        await Parallel.ForAsync(0, Orders, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await platform.PostOkAsync("/api/hotline/orders", new
            {
                channel = "12345", orderNumber = $"{prefix}{i:D4}", requestType = "Help", description = $"负载测试工单 {i}：占道堆物", address = $"江宁路 {i} 号", lon, lat,
            }));

        // The first sign-in after the process starts pays for the JIT of everything on the way (sign-in,
        // prerender, circuit); the second is what a dispatcher meets on a running server. Both are reported.
        await SignInAndMeasureAsync(await App.NewPageAsync(), "first sign-in after start (cold process)");
        IPage page = await App.NewPageAsync();
        int rows = await SignInAndMeasureAsync(page, "second sign-in (warm process)");
        Assert.True(rows >= Orders, $"the queue holds {rows} cases, fewer than the {Orders} orders");
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await page.Locator($"[data-order='{prefix}{Orders - 1:D4}'], [data-order='{prefix}0000']").First.WaitForAsync();
        await page.ScreenshotAsync("workbench-500-cases", fullPage: false);

        // The browser's longest gap between animation frames while the changes arrive.
        await page.EvaluateAsync("() => { window.__gap = 0; let last = performance.now(); const f = t => { window.__gap = Math.max(window.__gap, t - last); last = t; if (!window.__stopFrames) requestAnimationFrame(f); }; requestAnimationFrame(f); }");

        // 20 changes a second while five new orders arrive: urges (催办) on open orders, each a committed change the workbench hears.
        using var changes = new CancellationTokenSource();
        int sent = 0;
        var loadWatch = Stopwatch.StartNew();
        Task load = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            while (await timer.WaitForNextTickAsync(changes.Token).ConfigureAwait(false))
            {
                int n = Interlocked.Increment(ref sent);
                _ = platform.PostAsJsonAsync($"/api/hotline/orders/12345/{prefix}{n % Orders:D4}/urge", new { reason = "市民再次来电催办" });
            }
        });
        // Meanwhile new orders keep arriving: how long until each shows on the workbench, under that load.
        var arrivals = new List<long>();
        try
        {
            for (int i = 0; i < 5; i++)
            {
                await Task.Delay(1500);
                string order = $"{prefix}N{i}";
                // Narrowed to the coming order (the queue renders only the rows near the screen), so its row appearing is the arrival.
                await page.Locator("#queue-find").FillAsync(order);
                await Expect(page.Locator("#workbench")).ToHaveAttributeAsync("data-shown", "0");
                var arrival = Stopwatch.StartNew();
                await platform.PostOkAsync("/api/hotline/orders", new
                {
                    channel = "12345", orderNumber = order, requestType = "Help", description = "负载期间新到工单", address = "江宁路 1 号", lon, lat,
                });
                await page.Locator($"[data-order='{order}']").WaitForAsync();
                arrivals.Add(arrival.ElapsedMilliseconds);
            }
        }
        finally
        {
            await changes.CancelAsync();
            await load.ContinueWith(_ => { }, TaskScheduler.Default);
            loadWatch.Stop();
        }
        double gap = await page.EvaluateAsync<double>("() => { window.__stopFrames = true; return window.__gap; }");
        arrivals.Sort();
        ConsoleApp.Report(string.Create(CultureInfo.InvariantCulture,
            $"workbench under {sent / loadWatch.Elapsed.TotalSeconds:F0} changes/s with {rows} rows: new order visible after median {arrivals[arrivals.Count / 2]} ms, max {arrivals[^1]} ms; longest frame gap {gap:F0} ms"));
        await page.ScreenshotAsync("workbench-under-load", fullPage: false);
        Assert.Equal(5, arrivals.Count);
    }

    private static string Renderer(JsonElement? metrics)
    {
        Dictionary<string, double> m = metrics!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(x => x.GetProperty("name").GetString()!, x => x.GetProperty("value").GetDouble());
        double Ms(string name) => Math.Round(m.GetValueOrDefault(name) * 1000);
        return string.Create(CultureInfo.InvariantCulture,
            $"busy {Ms("TaskDuration")} ms (script {Ms("ScriptDuration")}, style {Ms("RecalcStyleDuration")}, layout {Ms("LayoutDuration")})");
    }

    // Marks, in the browser's own clock, the frames that first show the prerendered rows and then the circuit's
    // rows: Playwright's element polling (layouts forced in the measured page) stays out of the measure.
    private const string PaintMarks = """
        if (location.pathname === '/') {
          const painted = key => requestAnimationFrame(() => setTimeout(() => { window[key] = Date.now(); }, 0));
          const rows = () => document.querySelector('#queue tbody tr.mud-table-row');
          const mo = new MutationObserver(() => {
            if (!window.__rowsMarked && rows()) { window.__rowsMarked = true; painted('__rowsPainted'); }
            if (!window.__liveMarked && document.querySelector('#interactive[data-ready=yes]') && rows()) { window.__liveMarked = true; painted('__livePainted'); mo.disconnect(); }
          });
          mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ready'] });
        }
        """;

    private static async Task<int> SignInAndMeasureAsync(IPage page, string which)
    {
        await page.Context.AddInitScriptAsync(PaintMarks);
        await page.GotoAsync("/");
        await page.FillAsync("#userName", "dispatcher");
        await page.FillAsync("#password", ConsoleApp.DemoPassword);
        // A person takes a few seconds to type a name and password: the new window's own start-up work
        // (headless Chromium builds its browser UI pages per window) is over before the click, as on a real desk.
        await Task.Delay(2000);
        // The renderer's own accounts (Chrome DevTools Performance domain): where its main thread spent the time.
        ICDPSession devtools = await page.Context.NewCDPSessionAsync(page);
        await devtools.SendAsync("Performance.enable");
        // The click's instant rides along in window.name, which survives the same-origin navigations that follow.
        await page.EvaluateAsync("() => { window.name = String(Date.now()); document.getElementById('sign-in').click(); }");
        await page.WaitForFunctionAsync("() => window.__rowsPainted", null, new() { PollingInterval = 100 });
        string renderer = Renderer(await devtools.SendAsync("Performance.getMetrics"));
        await page.WaitForFunctionAsync("() => window.__livePainted", null, new() { PollingInterval = 100 });
        long[] marks = await page.EvaluateAsync<long[]>("() => [window.__rowsPainted - Number(window.name), window.__livePainted - Number(window.name)]");
        (long rendered, long interactive) = (marks[0], marks[1]);
        int rows = int.Parse(await page.Locator("#workbench").GetAttributeAsync("data-count") ?? "0", CultureInfo.InvariantCulture);
        // Only the rows near the screen are in the DOM (Virtualize); scrolling to the end brings the last one.
        int drawn = await page.Locator("#queue tbody tr[class]").CountAsync();
        // Where the time went, by the browser's own navigation timing (the sign-in post, its redirect, the prerendered page).
        string split = await page.EvaluateAsync<string>("""
            () => { const n = performance.getEntriesByType('navigation')[0]; const p = performance.getEntriesByName('first-contentful-paint')[0];
              const r = x => Math.round(x);
              return `sign-in post answered ${r(n.redirectEnd || n.fetchStart)} ms, page's first byte ${r(n.responseStart)} ms, last byte ${r(n.responseEnd)} ms, ` +
                `DOM ready ${r(n.domContentLoadedEventEnd)} ms, first paint ${p ? r(p.startTime) : '?'} ms, page ${Math.round(n.transferSize / 1024)} KB`; }
            """);
        ConsoleApp.Report($"workbench with {rows} open cases, {which}: rendered {rendered} ms, interactive {interactive} ms after the click ({drawn} rows drawn); " +
            $"navigation from the click: {split}; renderer until rendered: {renderer}");
        return rows;
    }
}
