using Chengguan.Cases.Pages;
using Chengguan.Evidence;
using Chengguan.Ui;

namespace Chengguan.Cases;

/// <summary>
/// The words people use for the cases' machine values, from the console's resources (Chinese by
/// default, English when switched): the workflow's refusals and the pages name states, actions,
/// fields and evidence with them instead of the enum names.
/// </summary>
public static class CaseLabels
{
    public static string State(CaseState state) => Labels.Text("S_" + state);

    public static string Action(CaseAction action) => Labels.Text("A_" + action);

    /// <summary>A field of an action's body as its form labels it; a field no form shows (location) has its own key.</summary>
    public static string Field(CaseAction action, string field) =>
        CaseForms.For(action).FirstOrDefault(f => f.Key == field) is { } form ? Labels.Text(form.LabelKey) : Labels.Find("F_" + field) ?? field;

    public static string EvidenceKind(EvidenceKind kind) => Labels.Text("EK_" + kind);

    public static string EvidencePurpose(EvidencePurpose purpose) => Labels.Text("EP_" + purpose);
}
