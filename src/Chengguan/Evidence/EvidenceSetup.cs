namespace Chengguan.Evidence;

public static class EvidenceSetup
{
    /// <summary>
    /// The content store (one per process: it only names files by their hash), the capability's door, and the registry
    /// of subject types that the owners of cases and ledger items fill with <see cref="EvidenceSubjectRegistration.AddEvidenceSubject"/>.
    /// </summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services) =>
        services.AddSingleton<EvidenceStore>().AddSingleton<EvidenceSubjects>().AddScoped<Attachments>();
}
