using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

/// <summary>
/// Clocks' door for working calendars: the versions, the current calendar with its holiday notices, notice imports,
/// new calendars and changes (each a new version that the running clocks move onto), and the deadline calculator.
/// The API (/api/calendars, /api/clocks/preview) and the console's calendar page both use it.
/// </summary>
public sealed partial class Calendars(AppDbContext db, CalendarStore store, CurrentUser user, TimeProvider clock, IServiceScopeFactory scopes)
{
    public async Task<Outcome<List<CalendarVersionDto>>> VersionsAsync(CancellationToken ct)
    {
        List<CalendarVersion> versions = await db.CalendarVersions.AsNoTracking().OrderBy(c => c.Name).ThenByDescending(c => c.Version).ToListAsync(ct);
        return versions.Select(ToDto).ToList();
    }

    /// <summary>A calendar's current version with its years' notices.</summary>
    public async Task<Outcome<CalendarDto>> CurrentAsync(string name, CancellationToken ct)
    {
        var current = await store.GetCurrentAsync(db, name, ct);
        if (current is not { } c)
        {
            return new Outcome<CalendarDto>.NotFound("日历不存在");
        }
        IReadOnlyList<HolidayNoticeYear> years = HolidayNotices.Parse(c.Version.NoticesJson);
        return new CalendarDto(ToDto(c.Version), [.. years.Select(y => new NoticeYearDto(
            y.Year, y.Notice, y.Url, y.AmendedBy, [.. y.Holidays.Select(d => Iso(d.Date))], [.. y.Workdays.Select(d => Iso(d.Date))]))]);
    }

    /// <summary>A notice import (one or more years), shared by the endpoint and the console's calendar page.</summary>
    public async Task<Outcome<CalendarImportResult>> ImportNoticesAsync(string name, string body, CancellationToken ct)
    {
        var current = await store.GetCurrentAsync(db, name, ct);
        if (current is not { } c)
        {
            return new Outcome<CalendarImportResult>.NotFound("日历不存在");
        }
        IReadOnlyList<HolidayNoticeYear> imported;
        try
        {
            imported = HolidayNotices.Parse(body);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return new Outcome<CalendarImportResult>.Invalid(new FieldErrors().Add("years", "通知格式有误：" + e.Message));
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
            return new Outcome<CalendarImportResult>.Invalid(errors);
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
        int recomputed = await ClockRecompute.RunningClocksAsync(scopes, next.Name, ct);
        return new CalendarImportResult(ToDto(next), recomputed);
    }

    /// <summary>A new calendar (version 1), optionally with another calendar's holiday notices.</summary>
    public async Task<Outcome<CalendarVersionDto>> CreateAsync(CalendarCreateRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<CalendarVersionDto>.Invalid(errors);
        }
        if (!CalendarName().IsMatch(req.Name))
        {
            errors.Add("name", "日历名称只能由小写字母、数字和连字符组成（2–64 个字符）");
        }
        else if (await db.CalendarVersions.AnyAsync(c => c.Name == req.Name, ct))
        {
            errors.Add("name", "日历名称已存在");
        }
        string notices = CalendarVersion.Serialize([]);
        if (req.CopyNoticesFrom is { } from)
        {
            var source = await store.GetCurrentAsync(db, from, ct);
            if (source is null)
            {
                errors.Add("copyNoticesFrom", "要复制节假日安排的日历不存在");
            }
            else
            {
                notices = source.Value.Version.NoticesJson;
            }
        }
        var version = new CalendarVersion
        {
            Name = req.Name, Version = 1, TimeZoneId = req.TimeZoneId ?? WorkingCalendar.DefaultTimeZoneId,
            WeekdayPeriods = req.WeekdayPeriods ?? "09:00-12:00,13:00-17:30", NoticesJson = notices,
            SpecialHoursJson = SerializeSpecialHours(req.SpecialHours ?? []),
            Source = "新建", CreatedAt = clock.GetUtcNow(), CreatedBy = user.Name,
        };
        Validate(version, req.SpecialHours, errors);
        if (errors.Any)
        {
            return new Outcome<CalendarVersionDto>.Invalid(errors);
        }
        db.CalendarVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return ToDto(version);
    }

    /// <summary>A new version with another zone, working periods or special hours; the running clocks move onto it.</summary>
    public async Task<Outcome<CalendarImportResult>> ChangeAsync(string name, CalendarChangeRequest req, CancellationToken ct)
    {
        if (RequestValidation.Validate(req) is { Any: true } invalid)
        {
            return new Outcome<CalendarImportResult>.Invalid(invalid);
        }
        var current = await store.GetCurrentAsync(db, name, ct);
        if (current is not { } c)
        {
            return new Outcome<CalendarImportResult>.NotFound("日历不存在");
        }
        var next = new CalendarVersion
        {
            Name = name, Version = c.Version.Version + 1, TimeZoneId = req.TimeZoneId ?? c.Version.TimeZoneId,
            WeekdayPeriods = req.WeekdayPeriods ?? c.Version.WeekdayPeriods, NoticesJson = c.Version.NoticesJson,
            SpecialHoursJson = req.SpecialHours is null ? c.Version.SpecialHoursJson : SerializeSpecialHours(req.SpecialHours),
            Source = "修改：" + string.Join("、", new[]
            {
                req.TimeZoneId is null ? null : "时区", req.WeekdayPeriods is null ? null : "工作时段", req.SpecialHours is null ? null : "特殊工作时间",
            }.OfType<string>()),
            CreatedAt = clock.GetUtcNow(), CreatedBy = user.Name,
        };
        var errors = new FieldErrors();
        if (req.TimeZoneId is null && req.WeekdayPeriods is null && req.SpecialHours is null)
        {
            errors.Add("weekdayPeriods", "至少修改时区、工作时段或特殊工作时间中的一项");
        }
        Validate(next, req.SpecialHours, errors);
        if (errors.Any)
        {
            return new Outcome<CalendarImportResult>.Invalid(errors);
        }
        db.CalendarVersions.Add(next);
        await db.SaveChangesAsync(ct);
        // A new zone moves natural-day deadlines too (they fall due at local midnight).
        bool zoneChanged = next.TimeZoneId != c.Version.TimeZoneId;
        int recomputed = await ClockRecompute.RunningClocksAsync(scopes, name, ct, includeNaturalDays: zoneChanged);
        return new CalendarImportResult(ToDto(next), recomputed);
    }

    /// <summary>The deadline calculator: a start plus a limit on a calendar.</summary>
    public async Task<Outcome<PreviewResponse>> PreviewAsync(string? start, int? amount, string? kind, string? calendar, CancellationToken ct)
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
            return new Outcome<PreviewResponse>.Invalid(errors);
        }
        (CalendarVersion version, WorkingCalendar cal) = current!.Value;
        if (!TryParseInstant(start!, cal.TimeZone, out DateTimeOffset startAt))
        {
            return new Outcome<PreviewResponse>.Invalid(new FieldErrors().Add("start", "起算时间格式有误（ISO 8601，如 2026-01-05T16:30+08:00）"));
        }
        DueResult due;
        try
        {
            due = TimeLimitCalculator.Add(cal, startAt, new TimeLimit(amount!.Value, limitKind));
        }
        catch (ArgumentOutOfRangeException)
        {
            return new Outcome<PreviewResponse>.Invalid(new FieldErrors().Add("amount", "截止时间超出日历可计算的范围"));
        }
        DateTimeOffset local = TimeZoneInfo.ConvertTime(due.DueUtc, cal.TimeZone);
        return new PreviewResponse(
            startAt.ToUniversalTime(), due.DueUtc, local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), amount.Value, limitKind,
            TimeLimitCalculator.WorkingMinutesBetween(cal, startAt, due.DueUtc), due.Provisional, version.Name, version.Version);
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

    private static void Validate(CalendarVersion version, SpecialHoursDto[]? special, FieldErrors errors)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(version.TimeZoneId, out _))
        {
            errors.Add("timeZoneId", $"未知时区：{version.TimeZoneId}（应为 IANA 时区名，如 Asia/Shanghai）");
        }
        if (!TryParsePeriods(version.WeekdayPeriods, out _) || string.IsNullOrWhiteSpace(version.WeekdayPeriods))
        {
            errors.Add("weekdayPeriods", "工作时段格式应为 HH:mm-HH:mm，多个时段以逗号分隔、按时间先后且互不重叠，如 09:00-12:00,13:00-17:30");
        }
        var seen = new HashSet<DateOnly>();
        for (int i = 0; special is not null && i < special.Length; i++)
        {
            SpecialHoursDto s = special[i];
            if (!DateOnly.TryParseExact(s.Date ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                errors.Add($"specialHours[{i}].date", "日期格式应为 yyyy-MM-dd");
            }
            else if (!seen.Add(date))
            {
                errors.Add($"specialHours[{i}].date", "同一日期只能有一条特殊工作时间");
            }
            if (s.Periods is null)
            {
                // Required as the OpenAPI schema says ("" is a day off); left out, it failed later building the calendar (a 500).
                errors.Add($"specialHours[{i}].periods", "工作时段不能为空（当天不上班请填空字符串）");
            }
            else if (!TryParsePeriods(s.Periods, out _))
            {
                errors.Add($"specialHours[{i}].periods", "工作时段格式应为 HH:mm-HH:mm（逗号分隔，可为空表示当天不上班）");
            }
            if (s.Name is { Length: > 100 })
            {
                errors.Add($"specialHours[{i}].name", "说明不能超过 100 个字符");
            }
        }
        if (!errors.Any)
        {
            try
            {
                version.Build();
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
            {
                errors.Add("weekdayPeriods", "工作时段有误：" + e.Message);
            }
        }
    }

    internal static bool TryParsePeriods(string text, out List<WorkingPeriod> periods)
    {
        periods = [];
        try
        {
            foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                WorkingPeriod p = WorkingPeriod.Parse(part);
                if (periods.Count > 0 && p.StartMinute < periods[^1].EndMinute)
                {
                    return false;
                }
                periods.Add(p);
            }
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    private static string SerializeSpecialHours(IEnumerable<SpecialHoursDto> days) =>
        JsonSerializer.Serialize(days.OrderBy(d => d.Date, StringComparer.Ordinal), JsonSerializerOptions.Web);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex CalendarName();

    internal static CalendarVersionDto ToDto(CalendarVersion v) => new(
        v.Id, v.Name, v.Version, v.TimeZoneId, v.WeekdayPeriods, JsonSerializer.Deserialize<SpecialHoursDto[]>(v.SpecialHoursJson, JsonSerializerOptions.Web) ?? [], [.. HolidayNotices.Parse(v.NoticesJson).Select(y => y.Year)], v.Source, v.CreatedAt, v.CreatedBy);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
