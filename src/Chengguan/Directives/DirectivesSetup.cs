using Chengguan.Evidence;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Directives;

/// <summary>Registers directive tracking (督办): its doors, its evidence subject, its outbox topics, its watch and its console link.</summary>
public static class DirectivesSetup
{
    public static IServiceCollection AddDirectives(this IServiceCollection services)
    {
        services.AddScoped<DirectiveProcedure>().AddScoped<DirectiveQueries>().AddScoped<DirectiveWatch>();
        // The capability's doors: the API's endpoints and the console's pages go through these and nothing else.
        services.AddScoped<DirectiveRegistry>().AddScoped<DirectiveDesk>();
        services.AddEvidenceSubject(DirectiveProcedure.SubjectType, async (db, scope, id, ct) =>
            scope.DistrictWide
                ? await db.Directives.AnyAsync(d => d.Id == id, ct)
                : await db.Directives.AnyAsync(d => d.Id == id && (db.Units.Any(u => u.Id == d.OwnerUnitId && u.Path.StartsWith(scope.RootPath!))
                    || db.DirectiveCoOwners.Any(c => c.DirectiveId == d.Id && db.Units.Any(u => u.Id == c.UnitId && u.Path.StartsWith(scope.RootPath!)))), ct));
        services.AddOutboxTopicHandler<DirectiveNotifications>(DirectiveWatch.TopicPrefix);
        services.AddHostedService<DirectiveWatchService>();
        services.AddSubjectLink(DirectiveProcedure.SubjectType, id => $"/directives/{id}");
        return services;
    }

    public static void MapDirectives(this IEndpointRouteBuilder app) => app.MapDirectivesApi();
}
