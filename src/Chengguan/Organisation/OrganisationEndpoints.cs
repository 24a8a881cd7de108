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
            TypedResults.Ok(await units.ListAsync(kind, parentId, includeInactive, ct))).WithSummary("单位列表")
            .WithDescription("列出单位：名称、类型（街镇城管中队、机动中队、科室等）、上级和是否在用。");
        unitsApi.MapGet("/{id:guid}", (Guid id, Units units, CancellationToken ct) => units.GetAsync(id, ct).ToHttp()).WithSummary("单位详情")
            .WithDescription("按编号返回一个单位。");
        unitsApi.MapPost("/", (UnitRequest req, Units units, CancellationToken ct) => units.CreateAsync(req, ct).ToCreated(u => $"/api/units/{u.Id}"))
            .RequireAuthorization(Policies.Admin).WithSummary("新建单位")
            .WithDescription("新建单位（名称、类型、上级、所属街镇）。成功答 201。");
        unitsApi.MapPut("/{id:guid}", (Guid id, UnitRequest req, Units units, CancellationToken ct) => units.UpdateAsync(id, req, ct).ToHttp())
            .RequireAuthorization(Policies.Admin).WithSummary("修改单位")
            .WithDescription("修改单位的名称、类型、上级或所属街镇。");
        unitsApi.MapPost("/{id:guid}/deactivate", (Guid id, Units units, CancellationToken ct) => units.DeactivateAsync(id, ct).ToHttp())
            .RequireAuthorization(Policies.Admin).WithSummary("停用单位")
            .WithDescription("停用单位；仍有在职人员或下级单位时答 409。");

        var peopleApi = app.MapGroup("/api/people").WithTags("Organisation").RequireAuthorization(Policies.Staff);
        peopleApi.MapGet("/", async (Guid? unitId, string? q, bool? includeInactive, string? after, int? limit, People people, CancellationToken ct) =>
            TypedResults.Ok(await people.ListAsync(unitId, q, includeInactive, after, limit, ct))).WithSummary("人员列表")
            .WithDescription("分页列出人员：姓名、单位、岗位、是否在职。");
        peopleApi.MapGet("/{id:guid}", (Guid id, People people, CancellationToken ct) => people.GetAsync(id, ct).ToHttp()).WithSummary("人员详情")
            .WithDescription("按编号返回一名人员。");
        peopleApi.MapPost("/", (PersonRequest req, People people, CancellationToken ct) => people.CreateAsync(req, ct).ToCreated(p => $"/api/people/{p.Id}"))
            .RequireAuthorization(Policies.Admin).WithSummary("新建人员")
            .WithDescription("登记人员及其单位和岗位。成功答 201。");
        peopleApi.MapPut("/{id:guid}", (Guid id, PersonRequest req, People people, CancellationToken ct) => people.UpdateAsync(id, req, ct).ToHttp())
            .RequireAuthorization(Policies.Admin).WithSummary("修改人员")
            .WithDescription("修改人员的姓名、单位、岗位或联系方式。");
        peopleApi.MapPost("/{id:guid}/deactivate", (Guid id, People people, CancellationToken ct) => people.DeactivateAsync(id, ct).ToHttp())
            .RequireAuthorization(Policies.Admin).WithSummary("人员离职")
            .WithDescription("把人员标记为离职；其登录账号随之停用。");

        app.MapGet("/api/posts", async (People people, CancellationToken ct) => TypedResults.Ok(await people.PostsAsync(ct)))
            .WithTags("Organisation").RequireAuthorization(Policies.Staff).WithSummary("岗位列表")
            .WithDescription("列出可选的岗位（如队长、执法队员、派遣员），供登记人员时选择。");
        app.MapOrganisationImport();
    }
}
