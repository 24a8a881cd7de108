using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Chengguan.Organisation;

/// <summary>The bulk imports over HTTP: the upload is read within its caps here, the rows are the door's (<see cref="OrganisationImport"/>).</summary>
public static class OrganisationImportEndpoints
{
    public static void MapOrganisationImport(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Organisation").RequireAuthorization(Policies.Admin)
            .WithBodyLimit(Tabular.MaxUploadBytes).DisableAntiforgery();
        group.MapPost("/units/import", (IFormFile? file, [FromQuery] bool? dryRun, OrganisationImport import, CancellationToken ct) =>
                ImportAsync(file, rows => import.ImportUnitsAsync(rows, dryRun == true, ct), ct))
            .WithSummary("批量导入单位（CSV 或 Excel；dryRun=true 只校验；任一行有误则不写入）")
            .WithDescription("上传 CSV 或 Excel 批量导入单位；dryRun=true 只校验。任一行有误则整体不写入并逐行报告。");
        group.MapPost("/people/import", (IFormFile? file, [FromQuery] bool? dryRun, OrganisationImport import, CancellationToken ct) =>
                ImportAsync(file, rows => import.ImportPeopleAsync(rows, dryRun == true, ct), ct))
            .WithSummary("批量导入人员（CSV 或 Excel；dryRun=true 只校验；任一行有误则不写入）")
            .WithDescription("上传 CSV 或 Excel 批量导入人员；dryRun=true 只校验。任一行有误则整体不写入并逐行报告。");
    }

    private static async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        IFormFile? file, Func<IReadOnlyList<TabularRow>, Task<Outcome<ImportReport>>> import, CancellationToken ct)
    {
        (IReadOnlyList<TabularRow>? rows, ProblemHttpResult? problem) = await Tabular.ReadUploadAsync(file, ct);
        if (problem is not null)
        {
            return problem;
        }
        return await import(rows!).ToHttp();
    }
}
