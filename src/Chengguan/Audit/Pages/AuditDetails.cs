using System.Globalization;
using System.Text.Json;
using Chengguan.Infrastructure;
using Chengguan.Ui;

namespace Chengguan.Audit.Pages;

/// <summary>One field of an audited row: its value before and after (null where the row did not exist).</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>
/// Reads an entry's before/after snapshots (flat JSON objects of strings, as the interceptor writes
/// them) as the fields that changed, so that the page shows "what changed" and not two blobs.
/// </summary>
public static partial class AuditDetails
{
    /// <summary>Longer values (a grid's boundary as WKT, a description) are cut here; the API keeps the whole.</summary>
    public const int MaxValue = 80;

    /// <summary>
    /// A create lists its non-empty fields, a delete what was there, an update only the fields whose
    /// value differs. A snapshot that is not a JSON object (a bulk write's summary) is one unnamed change.
    /// </summary>
    public static IReadOnlyList<AuditChange> Changes(string? before, string? after)
    {
        Dictionary<string, string?>? old = Parse(before), now = Parse(after);
        if ((before is not null && old is null) || (after is not null && now is null))
        {
            return [new AuditChange("", Cut(before), Cut(after))];
        }
        var changes = new List<AuditChange>();
        foreach (string field in (old?.Keys ?? Enumerable.Empty<string>()).Union(now?.Keys ?? Enumerable.Empty<string>()))
        {
            string? b = old?.GetValueOrDefault(field), a = now?.GetValueOrDefault(field);
            if (b != a)
            {
                changes.Add(new AuditChange(field, Cut(b), Cut(a)));
            }
        }
        return changes;
    }

    private static Dictionary<string, string?>? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null
                : p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Cut(string? value) => value is { Length: > MaxValue } ? value[..MaxValue] + "…" : value;

    /// <summary>
    /// Fields whose value is an identifier people type or compare letter for letter (a unit's or river's code, a
    /// sign-in name): the page shows them as recorded, marked as code.
    /// </summary>
    public static bool IsVerbatim(string field) => field is "Code" or "UserName" or "NormalizedUserName" or "Email" or "NormalizedEmail" or "Prefix";

    /// <summary>A field's label (<c>Au_F_*</c>), or the recorded name when the resources have none.</summary>
    public static string FieldLabel(string field) => field.Length == 0 ? "" : Labels.Find("Au_F_" + field) ?? field;

    /// <summary>
    /// A recorded value as people read it: instants in Shanghai time, GUIDs by the name the page knows or
    /// as a linked record, flags as 是/否 and the workflows' states, channels and kinds in words.
    /// </summary>
    public static string? Show(string entity, string field, string? value, Func<string, string?> nameOf)
    {
        if (value is null || value.Length == 0)
        {
            return value;
        }
        if (value.Length >= 20 && value[4] == '-' && DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset at))
        {
            return ShanghaiTime.ToShanghai(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }
        if (Guid.TryParse(value, out _) || (value.StartsWith("apikey:", StringComparison.Ordinal) && value.Length == 39))
        {
            return nameOf(value) ?? Labels.Text("Au_Ref");
        }
        if (value is "True" or "False")
        {
            return Labels.Text(value == "True" ? "Yes" : "No");
        }
        // Who did it: the person's name, 系统 for system work.
        if (AuditSubjectNames.LoginFields.Contains(field))
        {
            return nameOf(value) ?? (value == Display.SystemActor ? Labels.Text("System") : value);
        }
        // Categories and clocks by name; the working calendar and its zone in words.
        if (field == AuditSubjectNames.CategoryField || (entity, field) is ("Clock", "Kind"))
        {
            return nameOf(value) ?? value;
        }
        if ((field is "Calendar" || (entity, field) is ("CalendarVersion", "Name")) && value == Clocks.CalendarVersion.DefaultName)
        {
            return Labels.Text("Cal_DefaultName");
        }
        if (field == "TimeZoneId" && value == ShanghaiTime.ZoneId)
        {
            return Labels.Text("Cal_TzShanghai");
        }
        // Shapes (WKT, GeoJSON) and structured data say nothing in a table cell: the API keeps them whole.
        if (Shape().IsMatch(value) || value.Contains("\"type\"", StringComparison.Ordinal))
        {
            return Labels.Text("Au_Shape");
        }
        if (value[0] == '{' || field.EndsWith("Json", StringComparison.Ordinal))
        {
            return Labels.Text("Au_Data");
        }
        string? prefix = (entity, field) switch
        {
            ("Case" or "CaseEvent", "State" or "FromState" or "ToState" or "StateBeforeSuspension") => "S_",
            ("IllegalBuilding" or "DemolitionEvent", "State" or "FromState" or "ToState") => "Dm_S_",
            ("AreaProblem", "State") => "Dm_PS_",
            ("Interview", "State") => "Dm_IS_",
            ("CaseEvent", "Action") => "A_",
            ("DemolitionEvent", "Action") => "Dm_A_",
            (_, "Channel") => "C_",
            (_, "Urgency") => "U_",
            ("EvidenceItem", "Kind") => "EK_",
            ("EvidenceItem", "Purpose") => "EP_",
            ("Unit", "Kind") => "UK_",
            ("IllegalBuilding" or "DemolitionEvent", "Mode") => "Dm_Mode_",
            ("AreaProblemLink", "Kind") => "Au_LK_",
            ("Clock" or "ClockEvent", "State") => "CS_",
            (_, "LimitKind") => "Tl_",
            ("AssessmentPeriod", "State") => "Au_APS_",
            ("AssessmentPeriod", "PeriodKind") => "Au_APK_",
            ("AssessmentScheme" or "AssessmentResult" or "AssessmentScore" or "AssessmentAdjustment" or "AssessmentAppeal", "Kind") => "Au_AK_",
            _ => null,
        };
        if (prefix is not null && Labels.Find(prefix + value) is { } word)
        {
            return word;
        }
        // Inside longer values (lists, JSON, a bulk write's summary) the same: instants in Shanghai time, GUIDs by name.
        string shown = Instant().Replace(value, m => DateTimeOffset.TryParse(m.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset t)
            ? ShanghaiTime.ToShanghai(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : m.Value);
        return GuidText().Replace(shown, m => nameOf(m.Value) ?? Labels.Text("Au_Ref"));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(MULTI)?(POINT|LINESTRING|POLYGON)\b")]
    private static partial System.Text.RegularExpressions.Regex Shape();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial System.Text.RegularExpressions.Regex Instant();

    [System.Text.RegularExpressions.GeneratedRegex(@"(apikey:)?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial System.Text.RegularExpressions.Regex GuidText();
}
