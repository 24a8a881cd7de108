namespace Chengguan.Directives;

public enum DirectiveLight
{
    Green,
    Yellow,
    Red,
}

/// <summary>
/// A directive's traffic light, a pure rule: green once closed (销号); red once the deadline has
/// passed while open; yellow when a milestone's date has passed undone, when less than a fifth of
/// the time is left, or when the reported percent lags the share of the time spent; green otherwise.
/// A close-out awaiting approval counts as 100% done.
/// </summary>
public static class DirectiveLights
{
    /// <summary>With less than one part in this many of its time left a directive turns yellow (a fifth: 20%).</summary>
    public const int YellowParts = 5;

    public static DirectiveLight Of(DirectiveState state, DateTimeOffset start, DateTimeOffset due, int percent, int lateMilestones, DateTimeOffset now)
    {
        if (state == DirectiveState.Closed)
        {
            return DirectiveLight.Green;
        }
        if (now >= due)
        {
            return DirectiveLight.Red;
        }
        if (lateMilestones > 0)
        {
            return DirectiveLight.Yellow;
        }
        // Whole ticks, not floating shares: a boundary (exactly a fifth left) falls on the side the rule says.
        long total = (due - start).Ticks, left = (due - now).Ticks;
        if (total <= 0 || left * YellowParts < total)
        {
            return DirectiveLight.Yellow;
        }
        int done = state == DirectiveState.CloseRequested ? 100 : Math.Clamp(percent, 0, 100);
        decimal spent = Math.Floor(Math.Max(0, (decimal)(now - start).Ticks) * 100 / total);
        return done < spent ? DirectiveLight.Yellow : DirectiveLight.Green;
    }
}
