namespace Chengguan.Evidence;

public static class EvidenceSetup
{
    /// <summary>The content store (one per process: it only names files by their hash) and the capability's door.</summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services) =>
        services.AddSingleton<EvidenceStore>().AddScoped<Attachments>();
}
