using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>
/// Chinese everywhere: every demo role signs in and opens every page its navigation offers (and a case
/// page); the visible text holds no Latin-only word outside the allow-list (product names, formats,
/// units), no GUID and no UTC offset. Values typed in inputs (logins) are not visible text.
/// Text inside <c>&lt;code&gt;</c> is skipped: the console marks with it only what must be typed or read
/// verbatim in Latin letters and has no Chinese form: the field names of an import file (a GeoJSON
/// layer's properties, the holiday notice's JSON keys, a category file's enum values), a sign-in name on
/// the accounts page, and a code as the audit trail recorded it. Everything else must read in Chinese.
/// One circuit per role: pages are opened by in-app navigation (a full load per page would take minutes).
/// The scan runs on a fresh district of its own (<see cref="ScanApp"/>), as a new user finds it.
/// </summary>
public sealed partial class ChineseScanTests(ScanApp app) : IClassFixture<ScanApp>
{
    private static readonly string[] s_accounts =
        ["admin", "leader", "chief", "dispatcher", "supervisor", "squad", "officer", "jnl.leader", "jnl.officer", "smel.officer"];

    /// <summary>Words a Chinese bureau writes in Latin letters too: product and format names, units, the hotline's numbers.</summary>
    private static readonly HashSet<string> s_allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Open311", "GeoJSON", "API", "PDF", "Excel", "CSV", "xlsx", "JSON", "WKT", "km", "m", "m²", "h", "min", "KPI", "Bearer", "X-Api-Key", "OpenAPI",
        // Units in the national category dictionary's filing conditions (井盖破损面积超过25cm²).
        "cm", "cm²",
        // The coordinate system's name, written so in Chinese too (经度（WGS84）), like GeoJSON above.
        "WGS84",
    };

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9²\-]*")]
    private static partial Regex LatinWord();

    /// <summary>The bureau's own record numbers: JA-2026-000001 (a case), WJ-2026-000003 (an illegal structure).</summary>
    [GeneratedRegex(@"^[A-Z]{1,4}(-[0-9]+)+$")]
    private static partial Regex RecordNumber();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\+00:00")]
    private static partial Regex MachineValue();

    private async Task<string> FiledCaseAsync()
    {
        using HttpClient dispatcher = await app.StaffAsync("dispatcher");
        (double lon, double lat) = await app.PointInStreetAsync("310106006");
        var opened = await dispatcher.PostOkAsync("/api/cases", new
        {
            channel = "ResidentsCommittee", description = "居民反映人行道上有流动摊贩（浏览器测试：中文扫描）", address = "江宁路 300 号", lon, lat,
            reporterName = "李四", reporterPhone = "13912345678", categoryCode = "event:0102",
        });
        string id = opened.GetProperty("case").GetProperty("id").GetString()!;
        using HttpClient officer = await app.StaffAsync("jnl.officer");
        await officer.PostOkAsync($"/api/cases/{id}/actions/verify", new { result = "现场核实属实" });
        await dispatcher.PostOkAsync($"/api/cases/{id}/actions/file", new { categoryCode = "event:0102", conditionCode = "01" });
        return id;
    }

    /// <summary>A structure registered and ordered by the street team leader: its timeline names a person (the demo's own lines name 演示数据).</summary>
    private async Task<string> OrderedStructureAsync()
    {
        using HttpClient leader = await app.StaffAsync("jnl.leader");
        (double lon, double lat) = await app.PointInStreetAsync("310106006");
        var item = await leader.PostOkAsync("/api/demolition/items", new
        {
            address = "江宁路 300 弄 2 号屋顶（浏览器测试：中文扫描）", kind = "Rooftop", vintage = "New", area = 25.5, source = "Patrol", lon, lat, party = "钱某",
        });
        string id = item.GetProperty("item").GetProperty("id").GetString()!;
        await leader.PostOkAsync($"/api/demolition/items/{id}/actions/IssueOrder", new { days = 30 });
        return id;
    }

    /// <summary>
    /// The page's text once it has settled: no progress bar spinning, no list still loading and the same text twice in a row
    /// (pages load their rows after the first render). Text in &lt;code&gt; is left out (see the class).
    /// </summary>
    private const string SettledText = """
        async (previous) => {
            const read = () => {
                const hide = document.createElement('style');
                hide.textContent = 'code { display: none !important; }';
                document.head.appendChild(hide);
                const text = document.body.innerText;
                hide.remove();
                return text;
            };
            // A spinner, or a list that says it has not loaded yet (data-loaded=no), is not the page's text yet.
            const busy = () => document.querySelector('.mud-progress-linear-indeterminate, .mud-progress-indeterminate, .mud-table-loading, [data-loaded=no]') !== null;
            // The previous page's text may still stand for a moment after the address changed: wait (a while) for it to go.
            for (let i = 0; i < 30 && previous !== null && read() === previous; i++) {
                await new Promise(r => setTimeout(r, 150));
            }
            let last = null;
            for (let i = 0; i < 30; i++) {
                await new Promise(r => setTimeout(r, 150));
                const text = read();
                if (!busy() && text === last) return text;
                last = text;
            }
            return last;
        }
        """;

    [Fact]
    public async Task Every_page_of_every_role_reads_in_Chinese()
    {
        string caseId = await FiledCaseAsync();
        string structureId = await OrderedStructureAsync();
        Guid riverId = await app.DbAsync(db => db.Rivers.OrderBy(r => r.Code).Select(r => r.Id).FirstAsync());
        // One record's page behind each list the navigation offers (a role that may not see it reads its Chinese "not found").
        var score = await app.DbAsync(db => db.AssessmentScores.OrderBy(x => x.Id).Select(x => new { x.PeriodId, x.SubjectId }).FirstAsync());
        var details = new Dictionary<string, string[]>
        {
            ["/demolition"] = [$"/demolition/{structureId}"],
            ["/demolition/rivers"] = [$"/demolition/rivers/{riverId}"],
            ["/surveys"] = [$"/surveys/{await app.DbAsync(db => db.Set<Chengguan.Surveys.Survey>().OrderByDescending(x => x.Period).Select(x => x.Id).FirstAsync())}"],
            ["/rectification"] = [$"/rectification/items/{await app.DbAsync(db => db.RectificationItems.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync())}"],
            ["/communities/visits"] = [$"/communities/visits/{await app.DbAsync(db => db.CommunityVisits.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync())}"],
            ["/selection"] = [$"/selection/{await app.DbAsync(db => db.SelectionRounds.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync())}"],
            ["/directives"] = [$"/directives/{await app.DbAsync(db => db.Directives.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync())}"],
            ["/training"] = ["/training/hours", "/training/certificates", $"/training/sessions/{await app.DbAsync(db => db.TrainingSessions.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync())}"],
            ["/guidance"] = ["/guidance/new", $"/guidance/{await app.DbAsync(db => db.GuidanceNotes.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync())}"],
            ["/assessment"] = ["/assessment/schemes", $"/assessment/{score.PeriodId}/{score.SubjectId}"],
            ["/evaluation"] = [$"/evaluation/{await app.DbAsync(db => db.EvaluationRounds.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync())}"],
            ["/district-reports"] = ["/district-reports/template"],
            ["/personnel"] = [$"/personnel/{await app.DbAsync(db => db.People.Where(x => x.Active).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync())}"],
        };
        // The timelines name the people who acted (a login there is a Latin word the scan reports): the scan must have read them.
        Dictionary<string, string> names = await app.DbAsync(db => db.Users.Where(u => u.UserName == "dispatcher" || u.UserName == "jnl.leader")
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName));
        var expected = new Dictionary<(string Account, string Path), string>
        {
            [("dispatcher", $"/cases/{caseId}")] = names["dispatcher"],
            [("jnl.leader", $"/demolition/{structureId}")] = names["jnl.leader"],
        };
        var found = new System.Collections.Concurrent.ConcurrentQueue<string>();
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        int pages = 0;
        // Two roles at a time: most of a page's time is the wait for its rows, which a second browser tab overlaps.
        using var lanes = new SemaphoreSlim(2);
        await Task.WhenAll(s_accounts.Select(async account =>
        {
            await lanes.WaitAsync();
            try
            {
                Interlocked.Add(ref pages, await ScanAsync(account, caseId, details, expected, found));
            }
            finally
            {
                lanes.Release();
            }
        }));
        ConsoleApp.Report($"Chinese scan: {pages} pages of {s_accounts.Length} roles in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        // One line per word, with the first pages it was seen on.
        Assert.True(found.Count == 0, $"{found.Count} Latin or machine word(s) on screen:\n" + string.Join("\n",
            found.GroupBy(f => f[..f.IndexOf(" | ", StringComparison.Ordinal)]).Select(g => $"{g.Key} ({g.Count()}×): {string.Join(" ; ", g.Take(2).Select(f => f[(f.IndexOf(" | ", StringComparison.Ordinal) + 3)..]))}")));
    }

    /// <summary>Signs in as the account and reads every page its navigation offers, the case, the structure and a river; returns how many pages.</summary>
    private async Task<int> ScanAsync(string account, string caseId, Dictionary<string, string[]> details, Dictionary<(string Account, string Path), string> expected,
        System.Collections.Concurrent.ConcurrentQueue<string> found)
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync(account);
        await page.WaitForCircuitAsync();
        // The API reference is Scalar's own page (an English product), not the console's.
        List<string> paths = [.. (await page.Locator("#nav-menu a[data-nav]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            .Where(h => h is not null && h != "/scalar").Distinct()];
        paths.Add($"/cases/{caseId}");
        paths.AddRange(details.Where(d => paths.Contains(d.Key)).SelectMany(d => d.Value).ToList());
        string? previous = null;
        foreach (string path in paths)
        {
            // In the same circuit, as a click on the navigation does it.
            await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
            await page.WaitForURLAsync(u => new Uri(u).PathAndQuery == path);
            string text = await page.EvaluateAsync<string>(SettledText, previous);
            previous = text;
            if (expected.GetValueOrDefault((account, path)) is { } person)
            {
                Assert.True(text.Contains(person, StringComparison.Ordinal), $"{account} {path}: the timeline names {person}:\n{text}");
            }
            foreach (string word in LatinWord().Matches(text).Select(m => m.Value).Where(w => !s_allowed.Contains(w) && !RecordNumber().IsMatch(w)).Distinct())
            {
                found.Enqueue($"{word} | {account} {path} … {Around(text, word)}");
            }
            foreach (string value in MachineValue().Matches(text).Select(m => m.Value).Distinct())
            {
                found.Enqueue($"{(value.Length > 8 ? "GUID" : value)} | {account} {path} … {Around(text, value)}");
            }
        }
        await page.ScreenshotAsync($"chinese-scan-{account}");
        await page.Context.CloseAsync();
        return paths.Count;
    }

    private static string Around(string text, string word)
    {
        int at = text.IndexOf(word, StringComparison.Ordinal);
        int from = Math.Max(0, at - 20), to = Math.Min(text.Length, at + word.Length + 20);
        return text[from..to].ReplaceLineEndings(" ");
    }
}
