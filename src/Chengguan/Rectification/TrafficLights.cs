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
    /// <summary>Below this share of the time left an item turns yellow.</summary>
    public const double YellowShare = 0.2;

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
        double total = (due - start).TotalSeconds;
        // A deadline at or before the start leaves no time to share: only the "not yet due" above counts.
        double elapsed = total <= 0 ? 1 : Math.Clamp((now - start).TotalSeconds / total, 0, 1);
        if (1 - elapsed < YellowShare)
        {
            return Light.Yellow;
        }
        // Work handed in for verification is as far as the owner can take it. Progress is reported in whole
        // percent, so it is compared with the whole percent of time spent (a fresh item is not behind).
        int done = state == RectificationState.Submitted ? 100 : Math.Clamp(percent, 0, 100);
        return done < Math.Floor(elapsed * 100) ? Light.Yellow : Light.Green;
    }
}
