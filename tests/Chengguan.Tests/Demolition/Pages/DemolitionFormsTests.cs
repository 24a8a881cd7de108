using Chengguan.Demolition;
using Chengguan.Demolition.Pages;
using Chengguan.Infrastructure;

namespace Chengguan.Tests.Demolition.Pages;

public sealed class DemolitionFormsTests
{
    private static readonly Dictionary<string, string?> s_none = [];

    [Fact]
    public void Every_move_asks_at_least_the_fields_the_procedure_requires()
    {
        foreach (DemolitionTransition t in DemolitionWorkflow.All)
        {
            IReadOnlyList<string> fields = DemolitionForms.Fields(t.From, t.Action);
            Assert.All(t.RequiredFields, f => Assert.Contains(f, fields));
            Assert.All(t.RequiredFields, f => Assert.True(DemolitionForms.Required(t.From, t.Action, f)));
        }
    }

    [Fact]
    public void A_move_without_a_reason_field_offers_a_note_and_a_revocation_asks_for_its_reason_only()
    {
        Assert.Equal([DemolitionForms.Days, DemolitionForms.Note], DemolitionForms.Fields(DemolitionState.Identified, DemolitionAction.IssueOrder));
        Assert.Equal([DemolitionForms.Reason], DemolitionForms.Fields(DemolitionState.Ordered, DemolitionAction.Revoke));
        Assert.Equal([DemolitionForms.Area, DemolitionForms.Photos, DemolitionForms.Note], DemolitionForms.Fields(DemolitionState.Demolished, DemolitionAction.Recheck));
        Assert.False(DemolitionForms.Required(DemolitionState.Identified, DemolitionAction.IssueOrder, DemolitionForms.Note));
    }

    [Fact]
    public void Blank_required_fields_and_non_numbers_are_caught_before_anything_is_sent()
    {
        Dictionary<string, string> blank = DemolitionForms.Check(DemolitionState.Demolished, DemolitionAction.Recheck, s_none, [], f => "required:" + f, f => "nan:" + f);
        Assert.Equal("required:area", blank["area"]);
        Assert.Equal("required:photos", blank["photos"]);
        Assert.DoesNotContain("note", blank.Keys);

        Dictionary<string, string> nan = DemolitionForms.Check(DemolitionState.Identified, DemolitionAction.IssueOrder, new Dictionary<string, string?> { ["days"] = "7.5" }, [],
            f => "required:" + f, f => "nan:" + f);
        Assert.Equal("nan:days", nan["days"]);

        Assert.Empty(DemolitionForms.Check(DemolitionState.Demolished, DemolitionAction.Recheck, new Dictionary<string, string?> { ["area"] = "21.75" }, [Guid.NewGuid()],
            f => "required:" + f, f => "nan:" + f));
    }

    [Fact]
    public void The_body_parses_numbers_invariantly_trims_text_and_leaves_blanks_out()
    {
        Guid photo = Guid.NewGuid();
        DemolitionActionInput input = DemolitionForms.Input(new Dictionary<string, string?> { ["area"] = " 21.75 ", ["note"] = "  已拆除 ", ["reason"] = " ", ["days"] = "15" }, [photo]);
        Assert.Equal(new DemolitionActionInput(15, null, "已拆除", null, 21.75, null), input with { Photos = null });
        Assert.Equal([photo], input.Photos!);
        Assert.Null(DemolitionForms.Input(s_none, []).Photos);
    }

    [Fact]
    public void A_doors_outcome_becomes_done_field_errors_or_the_refusals_message()
    {
        Assert.True(DemolitionFormResult.From<int>(1).Done);
        DemolitionFormResult invalid = DemolitionFormResult.From<int>(new Outcome<int>.Invalid(new FieldErrors().Add("name", "同名任务批次已存在").Add("name", "x")));
        Assert.False(invalid.Done);
        Assert.Null(invalid.Message);
        Assert.Equal("同名任务批次已存在；x", invalid.Errors!["name"]);
        DemolitionFormResult refused = DemolitionFormResult.From<int>(new Outcome<int>.Forbidden("只有局领导、科长可以发布通报"));
        Assert.False(refused.Done);
        Assert.Equal("只有局领导、科长可以发布通报", refused.Message);
        Assert.Equal("问题当前状态（Open）不能执行 Rectify", DemolitionFormResult.From<int>(new Outcome<int>.Conflict("问题当前状态（Open）不能执行 Rectify", "Open", "Rectify")).Message);
    }

    [Fact]
    public void Rates_show_as_percentages_with_one_decimal_and_none_as_a_dash()
    {
        Assert.Equal("81.3%", DemolitionConsole.Percent(0.8125m));
        Assert.Equal("—", DemolitionConsole.Percent(null));
        Assert.Equal("21.75", DemolitionConsole.Number(21.75));
        Assert.Equal("1058.25", DemolitionConsole.Number(1058.25));
    }
}
