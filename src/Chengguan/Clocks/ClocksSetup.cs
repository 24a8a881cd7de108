using Chengguan.Infrastructure.Telemetry;
using Chengguan.Notifications;

namespace Chengguan.Clocks;

/// <summary>Registers the clock engine: calendars, the clock service, the sweeper and its background service, and the owner of the "clock." outbox topics.</summary>
public static class ClocksSetup
{
    public static IServiceCollection AddClocks(this IServiceCollection services)
    {
        services.AddSingleton<CalendarStore>().AddScoped<ClockService>().AddScoped<Calendars>().AddSingleton<ClockSweeper>();
        services.AddHostedService<ClockSweeperService>();
        services.AddMetricsSource<ClockMetrics>();
        services.AddOutboxTopicHandler<ClockStepNotifications>(ClockSweeper.TopicPrefix);
        return services;
    }
}
