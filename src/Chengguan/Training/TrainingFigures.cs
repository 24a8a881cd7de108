using Chengguan.Data;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Training;

/// <summary>
/// Training's read door for figures: hours per person and coverage per unit. Other capabilities (the district report,
/// the performance assessment) call <see cref="HoursByPersonAsync"/> and <see cref="CoverageByUnitAsync"/> and get plain
/// records; the console and the API read the same figures with names (<see cref="HoursAsync"/>, <see cref="PersonAsync"/>).
/// Each figure is one grouped query over the attendance; people come from Organisation's door, in the caller's scope.
/// </summary>
public sealed class TrainingFigures(AppDbContext db, TrainingScope scope, Certificates certificates, TimeProvider time)
{
    /// <summary>Every person's credited hours and sessions attended in a calendar year (Asia/Shanghai), whoever the caller: plain figures keyed by person.</summary>
    public async Task<List<PersonHours>> HoursByPersonAsync(int year, CancellationToken ct)
    {
        (DateTimeOffset from, DateTimeOffset to) = YearBounds(year);
        return await Attended(from, to).GroupBy(a => a.PersonId)
            .Select(g => new PersonHours(g.Key, g.Sum(a => a.Hours), g.Count())).ToListAsync(ct);
    }

    /// <summary>
    /// Every officer's (certificate holder's) hours from 1 January of <paramref name="to"/>'s year through <paramref name="to"/> (Shanghai)
    /// against the pro-rata requirement due by that day, whoever the caller: plain figures keyed by person, the same "met" as
    /// <see cref="CoverageByUnitAsync"/> counts. For the performance assessment, which groups officers by unit itself.
    /// </summary>
    public async Task<List<OfficerHoursToDate>> HoursToDateAsync(DateOnly to, CancellationToken ct)
    {
        (DateTimeOffset from, _) = YearBounds(to.Year);
        Dictionary<Guid, PersonHours> hours = await Attended(from, ShanghaiTime.StartOf(to.AddDays(1))).GroupBy(a => a.PersonId)
            .Select(g => new PersonHours(g.Key, g.Sum(a => a.Hours), g.Count())).ToDictionaryAsync(h => h.PersonId, ct);
        double required = await RequiredAsync(to.Year, ct);
        double due = TrainingRules.ProRata(required, to.Year, to);
        return [.. (await HoldersAsync(ct)).Order().Select(id =>
        {
            PersonHours? h = hours.GetValueOrDefault(id);
            return new OfficerHoursToDate(id, h?.Hours ?? 0, h?.Sessions ?? 0, due, required, TrainingRules.Meets(h?.Hours ?? 0, due));
        })];
    }

    /// <summary>
    /// Each unit's coverage over the Shanghai days <paramref name="from"/>–<paramref name="to"/> (both included), for the units of the
    /// caller's scope that have officers (certificate holders): how many met the pro-rata requirement of <paramref name="to"/>'s year by
    /// <paramref name="to"/>, and how many attended a session in the period. One grouped query gives both per person.
    /// </summary>
    public async Task<List<UnitCoverage>> CoverageByUnitAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        DateTimeOffset yearStart = ShanghaiTime.StartOf(new DateOnly(to.Year, 1, 1)), periodStart = ShanghaiTime.StartOf(from), end = ShanghaiTime.StartOf(to.AddDays(1));
        DateTimeOffset start = periodStart < yearStart ? periodStart : yearStart;
        var figures = await Attended(start, end).GroupBy(a => a.PersonId).Select(g => new
        {
            PersonId = g.Key,
            YearHours = g.Sum(a => a.StartsAt >= yearStart ? a.Hours : 0.0),
            InPeriod = g.Count(a => a.StartsAt >= periodStart),
        }).ToListAsync(ct);
        Dictionary<Guid, double> hours = figures.ToDictionary(f => f.PersonId, f => f.YearHours);
        HashSet<Guid> attended = [.. figures.Where(f => f.InPeriod > 0).Select(f => f.PersonId)];
        double required = await RequiredAsync(to.Year, ct);
        HashSet<Guid> holders = await HoldersAsync(ct);
        return [.. (await scope.RosterAsync(ct)).Values.Where(p => holders.Contains(p.Id)).GroupBy(p => (p.UnitId, p.UnitName))
            .Select(g => (g.Key, c: TrainingRules.Coverage(g.Select(p => p.Id), hours, attended, required, to)))
            .OrderBy(x => x.Key.UnitName, StringComparer.Ordinal)
            .Select(x => new UnitCoverage(x.Key.UnitId, x.Key.UnitName ?? "", x.c.Officers, x.c.Met, x.c.Attended, x.c.MetShare, x.c.AttendedShare))];
    }

    /// <summary>
    /// What was delivered over the Shanghai days <paramref name="from"/>–<paramref name="to"/> (both included), for everyone: attendances
    /// (人次), distinct people and hours credited for sessions starting in the period. One grouped query (for the district report).
    /// </summary>
    public async Task<TrainingDelivered> DeliveredAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var figures = await Attended(ShanghaiTime.StartOf(from), ShanghaiTime.StartOf(to.AddDays(1))).GroupBy(a => a.PersonId)
            .Select(g => new { Count = g.Count(), Hours = g.Sum(a => a.Hours) }).ToListAsync(ct);
        return new TrainingDelivered(figures.Sum(f => f.Count), figures.Count, figures.Sum(f => f.Hours));
    }

    /// <summary>The coverage as the API asks it: both dates required, in order.</summary>
    public async Task<Outcome<List<UnitCoverage>>> CoverageAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (from is null || to is null || to < from)
        {
            return new Outcome<List<UnitCoverage>>.Invalid(new FieldErrors().Add(from is null ? "from" : "to", "须给出起止日期，且截止日期不早于起始日期"));
        }
        return await CoverageByUnitAsync(from.Value, to.Value, ct);
    }

    /// <summary>The year's hours of every person of the caller's scope against the requirement, as of today (or the year's end).</summary>
    public async Task<HoursReport> HoursAsync(int? year, bool shortfallOnly, CancellationToken ct)
    {
        DateOnly today = ShanghaiTime.Today(time);
        int y = year ?? today.Year;
        DateOnly asOf = y == today.Year ? today : new DateOnly(y, 12, 31);
        double required = await RequiredAsync(y, ct);
        Dictionary<Guid, PersonHours> hours = (await HoursByPersonAsync(y, ct)).ToDictionary(h => h.PersonId);
        HashSet<Guid> holders = await HoldersAsync(ct);
        IEnumerable<PersonHoursRow> all = (await scope.RosterAsync(ct)).Values
            .Select(p => Row(p, hours.GetValueOrDefault(p.Id), holders.Contains(p.Id), required, y, asOf));
        IOrderedEnumerable<PersonHoursRow> rows = shortfallOnly
            ? all.Where(r => r.Officer && r.Shortfall > 0).OrderByDescending(r => r.Shortfall)
            : all.OrderBy(r => r.Unit, StringComparer.Ordinal);
        return new HoursReport(y, asOf, required, [.. rows.ThenBy(r => r.Name, StringComparer.Ordinal)]);
    }

    /// <summary>One person's year, certificate and sessions; a person outside the caller's scope answers 404.</summary>
    public async Task<Outcome<PersonTraining>> PersonAsync(Guid id, int? year, CancellationToken ct)
    {
        if (!(await scope.RosterAsync(ct)).TryGetValue(id, out PersonDto? person))
        {
            return new Outcome<PersonTraining>.NotFound("人员不存在");
        }
        DateOnly today = ShanghaiTime.Today(time);
        int y = year ?? today.Year;
        (DateTimeOffset from, DateTimeOffset to) = YearBounds(y);
        List<PersonSession> sessions = await db.TrainingAttendance.AsNoTracking().Where(a => a.PersonId == id)
            .Join(db.TrainingSessions.Where(s => s.StartsAt >= from && s.StartsAt < to), a => a.SessionId, s => s.Id, (a, s) => new { a, s })
            .Join(db.TrainingCourses, x => x.s.CourseId, c => c.Id, (x, c) => new PersonSession(x.s.Id, c.Title, x.s.StartsAt, x.a.Attended, x.a.Hours, x.a.Score, x.a.Passed))
            .ToListAsync(ct);
        var hours = new PersonHours(id, sessions.Where(s => s.Attended).Sum(s => s.Hours), sessions.Count(s => s.Attended));
        CertificateRow? certificate = await certificates.OfPersonAsync(id, ct);
        PersonHoursRow row = Row(person, hours, certificate is { Status: not CertificateStatus.Revoked }, await RequiredAsync(y, ct), y,
            y == today.Year ? today : new DateOnly(y, 12, 31));
        return new PersonTraining(row, certificate, [.. sessions.OrderByDescending(s => s.StartsAt)]);
    }

    private static PersonHoursRow Row(PersonDto p, PersonHours? h, bool officer, double required, int year, DateOnly asOf)
    {
        double hours = h?.Hours ?? 0;
        HoursStanding s = TrainingRules.Standing(hours, officer ? required : 0, year, asOf);
        return new PersonHoursRow(p.Id, p.Name, p.UnitId, p.UnitName ?? "", officer, hours, h?.Sessions ?? 0, s.Required, s.RequiredSoFar, s.Shortfall, s.MetSoFar, s.MetYear);
    }

    /// <summary>The requirement in force for a year (<see cref="TrainingRules.RequiredFor"/>).</summary>
    public async Task<double> RequiredAsync(int year, CancellationToken ct)
    {
        var end = new DateOnly(year, 12, 31);
        var versions = await db.TrainingRequirements.AsNoTracking().Where(r => r.EffectiveFrom <= end).Select(r => new { r.EffectiveFrom, r.Hours }).ToListAsync(ct);
        return TrainingRules.RequiredFor(year, versions.Select(v => (v.EffectiveFrom, v.Hours)));
    }

    /// <summary>Officers the requirement applies to: holders of a certificate not revoked.</summary>
    private async Task<HashSet<Guid>> HoldersAsync(CancellationToken ct) =>
        [.. await db.EnforcementCertificates.AsNoTracking().Where(c => c.Status != CertificateStatus.Revoked).Select(c => c.PersonId).ToListAsync(ct)];

    private IQueryable<AttendedHours> Attended(DateTimeOffset from, DateTimeOffset to) =>
        db.TrainingAttendance.Where(a => a.Attended)
            .Join(db.TrainingSessions.Where(s => s.StartsAt >= from && s.StartsAt < to), a => a.SessionId, s => s.Id,
                (a, s) => new AttendedHours { PersonId = a.PersonId, Hours = a.Hours, StartsAt = s.StartsAt });

    private static (DateTimeOffset From, DateTimeOffset To) YearBounds(int year) =>
        (ShanghaiTime.StartOf(new DateOnly(year, 1, 1)), ShanghaiTime.StartOf(new DateOnly(year + 1, 1, 1)));

    private sealed class AttendedHours
    {
        public Guid PersonId { get; init; }
        public double Hours { get; init; }
        public DateTimeOffset StartsAt { get; init; }
    }
}
