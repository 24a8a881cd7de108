using System.Globalization;

namespace Chengguan.Demolition.Pages;

/// <summary>
/// The form of each procedure move: its fields (required ones from <see cref="DemolitionWorkflow"/>,
/// so the form never asks less than the procedure checks) and the request body built from the typed values.
/// </summary>
public static class DemolitionForms
{
    public const string Days = "days";
    public const string Reason = "reason";
    public const string Reference = "reference";
    public const string Area = "area";
    public const string Photos = "photos";
    public const string Note = "note";

    /// <summary>The fields of a move in the order shown; every move may carry a note.</summary>
    public static IReadOnlyList<string> Fields(DemolitionState state, DemolitionAction action)
    {
        List<string> fields = [.. DemolitionWorkflow.Find(state, action)?.RequiredFields ?? []];
        if (!fields.Contains(Reason))
        {
            fields.Add(Note);
        }
        return fields;
    }

    public static bool Required(DemolitionState state, DemolitionAction action, string field) =>
        DemolitionWorkflow.Find(state, action)?.RequiredFields.Contains(field) == true;

    /// <summary>Required fields left blank, and numbers that do not parse, keyed by field.</summary>
    public static Dictionary<string, string> Check(DemolitionState state, DemolitionAction action, IReadOnlyDictionary<string, string?> values,
        IReadOnlyCollection<Guid> photos, Func<string, string> required, Func<string, string> notANumber)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string f in Fields(state, action))
        {
            string? v = values.GetValueOrDefault(f);
            bool blank = f == Photos ? photos.Count == 0 : string.IsNullOrWhiteSpace(v);
            if (blank && Required(state, action, f))
            {
                errors[f] = required(f);
            }
            else if (!blank && (f == Days && !int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                || f == Area && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                errors[f] = notANumber(f);
            }
        }
        return errors;
    }

    /// <summary>The body of the move from what was typed: blanks left out, numbers parsed invariantly.</summary>
    public static DemolitionActionInput Input(IReadOnlyDictionary<string, string?> values, IReadOnlyCollection<Guid> photos)
    {
        string? Text(string key) => values.GetValueOrDefault(key) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        return new DemolitionActionInput(
            Days: int.TryParse(Text(Days), NumberStyles.Integer, CultureInfo.InvariantCulture, out int d) ? d : null,
            Reason: Text(Reason),
            Note: Text(Note),
            Reference: Text(Reference),
            Area: double.TryParse(Text(Area), NumberStyles.Float, CultureInfo.InvariantCulture, out double a) ? a : null,
            Photos: photos.Count > 0 ? [.. photos] : null);
    }
}
