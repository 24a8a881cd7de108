using System.Globalization;
using Chengguan.Clocks;

namespace Chengguan.Ui.Components;

/// <summary>A case clock as the console shows it.</summary>
public sealed record ClockView(string Kind, string Name, ClockState State, DateTimeOffset? DueAt, DateTimeOffset? WarnAt, DateTimeOffset? StoppedAt)
{
    public static ClockView From(Clock k) => new(k.Kind, k.Policy?.Name ?? k.Kind, k.State, k.DueAt, k.WarnAt, k.StoppedAt);

    /// <summary>Green before the warning time, yellow from it, red once due; paused and stopped clocks are grey.</summary>
    public ClockLight LightAt(DateTimeOffset now) => this switch
    {
        { State: ClockState.Paused } => ClockLight.Paused,
        { StoppedAt: not null } or { State: ClockState.Met or ClockState.Cancelled } => ClockLight.Stopped,
        { State: ClockState.Breached } => ClockLight.Red,
        { DueAt: { } due } when now >= due => ClockLight.Red,
        { WarnAt: { } warn } when now >= warn => ClockLight.Yellow,
        _ => ClockLight.Green,
    };

    /// <summary>"1天 03:05:09" style: days, then hours:minutes:seconds.</summary>
    public static string Span(TimeSpan span, string dayUnit)
    {
        span = span.Duration();
        string clock = string.Create(CultureInfo.InvariantCulture, $"{span.Hours:D2}:{span.Minutes:D2}:{span.Seconds:D2}");
        return span.Days > 0 ? $"{span.Days}{dayUnit} {clock}" : clock;
    }
}

public enum ClockLight
{
    Green,
    Yellow,
    Red,
    Paused,
    Stopped,
}
