using Chengguan.Evidence;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Supervision;

/// <summary>Registers enforcement supervision (抽查评查、现场督查): its doors, its read query and the inspections' evidence subject.</summary>
public static class SupervisionSetup
{
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddScoped<SupervisionQueries>().AddScoped<SupervisionPopulation>();
        // The capability's doors: the API's endpoints and the console's pages go through these and nothing else.
        services.AddScoped<SupervisionPlans>().AddScoped<SupervisionInspections>();
        services.AddEvidenceSubject(SupervisionInspections.SubjectType, async (db, scope, id, ct) =>
            scope.DistrictWide
                ? await db.SupervisionInspections.AnyAsync(i => i.Id == id, ct)
                : await db.SupervisionInspections.AnyAsync(i => i.Id == id && db.Units.Any(u => u.Id == i.OwnerUnitId && u.Path.StartsWith(scope.RootPath!)), ct));
        services.AddSubjectLink(SupervisionInspections.SubjectType, id => $"/supervision/inspections/{id}");
        return services;
    }

    public static void MapSupervision(this IEndpointRouteBuilder app) => app.MapSupervisionApi();
}
