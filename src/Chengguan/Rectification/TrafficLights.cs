namespace Chengguan.Rectification;

public enum Light
{
    Green,
    Yellow,
    Red,
}

/// <summary>
/// The board's traffic light of an item, a pure rule: red once the deadline has passed unfinished;
/// yellow when less than a fifth of the time is left, or when the reported progress lags the share
/// of the time already spent; green otherwise. A verified or closed item is green: it is done.
/// </summary>
public static class TrafficLights
{
    /// <summary>With less than one part in this many of its time left an item turns yellow (a fifth: 20%).</summary>
    public const int YellowParts = 5;

    public static Light Of(RectificationState state, DateTimeOffset start, DateTimeOffset due, int percent, DateTimeOffset now)
    {
        if (state is RectificationState.Verified or RectificationState.Closed)
        {
            return Light.Green;
        }
        if (now >= due)
        {
            return Light.Red;
        }
        // Whole ticks, not floating shares: a boundary (exactly a fifth left, exactly 30% spent) falls on the side the rule says.
        long total = (due - start).Ticks, left = (due - now).Ticks;
        if (total <= 0 || left * YellowParts < total)
        {
            // A deadline at or before the start leaves no time to share: it is as good as the last fifth.
            return Light.Yellow;
        }
        // Work handed in for verification is as far as the owner can take it. Progress is reported in whole
        // percent, so it is compared with the whole percent of time spent (a fresh item is not behind).
        int done = state == RectificationState.Submitted ? 100 : Math.Clamp(percent, 0, 100);
        decimal spent = Math.Floor(Math.Max(0, (decimal)(now - start).Ticks) * 100 / total);
        return done < spent ? Light.Yellow : Light.Green;
    }
}
