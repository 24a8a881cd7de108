using Chengguan.Identity;

namespace Chengguan.Privacy;

/// <summary>How a reporter's name and phone appear to people whose role may not see them.</summary>
public static class ReporterMask
{
    /// <summary>Roles that see reporters' names and phone numbers in full (to call them back); everyone else, on every page and in the audit log, sees them masked.</summary>
    public static readonly string[] SeeReporter = [Roles.Dispatcher, Roles.SectionChief, Roles.BureauLeader, Roles.SquadLeader, Roles.StreetTeamLeader];

    /// <summary>The reporter fields of a recorded change (the audit log's JSON of changed values), masked for <paramref name="full"/> = false.</summary>
    public static string? InChanges(string? json, bool full)
    {
        if (full || json is null || !(json.Contains("\"ReporterName\"", StringComparison.Ordinal) || json.Contains("\"ReporterPhone\"", StringComparison.Ordinal)))
        {
            return json;
        }
        if (System.Text.Json.Nodes.JsonNode.Parse(json) is not System.Text.Json.Nodes.JsonObject values)
        {
            return json;
        }
        foreach ((string field, Func<string?, string> mask) in new (string, Func<string?, string>)[] { ("ReporterName", Name), ("ReporterPhone", Phone) })
        {
            if (values[field] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue(out string? text))
            {
                values[field] = mask(text);
            }
        }
        return values.ToJsonString();
    }

    /// <summary>138****5678 for a mobile number; for other numbers everything but the last four digits is hidden.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return "";
        }
        string digits = new([.. phone.Where(char.IsAsciiDigit)]);
        if (digits.Length == 11 && digits[0] == '1')
        {
            return digits[..3] + "****" + digits[7..];
        }
        return digits.Length <= 4 ? new string('*', digits.Length) : new string('*', digits.Length - 4) + digits[^4..];
    }

    /// <summary>张** for 张三丰: the family name and one star a further character (a two-character name keeps one star).</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }
        string trimmed = name.Trim();
        var chars = System.Globalization.StringInfo.GetTextElementEnumerator(trimmed);
        var elements = new List<string>();
        while (chars.MoveNext())
        {
            elements.Add((string)chars.Current);
        }
        return elements.Count == 1 ? "*" : elements[0] + new string('*', elements.Count - 1);
    }
}
