using System.Globalization;

namespace Chengguan.Communities;

/// <summary>An active register row as the rules read it.</summary>
public readonly record struct ActiveLiaison(Guid CommitteeId, Guid PersonId, LiaisonRole Role);

/// <summary>A committee and its street, as the rules count them.</summary>
public readonly record struct CommitteeKey(Guid CommitteeId, Guid StreetId);

/// <summary>A visit as the norms count it.</summary>
public readonly record struct VisitCount(Guid CommitteeId, VisitKind Kind, DateOnly Date);

/// <summary>One street in one month against the norm (at least <see cref="Required"/> visits per committee).</summary>
public sealed record MonthNorm(Guid StreetId, string Month, int Committees, int CommitteesMeetingNorm, int Visits, int Enforcements, int Required)
{
    /// <summary>Share of the street's committees that met the norm, 0–1 (1 for a street without committees).</summary>
    public double Coverage => Committees == 0 ? 1 : (double)CommitteesMeetingNorm / Committees;
}

/// <summary>
/// The rules of 一人一居, plain functions without a database: who is uncovered or overloaded, whether a change of
/// liaison may be made, the monthly norm per street, and when a visit's feedback loop is closed.
/// </summary>
public static class CommunityRules
{
    /// <summary>Committees without an active liaison (a deputy alone does not cover a committee), in the given order.</summary>
    public static List<Guid> Uncovered(IEnumerable<Guid> committees, IEnumerable<ActiveLiaison> active)
    {
        HashSet<Guid> covered = [.. active.Where(a => a.Role == LiaisonRole.Liaison).Select(a => a.CommitteeId)];
        return [.. committees.Where(c => !covered.Contains(c))];
    }

    /// <summary>Officers who are the liaison (not the deputy) of more than <paramref name="max"/> committees, with those committees.</summary>
    public static List<(Guid PersonId, List<Guid> Committees)> Overloaded(IEnumerable<ActiveLiaison> active, int max) =>
        [.. active.Where(a => a.Role == LiaisonRole.Liaison).GroupBy(a => a.PersonId)
            .Where(g => g.Count() > max).Select(g => (g.Key, g.Select(a => a.CommitteeId).ToList()))];

    /// <summary>
    /// Whether an assignment may be made: null when it may, else the refusal. The committee's active row of the role, if any,
    /// must be named in <paramref name="replaces"/> (a change is said, never implied: two people assigning at once cannot both
    /// win), and the new period cannot start before the one it closes.
    /// </summary>
    public static string? AssignRefusal(Guid? activeId, DateOnly? activeFrom, Guid? replaces, DateOnly validFrom)
    {
        if (activeId is null)
        {
            return replaces is null ? null : "要更换的记录已不在任，请刷新后重试";
        }
        if (replaces != activeId)
        {
            return replaces is null ? "该居委会已有在任人员，更换须指明被更换的记录" : "要更换的记录已不在任，请刷新后重试";
        }
        return validFrom < activeFrom ? "更换日期不能早于现任人员的起始日期" : null;
    }

    /// <summary>"2026-11" → 1 November 2026; null when it is not a month of that form.</summary>
    public static DateOnly? ParseMonth(string? month) =>
        month is not null && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly first) ? first : null;

    public static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// The norm per street and month: a committee meets it with at least <paramref name="required"/> visits (走访) in the month;
    /// enforcement operations (执法进小区) are counted beside it but do not stand in for a visit.
    /// </summary>
    public static List<MonthNorm> Norms(IReadOnlyList<CommitteeKey> committees, IEnumerable<VisitCount> visits, DateOnly firstMonth, DateOnly lastMonth, int required)
    {
        var byMonth = visits.ToLookup(v => (MonthOf(v.Date), v.CommitteeId));
        var rows = new List<MonthNorm>();
        for (DateOnly m = new(firstMonth.Year, firstMonth.Month, 1); m <= lastMonth; m = m.AddMonths(1))
        {
            string month = MonthOf(m);
            foreach (IGrouping<Guid, CommitteeKey> street in committees.GroupBy(c => c.StreetId))
            {
                int meeting = 0, count = 0, enforcement = 0;
                foreach (CommitteeKey c in street)
                {
                    int visited = byMonth[(month, c.CommitteeId)].Count(v => v.Kind == VisitKind.Visit);
                    enforcement += byMonth[(month, c.CommitteeId)].Count(v => v.Kind == VisitKind.Enforcement);
                    count += visited;
                    if (visited >= required)
                    {
                        meeting++;
                    }
                }
                rows.Add(new MonthNorm(street.Key, month, street.Count(), meeting, count, enforcement, required));
            }
        }
        return rows;
    }

    /// <summary>
    /// A visit's feedback loop is closed when every problem raised has a case and every case has its answer; a visit
    /// without problems owes nothing. Whether the feedback was given to the committee is shown beside it.
    /// </summary>
    public static bool LoopClosed(IEnumerable<(bool HasCase, bool Answered)> problems) => problems.All(p => p.HasCase && p.Answered);
}
