namespace Chengguan.Demolition.Documents;

/// <summary>
/// Breaks a paragraph into lines the way Chinese official documents are set (GB/T 15834 and common
/// typesetting practice, 避头尾): closing punctuation (，。、；：？！ and closing brackets and quotes)
/// never starts a line and opening brackets and quotes never end one, so a character is carried down
/// with them; a run of Latin letters and digits (a number, an area, a year) is not split. Pure: the
/// caller says whether a line fits.
/// </summary>
public static class ChineseLineBreaks
{
    /// <summary>Characters that may not start a line.</summary>
    public const string NoStart = "，。、；：？！）》」』】〕〉”’％‰…—·,.;:?!)]}%";

    /// <summary>Characters that may not end a line.</summary>
    public const string NoEnd = "（《「『【〔〈“‘([{";

    // A run longer than this is split anyway rather than leave a line almost empty.
    private const int LongestKeptRun = 16;

    public static List<string> Break(string paragraph, string indent, Func<string, bool> fits)
    {
        var lines = new List<string>();
        string line = indent;
        foreach (char ch in paragraph)
        {
            // The first line keeps its indent and at least one character, every other line at least one.
            int keep = lines.Count == 0 ? indent.Length + 1 : 1;
            if (fits(line + ch) || line.Length < keep)
            {
                line += ch;
                continue;
            }
            string next = ch.ToString();
            // Closing punctuation takes the character before it down with it.
            while (NoStart.Contains(next[0], StringComparison.Ordinal) && line.Length > keep)
            {
                (line, next) = (line[..^1], line[^1] + next);
            }
            // An opening bracket or quote goes down to what it opens.
            while (NoEnd.Contains(line[^1], StringComparison.Ordinal) && line.Length > keep)
            {
                (line, next) = (line[..^1], line[^1] + next);
            }
            // A number or a Latin word stays whole.
            int run = 0;
            while (run < LongestKeptRun && line.Length - run > keep && char.IsAsciiLetterOrDigit(line[^(run + 1)]) && char.IsAsciiLetterOrDigit(next[0]))
            {
                run++;
            }
            if (run > 0 && run < LongestKeptRun)
            {
                (line, next) = (line[..^run], line[^run..] + next);
            }
            lines.Add(line);
            line = next;
        }
        lines.Add(line);
        return lines;
    }
}
