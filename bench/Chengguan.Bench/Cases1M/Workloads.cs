using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Bench.Cases1M;

/// <summary>One kind of request, timed from send to the last byte of the answer.</summary>
internal sealed class Workload(string name, HttpClient client, Func<int, string> url, int? samples = null)
{
    public string Name => name;

    /// <summary>Fewer samples for requests that take seconds, so that a run ends in minutes.</summary>
    public int? Samples => samples;

    /// <summary>Issue 20's p99 target for the request's kind: a list page 15 ms, free text 100 ms, the KPI table 50 ms a street-month and 200 ms the district month.</summary>
    public double TargetMs => name.StartsWith("KPI: one street", StringComparison.Ordinal) ? 50
        : name.StartsWith("KPI: district", StringComparison.Ordinal) ? 200
        : name.StartsWith("text:", StringComparison.Ordinal) || name.StartsWith("page 21: text", StringComparison.Ordinal) ? 100
        : 15;

    public async Task<(double Ms, int Rows)> OnceAsync(int i)
    {
        long start = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await client.GetAsync(url(i), HttpCompletionOption.ResponseContentRead);
        string body = await response.Content.ReadAsStringAsync();
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{name}: {(int)response.StatusCode} {body}");
        }
        using JsonDocument json = JsonDocument.Parse(body);
        int rows = json.RootElement.TryGetProperty("items", out JsonElement items) ? items.GetArrayLength()
            : json.RootElement.TryGetProperty("rows", out JsonElement r) ? r.GetArrayLength() : 0;
        return (ms, rows);
    }

    /// <summary>The cursor of page <paramref name="page"/> (1-based) of a list, found by following `next`.</summary>
    public static async Task<string> CursorAsync(HttpClient client, string url, int page)
    {
        string? after = null;
        for (int p = 1; p < page; p++)
        {
            var answer = await client.GetFromJsonAsync<JsonElement>(after is null ? url : url + "&after=" + after);
            after = answer.GetProperty("next").GetString() ?? throw new InvalidOperationException($"{url} has fewer than {page} pages.");
        }
        return after!;
    }
}

/// <summary>The requests measured: typical filter combinations, free text, and the KPI table.</summary>
internal sealed record Workloads(Guid Street, Guid Team, string Grid, string[] Numbers, string From, string To)
{
    private static readonly string[] s_addresses = ["西康路128号", "江宁路66号", "昌平路300号", "武定路15号", "康定路1000号", "新闸路702号", "长寿路88号", "大田路9号"];

    private List<Workload>? _all;

    public static async Task<Workloads> LoadAsync(AppDbContext db)
    {
        Guid street = await db.Units.Where(u => u.Code == "310106006").Select(u => u.Id).SingleAsync();
        // The unit answerable for most of the street's grids.
        Guid team = await db.GridResponsibleUnits.Where(r => db.Grids.Any(g => g.Id == r.GridId && g.StreetId == street))
            .GroupBy(r => r.UnitId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        string grid = await db.Grids.Where(g => g.StreetId == street).OrderBy(g => g.Code).Select(g => g.Code).FirstAsync();
        string[] numbers = [.. await db.Cases.OrderByDescending(c => c.ReportedAt).Where((c) => c.Number.EndsWith("7")).Select(c => c.Number).Take(5000).ToListAsync()];
        numbers = [.. numbers.Where((_, i) => i % 100 == 0)];
        // The last full calendar month in Shanghai.
        DateTime local = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(8);
        var first = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        return new Workloads(street, team, grid, numbers,
            first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    public IReadOnlyList<Workload> All(HttpClient staff, HttpClient officer)
    {
        if (_all is not null)
        {
            return _all;
        }
        string month = $"from={From}T00:00:00%2B08:00&to={DateOnly.Parse(To, CultureInfo.InvariantCulture).AddDays(1):yyyy-MM-dd}T00:00:00%2B08:00";
        string L = "/api/cases?limit=50";
        (string Name, HttpClient Client, string Url)[] lists =
        [
            ("filter: none, newest first", staff, L),
            ("filter: state=Dispatched", staff, $"{L}&state=Dispatched"),
            ("filter: street", staff, $"{L}&street={Street}"),
            ("filter: street + state=Closed + one month", staff, $"{L}&street={Street}&state=Closed&{month}"),
            ("filter: channel=Hotline12345 + urgency=Urgent", staff, $"{L}&channel=Hotline12345&urgency=Urgent"),
            ("filter: category=event:0503 + grid", staff, $"{L}&category=event:0503&grid={Grid}"),
            ("filter: clockState=Breached + street", staff, $"{L}&clockState=Breached&street={Street}"),
            ("filter: unit + state=Handled,Replied", staff, $"{L}&unit={Team}&state=Handled,Replied"),
            ("filter: street officer's scope, none", officer, L),
            ("filter: street officer's scope, state=Closed + month", officer, $"{L}&state=Closed&{month}"),
            ("text: 占道经营 (common category)", staff, $"{L}&{Q("占道经营")}"),
            ("text: 江宁路 占道经营", staff, $"{L}&{Q("江宁路 占道经营")}"),
            ("text: 噪声扰民 + street", staff, $"{L}&{Q("噪声扰民")}&street={Street}"),
            ("text: 垃圾 + state=Closed + one month", staff, $"{L}&{Q("垃圾")}&state=Closed&{month}"),
            ("text: 路 (one character)", staff, $"{L}&{Q("路")}"),
            ("text: 塌 (one character, rarer)", staff, $"{L}&{Q("塌")}"),
            ("text: street officer's scope, 占道经营", officer, $"{L}&{Q("占道经营")}"),
            ("text: 火星基地 (no match)", staff, $"{L}&{Q("火星基地")}"),
        ];
        var all = lists.Select(l => new Workload(l.Name, l.Client, _ => l.Url)).ToList();
        all.Add(new Workload("text: road + house number (8 addresses)", staff, i => $"{L}&{Q(s_addresses[i % s_addresses.Length])}"));
        all.Add(new Workload("text: case number (50 numbers)", staff, i => $"{L}&{Q(Numbers[i % Numbers.Length])}"));
        all.Add(new Workload("text: road name (8 roads)", staff, i => $"{L}&{Q(CaseFactory.Roads[i % 8])}"));
        foreach ((string name, HttpClient client, string url) in new[]
        {
            ("page 21: none", staff, L), ("page 21: street", staff, $"{L}&street={Street}"),
            ("page 21: street officer's scope", officer, L), ("page 21: text 占道经营", staff, $"{L}&{Q("占道经营")}"),
        })
        {
            string cursor = Workload.CursorAsync(client, url, 21).GetAwaiter().GetResult();
            all.Add(new Workload(name, client, _ => url + "&after=" + cursor));
        }
        all.Add(new Workload("KPI: one street, one month", staff, _ => $"/api/kpis?from={From}&to={To}&street={Street}", 30));
        all.Add(new Workload("KPI: district (all streets), one month", staff, _ => $"/api/kpis?from={From}&to={To}", 10));
        return _all = all;
    }
}

/// <summary>The server's resident set (VmRSS) sampled every 100 ms, and the kernel's peak (VmHWM).</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly int _pid;
    private readonly Timer _timer;
    private readonly List<string> _marks = [];
    private long _peakSampled;
    private long _last;

    public MemorySampler(int pid)
    {
        _pid = pid;
        _timer = new Timer(_ => Sample(), null, 0, 100);
    }

    private long Read(string field)
    {
        try
        {
            string? line = File.ReadLines($"/proc/{_pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private void Sample()
    {
        _last = Read("VmRSS");
        _peakSampled = Math.Max(_peakSampled, _last);
    }

    public void Mark(string label) => _marks.Add($"{label} {Read("VmRSS")} MB");

    public string Report() => $"server RSS: {string.Join(", ", _marks)}; peak sampled {_peakSampled} MB, kernel peak (VmHWM) {Read("VmHWM")} MB";

    public void Dispose() => _timer.Dispose();
}
