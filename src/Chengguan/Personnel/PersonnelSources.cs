using Chengguan.Assessment;
using Chengguan.Evaluation;
using Chengguan.Infrastructure;
using Chengguan.Training;

namespace Chengguan.Personnel;

/// <summary>
/// What the people file reads from the other capabilities, through their read doors only: Training's hours against the
/// requirement and the enforcement certificate (<see cref="TrainingFigures"/>), the published yearly assessments of the
/// person (<see cref="AssessmentResults"/>, an officer's subject id is their person id) and the cadre-evaluation trend
/// (<see cref="EvaluationResults"/>). Nothing is copied: the file shows them as their owners hold them on the day.
/// </summary>
public sealed class PersonnelSources(TrainingFigures training, AssessmentResults assessment, EvaluationResults evaluation)
{
    /// <summary>How many calendar years the file shows training for (this year and the two before).</summary>
    public const int TrainingYears = 3;

    /// <summary>How far back the latest yearly assessment is looked for (this year and the four before).</summary>
    public const int AssessmentYears = 5;

    public async Task<PersonnelRecord> RecordAsync(Guid personId, DateOnly today, CancellationToken ct)
    {
        var years = new List<TrainingYear>();
        EnforcementCertificateDto? certificate = null;
        for (int year = today.Year; year > today.Year - TrainingYears; year--)
        {
            // A person outside the caller's training scope answers 404 there: the file then shows no training.
            if (await training.PersonAsync(personId, year, ct) is not Outcome<PersonTraining>.Done { Value: var t })
            {
                break;
            }
            PersonHoursRow h = t.Year;
            years.Add(new TrainingYear(year, h.Officer, h.Hours, h.Sessions, h.Required, h.RequiredSoFar, h.Shortfall, h.MetSoFar, h.MetYear));
            if (t.Certificate is { } c)
            {
                certificate = new EnforcementCertificateDto(c.Number, c.IssuedOn, c.ExpiresOn, c.Status, c.Band, c.DaysLeft);
            }
        }
        var assessments = new List<AssessmentYear>();
        for (int year = today.Year - AssessmentYears + 1; year <= today.Year; year++)
        {
            if ((await assessment.BandsAsync([personId], year, ct)).TryGetValue(personId, out AssessmentBand? b))
            {
                assessments.Add(new AssessmentYear(year, b.Total, b.Band, b.PeriodName));
            }
        }
        List<EvaluationPoint> evaluations = await evaluation.TrendAsync(personId, ct) is Outcome<List<TrendPoint>>.Done { Value: var trend }
            ? [.. trend.Select(p => new EvaluationPoint(p.RoundId, p.RoundName, p.PeriodLabel, p.Year, p.Period, p.Total, p.Rank, p.Ranked))]
            : [];
        return new PersonnelRecord(years, certificate, assessments, evaluations);
    }

    /// <summary>
    /// The talent view's figures for many people at once: the year's hours of the caller's training scope (one grouped query),
    /// the latest published yearly assessment within <see cref="AssessmentYears"/> (one read per year, for those still without one)
    /// and the latest cadre-evaluation total (one read).
    /// </summary>
    public async Task<Dictionary<Guid, TalentFigures>> FiguresAsync(IReadOnlyCollection<Guid> people, int year, CancellationToken ct)
    {
        Dictionary<Guid, PersonHoursRow> hours = (await training.HoursAsync(year, false, ct)).People.ToDictionary(r => r.PersonId);
        var latest = new Dictionary<Guid, AssessmentBand>();
        for (int y = year; y > year - AssessmentYears && latest.Count < people.Count; y--)
        {
            List<Guid> missing = [.. people.Where(p => !latest.ContainsKey(p))];
            foreach ((Guid id, AssessmentBand band) in await assessment.BandsAsync(missing, y, ct))
            {
                latest[id] = band;
            }
        }
        Dictionary<Guid, CadreTotal> evaluations = await evaluation.LatestTotalsAsync(people, ct);
        return people.ToDictionary(id => id, id =>
        {
            PersonHoursRow? h = hours.GetValueOrDefault(id);
            AssessmentBand? a = latest.GetValueOrDefault(id);
            CadreTotal? e = evaluations.GetValueOrDefault(id);
            return new TalentFigures(h?.Hours ?? 0, h is { Officer: true } ? h.Required : null, h is { Officer: true } ? h.MetSoFar : null,
                a?.Year, a?.Total, a?.Band, e?.Total, e?.RoundName);
        });
    }
}
