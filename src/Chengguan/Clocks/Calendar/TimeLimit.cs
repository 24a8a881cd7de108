namespace Chengguan.Clocks.Calendar;

/// <summary>How a limit's amount is counted. The unit of <see cref="TimeLimit.Amount"/> is given per kind.</summary>
public enum TimeLimitKind
{
    /// <summary>Minutes that run continuously (自然时间).</summary>
    NaturalMinutes,

    /// <summary>Hours that run continuously (紧急工作时).</summary>
    UrgentHours,

    /// <summary>Hours counted only inside the working periods of working days (工作时).</summary>
    WorkingHours,

    /// <summary>Working days counted from the day after the start day; due at the end of the Nth working day's last period (工作日).</summary>
    WorkingDays,

    /// <summary>Calendar days counted from the day after the start day; due at 24:00 local of the Nth day (自然日).</summary>
    NaturalDays,
}

/// <summary>A limit: minutes for <see cref="TimeLimitKind.NaturalMinutes"/>, hours for the hour kinds, days for the day kinds.</summary>
public readonly record struct TimeLimit(int Amount, TimeLimitKind Kind)
{
    public static TimeLimit NaturalMinutes(int minutes) => new(minutes, TimeLimitKind.NaturalMinutes);

    public static TimeLimit UrgentHours(int hours) => new(hours, TimeLimitKind.UrgentHours);

    public static TimeLimit WorkingHours(int hours) => new(hours, TimeLimitKind.WorkingHours);

    public static TimeLimit WorkingDays(int days) => new(days, TimeLimitKind.WorkingDays);

    public static TimeLimit NaturalDays(int days) => new(days, TimeLimitKind.NaturalDays);

    /// <summary>True for the kinds that <see cref="TimeLimitCalculator.Between"/> measures in minutes.</summary>
    public static bool IsMeasuredInMinutes(TimeLimitKind kind)
    {
        return kind is TimeLimitKind.NaturalMinutes or TimeLimitKind.UrgentHours or TimeLimitKind.WorkingHours;
    }

    /// <summary>
    /// The amount in the unit <see cref="TimeLimitCalculator.Between"/> reports for this kind:
    /// minutes for the minute and hour kinds, days for the day kinds.
    /// </summary>
    public long AmountInBetweenUnits => Kind is TimeLimitKind.UrgentHours or TimeLimitKind.WorkingHours ? Amount * 60L : Amount;
}

/// <summary>A computed due time. Provisional when a day the computation relied on lies in a year without a published notice.</summary>
public readonly record struct DueResult(DateTimeOffset DueUtc, bool Provisional);
