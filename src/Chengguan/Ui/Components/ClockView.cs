using System.Globalization;
using Chengguan.Clocks;

namespace Chengguan.Ui.Components;

/// <summary>
/// A case clock as the console shows it: its due time, and once it stopped whether it was met or late by
/// how much (<see cref="MarginMinutes"/>: due minus stop, negative when late) and why it stopped: the
/// ledger line that ended or paused it (<see cref="Ending"/>: Stop, Cancel or Pause) with its reason (the
/// step that stopped it, or the reason of the cancellation or suspension).
/// </summary>
public sealed record ClockView(string Kind, string Name, ClockState State, DateTimeOffset? DueAt, DateTimeOffset? WarnAt, DateTimeOffset? StoppedAt,
    long? MarginMinutes = null, LedgerType? Ending = null, string? EndReason = null)
{
    public static ClockView From(Clock k)
    {
        (LedgerType? ending, string? reason) = EndingOf(k);
        return new(k.Kind, k.Policy?.Name ?? k.Kind, k.State, k.DueAt, k.WarnAt, k.StoppedAt, k.MarginMinutes, ending, reason);
    }

    /// <summary>
    /// The ledger line that ended the clock (stop, cancel) or paused it, when the clock is in that state and its
    /// ledger was read; null otherwise.
    /// </summary>
    public static (LedgerType? Type, string? Reason) EndingOf(Clock k)
    {
        LedgerType? wanted = k.State switch
        {
            ClockState.Cancelled => LedgerType.Cancel,
            ClockState.Paused => LedgerType.Pause,
            _ when k.StoppedAt is not null => LedgerType.Stop,
            _ => null,
        };
        return wanted is { } type && k.Ledger.Where(l => l.Type == type).MaxBy(l => l.Seq) is { } line ? (type, line.Reason) : (null, null);
    }

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

    /// <summary>Whether a stopped clock was met (stopped by its due time), late, or neither (cancelled, still running).</summary>
    public bool? Met => State == ClockState.Cancelled || StoppedAt is null ? null : State == ClockState.Met || MarginMinutes >= 0;

    /// <summary>"1天 03:05:09" style: days, then hours:minutes:seconds.</summary>
    public static string Span(TimeSpan span, string dayUnit)
    {
        span = span.Duration();
        string clock = string.Create(CultureInfo.InvariantCulture, $"{span.Hours:D2}:{span.Minutes:D2}:{span.Seconds:D2}");
        return span.Days > 0 ? $"{span.Days}{dayUnit} {clock}" : clock;
    }

    /// <summary>A margin in whole minutes as "1天3小时5分钟" (units from the resources); zero parts are left out, 0 is "0分钟".</summary>
    public static string Minutes(long minutes, string dayUnit, string hourUnit, string minuteUnit)
    {
        minutes = Math.Abs(minutes);
        (long days, long hours, long mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
        string text = (days > 0 ? $"{days}{dayUnit}" : "") + (hours > 0 ? $"{hours}{hourUnit}" : "") + (mins > 0 || minutes == 0 ? $"{mins}{minuteUnit}" : "");
        return text;
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
