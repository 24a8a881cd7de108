using Chengguan.Ui;
using Microsoft.Extensions.Localization;

namespace Chengguan.Surveys.Pages;

/// <summary>How a survey's machine values read on screen: 2026H2 → 2026年下半年, version 1 → 第1版.</summary>
public static class SurveyText
{
    public static string Period(IStringLocalizer<UiText> l, string? period) =>
        period is { Length: 6 } p && int.TryParse(p[..4], System.Globalization.CultureInfo.InvariantCulture, out int year) && p[4] == 'H' && p[5] is '1' or '2'
            ? l[p[5] == '1' ? "Sv_PeriodH1" : "Sv_PeriodH2", year]
            : period ?? "";

    public static string Version(IStringLocalizer<UiText> l, int version) => l["Sv_Version", version];
}
