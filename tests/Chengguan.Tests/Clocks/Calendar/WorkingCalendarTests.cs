using Chengguan.Clocks.Calendar;
using static Chengguan.Tests.Clocks.Calendar.TestCalendars;

namespace Chengguan.Tests.Clocks.Calendar;

public sealed class WorkingCalendarTests
{
    [Fact]
    public void Builder_defaults_to_the_Chinese_office_week()
    {
        WorkingCalendar calendar = WorkingCalendar.CreateBuilder().Build();

        Assert.Equal("Asia/Shanghai", calendar.TimeZoneId);
        Assert.Equal("default", calendar.Name);
        Assert.Equal(1, calendar.Version);
        Assert.False(calendar.RequiresPublishedNotices);
        for (DayOfWeek day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
        {
            Assert.Equal([WorkingPeriod.Parse("09:00-12:00"), WorkingPeriod.Parse("13:00-17:30")], calendar.GetWeeklyPeriods(day));
        }

        Assert.Empty(calendar.GetWeeklyPeriods(DayOfWeek.Saturday));
        Assert.Empty(calendar.GetWeeklyPeriods(DayOfWeek.Sunday));
        Assert.Equal(calendar.GetWeeklyPeriods(DayOfWeek.Monday), calendar.MakeUpWorkdayPeriods);
    }

    [Fact]
    public void FromNotices_applies_holidays_and_make_up_days()
    {
        WorkingCalendar calendar = China;

        Assert.Equal(1, calendar.Version);
        Assert.True(calendar.RequiresPublishedNotices);
        Assert.Equal(Enumerable.Range(2016, 11), calendar.PublishedYears.Order());
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 10, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 9, 28)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 9, 29)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 9, 27)));
        Assert.Empty(calendar.GetPeriods(new DateOnly(2025, 10, 1)));
        Assert.Equal(calendar.MakeUpWorkdayPeriods, calendar.GetPeriods(new DateOnly(2025, 9, 28)));
        Assert.True(calendar.TryGetOverride(new DateOnly(2025, 10, 6), out DateOverride? midAutumn));
        Assert.Equal(DateOverrideKind.Holiday, midAutumn.Kind);
        Assert.Equal("中秋", midAutumn.Name);
        Assert.False(calendar.TryGetOverride(new DateOnly(2025, 10, 9), out _));
    }

    [Fact]
    public void ProvisionalYears_are_those_without_a_notice()
    {
        Assert.True(China.IsProvisionalYear(2015));
        Assert.False(China.IsProvisionalYear(2016));
        Assert.False(China.IsProvisionalYear(2026));
        Assert.True(China.IsProvisionalYear(2027));
        Assert.False(PlainWeek.IsProvisionalYear(2027));
        Assert.False(WorkingCalendar.CreateBuilder().MarkPublished(2027).Build().IsProvisionalYear(2030));
        Assert.True(WorkingCalendar.CreateBuilder().MarkPublished(2027).RequirePublishedNotices().Build().IsProvisionalYear(2030));
    }

    [Fact]
    public void MakeUpWorkday_follows_the_weekday_periods_unless_set()
    {
        var saturday = new DateOnly(2025, 3, 15);
        WorkingCalendar following = WorkingCalendar.CreateBuilder()
            .WithWeekdayPeriods(WorkingPeriod.Parse("08:30-11:30"), WorkingPeriod.Parse("14:00-17:00"))
            .AddMakeUpWorkday(saturday)
            .Build();
        WorkingCalendar explicitHours = WorkingCalendar.CreateBuilder()
            .WithMakeUpWorkdayPeriods(WorkingPeriod.Parse("10:00-11:00"))
            .AddMakeUpWorkday(saturday)
            .Build();

        Assert.Equal([WorkingPeriod.Parse("08:30-11:30"), WorkingPeriod.Parse("14:00-17:00")], following.GetPeriods(saturday));
        Assert.Equal([WorkingPeriod.Parse("10:00-11:00")], explicitHours.GetPeriods(saturday));
        AssertDue(Sh("2025-03-15 11:00"), TimeLimitCalculator.Add(explicitHours, Sh("2025-03-15 08:00"), TimeLimit.WorkingHours(1)));
    }

    [Fact]
    public void SpecialHours_replace_the_days_periods()
    {
        var monday = new DateOnly(2025, 3, 10);
        WorkingCalendar calendar = PlainWeek.ToBuilder()
            .AddSpecialHours(monday, [WorkingPeriod.Parse("10:00-11:00")], "半天")
            .AddSpecialHours(new DateOnly(2025, 3, 11), [])
            .Build();

        Assert.Equal([WorkingPeriod.Parse("10:00-11:00")], calendar.GetPeriods(monday));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 3, 11)));
        Assert.Equal(60, TimeLimitCalculator.WorkingMinutesBetween(calendar, Sh("2025-03-10 00:00"), Sh("2025-03-12 00:00")));
        AssertDue(Sh("2025-03-10 11:00"), TimeLimitCalculator.Add(calendar, Sh("2025-03-09 12:00"), TimeLimit.WorkingDays(1)));
        AssertDue(Sh("2025-03-12 17:30"), TimeLimitCalculator.Add(calendar, Sh("2025-03-10 12:00"), TimeLimit.WorkingDays(1)));
    }

    [Fact]
    public void Later_overrides_replace_earlier_ones()
    {
        var nationalDay = new DateOnly(2025, 10, 1);
        WorkingCalendar calendar = China.ToBuilder().WithVersion(2).AddMakeUpWorkday(nationalDay, "值班").Build();

        Assert.True(calendar.IsWorkingDay(nationalDay));
        Assert.False(China.IsWorkingDay(nationalDay));
        Assert.Equal(2, calendar.Version);

        // Without its override the date falls back to the weekly template (a Wednesday).
        Assert.True(China.ToBuilder().RemoveOverride(nationalDay).Build().IsWorkingDay(nationalDay));
    }

    [Fact]
    public void ToBuilder_round_trips_the_configuration()
    {
        WorkingCalendar copy = China.ToBuilder().Build();

        Assert.Equal(China.Name, copy.Name);
        Assert.Equal(China.Version, copy.Version);
        Assert.Equal(China.TimeZoneId, copy.TimeZoneId);
        Assert.Equal(China.Overrides, copy.Overrides);
        Assert.Equal(China.PublishedYears.Order(), copy.PublishedYears.Order());
        Assert.Equal(China.RequiresPublishedNotices, copy.RequiresPublishedNotices);
        Assert.Equal(China.MakeUpWorkdayPeriods, copy.MakeUpWorkdayPeriods);
    }

    [Fact]
    public void Overrides_are_ordered_by_date()
    {
        IReadOnlyList<DateOverride> overrides = China.Overrides;

        Assert.Equal(overrides.Select(o => o.Date).Order(), overrides.Select(o => o.Date));
        Assert.Equal(TestCalendars.Notices.Sum(n => n.Holidays.Count + n.Workdays.Count), overrides.Count);
    }

    [Fact]
    public void Build_rejects_a_week_without_work()
    {
        WorkingCalendarBuilder builder = WorkingCalendar.CreateBuilder().WithWeekdayPeriods();

        Assert.Throws<InvalidOperationException>(builder.Build);
    }

    [Fact]
    public void Builder_rejects_overlapping_or_empty_periods()
    {
        WorkingCalendarBuilder builder = WorkingCalendar.CreateBuilder();

        Assert.Throws<ArgumentException>(() => builder.WithWeekdayPeriods(WorkingPeriod.Parse("09:00-12:00"), WorkingPeriod.Parse("11:00-13:00")));
        Assert.Throws<ArgumentException>(() => builder.WithWeeklyPeriods(DayOfWeek.Monday, default(WorkingPeriod)));
    }

    [Fact]
    public void Builder_sorts_periods_and_accepts_touching_ones()
    {
        WorkingCalendar calendar = WorkingCalendar.CreateBuilder()
            .WithWeeklyPeriods(DayOfWeek.Monday, WorkingPeriod.Parse("13:00-14:00"), WorkingPeriod.Parse("12:00-13:00"))
            .Build();

        Assert.Equal([WorkingPeriod.Parse("12:00-13:00"), WorkingPeriod.Parse("13:00-14:00")], calendar.GetWeeklyPeriods(DayOfWeek.Monday));
        AssertDue(Sh("2025-03-10 14:00"), TimeLimitCalculator.Add(calendar, Sh("2025-03-10 00:00"), TimeLimit.WorkingHours(2)));
    }

    [Fact]
    public void Builder_rejects_unknown_time_zones()
    {
        Assert.Throws<TimeZoneNotFoundException>(() => WorkingCalendar.CreateBuilder().WithTimeZone("Mars/Olympus_Mons").Build());
    }

    [Theory]
    [InlineData("09:00-12:00", 540, 720)]
    [InlineData("00:00-24:00", 0, 1440)]
    [InlineData(" 13:00 - 17:30 ", 780, 1050)]
    public void WorkingPeriod_parses(string text, int start, int end)
    {
        WorkingPeriod period = WorkingPeriod.Parse(text);

        Assert.Equal(new WorkingPeriod(start, end), period);
        Assert.Equal(end - start, period.Minutes);
    }

    [Theory]
    [InlineData("0900-1200")]
    [InlineData("09:00")]
    [InlineData("09:60-10:00")]
    [InlineData("24:30-25:00")]
    [InlineData("-1:00-10:00")]
    public void WorkingPeriod_rejects_bad_text(string text)
    {
        Assert.Throws<FormatException>(() => WorkingPeriod.Parse(text));
    }

    [Theory]
    [InlineData(600, 600)]
    [InlineData(600, 540)]
    [InlineData(-1, 60)]
    [InlineData(1440, 1441)]
    [InlineData(0, 1441)]
    public void WorkingPeriod_rejects_empty_or_out_of_day_ranges(int start, int end)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkingPeriod(start, end));
    }

    [Fact]
    public void WorkingPeriod_formats_as_clock_times()
    {
        Assert.Equal("09:05-24:00", new WorkingPeriod(545, 1440).ToString());
        Assert.Equal(WorkingPeriod.Parse("13:00-17:30"), WorkingPeriod.FromHours(13, 0, 17, 30));
    }

    [Fact]
    public void GetLocalDate_uses_the_calendars_zone()
    {
        Assert.Equal(new DateOnly(2025, 1, 1), China.GetLocalDate(At("2024-12-31 16:00 +00:00")));
        Assert.Equal(new DateOnly(2024, 12, 31), China.GetLocalDate(At("2024-12-31 15:59:59 +00:00")));
    }

    [Fact]
    public void Years_outside_the_supported_range_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => China.IsWorkingDay(new DateOnly(1899, 12, 31)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimitCalculator.Add(China, Sh("2399-12-31 10:00"), TimeLimit.WorkingDays(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimitCalculator.Add(China, Sh("2025-01-01 10:00"), TimeLimit.WorkingHours(int.MaxValue)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimitCalculator.Add(China, Sh("2025-01-01 10:00"), TimeLimit.NaturalDays(int.MaxValue)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimitCalculator.Add(China, Sh("2025-01-01 10:00"), TimeLimit.UrgentHours(int.MaxValue)));
    }

    [Fact]
    public void Concurrent_first_use_gives_the_same_answers_as_sequential_use()
    {
        // A fresh calendar per run so that the year tables are built under contention.
        WorkingCalendar shared = WorkingCalendar.FromNotices(TestCalendars.Notices);
        WorkingCalendar reference = WorkingCalendar.FromNotices(TestCalendars.Notices);
        DateTimeOffset origin = Sh("2016-01-01 00:00");
        var results = new DueResult[4000];

        Parallel.For(0, results.Length, i =>
        {
            DateTimeOffset start = origin.AddHours(i * 23.5);
            results[i] = TimeLimitCalculator.Add(shared, start, TimeLimit.WorkingHours(1 + (i % 50)));
        });

        for (int i = 0; i < results.Length; i++)
        {
            DateTimeOffset start = origin.AddHours(i * 23.5);
            Assert.Equal(TimeLimitCalculator.Add(reference, start, TimeLimit.WorkingHours(1 + (i % 50))), results[i]);
        }
    }
}
