using MudBlazor;

namespace Chengguan.Ui;

public static class ConsoleTheme
{
    // CJK faces first: Debian ships Noto Sans CJK, Windows has Microsoft YaHei.
    private static readonly string[] s_fonts = ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#1565c0",
            Background = "#f3f6fa",
            Success = "#2e7d32",
            Warning = "#ed6c02",
            Error = "#c62828",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = s_fonts } },
    };
}
