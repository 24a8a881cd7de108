using Chengguan.Identity;

namespace Chengguan.Training;

/// <summary>Who does what in training: the bureau's sections manage; unit leaders record their own people's attendance.</summary>
public static class TrainingRoles
{
    /// <summary>Courses, sessions, the yearly requirement and certificates.</summary>
    public static readonly string[] Managers = [Roles.Admin, Roles.BureauLeader, Roles.SectionChief];

    /// <summary>Attendance: the managers for anyone, a squad's or street team's leader for the people of their scope.</summary>
    public static readonly string[] Recorders = [.. Managers, Roles.SquadLeader, Roles.StreetTeamLeader];
}

/// <summary>An officer's hours in a year against the requirement (full year, and pro rata to a day).</summary>
public sealed record HoursStanding(double Hours, double Required, double RequiredSoFar, double Shortfall, bool MetSoFar, bool MetYear);

/// <summary>A unit's coverage: officers, how many met the requirement so far, how many attended a session in the period.</summary>
public sealed record CoverageCount(int Officers, int Met, int Attended)
{
    public double MetShare => Officers == 0 ? 0 : (double)Met / Officers;
    public double AttendedShare => Officers == 0 ? 0 : (double)Attended / Officers;
}

/// <summary>The pure rules of training: the requirement in force, pro-rata hours, standings, coverage and expiry bands.</summary>
public static class TrainingRules
{
    private const double Epsilon = 1e-9;

    /// <summary>
    /// The hours required of a certificate holder in <paramref name="year"/>: the version in force on the year's last day
    /// (a version effective during the year governs the whole year); 0 when none is in force by then.
    /// </summary>
    public static double RequiredFor(int year, IEnumerable<(DateOnly EffectiveFrom, double Hours)> versions)
    {
        var end = new DateOnly(year, 12, 31);
        return versions.Where(v => v.EffectiveFrom <= end).OrderByDescending(v => v.EffectiveFrom).Select(v => v.Hours).FirstOrDefault();
    }

    /// <summary>
    /// The share of a year's requirement due by <paramref name="day"/> (inclusive): required × days elapsed ÷ days in the year,
    /// the whole requirement from the year's last day on, nothing before it begins.
    /// </summary>
    public static double ProRata(double required, int year, DateOnly day)
    {
        if (day.Year < year)
        {
            return 0;
        }
        if (day.Year > year)
        {
            return required;
        }
        int days = DateTime.IsLeapYear(year) ? 366 : 365;
        return required * day.DayOfYear / days;
    }

    public static HoursStanding Standing(double hours, double required, int year, DateOnly asOf)
    {
        double soFar = ProRata(required, year, asOf);
        double shortfall = Math.Max(0, required - hours);
        return new HoursStanding(hours, required, soFar, shortfall < Epsilon ? 0 : shortfall, hours + Epsilon >= soFar, hours + Epsilon >= required);
    }

    /// <summary>
    /// A unit's coverage over its officers: <paramref name="hoursToDate"/> are each officer's hours from 1 January of the period's
    /// year to its last day, compared with the pro-rata requirement on that day; <paramref name="attendedInPeriod"/> who attended a session in the period.
    /// </summary>
    public static CoverageCount Coverage(IEnumerable<Guid> officers, IReadOnlyDictionary<Guid, double> hoursToDate, ISet<Guid> attendedInPeriod,
        double required, DateOnly to)
    {
        double due = ProRata(required, to.Year, to);
        int count = 0, met = 0, attended = 0;
        foreach (Guid o in officers.Distinct())
        {
            count++;
            if (Meets(hoursToDate.GetValueOrDefault(o), due))
            {
                met++;
            }
            if (attendedInPeriod.Contains(o))
            {
                attended++;
            }
        }
        return new CoverageCount(count, met, attended);
    }

    /// <summary>Whether hours reach what is due (half-hour sums compared with a tolerance, so 10 h meets a due 10.000000001 h).</summary>
    public static bool Meets(double hours, double due) => hours + Epsilon >= due;

    /// <summary>How close <paramref name="expiresOn"/> (valid through that day) is on <paramref name="today"/>; a revoked certificate warns no more.</summary>
    public static ExpiryBand Band(DateOnly expiresOn, DateOnly today, CertificateStatus status = CertificateStatus.Valid)
    {
        if (status == CertificateStatus.Revoked)
        {
            return ExpiryBand.None;
        }
        int left = expiresOn.DayNumber - today.DayNumber;
        return left < 0 ? ExpiryBand.Expired : left <= 30 ? ExpiryBand.Within30 : left <= 90 ? ExpiryBand.Within90 : ExpiryBand.None;
    }

    /// <summary>Whether hours are a positive whole number of half hours up to <paramref name="max"/>.</summary>
    public static bool HalfHours(double hours, double max) => hours > 0 && hours <= max && Math.Abs(hours * 2 - Math.Round(hours * 2)) < Epsilon;

    /// <summary>Passed when told so; otherwise from the score against the pass mark; unknown without either.</summary>
    public static bool? Passed(bool? told, int? score, int passMark) => told ?? (score is { } s ? s >= passMark : null);
}
