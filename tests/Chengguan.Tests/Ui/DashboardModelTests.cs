using Chengguan.Tests.Infrastructure;
using Chengguan.Kpis;
using Chengguan.Kpis.Pages;
using Microsoft.AspNetCore.WebUtilities;

namespace Chengguan.Tests.Ui;

public sealed class DashboardModelTests
{
    [Theory]
    [InlineData(PeriodPreset.ThisMonth, "2026-11-28", "2026-11-01", "2026-11-30")]
    [InlineData(PeriodPreset.LastMonth, "2026-01-15", "2025-12-01", "2025-12-31")]
    [InlineData(PeriodPreset.LastMonth, "2026-03-31", "2026-02-01", "2026-02-28")]
    [InlineData(PeriodPreset.ThisQuarter, "2026-11-28", "2026-10-01", "2026-12-31")]
    [InlineData(PeriodPreset.ThisQuarter, "2026-02-10", "2026-01-01", "2026-03-31")]
    [InlineData(PeriodPreset.ThisYear, "2026-11-28", "2026-01-01", "2026-12-31")]
    public void Presets_are_whole_calendar_periods(PeriodPreset preset, string today, string from, string to)
    {
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), KpiDashboard.Range(preset, DateOnly.Parse(today)));
    }

    [Fact]
    public void Every_preset_is_a_period_the_api_accepts()
    {
        var now = new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero); // 23:59 in Shanghai
        foreach (PeriodPreset preset in Enum.GetValues<PeriodPreset>())
        {
            (DateOnly from, DateOnly to) = KpiDashboard.Range(preset, new DateOnly(2026, 12, 31));
            string query = KpiDashboard.Query(from.ToString("yyyy-MM-dd"), to.ToString("yyyy-MM-dd"), KpiGrouping.Street, Kpi.Closure);
            KpiRequest parsed = KpiDashboard.Parse(query, now);
            Assert.False(parsed.Errors.Any, preset.ToString());
            Assert.Equal((from, to), (parsed.Period.From, parsed.Period.To));
            Assert.Equal(Kpi.Closure, parsed.Sort.Code);
        }
    }

    [Fact]
    public void A_drill_down_names_the_rows_key_and_the_total_names_none()
    {
        var id = Guid.NewGuid();
        IReadOnlyList<KpiResult> none = [];
        string query = KpiDashboard.Query("2026-11-01", "2026-11-30", KpiGrouping.Unit, Kpi.Rework);

        var street = QueryHelpers.ParseQuery(KpiDashboard.DrillQuery(query, KpiGrouping.Unit, new KpiRow(id, "x", "某中队", none), KpiPart.Numerator));
        Assert.Equal(id.ToString(), street["unit"]);
        Assert.Equal("numerator", street["part"]);
        Assert.Equal("2026-11-01", street["from"]);

        var unlocated = QueryHelpers.ParseQuery(KpiDashboard.DrillQuery(query, KpiGrouping.Street, new KpiRow(null, null, "未定位街镇", none), KpiPart.Denominator));
        Assert.Equal("none", unlocated["street"]);

        var total = QueryHelpers.ParseQuery(KpiDashboard.DrillQuery(query, KpiGrouping.Street, new KpiRow(null, null, KpiReports.TotalName, none), KpiPart.Denominator));
        Assert.False(total.ContainsKey("street") || total.ContainsKey("unit"));
        Assert.False(KpiDashboard.Parse(KpiDashboard.DrillQuery(query, KpiGrouping.Street, new KpiRow(id, null, "x", none), KpiPart.Denominator), TimeProvider.System.GetUtcNow()).Errors.Any);
    }

    [Fact]
    public void Rates_show_as_percentages_and_data_values_stay_plain()
    {
        Assert.Equal("87.50%", KpiDashboard.Rate(0.875m));
        Assert.Equal("—", KpiDashboard.Rate(null));
        Assert.Equal("0.875", KpiDashboard.RateValue(0.875m));
        Assert.Equal("", KpiDashboard.RateValue(null));
    }

    /// <summary>Every Chinese text has its English translation and the other way round.</summary>
    [Fact]
    public void Both_resource_files_have_the_same_keys()
    {
        HashSet<string> zh = Repository.UiTextKeys("UiText.resx"), en = Repository.UiTextKeys("UiText.en.resx");
        Assert.Empty(zh.Except(en));
        Assert.Empty(en.Except(zh));
        Assert.All(Kpi.All, k => Assert.Contains("K_" + k.Code, zh));
    }

    [Theory]
    [InlineData("UiText.resx")]
    [InlineData("UiText.en.resx")]
    public void No_key_is_defined_twice_in_a_resource_file(string file)
    {
        // The resource build keeps the first of two and only warns: a merged capability's label would silently be another's.
        var names = System.Xml.Linq.XDocument.Load(Path.Combine(Repository.Root(), "src", "Chengguan", "Ui", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!);
        Assert.Empty(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }
}
