using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chengguan.Bench.Cases1M;

namespace Chengguan.Bench.Supervision;

/// <summary>
/// Issue 18's performance clause: a stratified sample (every street × 20 files) drawn from every closed case of a
/// database seeded as cases-1m does (default 1,000,000 cases), through the
/// real door over HTTP (POST /api/supervision/plans, then the timed POST …/draw). Each run is a new plan with the same
/// seed over the same population, so every run must draw the same files; the median of the runs is printed beside
/// the target.
/// </summary>
public static class SupervisionSampleBench
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static Task<int> RunAsync(string[] args)
    {
        int runs = ColdStart.Arg(args, "--runs", 7);
        int perStreet = ColdStart.Arg(args, "--per-street", 20);
        // Seeded as cases-1m (default 1,000,000 cases; most end closed or evaluated). The demo liaison visits are left
        // out: their cases take numbers the generator then gives again (a unique-index failure at the index rebuild).
        // The app process inherits this variable.
        Environment.SetEnvironmentVariable("Demo__Visits__Enabled", "false");
        return Cases1MBench.RunAsync(args, app => MeasureAsync(app, runs, perStreet));
    }

    private static async Task MeasureAsync(AppProcess app, int runs, int perStreet)
    {
        HttpClient supervisor = await Cases1MBench.LoginAsync(app, "supervisor");
        const long seed = 18_000_001;
        var times = new List<double>();
        string? first = null;
        int population = 0, files = 0;
        for (int r = 0; r <= runs; r++)
        {
            HttpResponseMessage created = await supervisor.PostAsJsonAsync("/api/supervision/plans", new
            {
                name = $"基准抽查 {r}", from = new DateOnly(2000, 1, 1), to = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(1)), perStreet, cases = true, seed,
            }, s_json);
            created.EnsureSuccessStatusCode();
            Guid id = (await created.Content.ReadFromJsonAsync<JsonElement>(s_json)).GetProperty("id").GetGuid();
            var watch = Stopwatch.StartNew();
            HttpResponseMessage drawn = await supervisor.PostAsync($"/api/supervision/plans/{id}/draw", null);
            double ms = watch.Elapsed.TotalMilliseconds;
            drawn.EnsureSuccessStatusCode();
            JsonElement detail = await drawn.Content.ReadFromJsonAsync<JsonElement>(s_json);
            population = detail.GetProperty("plan").GetProperty("population").GetInt32();
            JsonElement.ArrayEnumerator rows = detail.GetProperty("files").EnumerateArray();
            string ids = string.Join(",", rows.Select(f => f.GetProperty("subjectId").GetGuid()));
            files = detail.GetProperty("files").GetArrayLength();
            if (first is null)
            {
                first = ids;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up draw {ms:F0} ms (not counted); load {Cases1MBench.Load()}"));
                continue;
            }
            if (ids != first)
            {
                throw new InvalidOperationException("the same seed over the same population drew other files");
            }
            times.Add(ms);
        }
        times.Sort();
        double median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"draw of {files} files ({perStreet} per street) from {population:N0} closed cases: median {median:F0} ms over {times.Count} runs " +
            $"(min {times[0]:F0}, max {times[^1]:F0}); target < 1 s: {(median < 1000 ? "met" : "NOT met")}; every run drew the same files; load {Cases1MBench.Load()}"));
    }
}
