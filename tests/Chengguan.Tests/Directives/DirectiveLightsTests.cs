using Chengguan.Directives;

namespace Chengguan.Tests.Directives;

/// <summary>Every branch of the directive light rule and its edges: closed, overdue, late milestone, under a fifth left, behind the elapsed share, on track.</summary>
public sealed class DirectiveLightsTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Start.AddDays(100);

    private static DirectiveLight At(double day, int percent, DirectiveState state = DirectiveState.InProgress, int late = 0) =>
        DirectiveLights.Of(state, Start, Due, percent, late, Start.AddDays(day));

    [Fact]
    public void A_closed_directive_is_green_even_past_its_deadline_with_late_milestones_and_no_progress() =>
        Assert.Equal(DirectiveLight.Green, At(150, 0, DirectiveState.Closed, late: 3));

    [Theory]
    [InlineData(DirectiveState.Issued)]
    [InlineData(DirectiveState.InProgress)]
    [InlineData(DirectiveState.ExtensionRequested)]
    [InlineData(DirectiveState.CloseRequested)]
    public void An_open_directive_is_red_from_its_due_time_on_whatever_its_progress(DirectiveState state)
    {
        Assert.Equal(DirectiveLight.Red, At(100, 100, state));
        Assert.Equal(DirectiveLight.Red, At(130, 100, state));
        Assert.NotEqual(DirectiveLight.Red, DirectiveLights.Of(state, Start, Due, 100, 0, Due.AddSeconds(-1)));
    }

    [Fact]
    public void A_late_milestone_is_yellow_even_early_and_at_full_progress_but_not_red()
    {
        Assert.Equal(DirectiveLight.Green, At(10, 100));
        Assert.Equal(DirectiveLight.Yellow, At(10, 100, late: 1));
        Assert.Equal(DirectiveLight.Red, At(100, 100, late: 1));
    }

    [Fact]
    public void Less_than_a_fifth_of_the_time_left_is_yellow_even_at_full_progress()
    {
        Assert.Equal(DirectiveLight.Green, At(80, 100));
        Assert.Equal(DirectiveLight.Yellow, At(80.01, 100));
        Assert.Equal(DirectiveLight.Yellow, At(99.9, 100, DirectiveState.CloseRequested));
    }

    [Fact]
    public void Progress_behind_the_elapsed_share_is_yellow_and_level_with_it_is_green()
    {
        Assert.Equal(DirectiveLight.Green, At(30, 30));
        Assert.Equal(DirectiveLight.Yellow, At(30, 29));
        Assert.Equal(DirectiveLight.Green, At(30.5, 30));
        Assert.Equal(DirectiveLight.Yellow, At(31, 30));
    }

    [Fact]
    public void A_fresh_directive_is_green_and_a_close_out_awaiting_approval_counts_as_done()
    {
        Assert.Equal(DirectiveLight.Green, At(0, 0, DirectiveState.Issued));
        Assert.Equal(DirectiveLight.Yellow, At(50, 0, DirectiveState.Issued));
        Assert.Equal(DirectiveLight.Green, At(50, 0, DirectiveState.CloseRequested));
    }

    [Fact]
    public void Progress_outside_0_to_100_is_clamped()
    {
        Assert.Equal(DirectiveLight.Yellow, At(10, -5));
        Assert.Equal(DirectiveLight.Green, At(70, 250));
    }

    [Fact]
    public void A_due_time_at_or_before_the_start_leaves_no_time_and_is_yellow_until_it_passes()
    {
        Assert.Equal(DirectiveLight.Yellow, DirectiveLights.Of(DirectiveState.InProgress, Due, Due.AddDays(-1), 100, 0, Due.AddDays(-2)));
        Assert.Equal(DirectiveLight.Red, DirectiveLights.Of(DirectiveState.InProgress, Due, Due, 100, 0, Due));
    }
}
