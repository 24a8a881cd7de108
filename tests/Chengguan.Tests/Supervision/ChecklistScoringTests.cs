using Chengguan.Infrastructure;
using Chengguan.Supervision;

namespace Chengguan.Tests.Supervision;

/// <summary>Checklist scoring: points less deductions floored at 0 per item, findings per failed item, bad marks as field errors; a new version's own rules.</summary>
public sealed class ChecklistScoringTests
{
    private static readonly ChecklistDefinition List = ChecklistScoring.Default;

    private static ScoreResult Scored(params ItemMark[] marks) =>
        Assert.IsType<Outcome<ScoreResult>.Done>(ChecklistScoring.Score(List, marks)).Value;

    private static FieldErrors Refused(params ItemMark[] marks) =>
        Assert.IsType<Outcome<ScoreResult>.Invalid>(ChecklistScoring.Score(List, marks)).Errors;

    [Fact]
    public void The_default_checklist_has_the_seven_items_and_100_points()
    {
        Assert.Equal(["主体合法", "事实清楚", "证据确凿", "程序合法", "适用法律正确", "文书规范", "时限"], List.Items.Select(i => i.Name));
        Assert.Equal(100, List.Total);
        Assert.False(ChecklistScoring.Validate(List.Items).Any);
    }

    [Fact]
    public void A_file_without_marks_scores_full_points_and_has_no_findings()
    {
        ScoreResult r = Scored();
        Assert.Equal((100, 100), (r.Score, r.Max));
        Assert.Empty(r.Findings);
        Assert.All(r.Items, i => Assert.Equal(i.Points, i.Score));
    }

    [Fact]
    public void Deductions_are_taken_from_their_item_and_each_failed_item_is_one_finding()
    {
        ScoreResult r = Scored(new ItemMark("ZJ", ["ZJ1"], "无现场照片"), new ItemMark("WS", ["WS1", "WS2"], null), new ItemMark("SX", [], "按时"));
        Assert.Equal(100 - 10 - 8, r.Score);
        Assert.Equal(10, r.Items.Single(i => i.Code == "ZJ").Score);
        Assert.Equal(2, r.Items.Single(i => i.Code == "WS").Score);
        Assert.Equal(10, r.Items.Single(i => i.Code == "SX").Score);
        Assert.Equal(["ZJ", "WS"], r.Findings.Select(f => f.ItemCode));
        Assert.Equal("证据确凿：缺少现场照片或勘验笔录（无现场照片）", r.Findings[0].Text);
        Assert.Equal("文书规范：文书填写不完整；文书用语不规范", r.Findings[1].Text);
    }

    [Fact]
    public void An_item_never_goes_below_zero()
    {
        ScoreResult r = Scored(new ItemMark("ZJ", ["ZJ1", "ZJ2", "ZJ3"], null), new ItemMark("ZT", ["ZT1", "ZT2"], null));
        Assert.Equal(0, r.Items.Single(i => i.Code == "ZJ").Score);
        Assert.Equal(0, r.Items.Single(i => i.Code == "ZT").Score);
        Assert.Equal(70, r.Score);
        Assert.Equal(3, r.Items.Single(i => i.Code == "ZJ").Deductions.Count);
    }

    [Fact]
    public void Unknown_items_unknown_or_foreign_deductions_repeats_and_long_notes_are_field_errors()
    {
        Dictionary<string, string[]> e = Refused(
            new ItemMark("XX", null, null), new ItemMark("ZJ", ["ZT1"], null), new ItemMark("ZJ", null, null), new ItemMark("SX", ["SX1"], new string('长', 501)))
            .ToDictionary();
        Assert.Contains("marks[0].item", e.Keys);
        Assert.Contains("marks[1].deductions", e.Keys);
        Assert.Contains("marks[2].item", e.Keys);
        Assert.Contains("marks[3].note", e.Keys);
        Assert.DoesNotContain("marks[3].item", e.Keys);
    }

    [Fact]
    public void A_version_with_another_item_is_scored_by_its_own_rules()
    {
        var v2 = new ChecklistDefinition(2, "v2", [new("A", "甲", 30, [new("A1", "甲一", 40)]), new("B", "乙", 20, [])]);
        ScoreResult r = Assert.IsType<Outcome<ScoreResult>.Done>(ChecklistScoring.Score(v2, [new ItemMark("A", ["A1"], null)])).Value;
        Assert.Equal((20, 50), (r.Score, r.Max));
        Assert.IsType<Outcome<ScoreResult>.Invalid>(ChecklistScoring.Score(v2, [new ItemMark("ZJ", null, null)]));
    }

    [Fact]
    public void A_new_version_needs_items_unique_codes_sane_points_and_deductions_within_the_item()
    {
        Assert.True(ChecklistScoring.Validate([]).Any);
        Assert.True(ChecklistScoring.Validate(null).Any);
        Dictionary<string, string[]> e = ChecklistScoring.Validate(
        [
            new("A", "甲", 10, [new("A1", "甲一", 11), new("A1", "", 0)]),
            new("A", "", 0, []),
            new("", new string('名', 41), 101, []),
        ]).ToDictionary();
        Assert.Contains("items[0].deductions[0].points", e.Keys);
        Assert.Contains("items[0].deductions[1].code", e.Keys);
        Assert.Contains("items[0].deductions[1].text", e.Keys);
        Assert.Contains("items[1].code", e.Keys);
        Assert.Contains("items[1].name", e.Keys);
        Assert.Contains("items[1].points", e.Keys);
        Assert.Contains("items[2].code", e.Keys);
        Assert.Contains("items[2].name", e.Keys);
        Assert.Contains("items[2].points", e.Keys);
        Assert.DoesNotContain("items[0].code", e.Keys);
    }
}
