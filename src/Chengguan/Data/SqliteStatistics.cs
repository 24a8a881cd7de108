using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data;

/// <summary>
/// Keeps SQLite's planner statistics (sqlite_stat1) current. Without them SQLite guesses, and over a
/// million cases it guessed wrong: the clock-state filter probed clocks through the (State, …)
/// index instead of the subject's, 1.2 s instead of milliseconds, and the district KPI table took
/// seconds. <c>PRAGMA optimize</c> analyses only the tables that grew or shrank a lot since their
/// last analysis, each on a sample (<c>analysis_limit</c>), so it is cheap when nothing changed:
/// at start-up and then hourly, as SQLite recommends for long-lived connections.
/// </summary>
public sealed class SqliteStatistics(IServiceScopeFactory scopes, ILogger<SqliteStatistics> logger) : BackgroundService
{
    public const string Sql = "PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;";

    public static Task RefreshAsync(AppDbContext db, CancellationToken ct) =>
        db.Provider == DatabaseProvider.Sqlite ? db.Database.ExecuteSqlRawAsync(Sql, ct) : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await RefreshAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "SQLite statistics refresh failed; the next hour tries again");
            }
        }
    }
}
