using System.Text.Json;
using Chengguan.Assessment;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The demo's performance assessment: version 1 of every kind's scheme from the indicator library, the previous
/// quarter (its manual indicators scored by the section chief with evidence, one bonus and one deduction; published
/// after readiness by <see cref="DemoAssessmentPublication"/>, from the platform's data), the current quarter and the
/// current year in progress (computed live, nothing scored yet). Deterministic (values from the subjects' order) and cheap: a few
/// hundred rows in one save.
/// </summary>
internal static class DemoAssessment
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.AssessmentSchemes.AnyAsync(ct) || await db.AssessmentPeriods.AnyAsync(ct))
        {
            return;
        }
        DateTimeOffset now = clock.GetUtcNow();
        string chief = await db.Users.AsNoTracking().Where(u => u.UserName == "chief").Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "科长";
        var schemes = Enum.GetValues<AssessedKind>().Select(kind => new AssessmentScheme
        {
            Kind = kind, Version = 1, Name = IndicatorLibrary.KindName(kind) + "考核方案（" + ShanghaiTime.DateOf(now).Year + "）",
            ItemsJson = SchemeItem.Write(IndicatorLibrary.Defaults(kind)), BandsJson = JsonSerializer.Serialize(Bands.Default, SchemeItem.Json),
            BonusCap = 5, DeductionCap = 10, CreatedAt = now.AddDays(-120), CreatedBy = "演示数据",
        }).ToList();
        db.AssessmentSchemes.AddRange(schemes);
        string pinned = string.Join(',', schemes.Select(s => s.Id));

        DateOnly today = ShanghaiTime.DateOf(now);
        (DateOnly from, DateOnly to) current = Periods.Span(PeriodKind.Quarter, Periods.KeyOf(PeriodKind.Quarter, today))!.Value;
        (DateOnly from, DateOnly to) past = Periods.Span(PeriodKind.Quarter, Periods.KeyOf(PeriodKind.Quarter, current.from.AddDays(-1)))!.Value;
        var previous = new AssessmentPeriod
        {
            Name = Periods.NameOf(PeriodKind.Quarter, past.from), PeriodKind = PeriodKind.Quarter, From = past.from, To = past.to, SchemeIds = pinned,
            AppealDays = 5, State = PeriodState.Open, IsDemo = true, CreatedAt = ShanghaiTime.StartOf(past.from), CreatedBy = "演示数据",
        };
        db.AssessmentPeriods.Add(previous);
        db.AssessmentPeriods.Add(new AssessmentPeriod
        {
            Name = Periods.NameOf(PeriodKind.Quarter, current.from), PeriodKind = PeriodKind.Quarter, From = current.from, To = current.to, SchemeIds = pinned,
            AppealDays = 5, State = PeriodState.Open, IsDemo = true, CreatedAt = ShanghaiTime.StartOf(current.from), CreatedBy = "演示数据",
        });
        // The year in progress: the yearly individual assessment of every officer (own cases, training hours) alongside the units'.
        var year = new DateOnly(today.Year, 1, 1);
        db.AssessmentPeriods.Add(new AssessmentPeriod
        {
            Name = Periods.NameOf(PeriodKind.Year, year), PeriodKind = PeriodKind.Year, From = year, To = new DateOnly(today.Year, 12, 31), SchemeIds = pinned,
            AppealDays = 5, State = PeriodState.Open, IsDemo = true, CreatedAt = ShanghaiTime.StartOf(year), CreatedBy = "演示数据",
        });

        // The previous quarter's manual indicators, scored at its end by the section chief.
        DateTimeOffset scoredAt = ShanghaiTime.StartOf(past.to).AddHours(16);
        var units = await db.Units.AsNoTracking().Where(u => u.Active && (u.Kind == UnitKind.StreetTeam || u.Kind == UnitKind.Squad || u.Kind == UnitKind.Section))
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.Kind }).ToListAsync(ct);
        var officers = await db.People.AsNoTracking().Where(p => p.Active && p.BadgeNumber != null).OrderBy(p => p.BadgeNumber).Select(p => p.Id).ToListAsync(ct);
        int n = 0;
        void Score(Guid subject, SchemeItem item, string evidence) => db.AssessmentScores.Add(new AssessmentScore
        {
            PeriodId = previous.Id, SubjectId = subject, IndicatorCode = item.Code, Value = 75 + (n++ * 7 % 25), Evidence = evidence,
            EvidenceRef = $"{previous.Name}考核台账第 {n} 页", Assessor = chief, ScoredAt = scoredAt,
        });
        foreach (var u in units)
        {
            AssessedKind kind = u.Kind switch { UnitKind.StreetTeam => AssessedKind.StreetTeam, UnitKind.Squad => AssessedKind.Squad, _ => AssessedKind.Section };
            foreach (SchemeItem item in IndicatorLibrary.Defaults(kind).Where(i => i.IsManual))
            {
                Score(u.Id, item, $"{item.Name}：查阅季度台账、会议记录和现场检查记录");
            }
        }
        SchemeItem conduct = IndicatorLibrary.Defaults(AssessedKind.Officer).Single(i => i.IsManual);
        foreach (Guid officer in officers)
        {
            Score(officer, conduct, "所在中队季度评议及考勤记录");
        }
        var team = units.FirstOrDefault(u => u.Kind == UnitKind.StreetTeam);
        var squad = units.FirstOrDefault(u => u.Kind == UnitKind.Squad);
        if (team is not null)
        {
            db.AssessmentAdjustments.Add(new AssessmentAdjustment
            {
                PeriodId = previous.Id, SubjectId = team.Id, Points = 2, Reason = "市容环境整治工作获区政府通报表扬", EnteredBy = chief, EnteredAt = scoredAt,
            });
        }
        if (squad is not null)
        {
            db.AssessmentAdjustments.Add(new AssessmentAdjustment
            {
                PeriodId = previous.Id, SubjectId = squad.Id, Points = -1, Reason = "执法记录仪使用检查中发现一起未全程记录", EnteredBy = chief, EnteredAt = scoredAt,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Publishes the demo's previous quarter once after readiness, computed from the platform's data by the assessment's
/// own calculator (a whole district's quarter takes a moment, so the first start is not held up by it).
/// </summary>
internal sealed class DemoAssessmentPublication(IServiceScopeFactory scopes, StartupReport report, TimeProvider time, ILogger<DemoAssessmentPublication> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await report.WhenReady.WaitAsync(stoppingToken);
        if (report.DemoAccounts.Count == 0)
        {
            return;
        }
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            DateOnly today = ShanghaiTime.Today(time);
            AssessmentPeriod? period = await db.AssessmentPeriods
                .Where(p => p.IsDemo && p.State == PeriodState.Open && p.ResultVersion == 0 && p.To < today).OrderBy(p => p.From).FirstOrDefaultAsync(stoppingToken);
            if (period is null)
            {
                return;
            }
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            List<SubjectResult> results = await scope.ServiceProvider.GetRequiredService<AssessmentCalculator>().ComputeAsync(period, stoppingToken);
            DateTimeOffset now = time.GetUtcNow();
            (period.State, period.PublishedAt, period.AppealUntil) = (PeriodState.Published, now, now.AddDays(period.AppealDays));
            await AssessmentPublication.StoreAsync(db, period, results, now, stoppingToken);
            logger.LogInformation("Demo assessment {Period} published in {Ms} ms: {Count} results", period.Name,
                (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, results.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A demo nicety must not stop the app: the period stays open and can be published from the console.
            logger.LogWarning(e, "Demo assessment could not be published");
        }
    }
}
