using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

/// <summary>Work only in these periods on this date (e.g. a half day before a holiday); empty periods close the day.</summary>
public sealed record SpecialHoursDto(string Date, string Periods, string? Name);

[RequestModel]
public sealed record CalendarCreateRequest(
    [property: Required(ErrorMessage = "日历名称不能为空"), MaxLength(64, ErrorMessage = "日历名称不能超过 64 个字符")] string Name,
    [property: MaxLength(64)] string? TimeZoneId,
    [property: MaxLength(200, ErrorMessage = "工作时段不能超过 200 个字符")] string? WeekdayPeriods,
    [property: MaxLength(366, ErrorMessage = "特殊工作时间最多 366 天")] SpecialHoursDto[]? SpecialHours,
    [property: MaxLength(64)] string? CopyNoticesFrom);

[RequestModel]
public sealed record CalendarChangeRequest(
    [property: MaxLength(64)] string? TimeZoneId,
    [property: MaxLength(200, ErrorMessage = "工作时段不能超过 200 个字符")] string? WeekdayPeriods,
    [property: MaxLength(366, ErrorMessage = "特殊工作时间最多 366 天")] SpecialHoursDto[]? SpecialHours);

/// <summary>
/// Creating calendars and changing their time zone, weekly working periods and special hours.
/// A change writes a new version and moves the running clocks onto it, as a notice import does.
/// </summary>
public static partial class CalendarEndpoints
{
    public static void MapCalendarAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendars").WithTags("Clocks").RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>();
        group.MapPost("/", Create).WithSummary("新建工作日历（时区、每周工作时段、特殊工作时间）");
        group.MapPut("/{name}", Change).WithSummary("修改工作日历的时区、工作时段或特殊工作时间，生成新版本并重算运行中的计时");
    }

    private static async Task<Results<Created<CalendarVersionDto>, ValidationProblem, ProblemHttpResult>> Create(
        CalendarCreateRequest req, AppDbContext db, CalendarStore store, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
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
            return Problems.Validation(errors);
        }
        db.CalendarVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/calendars/{version.Name}", ClocksEndpoints.ToDto(version));
    }

    private static async Task<Results<Ok<CalendarImportResult>, ValidationProblem, ProblemHttpResult>> Change(
        string name, CalendarChangeRequest req, AppDbContext db, CalendarStore store, CurrentUser user, TimeProvider clock, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var current = await store.GetCurrentAsync(db, name, ct);
        if (current is not { } c)
        {
            return Problems.NotFound("日历不存在");
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
            return Problems.Validation(errors);
        }
        db.CalendarVersions.Add(next);
        await db.SaveChangesAsync(ct);
        // A new zone moves natural-day deadlines too (they fall due at local midnight).
        bool zoneChanged = next.TimeZoneId != c.Version.TimeZoneId;
        int recomputed = await ClocksEndpoints.RecomputeRunningClocksAsync(scopes, name, ct, includeNaturalDays: zoneChanged);
        return TypedResults.Ok(new CalendarImportResult(ClocksEndpoints.ToDto(next), recomputed));
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
            if (!TryParsePeriods(s.Periods ?? "", out _))
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
}
