using Chengguan.Evidence;
using Chengguan.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Communities;

/// <summary>Registers 一人一居: its doors (<see cref="Liaisons"/>, <see cref="Visits"/>) and the visit as a subject of Evidence.</summary>
public static class CommunitiesSetup
{
    public static IServiceCollection AddCommunities(this IServiceCollection services)
    {
        services.AddScoped<Liaisons>().AddScoped<Visits>();
        // A visit's photos are seen by those who see its committee.
        services.AddEvidenceSubject(Visits.SubjectType, async (db, scope, id, ct) =>
            await db.CommunityVisits.AsNoTracking().Where(v => v.Id == id)
                .AnyAsync(v => scope.DistrictWide || db.Units.InScope(scope).Any(u => u.Id == v.CommitteeId), ct));
        return services;
    }

    public static void MapCommunities(this IEndpointRouteBuilder app) => app.MapCommunityEndpoints();
}
