using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chengguan.Bench.Cases1M;

namespace Chengguan.Bench.DistrictReports;

/// <summary>
/// Issue 18's performance clause for the district report: last month's report (every section: departments, 三个2 per
/// street, supervision, directives; Word and PDF written and stored) generated over a database seeded as cases-1m
/// (default 1,000,000 cases, one hotline order in 31 tagged with a department), through the real door over HTTP
/// (the timed POST /api/district-reports). The first generation (a quarter) warms up and is not counted; each timed
/// run is a new version of the month; both files of the last one are downloaded and checked. Median beside the target.
/// </summary>
public static class DistrictReportBench
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static Task<int> RunAsync(string[] args)
    {
        int runs = ColdStart.Arg(args, "--runs", 5);
        // As supervision-sample: the demo liaison visits take case numbers the generator then gives again.
        Environment.SetEnvironmentVariable("Demo__Visits__Enabled", "false");
        return Cases1MBench.RunAsync(args, app => MeasureAsync(app, runs));
    }

    private static string Month()
    {
        DateTime now = Chengguan.Infrastructure.ShanghaiTime.ToShanghai(TimeProvider.System.GetUtcNow()).DateTime;
        return new DateTime(now.Year, now.Month, 1).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    private static async Task MeasureAsync(AppProcess app, int runs)
    {
        HttpClient leader = await Cases1MBench.LoginAsync(app, "leader");
        string month = Month();
        int quarter = (int.Parse(month[5..], CultureInfo.InvariantCulture) - 1) / 3 + 1;
        var warm = Stopwatch.StartNew();
        (await leader.PostAsJsonAsync("/api/district-reports", new { period = $"{month[..4]}-Q{quarter}" }, s_json)).EnsureSuccessStatusCode();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up (the quarter of {month}) {warm.Elapsed.TotalMilliseconds:F0} ms (not counted); load {Cases1MBench.Load()}"));
        var times = new List<double>();
        JsonElement last = default;
        for (int r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            HttpResponseMessage made = await leader.PostAsJsonAsync("/api/district-reports", new { period = month }, s_json);
            double ms = watch.Elapsed.TotalMilliseconds;
            made.EnsureSuccessStatusCode();
            last = await made.Content.ReadFromJsonAsync<JsonElement>(s_json);
            times.Add(ms);
        }
        string id = last.GetProperty("id").GetString()!;
        byte[] docx = await leader.GetByteArrayAsync($"/api/district-reports/{id}/docx");
        byte[] pdf = await leader.GetByteArrayAsync($"/api/district-reports/{id}/pdf");
        if (docx.Length < 4 || docx[0] != 'P' || docx[1] != 'K' || pdf.Length < 4 || pdf[0] != '%' || pdf[1] != 'P')
        {
            throw new InvalidOperationException("the stored files are not a Word document and a PDF");
        }
        times.Sort();
        double median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"district report {month} (docx {docx.Length / 1024} KB + PDF {pdf.Length / 1024} KB, stored): median {median:F0} ms over {times.Count} runs " +
            $"(min {times[0]:F0}, max {times[^1]:F0}); target < 3 s: {(median < 3000 ? "met" : "NOT met")}; load {Cases1MBench.Load()}"));
    }
}
