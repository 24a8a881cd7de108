using System.Globalization;
using System.Text;

namespace Chengguan.Cases.Search;

/// <summary>
/// What a search matches: every term must be present, a term with <see cref="Prefix"/> as the start
/// of an indexed token. Terms are made by <see cref="SearchText.Query"/> and hold only letters and digits.
/// </summary>
public sealed record SearchTerm(string Text, bool Prefix);

/// <summary>
/// The one tokenizer of case search, shared by the index writer and the query side on both
/// engines. Chinese has no spaces, so runs of CJK characters become overlapping character bigrams
/// (人民路 → 人民 民路) and every other run of letters or digits becomes one lower-cased word.
/// Input is NFKC-normalised first, so full-width Ｃ１２ and half-width c12 are the same word.
/// <para>
/// A document also holds the last character of each CJK run on its own (人民路 → 路), so that every
/// character of the text starts some token: a one-character query is then a prefix match (路 finds
/// 路口 and the 路 of 人民路). Query words are prefixes too (cg2025 finds cg2025000123); bigrams are exact.
/// </para>
/// </summary>
public static class SearchText
{
    /// <summary>Longer words are cut to this length on both sides, so a cut word still matches itself.</summary>
    public const int MaxWordLength = 32;

    /// <summary>The search document: distinct tokens separated by single spaces, in first-seen order.</summary>
    public static string Document(params IEnumerable<string?> fields)
    {
        var tokens = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? field in fields)
        {
            foreach ((string token, _) in Tokens(field, document: true))
            {
                if (seen.Add(token))
                {
                    tokens.Add(token);
                }
            }
        }
        return string.Join(' ', tokens);
    }

    /// <summary>The terms of a user's query, distinct, in order; empty when it holds no letter or digit.</summary>
    public static IReadOnlyList<SearchTerm> Query(string? text)
    {
        var terms = new List<SearchTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string token, bool prefix) in Tokens(text, document: false))
        {
            if (seen.Add(token))
            {
                terms.Add(new SearchTerm(token, prefix));
            }
        }
        // A prefix another term implies adds nothing: a longer prefix or word (cg2025 implies cg), or a
        // bigram holding the character (a document with 路口 has a token starting with 路 and one with 口).
        return [.. terms.Where(t => !t.Prefix || !terms.Any(o => !ReferenceEquals(o, t) && o.Text.Length > t.Text.Length
            && (o.Text.StartsWith(t.Text, StringComparison.Ordinal) || (!o.Prefix && o.Text.Contains(t.Text, StringComparison.Ordinal)))))];
    }

    private enum Kind
    {
        Separator,
        Cjk,
        Word,
    }

    private static IEnumerable<(string Token, bool Prefix)> Tokens(string? text, bool document)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }
        string normal = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var run = new List<Rune>();
        Kind runKind = Kind.Separator;
        foreach (Rune rune in normal.EnumerateRunes())
        {
            Kind kind = Classify(rune);
            if (kind != runKind && run.Count > 0)
            {
                foreach ((string, bool) token in Emit(run, runKind, document))
                {
                    yield return token;
                }
                run.Clear();
            }
            runKind = kind;
            if (kind != Kind.Separator)
            {
                run.Add(kind == Kind.Word ? Rune.ToLowerInvariant(rune) : rune);
            }
        }
        foreach ((string, bool) token in Emit(run, runKind, document))
        {
            yield return token;
        }
    }

    private static IEnumerable<(string, bool)> Emit(List<Rune> run, Kind kind, bool document)
    {
        if (run.Count == 0 || kind == Kind.Separator)
        {
            yield break;
        }
        if (kind == Kind.Word)
        {
            yield return (Join(run, 0, Math.Min(run.Count, MaxWordLength)), !document);
            yield break;
        }
        if (run.Count == 1)
        {
            yield return (Join(run, 0, 1), !document);
            yield break;
        }
        for (int i = 0; i + 1 < run.Count; i++)
        {
            yield return (Join(run, i, 2), false);
        }
        if (document)
        {
            yield return (Join(run, run.Count - 1, 1), false);
        }
    }

    private static string Join(List<Rune> run, int start, int count)
    {
        var sb = new StringBuilder(count * 2);
        for (int i = start; i < start + count; i++)
        {
            sb.Append(run[i].ToString());
        }
        return sb.ToString();
    }

    /// <summary>
    /// CJK ideographs (with 〇), kana and Hangul syllables are written without spaces; every other
    /// letter or digit belongs to a word; the rest (spaces, punctuation, symbols, marks) separates.
    /// </summary>
    private static Kind Classify(Rune r)
    {
        int v = r.Value;
        bool cjk = v is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0xF900 and <= 0xFAFF
            or >= 0x20000 and <= 0x3FFFF or 0x3007 or >= 0x3040 and <= 0x30FF or >= 0x31F0 and <= 0x31FF
            or >= 0xAC00 and <= 0xD7AF;
        if (cjk)
        {
            // The katakana middle dot and double hyphen are punctuation inside the kana block.
            return v is 0x30FB or 0x30A0 ? Kind.Separator : Kind.Cjk;
        }
        UnicodeCategory category = Rune.GetUnicodeCategory(r);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            ? Kind.Word : Kind.Separator;
    }
}
