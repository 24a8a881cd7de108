using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Chengguan.Cases;

/// <summary>The event/component dictionary over HTTP: adapters over <see cref="CategoryCatalog"/>.</summary>
public static class CategoriesEndpoints
{
    public static void MapCategories(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/categories", async (CategoryCatalog catalog, CancellationToken ct) => TypedResults.Ok(await catalog.CurrentAsync(ct)))
            .WithTags("Cases").RequireAuthorization(Policies.StaffOrIntegration).ForIntegrations(IntegrationOperation.Categories)
            .WithSummary("现行事部件字典：大类、小类、立案条件、处置时限、结案条件")
            .WithDescription("现行版本的事部件字典。类别编码形如 {kind}:{大类两位}{小类两位}，kind 为 event（事件）或 component（部件），如 event:0503，立案条件编码形如 01；工单与立案中的 categoryCode、conditionCode 取自这里。");
        var departments = app.MapGroup("/api/case-departments").WithTags("Cases").AddEndpointFilter<ValidationFilter>();
        departments.MapGet("/", async (CaseDepartmentsDesk d, CancellationToken ct) => TypedResults.Ok(await d.ListAsync(ct)))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("责任部门字典").WithDescription("退单（Return）时可填的 department：不属于城市管理职责时应由其办理的区级部门编码及名称；active=false 为已停用。");
        departments.MapPost("/", (CaseDepartmentRequest req, CaseDepartmentsDesk d, CancellationToken ct) => d.AddAsync(req, ct).ToCreated(x => $"/api/case-departments/{x.Code}"))
            .RequireAuthorization(Policies.Staff).WithSummary("增加责任部门").WithDescription("限管理员。编码一经使用不再更改。");
        departments.MapPut("/{code}", (string code, CaseDepartmentChange req, CaseDepartmentsDesk d, CancellationToken ct) => d.ChangeAsync(code, req, ct).ToHttp())
            .RequireAuthorization(Policies.Staff).WithSummary("修改或停用责任部门").WithDescription("限管理员。改名称或停用（active=false）；已标注的案件保留编码。");
        app.MapPost("/api/categories/import", Import).WithTags("Cases").RequireAuthorization(Policies.Admin)
            .WithBodyLimit(Tabular.MaxUploadBytes).DisableAntiforgery()
            .WithSummary("导入事部件字典（CSV 或 Excel），生成新版本；逐行校验，有错则不写入")
            .WithDescription("上传字典文件（multipart/form-data）。任一行有误则整体不写入并逐行报告；成功后生成新的字典版本，已立案的案件保留原版本。");
    }

    // The upload reader answers a file it cannot read itself (400, or 413 past a size cap); the rows go to the catalog.
    private static async Task<Results<Ok<CategoryImportReport>, ValidationProblem, ProblemHttpResult>> Import(
        IFormFile? file, [FromQuery] bool? dryRun, CategoryCatalog catalog, CancellationToken ct)
    {
        (IReadOnlyList<TabularRow>? rows, ProblemHttpResult? problem) = await Tabular.ReadUploadAsync(file, ct);
        return problem is not null ? problem : await catalog.ImportAsync(rows!, dryRun == true, ct).ToHttp();
    }
}
