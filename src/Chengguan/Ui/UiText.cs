namespace Chengguan.Ui;

/// <summary>
/// The console's texts: UiText.resx holds the Chinese (the default culture), UiText.en.resx the
/// English. Components take <c>IStringLocalizer&lt;UiText&gt;</c> as <c>L</c> (see _Imports.razor).
/// </summary>
public sealed class UiText;
