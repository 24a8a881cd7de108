using System.Globalization;

namespace Chengguan.Bench;

/// <summary>
/// Process start → /readyz answering 200, on a new embedded database that gets the demo district
/// with its 90 days of history; <c>--no-history</c> seeds the district alone (Demo:History:Enabled=false).
/// </summary>
public static class ColdStart
{
    public static async Task<int> RunAsync(string[] args)
    {
        int runs = Arg(args, "--runs", 5);
        bool history = !args.Contains("--no-history");
        var environment = new Dictionary<string, string> { ["Demo__History__Enabled"] = history ? "true" : "false" };
        string seeded = history ? "demo district and its 90 days of history seeded" : "demo district seeded, no history";
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            await using AppProcess app = await AppProcess.StartAsync(environment);
            times.Add(app.StartedIn.TotalMilliseconds);
            // CPU time at readiness holds on a shared machine where wall time does not; the load average says how shared.
            double cpu = app.CpuTime.TotalMilliseconds;
            string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1}: ready in {app.StartedIn.TotalMilliseconds:F0} ms, app CPU {cpu:F0} ms, load average {load} (new SQLite database, {seeded})"));
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold start to ready: min {times[0]:F0} ms, median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms over {runs} runs"));
        return 0;
    }

    internal static int Arg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int v) ? v : fallback;
    }
}
