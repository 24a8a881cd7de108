using System.Globalization;
using System.Resources;

namespace Chengguan.Ui;

/// <summary>
/// The console's texts (<see cref="UiText"/>) for code outside components: the workflows' refusals and
/// the read models name states, actions and fields with the same words as the pages. The current UI
/// culture decides: Chinese by default (the API has no culture cookie, so its answers are Chinese),
/// English in a console switched to English. A missing key reads as the key, as in a page.
/// </summary>
public static class Labels
{
    private static readonly ResourceManager s_texts = new("Chengguan.Ui.UiText", typeof(UiText).Assembly);

    public static string Text(string key) => s_texts.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The text of <paramref name="key"/> if the resources have it, else null.</summary>
    public static string? Find(string key) => s_texts.GetString(key, CultureInfo.CurrentUICulture);
}
