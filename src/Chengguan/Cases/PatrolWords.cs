namespace Chengguan.Cases;

/// <summary>
/// Whether a patrol report's description says something of the officer's own: what is left once the
/// category's name, the sentences a form fills in for them, spaces and punctuation are taken out.
/// </summary>
public static class PatrolWords
{
    /// <summary>
    /// Text that carries nothing: the phone's former pre-filled sentence (Chinese and English, as the console
    /// showed it) and the halves officers keep of it.
    /// </summary>
    public static readonly string[] Boilerplate =
        ["巡查发现问题，详见现场照片", "Problem found on patrol, see the photos", "巡查发现问题", "详见现场照片", "见照片", "如图", "见图"];

    public static bool SaysMore(string description, string? categoryName)
    {
        string rest = description;
        foreach (string filler in Boilerplate.Append(categoryName ?? "").Where(f => f.Length > 0).OrderByDescending(f => f.Length))
        {
            rest = rest.Replace(filler, "", StringComparison.OrdinalIgnoreCase);
        }
        return rest.Any(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c));
    }
}
