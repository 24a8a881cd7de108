namespace Chengguan.Assessment;

/// <summary>A unit or officer to assess; <see cref="UnitId"/> is an officer's unit (null for units).</summary>
public sealed record Subject(Guid Id, string Name, AssessedKind Kind, Guid? UnitId);

/// <summary>A manual indicator's value with who gave it and why.</summary>
public sealed record ManualEvidence(decimal Value, string Assessor, string Evidence, string? EvidenceRef, DateTimeOffset ScoredAt);

/// <summary>A bonus (positive) or deduction (negative) line.</summary>
public sealed record AdjustmentLine(Guid Id, decimal Points, string Reason, string EnteredBy, DateTimeOffset EnteredAt);

/// <summary>
/// One indicator of one subject's result, with everything behind it: the value and its numerator/denominator,
/// the rank among peers (ranking method), the points, where the data can be seen, and for manual scores the
/// assessor and evidence. <see cref="Corrected"/> when an upheld appeal replaced the value.
/// </summary>
public sealed record ResultLine(
    string Code, string Name, string Source, ScoringMethod Method, Direction Direction, decimal Weight,
    decimal? Value, decimal? Numerator, decimal? Denominator, int? Rank, int? Ranked, decimal Points,
    string? Link, ManualEvidence? Manual, bool Corrected, string Note);

public sealed record SubjectResult(
    Guid SubjectId, string Name, AssessedKind Kind, Guid? UnitId, IReadOnlyList<ResultLine> Lines,
    IReadOnlyList<AdjustmentLine> Adjustments, decimal Bonus, decimal Deduction, decimal Total, string Band, int Rank);

/// <summary>Everything one kind's computation needs, already fetched: no database here.</summary>
public sealed record KindInputs(
    AssessedKind Kind, IReadOnlyList<SchemeItem> Items, Bands Bands, decimal BonusCap, decimal DeductionCap,
    IReadOnlyList<Subject> Subjects,
    IReadOnlyDictionary<string, Dictionary<Guid, Figure>> Figures,
    IReadOnlyDictionary<(Guid Subject, string Code), ManualEvidence> Manual,
    IReadOnlyDictionary<(Guid Subject, string Code), decimal> Corrections,
    IReadOnlyDictionary<Guid, List<AdjustmentLine>> Adjustments);

/// <summary>
/// Scores one kind's subjects by its scheme (pure): each indicator's value (computed figure, manual score or
/// upheld correction), its points by the item's method (ranking across the kind's subjects), the capped
/// adjustments, the total, its band and the rank of the totals (ties share).
/// </summary>
public static class AssessmentEngine
{
    public const string NoData = "本期无此项业务，不扣分";
    public const string NotScored = "尚未评分，暂按满分计";
    public const string CorrectedNote = "经申诉更正";

    public static List<SubjectResult> Score(KindInputs input)
    {
        var values = new Dictionary<(Guid, string), (decimal? Value, Figure? Figure, ManualEvidence? Manual, bool Corrected)>();
        foreach (Subject s in input.Subjects)
        {
            foreach (SchemeItem item in input.Items)
            {
                Figure? figure = null;
                ManualEvidence? manual = null;
                decimal? value;
                if (item.IsManual)
                {
                    manual = input.Manual.GetValueOrDefault((s.Id, item.Code));
                    value = manual?.Value;
                }
                else
                {
                    figure = input.Figures.GetValueOrDefault(item.Code)?.GetValueOrDefault(s.Id);
                    value = figure?.Value;
                }
                bool corrected = input.Corrections.TryGetValue((s.Id, item.Code), out decimal fixedValue);
                values[(s.Id, item.Code)] = (corrected ? fixedValue : value, figure, manual, corrected);
            }
        }

        var ranks = new Dictionary<string, Dictionary<Guid, int>>();
        foreach (SchemeItem item in input.Items.Where(i => i.Method == ScoringMethod.Ranking))
        {
            ranks[item.Code] = ScoringRules.Ranks(input.Subjects.Select(s => KeyValuePair.Create(s.Id, values[(s.Id, item.Code)].Value)), item.Direction);
        }

        var results = new List<SubjectResult>(input.Subjects.Count);
        foreach (Subject s in input.Subjects)
        {
            var lines = new List<ResultLine>(input.Items.Count);
            foreach (SchemeItem item in input.Items)
            {
                (decimal? value, Figure? figure, ManualEvidence? manual, bool corrected) = values[(s.Id, item.Code)];
                int? rank = null, ranked = null;
                decimal points;
                switch (item.Method)
                {
                    case ScoringMethod.Ranking:
                        Dictionary<Guid, int> r = ranks[item.Code];
                        rank = r.TryGetValue(s.Id, out int k) ? k : null;
                        ranked = r.Count;
                        points = ScoringRules.RankPoints(rank, r.Count, item.Weight);
                        break;
                    case ScoringMethod.PassFail:
                        points = ScoringRules.PassFail(value, item.PassMark!.Value, item.Weight, item.Direction);
                        break;
                    default:
                        points = ScoringRules.Linear(value, item.Floor!.Value, item.Target!.Value, item.Weight, item.Direction);
                        break;
                }
                string note = corrected ? CorrectedNote : value is not null ? "" : item.IsManual ? NotScored : NoData;
                lines.Add(new ResultLine(item.Code, item.Name, item.Source, item.Method, item.Direction, item.Weight, value,
                    figure?.Numerator, figure?.Denominator, rank, ranked, points, figure?.Link, manual, corrected, note));
            }
            List<AdjustmentLine> adjustments = input.Adjustments.GetValueOrDefault(s.Id) ?? [];
            (decimal bonus, decimal deduction) = ScoringRules.Adjustments(adjustments.Select(a => a.Points), input.BonusCap, input.DeductionCap);
            decimal total = ScoringRules.Round(lines.Sum(l => l.Points) + bonus - deduction);
            results.Add(new SubjectResult(s.Id, s.Name, s.Kind, s.UnitId, lines, adjustments, bonus, deduction, total, ScoringRules.Band(total, input.Bands), 0));
        }

        Dictionary<Guid, int> totalRanks = ScoringRules.Ranks(results.Select(r => KeyValuePair.Create(r.SubjectId, (decimal?)r.Total)), Direction.HigherBetter);
        return [.. results.Select(r => r with { Rank = totalRanks[r.SubjectId] }).OrderBy(r => r.Rank).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }
}
