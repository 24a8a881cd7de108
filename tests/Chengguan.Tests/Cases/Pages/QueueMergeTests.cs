using Chengguan.Cases;
using Chengguan.Cases.Pages;
using Chengguan.Clocks;
using Chengguan.Ui.Components;

namespace Chengguan.Tests.Cases.Pages;

public sealed class QueueMergeTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private static WorkItem Item(string number, int dueMinutes, int version = 1) => new(
        Guid.Parse($"00000000-0000-0000-0000-{number.PadLeft(12, '0')}"), number, CaseRoute.Hotline, CaseChannel.Hotline12345, null, CaseState.Received,
        Urgency.Normal, "占道", null, null, null, null, s_t0, version,
        [new ClockView("hotline.accept", "受理", ClockState.Running, s_t0.AddMinutes(dueMinutes), null, null)], [CaseAction.Accept], null, null);

    [Fact]
    public void Untouched_rows_keep_their_objects_and_touched_rows_are_replaced_in_due_order()
    {
        WorkItem a = Item("1", 10), b = Item("2", 20), c = Item("3", 30);
        WorkItem bMoved = Item("2", 40, version: 2);

        List<WorkItem> merged = CaseConsole.Merge([a, b, c], [b.Id], [bMoved]);

        Assert.Equal(["1", "3", "2"], merged.Select(i => i.Number));
        Assert.Same(a, merged[0]);
        Assert.Same(c, merged[1]);
        Assert.Same(bMoved, merged[2]);
    }

    [Fact]
    public void A_touched_case_that_left_the_queue_is_dropped_and_a_new_one_is_inserted()
    {
        WorkItem a = Item("1", 10), b = Item("2", 20), fresh = Item("9", 15);

        List<WorkItem> merged = CaseConsole.Merge([a, b], [a.Id, fresh.Id], [fresh]);

        Assert.Equal(["9", "2"], merged.Select(i => i.Number));
    }

    [Fact]
    public void The_queue_stays_within_its_limit()
    {
        List<WorkItem> full = [.. Enumerable.Range(1, CaseQueries.QueueLimit).Select(i => Item(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 100 + i))];
        WorkItem urgent = Item("99999", 1);

        List<WorkItem> merged = CaseConsole.Merge(full, [urgent.Id], [urgent]);

        Assert.Equal(CaseQueries.QueueLimit, merged.Count);
        Assert.Same(urgent, merged[0]);
        Assert.DoesNotContain(full[^1], merged);
    }

    [Theory]
    [InlineData("", 3)]
    [InlineData("  ", 3)]
    [InlineData("2", 1)]
    [InlineData("江宁路", 3)]
    [InlineData("占道", 3)]
    [InlineData("不存在", 0)]
    public void The_filter_matches_number_address_and_description(string text, int expected)
    {
        List<WorkItem> queue = [Item("1", 10), Item("2", 20), Item("3", 30)];
        queue = [.. queue.Select(i => i with { Address = "江宁路 " + i.Number + "00 号" })];

        Assert.Equal(expected, CaseConsole.Matching(queue, text).Count);
    }
}
