using Chengguan.Demolition.Briefings;
using Chengguan.Infrastructure;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The demo district's progress briefings (进度通报) of the last weeks and months, made once after a
/// first start that seeded the district with its history: each as of its own scheduled moment
/// (Monday 09:00, the 1st at 09:00), in order, so that figures grow week by week and a street that
/// lags in consecutive briefings gets its proposed interview, as the scheduler would have done had
/// the platform been running. Runs after readiness (the PDFs and workbooks take a few seconds), so
/// the first start is not held up; the briefing list fills within seconds.
/// </summary>
internal sealed class DemoBriefings(IServiceScopeFactory scopes, StartupReport report, TimeProvider time, IConfiguration config, ILogger<DemoBriefings> logger)
    : BackgroundService
{
    public const int Weeks = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await report.WhenReady.WaitAsync(stoppingToken);
        if (report.DemoAccounts.Count == 0 || !config.GetValue("Demo:History:Enabled", true))
        {
            return;
        }
        try
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            int made = 0;
            foreach (DateTimeOffset moment in Moments(time.GetUtcNow()))
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                made += await scope.ServiceProvider.GetRequiredService<BriefingService>().RunScheduledAsync(stoppingToken, moment);
            }
            logger.LogInformation("Demo briefings made in {Ms} ms: {Count}", (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, made);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The scheduler makes the current periods on its own later; a demo nicety must not stop the app.
            logger.LogWarning(e, "Demo briefings could not be made");
        }
    }

    /// <summary>The scheduled moments of the last <see cref="Weeks"/> weeks and the months they touch, oldest first, then now.</summary>
    internal static IEnumerable<DateTimeOffset> Moments(DateTimeOffset now)
    {
        DateOnly today = ShanghaiTime.DateOf(now);
        DateOnly monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var moments = new SortedSet<DateTimeOffset>();
        for (int k = Weeks; k >= 1; k--)
        {
            DateOnly week = monday.AddDays(-7 * k);
            // A minute after the due time: Monday's weekly and, on the 1st, the month's.
            moments.Add(ShanghaiTime.StartOf(week).AddHours(9).AddMinutes(1));
            DateOnly first = new(week.Year, week.Month, 1);
            if (first >= monday.AddDays(-7 * Weeks))
            {
                moments.Add(ShanghaiTime.StartOf(first).AddHours(9).AddMinutes(1));
            }
        }
        moments.Add(ShanghaiTime.StartOf(new DateOnly(today.Year, today.Month, 1)).AddHours(9).AddMinutes(1));
        return moments.Where(m => m < now).Append(now);
    }
}
