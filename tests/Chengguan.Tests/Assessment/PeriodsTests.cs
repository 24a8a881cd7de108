using Chengguan.Assessment;

namespace Chengguan.Tests.Assessment;

public sealed class PeriodsTests
{
    [Theory]
    [InlineData(PeriodKind.Month, "2026-11", "2026-11-01", "2026-11-30")]
    [InlineData(PeriodKind.Month, "2026年11月", "2026-11-01", "2026-11-30")]
    [InlineData(PeriodKind.Month, "2026年2月", "2026-02-01", "2026-02-28")]
    [InlineData(PeriodKind.Quarter, "2026-Q4", "2026-10-01", "2026-12-31")]
    [InlineData(PeriodKind.Quarter, "2026年第4季度", "2026-10-01", "2026-12-31")]
    [InlineData(PeriodKind.Quarter, "2026年1季度", "2026-01-01", "2026-03-31")]
    [InlineData(PeriodKind.Year, "2026", "2026-01-01", "2026-12-31")]
    [InlineData(PeriodKind.Year, "2026年", "2026-01-01", "2026-12-31")]
    [InlineData(PeriodKind.Year, "2026年度", "2026-01-01", "2026-12-31")]
    public void A_period_is_read_in_the_keys_form_or_as_people_write_it(PeriodKind kind, string key, string from, string to) =>
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), Periods.Span(kind, key));

    [Theory]
    [InlineData(PeriodKind.Month, "2026年13月")]
    [InlineData(PeriodKind.Month, "2026年第4季度")]
    [InlineData(PeriodKind.Quarter, "2026年第5季度")]
    [InlineData(PeriodKind.Quarter, "2026年11月")]
    [InlineData(PeriodKind.Year, "2026年11月")]
    [InlineData(PeriodKind.Year, "1999年")]
    [InlineData(PeriodKind.Quarter, "")]
    public void Anything_else_is_not_a_period_of_the_kind(PeriodKind kind, string key) => Assert.Null(Periods.Span(kind, key));
}
