using Chengguan.Data;

namespace Chengguan.Kpis;

public static class KpisSetup
{
    /// <summary>
    /// The KPIs' front door, <see cref="KpiQueries"/>, one per request or console operation, and the interceptor that keeps
    /// the rollups in step with every case write through EF (it runs before the search indexer and the audit: neither adds KPI rows).
    /// </summary>
    public static IServiceCollection AddKpis(this IServiceCollection services) => services.AddScoped<KpiQueries>()
        .AddScoped<Rollups.KpiRollups>()
        .AddSingleton<Rollups.KpiRollupInterceptor>().AddSaveInterceptor<Rollups.KpiRollupInterceptor>(50);
}
