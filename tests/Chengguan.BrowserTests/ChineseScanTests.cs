using System.Text.RegularExpressions;

namespace Chengguan.BrowserTests;

/// <summary>
/// Chinese everywhere: every demo role signs in and opens every page its navigation offers (and a case
/// page); the visible text holds no Latin-only word outside the allow-list (product names, formats,
/// units), no GUID and no UTC offset. Values typed in inputs (logins) are not visible text.
/// </summary>
public sealed partial class ChineseScanTests(ConsoleApp app)
{
    private static readonly string[] s_accounts =
        ["admin", "leader", "chief", "dispatcher", "supervisor", "squad", "officer", "jnl.leader", "jnl.officer", "smel.officer"];

    /// <summary>Words a Chinese bureau writes in Latin letters too: product and format names, units, the hotline's numbers.</summary>
    private static readonly HashSet<string> s_allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Open311", "GeoJSON", "API", "PDF", "Excel", "CSV", "xlsx", "JSON", "WKT", "km", "m", "m²", "h", "min", "KPI", "Bearer", "X-Api-Key", "OpenAPI",
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

    [Fact]
    public async Task Every_page_of_every_role_reads_in_Chinese()
    {
        string caseId = await FiledCaseAsync();
        var found = new List<string>();
        foreach (string account in s_accounts)
        {
            IPage page = await app.NewPageAsync();
            await page.SignInAsync(account);
            await page.WaitForCircuitAsync();
            // The API reference is Scalar's own page (an English product), not the console's.
            List<string> paths = [.. (await page.Locator("#nav-menu a[data-nav]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
                .Where(h => h is not null && h != "/scalar").Distinct()];
            paths.Add($"/cases/{caseId}");
            foreach (string path in paths)
            {
                await page.GotoAsync(path);
                await page.WaitForCircuitAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                // Pages load their rows after the circuit connects: a moment for the first render with data.
                await page.WaitForTimeoutAsync(700);
                string text = await page.EvaluateAsync<string>("() => document.body.innerText");
                foreach (string word in LatinWord().Matches(text).Select(m => m.Value).Where(w => !s_allowed.Contains(w) && !RecordNumber().IsMatch(w)).Distinct())
                {
                    found.Add($"{word} | {account} {path} … {Around(text, word)}");
                }
                foreach (string value in MachineValue().Matches(text).Select(m => m.Value).Distinct())
                {
                    found.Add($"{(value.Length > 8 ? "GUID" : value)} | {account} {path} … {Around(text, value)}");
                }
            }
            await page.ScreenshotAsync($"chinese-scan-{account}-case");
            await page.Context.CloseAsync();
        }
        // One line per word, with the first pages it was seen on.
        Assert.True(found.Count == 0, $"{found.Count} Latin or machine word(s) on screen:\n" + string.Join("\n",
            found.GroupBy(f => f[..f.IndexOf(" | ", StringComparison.Ordinal)]).Select(g => $"{g.Key} ({g.Count()}×): {string.Join(" ; ", g.Take(2).Select(f => f[(f.IndexOf(" | ", StringComparison.Ordinal) + 3)..]))}")));
    }

    private static string Around(string text, string word)
    {
        int at = text.IndexOf(word, StringComparison.Ordinal);
        int from = Math.Max(0, at - 20), to = Math.Min(text.Length, at + word.Length + 20);
        return text[from..to].ReplaceLineEndings(" ");
    }
}
