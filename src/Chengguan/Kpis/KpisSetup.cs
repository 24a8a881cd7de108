namespace Chengguan.Kpis;

public static class KpisSetup
{
    /// <summary>The KPIs' front door, <see cref="KpiQueries"/>, one per request or console operation.</summary>
    public static IServiceCollection AddKpis(this IServiceCollection services) => services.AddScoped<KpiQueries>();
}
