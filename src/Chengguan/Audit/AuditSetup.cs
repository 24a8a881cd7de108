namespace Chengguan.Audit;

/// <summary>Registers the audit trail's door; the interceptor that writes the trail is registered with the database.</summary>
public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddScoped<AuditTrail>();
}
