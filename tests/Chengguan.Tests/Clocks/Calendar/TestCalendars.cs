using System.Globalization;
using Chengguan.Clocks.Calendar;

namespace Chengguan.Tests.Clocks.Calendar;

/// <summary>Shared calendars and time helpers; calendars are immutable, so tests may share them.</summary>
internal static class TestCalendars
{
    private static readonly Lazy<IReadOnlyList<HolidayNoticeYear>> s_notices = new(HolidayNotices.LoadEmbedded);
    private static readonly Lazy<WorkingCalendar> s_china = new(() => WorkingCalendar.FromNotices(Notices));

    private static readonly string[] s_formats =
    [
        "yyyy-MM-dd HH:mm zzz",
        "yyyy-MM-dd HH:mm:ss zzz",
    ];

    public static IReadOnlyList<HolidayNoticeYear> Notices => s_notices.Value;

    /// <summary>The seed notices 2016–2026 on the default week in Asia/Shanghai.</summary>
    public static WorkingCalendar China => s_china.Value;

    /// <summary>The same week without any holiday data, so never provisional.</summary>
    public static WorkingCalendar PlainWeek { get; } = WorkingCalendar.CreateBuilder().WithName("plain").Build();

    /// <summary>Parses "yyyy-MM-dd HH:mm[:ss]" as Asia/Shanghai wall-clock time (UTC+8, no DST since 1991).</summary>
    public static DateTimeOffset Sh(string local)
    {
        return At(local + " +08:00");
    }

    /// <summary>Parses "yyyy-MM-dd HH:mm[:ss] ±hh:mm".</summary>
    public static DateTimeOffset At(string text)
    {
        return DateTimeOffset.ParseExact(text, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.None);
    }

    public static DueResult Add(WorkingCalendar calendar, string shanghaiStart, int amount, TimeLimitKind kind)
    {
        return TimeLimitCalculator.Add(calendar, Sh(shanghaiStart), new TimeLimit(amount, kind));
    }

    public static void AssertDue(DateTimeOffset expected, DueResult actual, bool provisional = false)
    {
        Assert.Equal(expected.UtcDateTime, actual.DueUtc.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, actual.DueUtc.Offset);
        Assert.Equal(provisional, actual.Provisional);
    }

    public static WorkingCalendar Zone(string timeZoneId, Action<WorkingCalendarBuilder>? configure = null)
    {
        WorkingCalendarBuilder builder = WorkingCalendar.CreateBuilder()
            .WithName(timeZoneId)
            .WithTimeZone(timeZoneId)
            .WithWeekdayPeriods(WorkingPeriod.Parse("09:00-17:00"));
        configure?.Invoke(builder);
        return builder.Build();
    }
}
