using System.ComponentModel.DataAnnotations;
using Chengguan.Identity;
using Chengguan.Infrastructure;

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
/// Creating calendars and changing their time zone, weekly working periods and special hours, over HTTP
/// (adapters over <see cref="Calendars"/>). A change writes a new version and moves the running clocks onto it,
/// as a notice import does.
/// </summary>
public static class CalendarEndpoints
{
    public static void MapCalendarAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendars").WithTags("Clocks").RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>();
        group.MapPost("/", (CalendarCreateRequest req, Calendars c, CancellationToken ct) => c.CreateAsync(req, ct).ToCreated(v => $"/api/calendars/{v.Name}"))
            .WithSummary("新建工作日历（时区、每周工作时段、特殊工作时间）")
            .WithDescription("新建一个命名的工作日历（时区、每周工作时段、特殊工作时间），供时钟策略按工作日计时。");
        group.MapPut("/{name}", (string name, CalendarChangeRequest req, Calendars c, CancellationToken ct) => c.ChangeAsync(name, req, ct).ToHttp())
            .WithSummary("修改工作日历的时区、工作时段或特殊工作时间，生成新版本并重算运行中的计时")
            .WithDescription("修改日历会生成新版本；运行中的计时按新版本重算截止时间。");
    }
}
