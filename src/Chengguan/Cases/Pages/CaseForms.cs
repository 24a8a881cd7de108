namespace Chengguan.Cases.Pages;

public enum FormFieldKind
{
    Line,
    Text,
    Unit,
    Int,
    DateTime,
    Satisfaction,
    Bool,
    /// <summary>Another case, chosen among the duplicates the detail page suggests (merge).</summary>
    Case,
    /// <summary>A small class of the category dictionary, picked by name or code (立案).</summary>
    Category,
    /// <summary>A filing condition of the picked category.</summary>
    Condition,
    /// <summary>A district department of the dictionary (退单: the department that answers for the case).</summary>
    Department,
}

/// <summary>One input of an action's form; <see cref="Key"/> is the field name the workflow reads (dots nest).</summary>
public sealed record FormField(string Key, string LabelKey, FormFieldKind Kind, int? Min = null, int? Max = null, int MaxLength = 1000);

/// <summary>
/// The console's form for each workflow action: the fields the transition table requires plus the
/// optional ones the action reads. Check-in needs the device (photos and position) and is done on
/// the officer's page; merge picks its parent among the suggested duplicates.
/// </summary>
public static class CaseForms
{
    private static readonly FormField s_reason = new("reason", "F_reason", FormFieldKind.Text);
    private static readonly FormField s_result = new("result", "F_result", FormFieldKind.Text);
    private static readonly FormField s_note = new("note", "F_note", FormFieldKind.Text);
    private static readonly FormField s_unit = new("unitId", "F_unit", FormFieldKind.Unit);

    private static readonly FormField[] s_reply =
    [
        new("reply", "F_reply", FormFieldKind.Text, MaxLength: 2000),
        new("checklist.factsFound", "F_factsFound", FormFieldKind.Line),
        new("checklist.actionTaken", "F_actionTaken", FormFieldKind.Line),
        new("checklist.legalBasis", "F_legalBasis", FormFieldKind.Line),
        new("checklist.result", "F_checkResult", FormFieldKind.Line),
        new("checklist.citizenContacted", "F_citizenContacted", FormFieldKind.Line),
    ];

    public static IReadOnlyList<FormField> For(CaseAction action) => action switch
    {
        CaseAction.Dispatch => [s_unit, s_note],
        CaseAction.Reassign => [s_unit, s_reason],
        CaseAction.Verify or CaseAction.RecordPreliminary or CaseAction.Handle or CaseAction.FeedBack or CaseAction.Check => [s_result],
        CaseAction.File => [new("categoryCode", "F_category", FormFieldKind.Category, MaxLength: 32), new("conditionCode", "F_condition", FormFieldKind.Condition, MaxLength: 8)],
        CaseAction.Reply or CaseAction.SubmitReply => s_reply,
        CaseAction.RequestExtension => [new("amount", "F_amount", FormFieldKind.Int, 1, 100), s_reason],
        CaseAction.Merge => [new("parentId", "F_parent", FormFieldKind.Case), s_note],
        CaseAction.Evaluate => [new("rating", "F_rating", FormFieldKind.Int, 1, 5)],
        CaseAction.Supervise => [new("deadline", "F_deadline", FormFieldKind.DateTime), s_note],
        CaseAction.Callback or CaseAction.Rehandle => [new("satisfaction", "F_satisfaction", FormFieldKind.Satisfaction), new("resolved", "F_resolved", FormFieldKind.Bool), s_reason],
        CaseAction.Return => [s_reason, new("department", "F_department", FormFieldKind.Department, MaxLength: 32)],
        CaseAction.Accept or CaseAction.Close or CaseAction.ApproveReply or CaseAction.ApproveExtension or CaseAction.Resume or CaseAction.Redeliver => [s_note],
        _ => [s_reason],
    };

    /// <summary>Whether the transition table makes this field compulsory for the action on this route and state.</summary>
    public static bool Required(CaseRoute route, CaseState state, CaseAction action, FormField field) =>
        CaseWorkflow.Find(route, state, action) is { } t && t.RequiredFields.Contains(field.Key);

    /// <summary>The workflow's JSON body from the form's values: dotted keys nest, numbers and flags typed, blanks left out.</summary>
    public static Dictionary<string, object?> Body(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, string?> values)
    {
        var body = new Dictionary<string, object?>();
        foreach (FormField f in fields)
        {
            if (!values.TryGetValue(f.Key, out string? text) || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            object value = f.Kind switch
            {
                FormFieldKind.Int when int.TryParse(text, out int i) => i,
                FormFieldKind.Bool => text == "true",
                _ => text.Trim(),
            };
            string[] path = f.Key.Split('.');
            Dictionary<string, object?> target = body;
            foreach (string part in path[..^1])
            {
                if (target.GetValueOrDefault(part) is not Dictionary<string, object?> inner)
                {
                    target[part] = inner = [];
                }
                target = inner;
            }
            target[path[^1]] = value;
        }
        return body;
    }
}
