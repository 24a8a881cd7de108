using Chengguan.Infrastructure.Telemetry;

namespace Chengguan.Notifications;

/// <summary>Registers the outbox dispatcher, the registries of topic owners and subject links, and the webhook client.</summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddHttpClient(OutboxDispatcher.WebhookTopic, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<OutboxTopics>().AddSingleton<SubjectLinks>().AddSingleton<OutboxDispatcher>().AddScoped<Inbox>();
        services.AddHostedService<OutboxDispatcherService>();
        services.AddMetricsSource<OutboxMetrics>();
        return services;
    }

    /// <summary>The signed-in person's inbox and the administration of webhooks.</summary>
    public static void MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapInbox();
        app.MapWebhooks();
    }
}
