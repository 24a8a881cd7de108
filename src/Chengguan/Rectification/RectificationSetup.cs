using Chengguan.Evidence;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Rectification;

/// <summary>Registers the rectification plan (整改工作方案): its doors, its evidence subject, its outbox topics, its overdue watch and its console link.</summary>
public static class RectificationSetup
{
    public static IServiceCollection AddRectification(this IServiceCollection services)
    {
        services.AddScoped<RectificationProcedure>().AddScoped<RectificationQueries>().AddScoped<OverdueWatch>();
        // The capability's doors: the API's endpoints and the console's pages go through these and nothing else.
        services.AddScoped<RectificationPlans>().AddScoped<RectificationItems>();
        services.AddEvidenceSubject(RectificationProcedure.SubjectType, async (db, scope, id, ct) =>
            scope.DistrictWide
                ? await db.RectificationItems.AnyAsync(i => i.Id == id, ct)
                : await db.RectificationItems.AnyAsync(i => i.Id == id && db.Units.Any(u => u.Id == i.OwnerUnitId && u.Path.StartsWith(scope.RootPath!)), ct));
        services.AddOutboxTopicHandler<OverdueNotifications>(OverdueWatch.TopicPrefix);
        services.AddHostedService<OverdueWatchService>();
        services.AddSubjectLink(RectificationProcedure.SubjectType, id => $"/rectification/items/{id}");
        return services;
    }

    public static void MapRectification(this IEndpointRouteBuilder app) => app.MapRectificationApi();
}
