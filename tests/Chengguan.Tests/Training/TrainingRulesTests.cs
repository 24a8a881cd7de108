using Chengguan.Training;

namespace Chengguan.Tests.Training;

/// <summary>The pure rules of training: the requirement in force, pro-rata hours, standings, coverage, expiry bands, half hours, passing.</summary>
public sealed class TrainingRulesTests
{
    [Fact]
    public void The_requirement_of_a_year_is_the_version_in_force_on_its_last_day()
    {
        (DateOnly, double)[] versions = [(new(2020, 1, 1), 40), (new(2023, 7, 1), 48), (new(2025, 1, 1), 36)];
        Assert.Equal(0, TrainingRules.RequiredFor(2019, versions));
        Assert.Equal(40, TrainingRules.RequiredFor(2020, versions));
        Assert.Equal(40, TrainingRules.RequiredFor(2022, versions));
        Assert.Equal(48, TrainingRules.RequiredFor(2023, versions));
        Assert.Equal(48, TrainingRules.RequiredFor(2024, versions));
        Assert.Equal(36, TrainingRules.RequiredFor(2025, versions));
        Assert.Equal(36, TrainingRules.RequiredFor(2031, versions));
        Assert.Equal(0, TrainingRules.RequiredFor(2026, []));
        // A version effective on 31 December governs that year; one on 1 January of the next does not.
        Assert.Equal(10, TrainingRules.RequiredFor(2026, [(new(2026, 12, 31), 10), (new(2027, 1, 1), 99)]));
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(2028)]
    public void Pro_rata_grows_every_day_of_the_year_and_reaches_the_whole_on_its_last_day(int year)
    {
        double previous = 0;
        for (DateOnly d = new(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            double due = TrainingRules.ProRata(40, year, d);
            Assert.True(due > previous, $"{d} should be due more than the day before");
            Assert.Equal(40.0 * d.DayOfYear / (DateTime.IsLeapYear(year) ? 366 : 365), due, 9);
            previous = due;
        }
        Assert.Equal(40, previous, 9);
        Assert.Equal(0, TrainingRules.ProRata(40, year, new DateOnly(year - 1, 12, 31)));
        Assert.Equal(40, TrainingRules.ProRata(40, year, new DateOnly(year + 1, 1, 1)));
    }

    [Fact]
    public void A_standing_compares_the_hours_with_the_pro_rata_and_the_whole_requirement()
    {
        var midYear = new DateOnly(2026, 7, 2); // day 183 of 365: 20.05 h due of 40
        HoursStanding behind = TrainingRules.Standing(20, 40, 2026, midYear);
        Assert.Equal((false, false, 20.0), (behind.MetSoFar, behind.MetYear, behind.Shortfall));
        HoursStanding onPace = TrainingRules.Standing(20.5, 40, 2026, midYear);
        Assert.Equal((true, false, 19.5), (onPace.MetSoFar, onPace.MetYear, onPace.Shortfall));
        HoursStanding done = TrainingRules.Standing(44, 40, 2026, midYear);
        Assert.Equal((true, true, 0.0), (done.MetSoFar, done.MetYear, done.Shortfall));
        HoursStanding exact = TrainingRules.Standing(40, 40, 2026, new DateOnly(2026, 12, 31));
        Assert.Equal((true, true, 0.0, 40.0), (exact.MetSoFar, exact.MetYear, exact.Shortfall, exact.RequiredSoFar));
        HoursStanding none = TrainingRules.Standing(0, 0, 2026, midYear);
        Assert.Equal((true, true, 0.0), (none.MetSoFar, none.MetYear, none.Shortfall));
    }

    [Fact]
    public void Coverage_counts_each_officer_once_against_the_pro_rata_of_the_last_day()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        var hours = new Dictionary<Guid, double> { [a] = 40, [b] = 10, [c] = 3 };
        var attended = new HashSet<Guid> { b, c, Guid.NewGuid() };
        // On 31 March 2026 (day 90 of 365) 40 h a year means 9.86 h due.
        CoverageCount q1 = TrainingRules.Coverage([a, b, c, d, a], hours, attended, 40, new DateOnly(2026, 3, 31));
        Assert.Equal((4, 2, 2), (q1.Officers, q1.Met, q1.Attended));
        Assert.Equal((0.5, 0.5), (q1.MetShare, q1.AttendedShare));
        CoverageCount year = TrainingRules.Coverage([a, b, c, d], hours, attended, 40, new DateOnly(2026, 12, 31));
        Assert.Equal((4, 1, 2), (year.Officers, year.Met, year.Attended));
        CoverageCount empty = TrainingRules.Coverage([], hours, attended, 40, new DateOnly(2026, 12, 31));
        Assert.Equal((0, 0, 0, 0.0, 0.0), (empty.Officers, empty.Met, empty.Attended, empty.MetShare, empty.AttendedShare));
        CoverageCount noRequirement = TrainingRules.Coverage([a, d], hours, new HashSet<Guid>(), 0, new DateOnly(2026, 6, 30));
        Assert.Equal((2, 2, 0), (noRequirement.Officers, noRequirement.Met, noRequirement.Attended));
    }

    [Fact]
    public void Expiry_bands_change_on_the_day_after_90_30_and_0_days_left()
    {
        var today = new DateOnly(2026, 12, 7);
        for (int left = -400; left <= 400; left++)
        {
            ExpiryBand expected = left < 0 ? ExpiryBand.Expired : left <= 30 ? ExpiryBand.Within30 : left <= 90 ? ExpiryBand.Within90 : ExpiryBand.None;
            Assert.Equal(expected, TrainingRules.Band(today.AddDays(left), today));
            Assert.Equal(expected, TrainingRules.Band(today.AddDays(left), today, CertificateStatus.Suspended));
            Assert.Equal(ExpiryBand.None, TrainingRules.Band(today.AddDays(left), today, CertificateStatus.Revoked));
        }
        Assert.Equal(ExpiryBand.Within30, TrainingRules.Band(today, today));
        Assert.Equal(ExpiryBand.Expired, TrainingRules.Band(today.AddDays(-1), today));
    }

    [Fact]
    public void Hours_are_whole_half_hours_within_the_limit_and_passing_follows_the_mark_unless_told()
    {
        for (int tenths = -10; tenths <= 450; tenths++)
        {
            double h = tenths / 10.0;
            Assert.Equal(tenths > 0 && tenths <= 400 && tenths % 5 == 0, TrainingRules.HalfHours(h, 40));
        }
        for (int score = 0; score <= 100; score++)
        {
            Assert.Equal(score >= 60, TrainingRules.Passed(null, score, 60));
            Assert.False(TrainingRules.Passed(false, score, 60));
            Assert.True(TrainingRules.Passed(true, score, 60));
        }
        Assert.Null(TrainingRules.Passed(null, null, 60));
        Assert.True(TrainingRules.Passed(true, null, 60));
    }
}
