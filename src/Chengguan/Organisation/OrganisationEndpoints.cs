using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Organisation;

/// <summary>
/// Units, people and posts over HTTP: adapters over <see cref="Units"/> and <see cref="People"/>, which
/// validate (the same <see cref="RequestValidation"/> the API filter runs elsewhere), check and answer.
/// </summary>
public static class OrganisationEndpoints
{
    public static void MapOrganisation(this IEndpointRouteBuilder app)
    {
        var unitsApi = app.MapGroup("/api/units").WithTags("Organisation").RequireAuthorization(Policies.Staff);
        unitsApi.MapGet("/", async (UnitKind? kind, Guid? parentId, bool? includeInactive, Units units, CancellationToken ct) =>
            TypedResults.Ok(await units.ListAsync(kind, parentId, includeInactive, ct)));
        unitsApi.MapGet("/{id:guid}", (Guid id, Units units, CancellationToken ct) => units.GetAsync(id, ct).ToHttp());
        unitsApi.MapPost("/", (UnitRequest req, Units units, CancellationToken ct) => units.CreateAsync(req, ct).ToCreated(u => $"/api/units/{u.Id}"))
            .RequireAuthorization(Policies.Admin);
        unitsApi.MapPut("/{id:guid}", (Guid id, UnitRequest req, Units units, CancellationToken ct) => units.UpdateAsync(id, req, ct).ToHttp())
            .RequireAuthorization(Policies.Admin);
        unitsApi.MapPost("/{id:guid}/deactivate", (Guid id, Units units, CancellationToken ct) => units.DeactivateAsync(id, ct).ToHttp())
            .RequireAuthorization(Policies.Admin);

        var peopleApi = app.MapGroup("/api/people").WithTags("Organisation").RequireAuthorization(Policies.Staff);
        peopleApi.MapGet("/", async (Guid? unitId, string? q, bool? includeInactive, string? after, int? limit, People people, CancellationToken ct) =>
            TypedResults.Ok(await people.ListAsync(unitId, q, includeInactive, after, limit, ct)));
        peopleApi.MapGet("/{id:guid}", (Guid id, People people, CancellationToken ct) => people.GetAsync(id, ct).ToHttp());
        peopleApi.MapPost("/", (PersonRequest req, People people, CancellationToken ct) => people.CreateAsync(req, ct).ToCreated(p => $"/api/people/{p.Id}"))
            .RequireAuthorization(Policies.Admin);
        peopleApi.MapPut("/{id:guid}", (Guid id, PersonRequest req, People people, CancellationToken ct) => people.UpdateAsync(id, req, ct).ToHttp())
            .RequireAuthorization(Policies.Admin);
        peopleApi.MapPost("/{id:guid}/deactivate", (Guid id, People people, CancellationToken ct) => people.DeactivateAsync(id, ct).ToHttp())
            .RequireAuthorization(Policies.Admin);

        app.MapGet("/api/posts", async (People people, CancellationToken ct) => TypedResults.Ok(await people.PostsAsync(ct)))
            .WithTags("Organisation").RequireAuthorization(Policies.Staff);
        app.MapOrganisationImport();
    }
}
