using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

public sealed record NoticeYearDto(int Year, string Notice, string? Url, string? AmendedBy, string[] Holidays, string[] Workdays);
public sealed record CalendarVersionDto(Guid Id, string Name, int Version, string TimeZoneId, string WeekdayPeriods, SpecialHoursDto[] SpecialHours, int[] Years, string Source, DateTimeOffset CreatedAt, string? CreatedBy);
public sealed record CalendarDto(CalendarVersionDto Version, IReadOnlyList<NoticeYearDto> Notices);
public sealed record CalendarImportResult(CalendarVersionDto Version, int RecomputedClocks);
public sealed record PreviewResponse(
    DateTimeOffset Start, DateTimeOffset Due, string DueLocal, int Amount, TimeLimitKind Kind,
    long WorkingMinutes, bool Provisional, string Calendar, int CalendarVersion);

public static partial class ClocksEndpoints
{
    /// <summary>A year's notice is about 2 KB; half a megabyte is every year there will ever be.</summary>

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void MapClocks(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/calendars").WithTags("Clocks").RequireAuthorization(Policies.Staff);
        calendars.MapGet("/", ListVersions);
        calendars.MapGet("/{name}", Current);
        calendars.MapPost("/{name}/notices", ImportNotices).RequireAuthorization(Policies.Admin).WithBodyLimit(HolidayNotices.MaxUpload)
            .Accepts<JsonElement>("application/json")
            .WithSummary("导入一年或多年的节假日安排通知，生成新的日历版本");

        app.MapCalendarAdmin();
        app.MapClockQueries();
        app.MapClockPolicies();
        app.MapGet("/api/clocks/preview", Preview).WithTags("Clocks").RequireAuthorization(Policies.StaffOrIntegration).ForIntegrations(IntegrationOperation.ClockPreview)
            .WithSummary("时限计算器：起算时间 + 时限 → 截止时间 (deadline calculator)");
    }

    private static async Task<Ok<List<CalendarVersionDto>>> ListVersions(AppDbContext db, CancellationToken ct) => TypedResults.Ok(await VersionsAsync(db, ct));

    public static async Task<List<CalendarVersionDto>> VersionsAsync(AppDbContext db, CancellationToken ct)
    {
        List<CalendarVersion> versions = await db.CalendarVersions.AsNoTracking().OrderBy(c => c.Name).ThenByDescending(c => c.Version).ToListAsync(ct);
        return [.. versions.Select(ToDto)];
    }

    private static async Task<Results<Ok<CalendarDto>, ProblemHttpResult>> Current(string name, AppDbContext db, CalendarStore store, CancellationToken ct) =>
        await CurrentAsync(name, db, store, ct) is { } calendar ? TypedResults.Ok(calendar) : Problems.NotFound("日历不存在");

    /// <summary>A calendar's current version with its years' notices; null when there is no such calendar.</summary>
    public static async Task<CalendarDto?> CurrentAsync(string name, AppDbContext db, CalendarStore store, CancellationToken ct)
    {
        var current = await store.GetCurrentAsync(db, name, ct);
        if (current is not { } c)
        {
            return null;
        }
        IReadOnlyList<HolidayNoticeYear> years = HolidayNotices.Parse(c.Version.NoticesJson);
        return new CalendarDto(ToDto(c.Version), [.. years.Select(y => new NoticeYearDto(
            y.Year, y.Notice, y.Url, y.AmendedBy, [.. y.Holidays.Select(d => Iso(d.Date))], [.. y.Workdays.Select(d => Iso(d.Date))]))]);
    }

    private static async Task<Results<Created<CalendarImportResult>, ValidationProblem, ProblemHttpResult>> ImportNotices(
        string name, HttpRequest request, AppDbContext db, CalendarStore store, CurrentUser user, TimeProvider clock, IServiceScopeFactory scopes, CancellationToken ct)
    {
        byte[] bytes = await BodyLimits.ReadBodyAsync(request, HolidayNotices.MaxUpload, ct);
        string body;
        try
        {
            body = s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Validation("body", "请求体不是有效的 UTF-8 文本");
        }
        return await ImportNoticesAsync(name, body, db, store, user, clock, scopes, ct);
    }

    /// <summary>A notice import (one or more years), shared by the endpoint and the console's calendar page.</summary>
    public static async Task<Results<Created<CalendarImportResult>, ValidationProblem, ProblemHttpResult>> ImportNoticesAsync(
        string name, string body, AppDbContext db, CalendarStore store, CurrentUser user, TimeProvider clock, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var current = await store.GetCurrentAsync(db, name, ct);
        if (current is not { } c)
        {
            return Problems.NotFound("日历不存在");
        }
        IReadOnlyList<HolidayNoticeYear> imported;
        try
        {
            imported = HolidayNotices.Parse(body);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Problems.Validation("years", "通知格式有误：" + e.Message);
        }
        var errors = new FieldErrors();
        if (imported.Count == 0)
        {
            errors.Add("years", "至少包含一年的通知");
        }
        for (int i = 0; i < imported.Count; i++)
        {
            HolidayNoticeYear y = imported[i];
            if (string.IsNullOrWhiteSpace(y.Notice))
            {
                errors.Add($"years[{i}].notice", "须注明通知名称");
            }
            foreach (HolidayNoticeDay d in y.Workdays.Where(d => d.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
            {
                errors.Add($"years[{i}].workdays", $"{Iso(d.Date)} 不是周末，不能作为调休上班日");
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        // A year in the file replaces that year's notice; other years carry over unchanged.
        var merged = HolidayNotices.Parse(c.Version.NoticesJson).Where(y => imported.All(n => n.Year != y.Year)).Concat(imported).ToList();
        var next = new CalendarVersion
        {
            Name = c.Version.Name,
            Version = c.Version.Version + 1,
            TimeZoneId = c.Version.TimeZoneId,
            WeekdayPeriods = c.Version.WeekdayPeriods,
            NoticesJson = CalendarVersion.Serialize(merged),
            Source = "导入：" + string.Join("；", imported.Select(y => $"{y.Year} {y.Notice}")),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = user.Name,
        };
        if (next.Source.Length > 200)
        {
            next.Source = next.Source[..200];
        }
        store.Get(next);
        db.CalendarVersions.Add(next);
        await db.SaveChangesAsync(ct);
        int recomputed = await RecomputeRunningClocksAsync(scopes, next.Name, ct);
        return TypedResults.Created($"/api/calendars/{next.Name}", new CalendarImportResult(ToDto(next), recomputed));
    }

    /// <summary>
    /// Moves every running working-time clock on this calendar to the new version, in batches of
    /// their own. Natural-time clocks do not depend on holidays; ended clocks never change.
    /// </summary>
    private static readonly string[] s_recomputedFields =
    [
        nameof(Clock.CalendarVersionId), nameof(Clock.LedgerCount), nameof(Clock.DueAt), nameof(Clock.WarnAt), nameof(Clock.Provisional),
        nameof(Clock.StoppedAt), nameof(Clock.ConsumedMinutes), nameof(Clock.MarginMinutes), nameof(Clock.State), nameof(Clock.BreachedAt),
        nameof(Clock.NextCheckAt), nameof(Clock.NextStep),
    ];

    internal static async Task<int> RecomputeRunningClocksAsync(IServiceScopeFactory scopes, string calendar, CancellationToken ct, bool includeNaturalDays = false)
    {
        const int batch = 1000;
        int total = 0;
        Guid after = Guid.Empty;
        while (true)
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            ClockService clocks = scope.ServiceProvider.GetRequiredService<ClockService>();
            var current = await scope.ServiceProvider.GetRequiredService<CalendarStore>().GetCurrentAsync(db, calendar, ct);
            if (current is not { } c)
            {
                return total;
            }
            List<Clock> rows = await db.Clocks.AsNoTracking().Include(x => x.Policy).Include(x => x.Ledger)
                .Where(x => x.Id.CompareTo(after) > 0 && x.StoppedAt == null && x.State != ClockState.Cancelled
                    && x.CalendarVersionId != c.Version.Id
                    && x.Policy!.Calendar == calendar
                    && (x.Policy.Kind == TimeLimitKind.WorkingHours || x.Policy.Kind == TimeLimitKind.WorkingDays
                        || (includeNaturalDays && x.Policy.Kind == TimeLimitKind.NaturalDays)))
                .OrderBy(x => x.Id).Take(batch).AsSplitQuery().ToListAsync(ct);
            List<Guid> ids = [.. rows.Select(x => x.Id)];
            var recorded = (await db.ClockEvents.Where(e => ids.Contains(e.ClockId)).Select(e => new { e.ClockId, e.Step, e.DueAt }).ToListAsync(ct))
                .ToLookup(e => e.ClockId, e => (e.Step, e.DueAt));
            var lines = new List<ClockLedgerEntry>(rows.Count);
            var moved = new List<Clock>(rows.Count);
            foreach (Clock clock in rows)
            {
                if (await clocks.RecalculateAsync(clock, c.Version, c.Calendar, recorded, track: false, ct) is { } line)
                {
                    lines.Add(line);
                    moved.Add(clock);
                }
            }
            // Read untracked and written in bulk: 100,000 clocks must move in well under 30 s.
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await new BulkWrite(db, scope.ServiceProvider.GetRequiredService<TimeProvider>())
                    .Insert(lines)
                    .Update(moved, s_recomputedFields)
                    .ExecuteAsync($"calendar-recalc: {calendar} v{c.Version.Version}, {moved.Count} clocks", null, ct);
                await tx.CommitAsync(ct);
            }
            total += moved.Count;
            if (rows.Count < batch)
            {
                return total;
            }
            after = rows[^1].Id;
        }
    }

    private static async Task<Results<Ok<PreviewResponse>, ValidationProblem, ProblemHttpResult>> Preview(
        string? start, int? amount, string? kind, string? calendar, AppDbContext db, CalendarStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        TimeLimitKind limitKind = default;
        if (kind is null || !Enum.TryParse(kind, ignoreCase: true, out limitKind) || int.TryParse(kind, out _))
        {
            errors.Add("kind", "时限类型须为 naturalMinutes、urgentHours、workingHours、workingDays 或 naturalDays");
        }
        if (amount is not (>= 0 and <= 100_000))
        {
            errors.Add("amount", "时限数值须为 0–100000 的整数");
        }
        if (string.IsNullOrWhiteSpace(start))
        {
            errors.Add("start", "起算时间不能为空（ISO 8601，如 2026-01-05T16:30+08:00；不带时区时按日历时区）");
        }
        var current = await store.GetCurrentAsync(db, calendar ?? CalendarVersion.DefaultName, ct);
        if (current is null)
        {
            errors.Add("calendar", "日历不存在");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        (CalendarVersion version, WorkingCalendar cal) = current!.Value;
        if (!TryParseInstant(start!, cal.TimeZone, out DateTimeOffset startAt))
        {
            return Problems.Validation("start", "起算时间格式有误（ISO 8601，如 2026-01-05T16:30+08:00）");
        }
        DueResult due;
        try
        {
            due = TimeLimitCalculator.Add(cal, startAt, new TimeLimit(amount!.Value, limitKind));
        }
        catch (ArgumentOutOfRangeException)
        {
            return Problems.Validation("amount", "截止时间超出日历可计算的范围");
        }
        DateTimeOffset local = TimeZoneInfo.ConvertTime(due.DueUtc, cal.TimeZone);
        return TypedResults.Ok(new PreviewResponse(
            startAt.ToUniversalTime(), due.DueUtc, local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), amount.Value, limitKind,
            TimeLimitCalculator.WorkingMinutesBetween(cal, startAt, due.DueUtc), due.Provisional, version.Name, version.Version));
    }

    /// <summary>An ISO 8601 instant; without an offset it is a wall-clock time in the calendar's zone.</summary>
    internal static bool TryParseInstant(string text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        text = text.Trim();
        if (HasOffset().IsMatch(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return false;
        }
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return true;
    }

    internal static CalendarVersionDto ToDto(CalendarVersion v) => new(
        v.Id, v.Name, v.Version, v.TimeZoneId, v.WeekdayPeriods, JsonSerializer.Deserialize<SpecialHoursDto[]>(v.SpecialHoursJson, JsonSerializerOptions.Web) ?? [], [.. HolidayNotices.Parse(v.NoticesJson).Select(y => y.Year)], v.Source, v.CreatedAt, v.CreatedBy);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
