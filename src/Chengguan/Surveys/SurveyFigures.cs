namespace Chengguan.Surveys;

/// <summary>An indicator's importance: Pearson's r with overall satisfaction and how many pairs (respondents or streets) it rests on.</summary>
public readonly record struct Importance(double? R, int Pairs);

/// <summary>One indicator of one survey, district-wide and per street.</summary>
public sealed class IndicatorFigures
{
    public Sample District { get; set; }
    public Dictionary<Guid, Sample> Streets { get; } = [];
    public Importance DistrictImportance { get; set; }

    /// <summary>Per street from respondents; from summaries only the district's (across street means) exists.</summary>
    public Dictionary<Guid, Importance> StreetImportance { get; } = [];

    public Sample Of(Guid? street) => street is { } s ? Streets.GetValueOrDefault(s, new Sample(0, double.NaN, null)) : District;

    public Importance ImportanceOf(Guid? street) => street is { } s && StreetImportance.TryGetValue(s, out Importance i) ? i : DistrictImportance;
}

/// <summary>Where a survey's figures came from.</summary>
public enum SurveyLevel
{
    None,
    Respondents,
    Summaries,
}

/// <summary>
/// A survey's figures by indicator code, folded from respondents (one pass, Welford's updates) or taken from
/// published street summaries (pooled for the district). Pure: the analysis door loads rows and asks this.
/// </summary>
public sealed class SurveyFigures(SurveyLevel level, Dictionary<string, IndicatorFigures> indicators)
{
    public SurveyLevel Level => level;
    public IReadOnlyDictionary<string, IndicatorFigures> Indicators => indicators;

    public static readonly SurveyFigures Empty = new(SurveyLevel.None, new Dictionary<string, IndicatorFigures>(StringComparer.OrdinalIgnoreCase));

    /// <summary>One respondent: street, overall answer (NaN = none) and packed answers in indicator order.</summary>
    public readonly record struct Respondent(Guid StreetId, double? Overall, byte[] Answers);

    public static SurveyFigures FromRespondents(IReadOnlyList<string> codes, IReadOnlyList<Respondent> respondents)
    {
        if (respondents.Count == 0)
        {
            return Empty;
        }
        var streetIndex = new Dictionary<Guid, int>();
        foreach (Respondent r in respondents)
        {
            streetIndex.TryAdd(r.StreetId, streetIndex.Count);
        }
        int k = codes.Count, s = streetIndex.Count;
        var district = new Moments[k];
        var districtPairs = new PairMoments[k];
        var byStreet = new Moments[k * s];
        var streetPairs = new PairMoments[k * s];
        foreach (Respondent r in respondents)
        {
            int si = streetIndex[r.StreetId];
            for (int i = 0; i < k; i++)
            {
                float a = SurveyAnswers.At(r.Answers, i);
                if (float.IsNaN(a))
                {
                    continue;
                }
                district[i].Add(a);
                byStreet[i * s + si].Add(a);
                if (r.Overall is { } o)
                {
                    districtPairs[i].Add(a, o);
                    streetPairs[i * s + si].Add(a, o);
                }
            }
        }
        var result = new Dictionary<string, IndicatorFigures>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < k; i++)
        {
            var f = new IndicatorFigures { District = district[i].Sample, DistrictImportance = new Importance(districtPairs[i].Correlation, districtPairs[i].N) };
            foreach ((Guid street, int si) in streetIndex)
            {
                f.Streets[street] = byStreet[i * s + si].Sample;
                f.StreetImportance[street] = new Importance(streetPairs[i * s + si].Correlation, streetPairs[i * s + si].N);
            }
            result[codes[i]] = f;
        }
        return new SurveyFigures(SurveyLevel.Respondents, result);
    }

    /// <summary>One published figure: a street's mean, n and (optional) sd of an indicator or of <c>overall</c>.</summary>
    public readonly record struct Summary(Guid StreetId, string Indicator, double Mean, int N, double? Sd);

    public static SurveyFigures FromSummaries(IReadOnlyList<string> codes, IReadOnlyList<Summary> summaries)
    {
        if (summaries.Count == 0)
        {
            return Empty;
        }
        Dictionary<Guid, double> overall = summaries.Where(x => string.Equals(x.Indicator, SurveyRules.Overall, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(x => x.StreetId, x => x.Mean);
        var result = new Dictionary<string, IndicatorFigures>(StringComparer.OrdinalIgnoreCase);
        foreach (string code in codes)
        {
            var f = new IndicatorFigures();
            foreach (Summary x in summaries.Where(x => string.Equals(x.Indicator, code, StringComparison.OrdinalIgnoreCase)))
            {
                f.Streets[x.StreetId] = new Sample(x.N, x.Mean, x.Sd);
            }
            f.District = SurveyStatistics.Pool(f.Streets.Values);
            // Derived importance across streets: each street's mean of the indicator against its mean overall satisfaction.
            List<Guid> both = [.. f.Streets.Keys.Where(overall.ContainsKey)];
            f.DistrictImportance = new Importance(
                SurveyStatistics.Pearson([.. both.Select(st => f.Streets[st].Mean)], [.. both.Select(st => overall[st])]), both.Count);
            result[code] = f;
        }
        return new SurveyFigures(SurveyLevel.Summaries, result);
    }
}
