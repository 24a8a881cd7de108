using Chengguan.Infrastructure.Telemetry;

namespace Chengguan.Hotline;

/// <summary>Registers the 12345/12319 hotline's intake (its queue runs as a hosted service) and its routes.</summary>
public static class HotlineSetup
{
    public static IServiceCollection AddHotline(this IServiceCollection services)
    {
        services.AddMetricsSource<HotlineMetrics>();
        services.AddSingleton<HotlineIntakeQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<HotlineIntakeQueue>());
        return services;
    }

    public static void MapHotline(this IEndpointRouteBuilder app)
    {
        app.MapHotlineOrders();
        app.MapHotlineImport();
    }
}
