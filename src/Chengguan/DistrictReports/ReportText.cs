using System.Globalization;
using System.Text;

namespace Chengguan.DistrictReports;

/// <summary>The report's wording rules: Chinese ordinals for headings, placeholders, percentages, masked addresses.</summary>
public static class ReportText
{
    private static readonly string[] s_digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (headings 一、二、三 and quarters).</summary>
    public static string Numeral(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 99);
        if (n < 10)
        {
            return s_digits[n];
        }
        string tens = n / 10 == 1 ? "十" : s_digits[n / 10] + "十";
        return n % 10 == 0 ? tens : tens + s_digits[n % 10];
    }

    /// <summary>The heading of the n-th section: "一、…".</summary>
    public static string Heading(int n, string title) => $"{Numeral(n)}、{title}";

    /// <summary>The placeholders a template may use, with what each becomes.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> Placeholders =
    [
        ("{期间}", "报告期间，如 2026年11月"), ("{单位}", "本局名称"), ("{年}", "报告年份"), ("{文号}", "文号，如 静城管报〔2026〕3号"), ("{日期}", "成文日期"),
    ];

    /// <summary>Replaces the known placeholders; unknown braces are left as written (the editor warns of them).</summary>
    public static string Fill(string pattern, IReadOnlyDictionary<string, string> values)
    {
        var sb = new StringBuilder(pattern);
        foreach ((string key, string value) in values)
        {
            sb.Replace(key, value);
        }
        return sb.ToString();
    }

    /// <summary>Placeholders in <paramref name="text"/> that the report does not know ("{xx}").</summary>
    public static IEnumerable<string> Unknown(string text)
    {
        int i = 0;
        while ((i = text.IndexOf('{', i)) >= 0)
        {
            int j = text.IndexOf('}', i + 1);
            if (j < 0)
            {
                yield break;
            }
            string name = text[i..(j + 1)];
            if (Placeholders.All(p => p.Name != name))
            {
                yield return name;
            }
            i = j + 1;
        }
    }

    /// <summary>A share as a percentage with one decimal ("33.3%"), "—" when there is nothing to divide by.</summary>
    public static string Percent(int part, int whole) =>
        whole == 0 ? "—" : (Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero)).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A rate (a fraction, as the KPIs answer it) as a percentage with one decimal, "—" when null.</summary>
    public static string Rate(decimal? rate) =>
        rate is { } r ? Math.Round(r * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private static readonly string[] s_roadEnds = ["路", "街", "弄", "巷", "道", "园", "坊", "广场"];

    /// <summary>
    /// An address as the report may print it: up to the road (…路, …街, …弄 …), the house number and anything after it
    /// left out ("某某路***号"), since a house or flat number can point at a citizen; digits are never printed.
    /// </summary>
    public static string MaskAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "—";
        }
        string a = address.Trim();
        int end = -1;
        foreach (string road in s_roadEnds)
        {
            int at = a.IndexOf(road, StringComparison.Ordinal);
            if (at >= 0 && (end < 0 || at + road.Length < end))
            {
                end = at + road.Length;
            }
        }
        string kept = end > 0 ? a[..end] : new string([.. a.TakeWhile(c => !char.IsDigit(c)).Take(6)]);
        kept = new string([.. kept.Where(c => !char.IsDigit(c))]).Trim();
        return kept.Length == 0 ? "（地址略）" : kept + "（门牌略）";
    }

    /// <summary>The 文号-like line: 静城管报〔2026〕3号.</summary>
    public static string Reference(int year, int serial) => string.Create(CultureInfo.InvariantCulture, $"静城管报〔{year}〕{serial}号");

    /// <summary>A date as official documents write it: 2026年12月7日.</summary>
    public static string Date(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");
}
