using Chengguan.Rectification;

namespace Chengguan.Tests.Rectification;

/// <summary>Every branch of the light rule and its edges: done, overdue, under a fifth of the time left, behind the elapsed share, on track.</summary>
public sealed class TrafficLightsTests
{
    private static readonly DateTimeOffset Start = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Start.AddDays(100);

    private static Light At(double day, int percent, RectificationState state = RectificationState.InProgress) =>
        TrafficLights.Of(state, Start, Due, percent, Start.AddDays(day));

    [Theory]
    [InlineData(RectificationState.Verified)]
    [InlineData(RectificationState.Closed)]
    public void A_finished_item_is_green_even_past_its_deadline_with_no_progress(RectificationState state) =>
        Assert.Equal(Light.Green, At(150, 0, state));

    [Theory]
    [InlineData(RectificationState.Drafted)]
    [InlineData(RectificationState.InProgress)]
    [InlineData(RectificationState.Submitted)]
    public void An_open_item_is_red_from_its_due_time_on_whatever_its_progress(RectificationState state)
    {
        Assert.Equal(Light.Red, At(100, 100, state));
        Assert.Equal(Light.Red, At(130, 100, state));
        Assert.NotEqual(Light.Red, TrafficLights.Of(state, Start, Due, 100, Due.AddSeconds(-1)));
    }

    [Fact]
    public void Less_than_a_fifth_of_the_time_left_is_yellow_even_at_full_progress()
    {
        Assert.Equal(Light.Green, At(80, 100));
        Assert.Equal(Light.Yellow, At(80.01, 100));
        Assert.Equal(Light.Yellow, At(99.9, 100, RectificationState.Submitted));
    }

    [Fact]
    public void Progress_behind_the_elapsed_share_is_yellow_and_level_with_it_is_green()
    {
        Assert.Equal(Light.Yellow, At(30, 29));
        Assert.Equal(Light.Green, At(30, 30));
        Assert.Equal(Light.Green, At(30, 31));
        // Whole percent: 30.5% of the time spent asks for 30%.
        Assert.Equal(Light.Green, At(30.5, 30));
    }

    [Fact]
    public void A_fresh_item_without_progress_is_green()
    {
        Assert.Equal(Light.Green, At(0, 0));
        Assert.Equal(Light.Green, At(0.5, 0, RectificationState.Drafted));
        Assert.Equal(Light.Yellow, At(1, 0));
    }

    [Fact]
    public void An_item_submitted_for_verification_counts_as_fully_done()
    {
        Assert.Equal(Light.Green, At(50, 0, RectificationState.Submitted));
        Assert.Equal(Light.Yellow, At(50, 0, RectificationState.InProgress));
    }

    [Fact]
    public void Progress_outside_0_to_100_is_clamped()
    {
        Assert.Equal(Light.Green, At(50, 250));
        Assert.Equal(Light.Yellow, At(50, -5));
    }

    [Fact]
    public void A_deadline_at_or_before_the_start_is_yellow_until_due_then_red()
    {
        Assert.Equal(Light.Red, TrafficLights.Of(RectificationState.InProgress, Start, Start, 100, Start));
        Assert.Equal(Light.Yellow, TrafficLights.Of(RectificationState.InProgress, Start, Start.AddDays(-1), 100, Start.AddDays(-2)));
    }

    [Fact]
    public void Before_the_start_nothing_is_elapsed()
    {
        Assert.Equal(Light.Green, At(-5, 0));
    }
}
