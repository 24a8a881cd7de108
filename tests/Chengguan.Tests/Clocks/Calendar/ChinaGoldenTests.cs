using Chengguan.Clocks.Calendar;
using static Chengguan.Tests.Clocks.Calendar.TestCalendars;

namespace Chengguan.Tests.Clocks.Calendar;

/// <summary>
/// Hand-computed due times in Asia/Shanghai on the seed notices. Each comment lists the days the
/// count runs through: "WDn" is the nth working day, "补" a make-up workday.
/// </summary>
public sealed class ChinaGoldenTests
{
    [Theory]
    // 2020 as amended: Spring Festival off 24 Jan – 2 Feb; Sat 1 Feb no longer a make-up day.
    [InlineData("2020-01-23 15:00", 1, "2020-02-03 17:30")] // Thu; 24.1–2.2 off → WD1 Mon 3.2
    [InlineData("2020-01-18 10:00", 1, "2020-01-19 17:30")] // Sat; WD1 Sun 19.1 补
    [InlineData("2020-01-17 10:00", 2, "2020-01-20 17:30")] // Fri; WD1 Sun 19.1 补, WD2 Mon 20.1
    [InlineData("2020-09-30 10:00", 3, "2020-10-12 17:30")] // 1–8.10 off; WD1 Fri 9.10, WD2 Sat 10.10 补, WD3 Mon 12.10
    [InlineData("2020-04-30 10:00", 1, "2020-05-06 17:30")] // 1–5.5 off
    [InlineData("2020-06-24 10:00", 2, "2020-06-29 17:30")] // 25–27.6 off; WD1 Sun 28.6 补, WD2 Mon 29.6
    // 2025
    [InlineData("2025-09-30 10:00", 5, "2025-10-14 17:30")] // 1–8.10 off; Thu 9, Fri 10, Sat 11 补, Mon 13, Tue 14
    [InlineData("2025-09-26 19:00", 1, "2025-09-28 17:30")] // Friday evening; WD1 Sun 28.9 补
    [InlineData("2025-03-07 20:00", 1, "2025-03-10 17:30")] // Friday evening; WD1 Mon
    [InlineData("2025-10-03 10:00", 1, "2025-10-09 17:30")] // start on a holiday
    [InlineData("2025-10-11 10:00", 1, "2025-10-13 17:30")] // start on a make-up Saturday
    [InlineData("2025-01-20 09:00", 15, "2025-02-14 17:30")] // 21–24.1, 26.1 补, 27.1, (28.1–4.2 off), 5–7.2, 8.2 补, 10–14.2
    [InlineData("2025-04-25 12:00", 3, "2025-04-29 17:30")] // Sun 27.4 补, Mon 28, Tue 29
    // 2026
    [InlineData("2026-01-03 11:00", 1, "2026-01-04 17:30")] // Sat holiday; WD1 Sun 4.1 补
    [InlineData("2025-12-31 10:00", 1, "2026-01-04 17:30")] // 1–3.1 off; WD1 Sun 4.1 补
    [InlineData("2026-02-13 09:30", 3, "2026-02-25 17:30")] // Sat 14.2 补, (15–23.2 off), Tue 24, Wed 25
    [InlineData("2026-02-27 15:00", 1, "2026-02-28 17:30")] // Sat 28.2 补
    [InlineData("2026-04-30 18:00", 2, "2026-05-07 17:30")] // 1–5.5 off; Wed 6, Thu 7
    [InlineData("2026-09-24 10:00", 5, "2026-10-09 17:30")] // 25–27.9 off, 28–30.9, (1–7.10 off), Thu 8, Fri 9
    [InlineData("2026-09-18 10:00", 1, "2026-09-20 17:30")] // Fri; Sun 20.9 补
    public void Working_days_due_times(string start, int days, string expected)
    {
        DueResult due = Add(China, start, days, TimeLimitKind.WorkingDays);

        AssertDue(Sh(expected), due);
        Assert.Equal(days, TimeLimitCalculator.Between(China, Sh(start), due.DueUtc, TimeLimitKind.WorkingDays));
    }

    [Theory]
    // 2020
    [InlineData("2020-01-23 17:00", 1, "2020-02-03 09:30")] // 30 min Thu, then nothing until Mon 3.2
    [InlineData("2020-01-31 10:00", 1, "2020-02-03 10:00")] // the extension made Fri 31.1 a holiday
    [InlineData("2020-02-01 10:00", 1, "2020-02-03 10:00")] // the cancelled make-up Saturday is off
    [InlineData("2020-01-19 16:00", 2, "2020-01-20 09:30")] // make-up Sunday 1.5 h + 30 min Mon
    [InlineData("2020-04-30 16:00", 10, "2020-05-07 10:00")] // 1.5 h + 7.5 h Wed 6.5 + 1 h Thu
    // 2025
    [InlineData("2025-03-10 11:00", 2, "2025-03-10 14:00")] // across lunch
    [InlineData("2025-09-27 10:00", 1, "2025-09-28 10:00")] // Saturday → make-up Sunday
    [InlineData("2025-10-11 10:00", 8, "2025-10-13 10:30")] // make-up Saturday 6.5 h + Mon 1.5 h
    [InlineData("2025-09-30 17:00", 8, "2025-10-09 17:30")] // 30 min + 7.5 h: due at closing, not Fri 09:00
    [InlineData("2025-01-27 16:00", 4, "2025-02-05 11:30")] // 1.5 h, 28.1–4.2 off, 2.5 h
    [InlineData("2025-05-30 17:00", 1, "2025-06-03 09:30")] // Dragon Boat 31.5–2.6 off
    // 2026
    [InlineData("2025-12-31 16:00", 16, "2026-01-05 17:00")] // 1.5 h + (1–3.1 off) Sun 4.1 补 7.5 h + Mon 7 h
    [InlineData("2026-05-08 17:00", 2, "2026-05-09 10:30")] // Fri 30 min + make-up Sat 1.5 h
    [InlineData("2026-02-13 16:00", 10, "2026-02-24 10:00")] // 1.5 h + Sat 14.2 补 7.5 h + (15–23.2 off) 1 h
    public void Working_hours_due_times(string start, int hours, string expected)
    {
        DueResult due = Add(China, start, hours, TimeLimitKind.WorkingHours);

        AssertDue(Sh(expected), due);
        Assert.Equal(hours * 60L, TimeLimitCalculator.WorkingMinutesBetween(China, Sh(start), due.DueUtc));
    }

    [Theory]
    [InlineData("2020-01-20 00:00", "2020-02-03 00:00", 4 * 450)] // Mon–Thu, then the extended Spring Festival
    [InlineData("2020-01-18 00:00", "2020-01-20 00:00", 450)] // make-up Sunday 19.1
    [InlineData("2025-09-28 00:00", "2025-10-13 00:00", 6 * 450)] // 28.9 补, 29.9, 30.9, 9.10, 10.10, 11.10 补
    [InlineData("2025-12-31 16:00", "2026-01-05 17:00", 16 * 60)]
    public void Working_minutes_between_spans(string a, string b, long expectedMinutes)
    {
        long minutes = TimeLimitCalculator.WorkingMinutesBetween(China, Sh(a), Sh(b));

        Assert.Equal(expectedMinutes, minutes);
    }

    [Fact]
    public void The_2020_amendment_moves_running_deadlines()
    {
        // Version 1 as first published: off 24–30 Jan, make-up Sun 19 Jan and Sat 1 Feb.
        WorkingCalendar original = China.ToBuilder()
            .WithVersion(1)
            .RemoveOverride(new DateOnly(2020, 1, 31))
            .AddMakeUpWorkday(new DateOnly(2020, 2, 1), "春节")
            .RemoveOverride(new DateOnly(2020, 2, 2))
            .Build();
        WorkingCalendar amended = China.ToBuilder().WithVersion(2).Build();
        DateTimeOffset start = Sh("2020-01-23 15:00");

        AssertDue(Sh("2020-01-31 17:30"), TimeLimitCalculator.Add(original, start, TimeLimit.WorkingDays(1)));
        AssertDue(Sh("2020-02-01 17:30"), TimeLimitCalculator.Add(original, start, TimeLimit.WorkingDays(2)));
        AssertDue(Sh("2020-02-03 17:30"), TimeLimitCalculator.Add(amended, start, TimeLimit.WorkingDays(1)));
        AssertDue(Sh("2020-02-04 17:30"), TimeLimitCalculator.Add(amended, start, TimeLimit.WorkingDays(2)));
    }

    [Fact]
    public void Unpublished_years_use_the_weekday_rule_and_are_provisional()
    {
        // 2027 has no notice: Fri 1 Jan 2027 counts as an ordinary working day.
        AssertDue(Sh("2027-01-01 17:30"), Add(China, "2026-12-31 10:00", 1, TimeLimitKind.WorkingDays), provisional: true);
        AssertDue(Sh("2027-01-01 09:30"), Add(China, "2026-12-31 17:00", 1, TimeLimitKind.WorkingHours), provisional: true);
        AssertDue(Sh("2027-03-02 17:30"), Add(China, "2027-03-01 10:00", 1, TimeLimitKind.WorkingDays), provisional: true);

        // 2015 has no notice either; touching it flags the result even though the due time is in 2016.
        AssertDue(Sh("2016-01-04 17:30"), Add(China, "2015-12-31 10:00", 1, TimeLimitKind.WorkingDays), provisional: true);

        // Inside published years nothing is provisional, and a calendar without holiday data never is.
        AssertDue(Sh("2026-12-31 17:30"), Add(China, "2026-12-30 10:00", 1, TimeLimitKind.WorkingDays));
        AssertDue(Sh("2027-01-01 17:30"), Add(PlainWeek, "2026-12-31 10:00", 1, TimeLimitKind.WorkingDays));
    }

    [Fact]
    public void Importing_a_notice_clears_the_provisional_flag()
    {
        HolidayNoticeYear notice2027 = Assert.Single(HolidayNotices.Parse("""
            { "years": [ { "year": 2027, "notice": "test notice",
              "holidays": [ { "date": "2027-01-01", "name": "元旦" } ], "workdays": [] } ] }
            """));
        WorkingCalendar next = China.ToBuilder().WithVersion(2).AddNotice(notice2027).Build();

        AssertDue(Sh("2027-01-04 17:30"), TimeLimitCalculator.Add(next, Sh("2026-12-31 10:00"), TimeLimit.WorkingDays(1)));
    }

    [Fact]
    public void Natural_days_penalty_case()
    {
        AssertDue(Sh("2025-04-11 00:00"), Add(China, "2025-01-10 10:00", 90, TimeLimitKind.NaturalDays));
        AssertDue(Sh("2020-04-30 00:00"), Add(China, "2020-01-30 16:00", 90, TimeLimitKind.NaturalDays));
    }
}
