using Chengguan.Assessment;
using Chengguan.Selection;

namespace Chengguan.Personnel;

/// <summary>A step of a career as the file shows it: recorded here, or a confirmed selection result read from Selection.</summary>
public sealed record CareerStep(
    DateOnly From, DateOnly? Until, CareerKind Kind, string KindText, string UnitName, string Post, string Source, string? Note, DateTimeOffset RecordedAt);

/// <summary>How a person has moved (能进能出、能上能下、干部交流), counted from the career.</summary>
public sealed record Movement(int Promotions, int Demotions, int Rotations, int Exchanges, int TransfersIn, int TransfersOut);

/// <summary>The pure rules of the people file: service years, the career in order, the movement counts and the talent ranking.</summary>
public static class PersonnelRules
{
    /// <summary>Whole years of service on <paramref name="asOf"/> (an anniversary not yet reached does not count; one of 29 February falls on 28 February in other years).</summary>
    public static int ServiceYears(DateOnly since, DateOnly asOf)
    {
        if (asOf < since)
        {
            return 0;
        }
        int years = asOf.Year - since.Year;
        return since.AddYears(years) > asOf ? years - 1 : years;
    }

    /// <summary>Steps that make the person hold a new post: they close the open post-holding step before them.</summary>
    public static bool HoldsPost(CareerKind kind) => kind is not (CareerKind.TransferOut or CareerKind.Retirement);

    /// <summary>Steps after which the person holds no post in the bureau.</summary>
    public static bool Leaves(CareerKind kind) => kind is CareerKind.TransferOut or CareerKind.Retirement;

    /// <summary>The career oldest first; on the same day the step recorded first comes first.</summary>
    public static List<CareerStep> InOrder(IEnumerable<CareerStep> steps) =>
        [.. steps.OrderBy(s => s.From).ThenBy(s => s.RecordedAt).ThenBy(s => s.Source, StringComparer.Ordinal)];

    /// <summary>The step in force on <paramref name="day"/>: the last one begun by then that has not ended; null after leaving.</summary>
    public static CareerStep? Current(IReadOnlyList<CareerStep> ordered, DateOnly day)
    {
        CareerStep? last = ordered.LastOrDefault(s => s.From <= day);
        return last is null || Leaves(last.Kind) || last.Until is { } until && until < day ? null : last;
    }

    public static Movement Count(IEnumerable<CareerStep> steps)
    {
        var list = steps.ToList();
        int N(CareerKind k) => list.Count(s => s.Kind == k);
        return new Movement(N(CareerKind.Promotion), N(CareerKind.Demotion), N(CareerKind.Rotation),
            N(CareerKind.Exchange) + N(CareerKind.Secondment), N(CareerKind.TransferIn), N(CareerKind.TransferOut));
    }

    /// <summary>
    /// The talent view's order: those eligible first (when a post's rules are asked), then — when a figure is asked to rank
    /// by — the higher figure (those without one after those with one), then the pool's members,
    /// then higher grade, longer service, higher education, finally the name and id so that the order is total.
    /// </summary>
    public static List<T> Rank<T>(IEnumerable<T> people, Func<T, TalentKey> key) =>
        [.. people.OrderByDescending(p => key(p).Eligible).ThenByDescending(p => key(p).Lead.HasValue).ThenByDescending(p => key(p).Lead).ThenByDescending(p => key(p).InPool).ThenByDescending(p => key(p).Grade)
            .ThenByDescending(p => key(p).ServiceYears).ThenByDescending(p => key(p).Education)
            .ThenBy(p => key(p).Name, StringComparer.Ordinal).ThenBy(p => key(p).Id)];

    /// <summary>The figure a talent sort ranks by first; null when the sort is the default or the person has none.</summary>
    public static decimal? Lead(TalentSort sort, TalentFigures f) => sort switch
    {
        TalentSort.Hours => (decimal)f.Hours,
        TalentSort.Assessment => f.AssessmentTotal,
        TalentSort.Evaluation => f.EvaluationTotal,
        _ => null,
    };

    /// <summary>A band's place, best first (优秀 0 … 不合格 4); null for a name that is not a band.</summary>
    public static int? BandOrder(string band)
    {
        for (int i = 0; i < Bands.Names.Count; i++)
        {
            if (Bands.Names[i] == band)
            {
                return i;
            }
        }
        return null;
    }

    public static string KindText(CareerKind kind) => kind switch
    {
        CareerKind.Appointment => "任职",
        CareerKind.Promotion => "晋升",
        CareerKind.Demotion => "降职",
        CareerKind.Rotation => "轮岗",
        CareerKind.Exchange => "交流",
        CareerKind.Secondment => "挂职",
        CareerKind.TransferIn => "调入",
        CareerKind.TransferOut => "调出",
        CareerKind.Retirement => "退休",
        _ => "其他",
    };
}

/// <summary>What the talent view sorts by.</summary>
public readonly record struct TalentKey(bool Eligible, bool InPool, CadreGrade Grade, int ServiceYears, Education Education, string Name, Guid Id, decimal? Lead = null);
