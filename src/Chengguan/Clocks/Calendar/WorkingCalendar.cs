using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Chengguan.Infrastructure;

namespace Chengguan.Clocks.Calendar;

/// <summary>
/// An immutable working-time calendar: a time zone, weekly working periods, dated overrides
/// (holidays, make-up workdays, special hours) and the years whose holiday notice is published.
/// Safe to share between threads. Per-year tables are built lazily on first use and then reused,
/// so the first computation touching a year costs a fraction of a millisecond and later ones
/// only a few binary searches.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>First local year the calendar can compute in.</summary>
    public const int MinYear = 1900;

    /// <summary>Last local year the calendar can compute in.</summary>
    public const int MaxYear = 2399;

    /// <summary>The bureau's zone, for calendars that name none.</summary>
    public const string DefaultTimeZoneId = ShanghaiTime.ZoneId;

    private static readonly IReadOnlyList<WorkingPeriod> s_noPeriods = ImmutableArray<WorkingPeriod>.Empty;

    // Boxed once here so that handing out periods never allocates.
    private readonly IReadOnlyList<WorkingPeriod>[] _weekly;
    private readonly FrozenDictionary<DateOnly, DateOverride> _overrides;
    private readonly FrozenSet<int> _publishedYears;

    // Cache slots, one per year: each slot goes from null to an immutable table exactly once (first
    // writer wins), so readers never lock and never see a half-built table.
    private readonly CalendarYear?[] _years = new CalendarYear?[MaxYear - MinYear + 1];

    internal WorkingCalendar(
        string name,
        int version,
        TimeZoneInfo timeZone,
        ImmutableArray<WorkingPeriod>[] weekly,
        ImmutableArray<WorkingPeriod> makeUpWorkdayPeriods,
        IEnumerable<DateOverride> overrides,
        IEnumerable<int> publishedYears,
        bool requiresPublishedNotices)
    {
        Name = name;
        Version = version;
        TimeZone = timeZone;
        _weekly = new IReadOnlyList<WorkingPeriod>[7];
        for (int i = 0; i < _weekly.Length; i++)
        {
            _weekly[i] = weekly[i];
        }

        MakeUpWorkdayPeriods = makeUpWorkdayPeriods;
        _overrides = overrides.ToFrozenDictionary(o => o.Date);
        Overrides = _overrides.Values.OrderBy(o => o.Date).ToImmutableArray();
        _publishedYears = publishedYears.ToFrozenSet();
        RequiresPublishedNotices = requiresPublishedNotices;
    }

    public string Name { get; }

    public int Version { get; }

    public TimeZoneInfo TimeZone { get; }

    public string TimeZoneId => TimeZone.Id;

    /// <summary>Periods worked on a <see cref="DateOverrideKind.MakeUpWorkday"/>.</summary>
    public IReadOnlyList<WorkingPeriod> MakeUpWorkdayPeriods { get; }

    /// <summary>All dated overrides, ordered by date.</summary>
    public IReadOnlyList<DateOverride> Overrides { get; }

    /// <summary>Years whose State Council notice is loaded.</summary>
    public IReadOnlySet<int> PublishedYears => _publishedYears;

    /// <summary>
    /// When true, computations that touch a year outside <see cref="PublishedYears"/> are marked
    /// provisional. Calendars without holiday data (e.g. a plain office week) leave it false.
    /// </summary>
    public bool RequiresPublishedNotices { get; }

    public static WorkingCalendarBuilder CreateBuilder()
    {
        return new WorkingCalendarBuilder();
    }

    /// <summary>The default week (Mon–Fri 09:00–12:00, 13:00–17:30) plus the given notices.</summary>
    public static WorkingCalendar FromNotices(
        IEnumerable<HolidayNoticeYear> notices,
        string name = "cn-state-council",
        int version = 1,
        string timeZoneId = DefaultTimeZoneId)
    {
        ArgumentNullException.ThrowIfNull(notices);
        return new WorkingCalendarBuilder()
            .WithName(name)
            .WithVersion(version)
            .WithTimeZone(timeZoneId)
            .AddNotices(notices)
            .Build();
    }

    /// <summary>
    /// A builder preloaded with this calendar, for deriving the next version (bump it with
    /// <see cref="WorkingCalendarBuilder.WithVersion"/>). The make-up workday periods are copied as
    /// explicit periods, so they no longer follow later weekday changes.
    /// </summary>
    public WorkingCalendarBuilder ToBuilder()
    {
        return new WorkingCalendarBuilder(this);
    }

    public IReadOnlyList<WorkingPeriod> GetWeeklyPeriods(DayOfWeek day)
    {
        return _weekly[(int)day];
    }

    public bool TryGetOverride(DateOnly date, [NotNullWhen(true)] out DateOverride? value)
    {
        return _overrides.TryGetValue(date, out value);
    }

    /// <summary>The local working periods of a date after applying its override, if any.</summary>
    public IReadOnlyList<WorkingPeriod> GetPeriods(DateOnly date)
    {
        if (_overrides.TryGetValue(date, out DateOverride? dateOverride))
        {
            return dateOverride.Kind switch
            {
                DateOverrideKind.Holiday => s_noPeriods,
                DateOverrideKind.MakeUpWorkday => MakeUpWorkdayPeriods,
                _ => dateOverride.Periods,
            };
        }

        return _weekly[(int)date.DayOfWeek];
    }

    /// <summary>True when the date has working time (a period swallowed whole by a DST gap does not count).</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        CalendarYear year = GetYear(date.Year);
        return year.IsWorkingDay(date.DayNumber - year.FirstDayNumber);
    }

    public bool IsPublishedYear(int year)
    {
        return _publishedYears.Contains(year);
    }

    public bool IsProvisionalYear(int year)
    {
        return RequiresPublishedNotices && !_publishedYears.Contains(year);
    }

    /// <summary>The local date an instant belongs to: the date of the last local midnight at or before it.</summary>
    public DateOnly GetLocalDate(DateTimeOffset instant)
    {
        CalendarYear year = GetYearContaining(instant.UtcTicks);
        return DateOnly.FromDayNumber(year.FirstDayNumber + year.DayIndexOf(instant.UtcTicks));
    }

    public override string ToString()
    {
        return $"{Name} v{Version} ({TimeZone.Id})";
    }

    internal CalendarYear GetYear(int year)
    {
        int slot = year - MinYear;
        if ((uint)slot >= (uint)_years.Length)
        {
            ThrowYearOutOfRange(year);
        }

        return Volatile.Read(ref _years[slot]) ?? BuildYear(slot, year);
    }

    internal CalendarYear GetYearContaining(long utcTicks)
    {
        // The local year differs from the UTC year only within a day of New Year.
        int guess = Math.Clamp(new DateTime(utcTicks, DateTimeKind.Utc).Year, MinYear, MaxYear);
        CalendarYear year = GetYear(guess);
        if (utcTicks < year.StartUtcTicks)
        {
            return GetYear(guess - 1);
        }

        if (utcTicks >= year.EndUtcTicks)
        {
            return GetYear(guess + 1);
        }

        return year;
    }

    private CalendarYear BuildYear(int slot, int year)
    {
        CalendarYear built = CalendarYear.Build(this, year);
        return Interlocked.CompareExchange(ref _years[slot], built, null) ?? built;
    }

    [DoesNotReturn]
    private static void ThrowYearOutOfRange(int year)
    {
        throw new ArgumentOutOfRangeException(
            nameof(year),
            year,
            $"Working calendars compute only within local years {MinYear}–{MaxYear}.");
    }
}
