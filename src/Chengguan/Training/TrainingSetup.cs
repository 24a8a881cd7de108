using Chengguan.Notifications;

namespace Chengguan.Training;

/// <summary>Registers unified training (统一培训): its doors, its certificate watch and outbox topic.</summary>
public static class TrainingSetup
{
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddScoped<TrainingScope>().AddScoped<CertificateWatch>();
        // The capability's doors: the API's endpoints, the console's pages and other capabilities go through these and nothing else.
        services.AddScoped<TrainingDesk>().AddScoped<TrainingFigures>().AddScoped<Certificates>();
        services.AddOutboxTopicHandler<CertificateNotifications>(CertificateWatch.TopicPrefix);
        services.AddHostedService<CertificateWatchService>();
        return services;
    }

    public static void MapTraining(this IEndpointRouteBuilder app) => app.MapTrainingApi();
}
