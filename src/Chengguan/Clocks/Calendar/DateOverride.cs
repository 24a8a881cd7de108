namespace Chengguan.Clocks.Calendar;

public enum DateOverrideKind
{
    /// <summary>No work that day (放假), whatever the weekday.</summary>
    Holiday,

    /// <summary>A rest day worked (调休上班) with the calendar's make-up workday periods.</summary>
    MakeUpWorkday,

    /// <summary>Work only in the given periods that day; no periods means a closed day.</summary>
    SpecialHours,
}

/// <summary>A dated exception to the weekly template. Periods are set only for <see cref="DateOverrideKind.SpecialHours"/>.</summary>
public sealed record DateOverride(DateOnly Date, DateOverrideKind Kind, string? Name, IReadOnlyList<WorkingPeriod> Periods);
