using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Data.Seeding;
using Chengguan.Evidence;
using Chengguan.Kpis;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Data;

/// <summary>An app of its own whose demo district gets its 90 days of history, as a product first start does.</summary>
public abstract class DemoHistoryApp : ChengguanApp
{
    protected override bool SeedDemoHistory => true;
}

public sealed class DemoHistorySqliteApp : DemoHistoryApp
{
    public override Engine Engine => Engine.Sqlite;
}

public sealed class DemoHistoryPostgresApp : DemoHistoryApp
{
    public override Engine Engine => Engine.Postgres;
}

public abstract class DemoHistoryTests<TApp>(TApp app) where TApp : DemoHistoryApp
{
    [Fact]
    public async Task The_history_written_in_bulk_lands_in_the_kpi_rollups_exactly()
    {
        app.RequireAvailable();
        var (differences, rows) = await app.WithDbAsync(async db => (await new Chengguan.Kpis.Rollups.KpiRollups(db).VerifyAsync(default), await db.KpiRollups.CountAsync()));
        Assert.Empty(differences);
        Assert.True(rows > 1_000, $"{rows} rollup rows for 90 days of history");
    }

    [Fact]
    public async Task Seeded_history_has_cases_in_every_state_and_every_side_path()
    {
        app.RequireAvailable();
        var (states, actions, count) = await app.WithDbAsync(async db => (
            // 待签收, 待核实, 已核实 and 已立案 last minutes, a suspension hours to days: at some hours no case may be
            // in them (the history is as of the test's own now), but cases have passed through each.
            (await db.Cases.Select(c => c.State).Distinct().ToListAsync())
                .Concat(await db.CaseEvents.Where(e => e.ToState == CaseState.Received || e.ToState == CaseState.Reported || e.ToState == CaseState.Verified || e.ToState == CaseState.Filed
                    || e.ToState == CaseState.Suspended)
                    .Select(e => e.ToState!.Value).Distinct().ToListAsync()).ToList(),
            await db.CaseEvents.Select(e => e.Action).Distinct().ToListAsync(),
            await db.Cases.CountAsync()));
        // About 150 a working day and fewer on rest days over 90 days.
        Assert.InRange(count, 8_000, 14_000);
        CaseState[] expected =
        [
            CaseState.Received, CaseState.Accepted, CaseState.OnSite, CaseState.PreliminaryDone, CaseState.Handled, CaseState.Replied, CaseState.Closed,
            CaseState.Reported, CaseState.Verified, CaseState.Filed, CaseState.Dispatched, CaseState.FedBack, CaseState.Checked, CaseState.Evaluated,
            CaseState.Suspended, CaseState.Voided, CaseState.Withdrawn, CaseState.Merged,
        ];
        Assert.Empty(expected.Except(states));
        string[] paths =
        [
            "Return", "Redeliver", "Reassign", "RequestExtension", "ApproveExtension", "RejectExtension", "Suspend", "Resume", "Merge", "ReplyReturned",
            "Rehandle", "Callback", "Withdraw", "Rework", "Void", "Urge", "Supervise", "SubmitReply", "ApproveReply", "Reply", "CheckIn", "Evaluate",
        ];
        Assert.Empty(paths.Except(actions));
    }

    [Fact]
    public async Task Clocks_are_met_and_breached_at_rates_that_differ_by_street_and_their_ledgers_recompute_to_the_same_due_times()
    {
        app.RequireAvailable();
        var rates = await app.WithDbAsync(async db => (await db.Clocks.Where(k => k.State == ClockState.Met || k.State == ClockState.Breached)
            .Join(db.Cases, k => k.SubjectId, c => c.Id, (k, c) => new { c.StreetId, k.State }).ToListAsync())
            .GroupBy(x => x.StreetId).Select(g => g.Count(x => x.State == ClockState.Breached) / (double)g.Count()).ToList());
        Assert.True(rates.Count >= 10);
        Assert.All(rates, r => Assert.InRange(r, 0.001, 0.4));
        Assert.True(rates.Max() - rates.Min() > 0.03, "breach rates should differ between streets");

        // The engine's own arithmetic over each seeded ledger gives the stored due time.
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Chengguan.Data.AppDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<CalendarStore>();
        var calendar = (await store.GetCurrentAsync(db, CalendarVersion.DefaultName, default))!.Value.Calendar;
        List<Clock> sample = await db.Clocks.AsNoTracking().Include(k => k.Ledger).Include(k => k.Policy).Where(k => k.SubjectType == "case" && k.LedgerCount > 1)
            .OrderBy(k => k.Id).Take(300).ToListAsync();
        Assert.NotEmpty(sample);
        foreach (Clock k in sample)
        {
            LedgerItem[] ledger = [.. k.Ledger.OrderBy(l => l.Seq).Select(l => new LedgerItem(l.Type, l.At, l.Amount))];
            Assert.Equal(k.LedgerCount, ledger.Length);
            ClockSchedule s = ClockMath.Compute(calendar, k.Policy!.Limit, k.Policy.WarnPercent, ledger, k.StoppedAt ?? TimeProvider.System.GetUtcNow());
            Assert.Equal(s.Due, k.DueAt);
        }
    }

    [Fact]
    public async Task Briefings_of_the_past_weeks_are_made_after_start_each_as_of_its_own_due_time()
    {
        app.RequireAvailable();
        // Made in the background after readiness (PDFs and workbooks): wait for them, up to two minutes on a busy machine.
        List<Chengguan.Demolition.Briefings.Briefing> weekly = [];
        for (int i = 0; i < 240 && weekly.Count < 2 * (DemoBriefings.Weeks + 1); i++)
        {
            await Task.Delay(500);
            weekly = await app.WithDbAsync(db => db.Briefings.AsNoTracking().Where(b => b.Kind == Chengguan.Demolition.Briefings.BriefingKind.Weekly).ToListAsync());
        }
        // The running task batch and the plan year, every week of the last eight and this one.
        Assert.True(weekly.Count >= 2 * (DemoBriefings.Weeks + 1), $"{weekly.Count} weekly briefings");
        var past = weekly.Where(b => b.AsOf < b.CreatedAt.AddMinutes(-1)).ToList();
        // Eight weeks; a ninth when the oldest month's 1st fell in the week before them.
        Assert.InRange(past.Select(b => b.PeriodKey).Distinct().Count(), DemoBriefings.Weeks, DemoBriefings.Weeks + 1);
        Assert.All(past, b =>
        {
            DateTimeOffset local = Chengguan.Infrastructure.ShanghaiTime.ToShanghai(b.AsOf);
            Assert.True((local.DayOfWeek == DayOfWeek.Monday || local.Day == 1) && (local.Hour, local.Minute) == (9, 1), local.ToString("O"));
        });
    }

    [Fact]
    public async Task Kpis_of_the_last_month_are_not_zero()
    {
        app.RequireAvailable();
        DateOnly today = Chengguan.Infrastructure.ShanghaiTime.DateOf(TimeProvider.System.GetUtcNow());
        string query = $"from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        KpiReport report = await (await (await app.ClientFor("leader")).GetAsync("/api/kpis?" + query)).OkJson<KpiReport>();
        Assert.True(report.Rows.Count >= 10);
        foreach (string kpi in new[] { Kpi.OnTimeAccept, Kpi.OnTimeClosure, Kpi.Closure, Kpi.Satisfaction, Kpi.Rework })
        {
            Assert.True(report.Total[kpi].Denominator > 0, kpi);
            Assert.True(report.Total[kpi].Numerator > 0, kpi);
        }
    }

    [Fact]
    public async Task Officers_handle_under_their_own_accounts_so_the_yearly_assessment_counts_each_officers_own_cases()
    {
        app.RequireAvailable();
        // Every 处置 line names the account of a person of the register, as a live move does (the individual assessment keys on it).
        var (lines, named, people) = await app.WithDbAsync(async db => (
            await db.CaseEvents.CountAsync(e => e.Action == "Handle"),
            await db.CaseEvents.CountAsync(e => e.Action == "Handle" && db.Users.Any(u => u.Id == e.ActorId && u.PersonId != null)),
            await db.CaseEvents.Where(e => e.Action == "Handle").Join(db.Users, e => e.ActorId, u => u.Id, (e, u) => u.PersonId).Distinct().ToListAsync()));
        Assert.True(lines > 1000, $"{lines} handling lines");
        Assert.Equal(lines, named);
        Assert.True(people.Count >= 20, $"{people.Count} officers handled cases");

        // The demo's year in progress (or, early in January, last year's, which the 90 days of history reach into).
        HttpClient leader = await app.ClientFor("leader");
        DateOnly today = Chengguan.Infrastructure.ShanghaiTime.DateOf(TimeProvider.System.GetUtcNow());
        List<Chengguan.Assessment.PeriodDto> periods = await (await leader.GetAsync("/api/assessment/periods")).OkJson<List<Chengguan.Assessment.PeriodDto>>();
        Chengguan.Assessment.PeriodDto period = today.DayOfYear > 30
            ? periods.Single(x => x.Name == $"{today.Year}年度")
            : await (await leader.PostJson("/api/assessment/periods", new { kind = "Year", key = $"{today.Year - 1}", name = "上年度-" + Guid.NewGuid().ToString("N")[..8] }))
                .OkJson<Chengguan.Assessment.PeriodDto>(System.Net.HttpStatusCode.Created);
        // Two officers without a sign-in of their own (zf + badge accounts) and the Jiangning officer (jnl.officer).
        Guid[] sample = await app.WithDbAsync(async db => (await db.Users.Where(u => u.UserName!.StartsWith("zf") && u.PersonId != null).OrderBy(u => u.UserName)
                .Select(u => u.PersonId!.Value).Take(2).ToListAsync())
            .Append(await db.Users.Where(u => u.UserName == "jnl.officer").Select(u => u.PersonId!.Value).SingleAsync()).ToArray());
        foreach (Guid officer in sample)
        {
            var detail = await (await leader.GetAsync($"/api/assessment/periods/{period.Id}/results/{officer}")).OkJson<Chengguan.Assessment.ResultDetail>();
            Assert.Equal(Chengguan.Assessment.AssessedKind.Officer, detail.Result.Kind);
            Chengguan.Assessment.ResultLine onTime = detail.Result.Lines.Single(l => l.Code == Kpi.OnTimeClosure);
            Assert.True(onTime.Denominator > 0, $"{detail.Result.Name}: own on-time closure counted");
            Assert.NotNull(onTime.Value);
            Assert.True(detail.Result.Lines.Single(l => l.Code == Kpi.Rework).Denominator > 0, $"{detail.Result.Name}: own handlings counted");
        }
    }

    [Fact]
    public async Task Evidence_thumbnails_open_and_the_same_date_gives_the_same_cases()
    {
        app.RequireAvailable();
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Chengguan.Data.AppDbContext>();
        EvidenceItem photo = await db.Evidence.AsNoTracking().FirstAsync(e => e.SubjectType == "case" && e.Purpose == EvidencePurpose.CheckIn);
        HttpResponseMessage file = await (await app.ClientFor("leader")).GetAsync($"/api/cases/{photo.SubjectId}/evidence/{photo.Id}/content");
        Assert.Equal(System.Net.HttpStatusCode.OK, file.StatusCode);
        byte[] png = await file.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);

        DemoHistoryWorld world = (await DemoHistory.LoadAsync(db, scope.ServiceProvider.GetRequiredService<CalendarStore>(),
            scope.ServiceProvider.GetRequiredService<EvidenceStore>(), default))!;
        var now = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
        DemoHistory.Rows first = DemoHistory.Generate(world, now, "JA", 1), second = DemoHistory.Generate(world, now, "JA", 1);
        Assert.Equal(first.Cases.Select(c => (c.Number, c.Id, c.State, c.ReportedAt)), second.Cases.Select(c => (c.Number, c.Id, c.State, c.ReportedAt)));
        Assert.Equal(first.Clocks.Select(k => (k.Id, k.State, k.DueAt)), second.Clocks.Select(k => (k.Id, k.State, k.DueAt)));
        // Later on the same day: the days before are the same, case for case.
        DemoHistory.Rows later = DemoHistory.Generate(world, now.AddHours(5), "JA", 1);
        DateTimeOffset midnight = Chengguan.Infrastructure.ShanghaiTime.StartOf(Chengguan.Infrastructure.ShanghaiTime.DateOf(now));
        Assert.Equal(first.Cases.Where(c => c.ReportedAt < midnight).Select(c => c.Number), later.Cases.Where(c => c.ReportedAt < midnight).Select(c => c.Number));
    }
}

public sealed class DemoHistoryTestsOnSqlite(DemoHistorySqliteApp app) : DemoHistoryTests<DemoHistorySqliteApp>(app), IClassFixture<DemoHistorySqliteApp>;

public sealed class DemoHistoryTestsOnPostgres(DemoHistoryPostgresApp app) : DemoHistoryTests<DemoHistoryPostgresApp>(app), IClassFixture<DemoHistoryPostgresApp>;
