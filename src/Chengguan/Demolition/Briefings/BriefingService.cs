using System.Globalization;
using System.Text.Json;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition.Briefings;

/// <summary>
/// Makes briefings (on demand and on schedule), and after each one applies the interview rule:
/// a street whose area rate was below threshold × time elapsed in this and the previous
/// briefings of the same basis (Demolition:Interviews:Consecutive in a row) gets a proposed interview.
/// </summary>
public sealed class BriefingService(AppDbContext db, ProgressQueries progress, EvidenceStore store, TimeProvider time, IConfiguration config, ILogger<BriefingService> logger)
{
    public int Consecutive => Math.Max(1, config.GetValue("Demolition:Interviews:Consecutive", 2));

    public static string TaskBasis(Guid taskId) => $"task:{taskId}";

    public static string PlanBasis(Guid planId, int year) => $"plan:{planId}:{year}";

    public async Task<ProgressReport?> ReportAsync(string basisKey, DateTimeOffset asOf, CancellationToken ct) => basisKey.Split(':') switch
    {
        ["task", string id] when Guid.TryParse(id, out Guid taskId) => await progress.ForTaskAsync(taskId, asOf, DataScope.District, ct),
        ["plan", string id, string y] when Guid.TryParse(id, out Guid planId) && int.TryParse(y, CultureInfo.InvariantCulture, out int year)
            => await progress.ForPlanYearAsync(planId, year, asOf, DataScope.District, ct),
        _ => null,
    };

    /// <summary>
    /// The briefing of one kind, basis and period, made now unless it exists; null when the basis does not exist.
    /// <paramref name="asOf"/> (default now) is the moment its figures stand at: a period missed earlier is
    /// reported as of its own due time, not as of the day it was made.
    /// </summary>
    public async Task<Briefing?> GenerateAsync(BriefingKind kind, string basisKey, string? periodKey, string? actor, CancellationToken ct, DateTimeOffset? asOf = null)
    {
        DateTimeOffset made = time.GetUtcNow();
        DateTimeOffset now = asOf is { } a && a < made ? a : made;
        periodKey ??= ShanghaiTime.ToShanghai(now).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        if (await db.Briefings.AsNoTracking().FirstOrDefaultAsync(b => b.Kind == kind && b.BasisKey == basisKey && b.PeriodKey == periodKey, ct) is { } existing)
        {
            return existing;
        }
        if (await ReportAsync(basisKey, now, ct) is not { } report)
        {
            return null;
        }
        string label = kind switch { BriefingKind.Weekly => $"第{periodKey[^2..]}周", BriefingKind.Monthly => $"{periodKey[5..]}月", _ => "" };
        string title = $"{report.Title}{(label.Length > 0 ? $"{periodKey[..4]}年{label}" : "")}进度通报";
        IReadOnlyList<BriefingRow> ranked = BriefingFiles.Rank(report.Rows);
        byte[] xlsx = BriefingFiles.Excel(title, report, ranked);
        byte[] pdf = BriefingFiles.Pdf(title, report, ranked, now);
        (StoredFile? x, _) = await store.SaveAsync(new MemoryStream(xlsx), xlsx.Length, ct);
        (StoredFile? p, _) = await store.SaveAsync(new MemoryStream(pdf), pdf.Length, ct);
        var briefing = new Briefing
        {
            Kind = kind, BasisKey = basisKey, PeriodKey = periodKey, Title = title, AsOf = now, CreatedAt = made, CreatedBy = actor,
            RowsJson = JsonSerializer.Serialize(new BriefingContent(report.ElapsedShare, report.LagThreshold, ranked, report.Total), DemolitionProcedure.Json),
            XlsxSha256 = x!.Sha256, XlsxSize = x.Size, PdfSha256 = p!.Sha256, PdfSize = p.Size,
        };
        db.Briefings.Add(briefing);
        await ProposeInterviewsAsync(briefing, report, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            // Another node made this period's briefing first; anything else is a real failure.
            db.ChangeTracker.Clear();
            return await db.Briefings.AsNoTracking().FirstOrDefaultAsync(b => b.Kind == kind && b.BasisKey == basisKey && b.PeriodKey == periodKey, ct)
                ?? throw new InvalidOperationException($"The briefing {basisKey} {kind} {periodKey} could not be saved.");
        }
        logger.LogInformation("Briefing {Title} made for {Basis} ({Kind} {Period})", title, basisKey, kind, periodKey);
        return briefing;
    }

    private async Task ProposeInterviewsAsync(Briefing briefing, ProgressReport report, DateTimeOffset now, CancellationToken ct)
    {
        List<Guid> lagging = [.. report.Rows.Where(r => r.Lagging && r.StreetId is not null).Select(r => r.StreetId!.Value)];
        if (lagging.Count == 0)
        {
            return;
        }
        List<string> earlier = await db.Briefings.AsNoTracking().Where(b => b.BasisKey == briefing.BasisKey && b.AsOf < briefing.AsOf)
            .OrderByDescending(b => b.AsOf).Take(Consecutive - 1).Select(b => b.RowsJson).ToListAsync(ct);
        if (earlier.Count < Consecutive - 1)
        {
            return;
        }
        foreach (string json in earlier)
        {
            BriefingContent content = JsonSerializer.Deserialize<BriefingContent>(json, DemolitionProcedure.Json)!;
            HashSet<Guid> before = [.. content.Rows.Where(r => r.Row.Lagging && r.Row.StreetId is not null).Select(r => r.Row.StreetId!.Value)];
            lagging.RemoveAll(s => !before.Contains(s));
        }
        List<Guid> proposed = await db.Interviews.Where(i => lagging.Contains(i.StreetId) && i.BasisKey == briefing.BasisKey && i.State == InterviewState.Proposed)
            .Select(i => i.StreetId).ToListAsync(ct);
        foreach (ProgressRow row in report.Rows.Where(r => r.StreetId is { } s && lagging.Contains(s) && !proposed.Contains(s)))
        {
            var interview = new Interview
            {
                StreetId = row.StreetId!.Value, BasisKey = briefing.BasisKey, BriefingId = briefing.Id, State = InterviewState.Proposed, ProposedAt = now,
                Reason = $"{report.Title}：连续 {Consecutive} 次通报面积完成率低于时间进度的 {report.LagThreshold * 100:0}%"
                    + $"（本次完成率 {(row.AreaRate ?? 0) * 100:0.0}%，时间进度 {report.ElapsedShare * 100:0.0}%），建议约谈",
            };
            db.Interviews.Add(interview);
            db.EnqueueOutbox("demolition.interview-proposed",
                new { interviewId = interview.Id, streetId = interview.StreetId, street = row.StreetName, briefingId = briefing.Id, interview.Reason }, now, DemolitionProcedure.Json);
        }
    }

    /// <summary>
    /// Makes whatever scheduled briefing is due and missing: weekly and monthly, for every running task and plan year.
    /// With <paramref name="asOf"/>, as the schedule stood at that earlier moment (a demo district's past weeks).
    /// </summary>
    public async Task<int> RunScheduledAsync(CancellationToken ct, DateTimeOffset? asOf = null)
    {
        DateTimeOffset now = asOf ?? time.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now);
        var bases = new List<string>();
        bases.AddRange((await db.DemolitionTasks.AsNoTracking().Where(t => t.IssuedOn <= today && t.Deadline >= today).Select(t => t.Id).ToListAsync(ct)).Select(TaskBasis));
        bases.AddRange((await db.DemolitionPlans.AsNoTracking().Where(p => p.FirstYear <= today.Year && p.LastYear >= today.Year).Select(p => p.Id).ToListAsync(ct))
            .Select(id => PlanBasis(id, today.Year)));
        int made = 0;
        foreach ((BriefingKind kind, string period) in BriefingSchedule.Due(ShanghaiTime.ToShanghai(now), config))
        {
            foreach (string basis in bases)
            {
                if (!await db.Briefings.AnyAsync(b => b.Kind == kind && b.BasisKey == basis && b.PeriodKey == period, ct)
                    && await GenerateAsync(kind, basis, period, "定时通报", ct, asOf) is not null)
                {
                    made++;
                }
            }
        }
        return made;
    }
}

/// <summary>What a briefing stores of its table: the time elapsed, the threshold, the ranked rows and the total.</summary>
public sealed record BriefingContent(decimal ElapsedShare, decimal LagThreshold, IReadOnlyList<BriefingRow> Rows, ProgressRow Total);

/// <summary>
/// When scheduled briefings fall due (Shanghai time): weekly from Monday 09:00 of each ISO week,
/// monthly from 09:00 on the 1st; a period missed while the service was down is made on the next run.
/// </summary>
public static class BriefingSchedule
{
    public static IEnumerable<(BriefingKind Kind, string Period)> Due(DateTimeOffset local, IConfiguration config)
    {
        TimeSpan at = TimeSpan.TryParse(config["Demolition:Briefings:At"], CultureInfo.InvariantCulture, out TimeSpan t) ? t : new TimeSpan(9, 0, 0);
        DateTime day = local.DateTime.Date;
        DateTime monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        if (config.GetValue("Demolition:Briefings:Weekly", true) && local.DateTime >= monday + at)
        {
            yield return (BriefingKind.Weekly, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):D2}");
        }
        if (config.GetValue("Demolition:Briefings:Monthly", true) && local.DateTime >= new DateTime(day.Year, day.Month, 1) + at)
        {
            yield return (BriefingKind.Monthly, $"{day:yyyy-MM}");
        }
    }
}

/// <summary>Runs <see cref="BriefingService.RunScheduledAsync"/> every few minutes on the app's clock (Demolition:Briefings:Scheduler:Enabled, :IntervalSeconds).</summary>
internal sealed class BriefingScheduler(IServiceScopeFactory scopes, TimeProvider time, IConfiguration config, ILogger<BriefingScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Where the clock sweeper is switched off (tests on a stopped clock drive background work by hand), so is this.
        if (!config.GetValue("Demolition:Briefings:Scheduler:Enabled", config.GetValue("Clocks:Sweeper:Enabled", true)))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(config.GetValue("Demolition:Briefings:Scheduler:IntervalSeconds", 300)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // A clock moved forward by days fires every missed tick at once, running this loop inline; yielding lets the
            // ticks coalesce into one, as a real clock's would (a test's FakeTimeProvider.Advance otherwise runs the body per tick).
            await Task.Yield();
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<BriefingService>().RunScheduledAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Scheduled briefings failed; retrying on the next tick");
            }
        }
    }
}
