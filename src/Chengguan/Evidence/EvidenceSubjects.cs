using Chengguan.Data;
using Chengguan.Identity;

namespace Chengguan.Evidence;

/// <summary>
/// A kind of subject that files can be attached to, as its owner registers it (<see cref="EvidenceSubjectRegistration.AddEvidenceSubject"/>):
/// whether one subject lies in a caller's data scope. Evidence is a foundation and does not know cases or
/// demolition items; their owners say who may see them.
/// </summary>
public sealed record EvidenceSubject(string SubjectType, Func<AppDbContext, DataScope, Guid, CancellationToken, Task<bool>> InScopeAsync);

/// <summary>The subject types Evidence serves today; each must be registered by its owner (checked at start-up).</summary>
public static class EvidenceSubjectTypes
{
    /// <summary>A case (the owner's <c>CaseIntake.SubjectType</c>).</summary>
    public const string Case = "case";

    /// <summary>An item of the illegal-building ledger (the owner's <c>DemolitionProcedure.SubjectType</c>).</summary>
    public const string DemolitionItem = "demolition";

    /// <summary>A visit to a residents' committee (the owner's <c>Communities.Visits.SubjectType</c>): its photos.</summary>
    public const string CommunityVisit = "community-visit";
}

public sealed class EvidenceSubjects
{
    private readonly Dictionary<string, EvidenceSubject> _subjects = new(StringComparer.Ordinal);

    public EvidenceSubjects(IEnumerable<EvidenceSubject> subjects)
    {
        foreach (EvidenceSubject subject in subjects)
        {
            if (!_subjects.TryAdd(subject.SubjectType, subject))
            {
                throw new InvalidOperationException($"Evidence subject type '{subject.SubjectType}' is registered twice.");
            }
        }
        string[] missing = [.. new[] { EvidenceSubjectTypes.Case, EvidenceSubjectTypes.DemolitionItem, EvidenceSubjectTypes.CommunityVisit }.Where(t => !_subjects.ContainsKey(t))];
        if (missing.Length > 0)
        {
            throw new InvalidOperationException($"No owner registered the evidence subject type(s) {string.Join(", ", missing)}.");
        }
    }

    public Task<bool> InScopeAsync(string subjectType, AppDbContext db, DataScope scope, Guid id, CancellationToken ct) =>
        _subjects.TryGetValue(subjectType, out EvidenceSubject? s) ? s.InScopeAsync(db, scope, id, ct) : Task.FromResult(false);
}

public static class EvidenceSubjectRegistration
{
    public static IServiceCollection AddEvidenceSubject(this IServiceCollection services, string subjectType,
        Func<AppDbContext, DataScope, Guid, CancellationToken, Task<bool>> inScope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectType);
        return services.AddSingleton(new EvidenceSubject(subjectType, inScope));
    }
}
