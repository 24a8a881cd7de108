using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chengguan.Bench.Cases1M;

namespace Chengguan.Bench.Assessment;

/// <summary>
/// Issue 19's performance clause: a yearly assessment of every unit and officer of the demo district computed over a
/// database seeded as cases-1m does (default 1,000,000 cases), through the real door over HTTP. A yearly period is
/// made for the year (the newest scheme of every kind pinned); each run is the timed GET …/results, which computes
/// every indicator of every unit and officer (one grouped read per source over the year, no case loaded). The median
/// of the runs is printed beside the target; a publication (compute + write the results) is timed once after.
/// </summary>
public static class AssessmentYearBench
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static Task<int> RunAsync(string[] args)
    {
        int runs = ColdStart.Arg(args, "--runs", 7);
        int year = ColdStart.Arg(args, "--year", TimeProvider.System.GetUtcNow().Year);
        // As supervision-sample: the demo liaison visits are left out (their case numbers clash with the generator's).
        Environment.SetEnvironmentVariable("Demo__Visits__Enabled", "false");
        return Cases1MBench.RunAsync(args, app => MeasureAsync(app, runs, year));
    }

    private static async Task MeasureAsync(AppProcess app, int runs, int year)
    {
        HttpClient leader = await Cases1MBench.LoginAsync(app, "leader");
        HttpResponseMessage created = await leader.PostAsJsonAsync("/api/assessment/periods", new
        {
            kind = "Year", key = year.ToString(CultureInfo.InvariantCulture), name = $"基准年度考核 {year} {Guid.NewGuid():N}"[..30], appealDays = 5,
        }, s_json);
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("period not created: " + await created.Content.ReadAsStringAsync());
        }
        Guid id = (await created.Content.ReadFromJsonAsync<JsonElement>(s_json)).GetProperty("id").GetGuid();
        var times = new List<double>();
        int units = 0, officers = 0;
        for (int r = 0; r <= runs; r++)
        {
            var watch = Stopwatch.StartNew();
            HttpResponseMessage results = await leader.GetAsync($"/api/assessment/periods/{id}/results");
            double ms = watch.Elapsed.TotalMilliseconds;
            results.EnsureSuccessStatusCode();
            JsonElement body = await results.Content.ReadFromJsonAsync<JsonElement>(s_json);
            JsonElement[] rows = [.. body.GetProperty("rows").EnumerateArray()];
            officers = rows.Count(x => x.GetProperty("kind").ValueKind == JsonValueKind.String ? x.GetProperty("kind").GetString() == "Officer" : x.GetProperty("kind").GetInt32() == 3);
            units = rows.Length - officers;
            if (r == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up compute {ms:F0} ms (not counted); load {Cases1MBench.Load()}"));
                continue;
            }
            times.Add(ms);
        }
        times.Sort();
        double median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"yearly assessment {year} of {units} units and {officers} officers (computed, every indicator): median {median:F0} ms over {times.Count} runs " +
            $"(min {times[0]:F0}, max {times[^1]:F0}); target < 2 s: {(median < 2000 ? "met" : "NOT met")}; load {Cases1MBench.Load()}"));
        var publish = Stopwatch.StartNew();
        HttpResponseMessage published = await leader.PostAsync($"/api/assessment/periods/{id}/publish", null);
        published.EnsureSuccessStatusCode();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"publication (compute + write {units + officers} results) {publish.Elapsed.TotalMilliseconds:F0} ms"));
    }
}
