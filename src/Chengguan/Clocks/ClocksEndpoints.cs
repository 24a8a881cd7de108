using System.Text;
using System.Text.Json;
using Chengguan.Clocks.Calendar;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chengguan.Clocks;

public sealed record NoticeYearDto(int Year, string Notice, string? Url, string? AmendedBy, string[] Holidays, string[] Workdays);
public sealed record CalendarVersionDto(Guid Id, string Name, int Version, string TimeZoneId, string WeekdayPeriods, SpecialHoursDto[] SpecialHours, int[] Years, string Source, DateTimeOffset CreatedAt, string? CreatedBy);
public sealed record CalendarDto(CalendarVersionDto Version, IReadOnlyList<NoticeYearDto> Notices);
public sealed record CalendarImportResult(CalendarVersionDto Version, int RecomputedClocks);
public sealed record PreviewResponse(
    DateTimeOffset Start, DateTimeOffset Due, string DueLocal, int Amount, TimeLimitKind Kind,
    long WorkingMinutes, bool Provisional, string Calendar, int CalendarVersion);

/// <summary>Calendars and the deadline calculator over HTTP: adapters over <see cref="Calendars"/>.</summary>
public static class ClocksEndpoints
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void MapClocks(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/calendars").WithTags("Clocks").RequireAuthorization(Policies.Staff);
        calendars.MapGet("/", (Calendars c, CancellationToken ct) => c.VersionsAsync(ct).ToHttp()).WithSummary("工作日历的全部版本")
            .WithDescription("列出全部工作日历的版本，包括时区和生效时间。");
        calendars.MapGet("/{name}", (string name, Calendars c, CancellationToken ct) => c.CurrentAsync(name, ct).ToHttp()).WithSummary("工作日历的当前版本及各年节假日安排")
            .WithDescription("返回日历的现行版本，以及已导入的各年节假日和调休安排。");
        calendars.MapPost("/{name}/notices", ImportNotices).RequireAuthorization(Policies.Admin).WithBodyLimit(HolidayNotices.MaxUpload)
            .Accepts<JsonElement>("application/json")
            .WithSummary("导入一年或多年的节假日安排通知，生成新的日历版本")
            .WithDescription("导入国务院办公厅节假日安排通知（一年或多年）。生成新的日历版本，运行中的计时按新版本重算。");

        app.MapCalendarAdmin();
        app.MapClockQueries();
        app.MapClockPolicies();
        app.MapGet("/api/clocks/preview", (string? start, int? amount, string? kind, string? calendar, Calendars c, CancellationToken ct) =>
                c.PreviewAsync(start, amount, kind, calendar, ct).ToHttp())
            .WithTags("Clocks").RequireAuthorization(Policies.StaffOrIntegration).ForIntegrations(IntegrationOperation.ClockPreview)
            .WithSummary("时限计算器：起算时间 + 时限 → 截止时间 (deadline calculator)")
            .WithDescription("按日历和时限计算截止时间，不保存任何内容；用于核对时钟策略。");
    }

    /// <summary>The body is the notice file itself (JSON, strict UTF-8), read within the upload cap.</summary>
    private static async Task<Results<Created<CalendarImportResult>, ValidationProblem, ProblemHttpResult>> ImportNotices(
        string name, HttpRequest request, Calendars calendars, CancellationToken ct)
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
        return await calendars.ImportNoticesAsync(name, body, ct).ToHttp(r => TypedResults.Created($"/api/calendars/{r.Version.Name}", r));
    }
}
