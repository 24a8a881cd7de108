namespace Chengguan.Notifications;

/// <summary>How the owner of a subject type (the <c>SubjectType</c> of clocks and evidence) links to one subject's console page.</summary>
public sealed record SubjectLink(string SubjectType, Func<Guid, string> Build);

/// <summary>
/// The console page of a subject, as its owning capability says: each capability registers a link for
/// each subject type it owns (<see cref="SubjectLinkRegistration.AddSubjectLink"/>), so a notification
/// about a case, a ledger item or an interview commitment opens the page that shows it.
/// </summary>
public sealed class SubjectLinks
{
    private readonly Dictionary<string, Func<Guid, string>> _links = new(StringComparer.Ordinal);

    public SubjectLinks(IEnumerable<SubjectLink> links)
    {
        foreach (SubjectLink link in links)
        {
            if (!_links.TryAdd(link.SubjectType, link.Build))
            {
                throw new InvalidOperationException($"Subject type '{link.SubjectType}' has two console links.");
            }
        }
    }

    public IReadOnlyCollection<string> SubjectTypes => _links.Keys;

    /// <summary>The page of the subject, or null when no capability registered its type (the notification then carries no link).</summary>
    public string? For(string subjectType, Guid subjectId) => _links.TryGetValue(subjectType, out Func<Guid, string>? build) ? build(subjectId) : null;
}

public static class SubjectLinkRegistration
{
    public static IServiceCollection AddSubjectLink(this IServiceCollection services, string subjectType, Func<Guid, string> link)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectType);
        return services.AddSingleton(new SubjectLink(subjectType, link));
    }
}
