namespace Chengguan.Assessment;

/// <summary>Whether an indicator's source counts units (by responsible unit) or officers (by their own cases).</summary>
public enum SubjectLevel
{
    Unit,
    Officer,
}

/// <summary>A computed indicator a source offers: its code, Chinese name, direction and the levels it has figures for.</summary>
public sealed record IndicatorDefinition(string Code, string Name, string Source, Direction Direction, bool ForUnits, bool ForOfficers, string? Link = null);

/// <summary>
/// The figure behind one subject's computed indicator: the value scored (a rate as a fraction, a score, hours…),
/// its numerator and denominator when it is a rate, and where the data behind it can be seen (a console link with
/// the filter that lists it). A null value means nothing to count in the period.
/// </summary>
public sealed record Figure(decimal? Value, decimal? Numerator = null, decimal? Denominator = null, string? Link = null);

/// <summary>The window a source counts over: the period's Shanghai days and their instants [Start, End).</summary>
public sealed record AssessmentWindow(DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// A source of computed indicators. Each is a scoped service registered in DI as IIndicatorSource (see
/// AssessmentSetup); it asks the owning capability's door for one grouped read over the period (never loading
/// cases) and answers figures keyed by indicator code, then by subject id (unit id or person id). A new source (the
/// training hours, say) is one more class and one more registration; schemes name its indicators by code.
/// </summary>
public interface IIndicatorSource
{
    /// <summary>The source's code as schemes name it ("kpis", "directives"…).</summary>
    string Code { get; }

    IReadOnlyList<IndicatorDefinition> Indicators { get; }

    Task<Dictionary<string, Dictionary<Guid, Figure>>> FetchAsync(AssessmentWindow window, SubjectLevel level, CancellationToken ct);
}
