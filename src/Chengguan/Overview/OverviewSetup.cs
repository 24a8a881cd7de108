namespace Chengguan.Overview;

/// <summary>
/// The cross-capability read models (decision 0009): services that read several capabilities' tables for the
/// console's overviews and write none. They have no routes of their own; their pages are routed by the console.
/// </summary>
public static class OverviewSetup
{
    public static IServiceCollection AddOverview(this IServiceCollection services) =>
        services.AddScoped<MapQueries>().AddScoped<MapOverlayQueries>();
}
