using System.Collections.Immutable;

namespace Chengguan.Clocks.Calendar;

/// <summary>
/// Mutable, single-threaded builder for <see cref="WorkingCalendar"/>. Starts from the default
/// week: Monday–Friday 09:00–12:00 and 13:00–17:30 in Asia/Shanghai, weekends off, no overrides.
/// A later override for the same date replaces an earlier one, so local adjustments can be
/// layered on top of imported notices.
/// </summary>
public sealed class WorkingCalendarBuilder
{
    private static readonly ImmutableArray<WorkingPeriod> s_defaultPeriods =
    [
        WorkingPeriod.FromHours(9, 0, 12, 0),
        WorkingPeriod.FromHours(13, 0, 17, 30),
    ];

    private readonly ImmutableArray<WorkingPeriod>[] _weekly = new ImmutableArray<WorkingPeriod>[7];
    private readonly Dictionary<DateOnly, DateOverride> _overrides = [];
    private readonly HashSet<int> _publishedYears = [];
    private ImmutableArray<WorkingPeriod>? _makeUpWorkdayPeriods;
    private string _name = "default";
    private int _version = 1;
    private TimeZoneInfo? _timeZone;
    private string _timeZoneId = WorkingCalendar.DefaultTimeZoneId;
    private bool _requiresPublishedNotices;

    public WorkingCalendarBuilder()
    {
        for (int i = 0; i < _weekly.Length; i++)
        {
            DayOfWeek day = (DayOfWeek)i;
            _weekly[i] = day is DayOfWeek.Saturday or DayOfWeek.Sunday ? [] : s_defaultPeriods;
        }
    }

    internal WorkingCalendarBuilder(WorkingCalendar calendar)
    {
        _name = calendar.Name;
        _version = calendar.Version;
        _timeZone = calendar.TimeZone;
        _timeZoneId = calendar.TimeZone.Id;
        for (int i = 0; i < _weekly.Length; i++)
        {
            _weekly[i] = [.. calendar.GetWeeklyPeriods((DayOfWeek)i)];
        }

        _makeUpWorkdayPeriods = [.. calendar.MakeUpWorkdayPeriods];
        foreach (DateOverride dateOverride in calendar.Overrides)
        {
            _overrides[dateOverride.Date] = dateOverride;
        }

        _publishedYears.UnionWith(calendar.PublishedYears);
        _requiresPublishedNotices = calendar.RequiresPublishedNotices;
    }

    public static IReadOnlyList<WorkingPeriod> DefaultPeriods => s_defaultPeriods;

    public WorkingCalendarBuilder WithName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        return this;
    }

    public WorkingCalendarBuilder WithVersion(int version)
    {
        _version = version;
        return this;
    }

    /// <summary>An IANA zone id such as "Asia/Shanghai" or "Europe/Berlin".</summary>
    public WorkingCalendarBuilder WithTimeZone(string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        _timeZoneId = timeZoneId;
        _timeZone = null;
        return this;
    }

    public WorkingCalendarBuilder WithTimeZone(TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        _timeZone = timeZone;
        _timeZoneId = timeZone.Id;
        return this;
    }

    /// <summary>Replaces the periods of one day of the week; none makes it a rest day.</summary>
    public WorkingCalendarBuilder WithWeeklyPeriods(DayOfWeek day, params IEnumerable<WorkingPeriod> periods)
    {
        _weekly[(int)day] = Normalize(periods, nameof(periods));
        return this;
    }

    /// <summary>Replaces the periods of Monday to Friday.</summary>
    public WorkingCalendarBuilder WithWeekdayPeriods(params IEnumerable<WorkingPeriod> periods)
    {
        ImmutableArray<WorkingPeriod> normalized = Normalize(periods, nameof(periods));
        for (DayOfWeek day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
        {
            _weekly[(int)day] = normalized;
        }

        return this;
    }

    /// <summary>
    /// Periods of a make-up workday. Unless set, a make-up workday works like the first of
    /// Monday–Friday that has periods (with the default week: 09:00–12:00, 13:00–17:30).
    /// </summary>
    public WorkingCalendarBuilder WithMakeUpWorkdayPeriods(params IEnumerable<WorkingPeriod> periods)
    {
        _makeUpWorkdayPeriods = Normalize(periods, nameof(periods));
        return this;
    }

    public WorkingCalendarBuilder AddHoliday(DateOnly date, string? name = null)
    {
        _overrides[date] = new DateOverride(date, DateOverrideKind.Holiday, name, ImmutableArray<WorkingPeriod>.Empty);
        return this;
    }

    public WorkingCalendarBuilder AddMakeUpWorkday(DateOnly date, string? name = null)
    {
        _overrides[date] = new DateOverride(date, DateOverrideKind.MakeUpWorkday, name, ImmutableArray<WorkingPeriod>.Empty);
        return this;
    }

    /// <summary>Works only the given periods on that date; an empty list closes the day.</summary>
    public WorkingCalendarBuilder AddSpecialHours(DateOnly date, IEnumerable<WorkingPeriod> periods, string? name = null)
    {
        _overrides[date] = new DateOverride(date, DateOverrideKind.SpecialHours, name, Normalize(periods, nameof(periods)));
        return this;
    }

    public WorkingCalendarBuilder RemoveOverride(DateOnly date)
    {
        _overrides.Remove(date);
        return this;
    }

    /// <summary>
    /// Applies a year's notice: its holidays and make-up workdays become overrides, the year counts
    /// as published, and the calendar starts flagging unpublished years as provisional.
    /// </summary>
    public WorkingCalendarBuilder AddNotice(HolidayNoticeYear notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        foreach (HolidayNoticeDay holiday in notice.Holidays)
        {
            AddHoliday(holiday.Date, holiday.Name);
        }

        foreach (HolidayNoticeDay workday in notice.Workdays)
        {
            AddMakeUpWorkday(workday.Date, workday.Name);
        }

        _publishedYears.Add(notice.Year);
        _requiresPublishedNotices = true;
        return this;
    }

    public WorkingCalendarBuilder AddNotices(IEnumerable<HolidayNoticeYear> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        foreach (HolidayNoticeYear notice in notices)
        {
            AddNotice(notice);
        }

        return this;
    }

    /// <summary>Marks a year as published without adding days, e.g. a year whose notice only moves weekends.</summary>
    public WorkingCalendarBuilder MarkPublished(int year)
    {
        _publishedYears.Add(year);
        return this;
    }

    public WorkingCalendarBuilder RequirePublishedNotices(bool required = true)
    {
        _requiresPublishedNotices = required;
        return this;
    }

    public WorkingCalendar Build()
    {
        bool anyWork = false;
        foreach (ImmutableArray<WorkingPeriod> periods in _weekly)
        {
            anyWork |= !periods.IsEmpty;
        }

        // Without a single weekly period every working-time search would run to the end of the
        // supported range (cf. GLPI #6010), so refuse such a calendar up front.
        if (!anyWork)
        {
            throw new InvalidOperationException("A working calendar needs at least one weekly working period.");
        }

        TimeZoneInfo zone = _timeZone ?? TimeZoneInfo.FindSystemTimeZoneById(_timeZoneId);
        return new WorkingCalendar(
            _name,
            _version,
            zone,
            (ImmutableArray<WorkingPeriod>[])_weekly.Clone(),
            _makeUpWorkdayPeriods ?? DefaultMakeUpPeriods(),
            _overrides.Values,
            _publishedYears,
            _requiresPublishedNotices);
    }

    private ImmutableArray<WorkingPeriod> DefaultMakeUpPeriods()
    {
        for (DayOfWeek day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
        {
            if (!_weekly[(int)day].IsEmpty)
            {
                return _weekly[(int)day];
            }
        }

        return s_defaultPeriods;
    }

    private static ImmutableArray<WorkingPeriod> Normalize(IEnumerable<WorkingPeriod> periods, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(periods, parameterName);
        var sorted = new List<WorkingPeriod>(periods);
        foreach (WorkingPeriod period in sorted)
        {
            // default(WorkingPeriod) bypasses the constructor's checks.
            if (period.EndMinute <= period.StartMinute)
            {
                throw new ArgumentException($"Period {period} is empty.", parameterName);
            }
        }

        sorted.Sort(static (x, y) => x.StartMinute.CompareTo(y.StartMinute));
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].StartMinute < sorted[i - 1].EndMinute)
            {
                throw new ArgumentException($"Periods {sorted[i - 1]} and {sorted[i]} overlap.", parameterName);
            }
        }

        return [.. sorted];
    }
}
