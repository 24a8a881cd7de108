using Chengguan.Data;

namespace Chengguan.Audit;

/// <summary>Registers the audit trail: its door and the interceptor that writes it.</summary>
public static class AuditSetup
{
    /// <summary>The door for auditors, and the interceptor that records every unit of work (after the search index adds its rows).</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddScoped<AuditTrail>().AddScoped<AuditInterceptor>().AddSaveInterceptor<AuditInterceptor>(200);
}
