using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

public sealed record FilingConditionDto(string Code, string Condition, int LimitAmount, TimeLimitKind LimitKind, string ClosingCondition, string DisposalPolicy);
public sealed record CategoryDto(string Code, string Kind, string BigCode, string BigName, string SmallCode, string SmallName, IReadOnlyList<FilingConditionDto> Conditions);
public sealed record CategoryDictionaryDto(int Version, IReadOnlyList<CategoryDto> Categories);
public sealed record CategoryImportReport(bool DryRun, int Version, int Rows, int Categories);

/// <summary>The event/component dictionary: read by every channel, replaced as a whole by an import (a new version).</summary>
public static class CategoriesEndpoints
{
    public static void MapCategories(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/categories", List).WithTags("Cases").RequireAuthorization(Policies.StaffOrIntegration).ForIntegrations(IntegrationOperation.Categories)
            .WithSummary("现行事部件字典：大类、小类、立案条件、处置时限、结案条件");
        app.MapPost("/api/categories/import", Import).WithTags("Cases").RequireAuthorization(Policies.Admin)
            .WithBodyLimit(Tabular.MaxUploadBytes).DisableAntiforgery()
            .WithSummary("导入事部件字典（CSV 或 Excel），生成新版本；逐行校验，有错则不写入");
    }

    public static async Task<CategoryDictionaryDto> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        int version = await db.CategoryConditions.MaxAsync(c => (int?)c.Version, ct) ?? 0;
        List<CategoryCondition> rows = await db.CategoryConditions.AsNoTracking().Where(c => c.Version == version)
            .OrderBy(c => c.Kind).ThenBy(c => c.BigCode).ThenBy(c => c.SmallCode).ThenBy(c => c.ConditionCode).ToListAsync(ct);
        return new CategoryDictionaryDto(version, [.. rows.GroupBy(r => r.CategoryCode).Select(g =>
        {
            CategoryCondition first = g.First();
            return new CategoryDto(g.Key, first.Kind, first.BigCode, first.BigName, first.SmallCode, first.SmallName,
                [.. g.Select(r => new FilingConditionDto(r.ConditionCode, r.Condition, r.LimitAmount, r.LimitKind, r.ClosingCondition,
                    Categories.DisposalPolicyCode(r.LimitAmount, r.LimitKind)))]);
        })]);
    }

    private static async Task<Ok<CategoryDictionaryDto>> List(AppDbContext db, CancellationToken ct) => TypedResults.Ok(await CurrentAsync(db, ct));

    private static Task<Results<Ok<CategoryImportReport>, ValidationProblem, ProblemHttpResult>> Import(IFormFile? file, [FromQuery] bool? dryRun, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        ImportAsync(file, dryRun == true, db, time, ct);

    /// <summary>The import itself, shared by the endpoint and the console's category page.</summary>
    public static async Task<Results<Ok<CategoryImportReport>, ValidationProblem, ProblemHttpResult>> ImportAsync(IFormFile? file, bool dryRun, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        (IReadOnlyList<TabularRow>? rows, ProblemHttpResult? problem) = await Tabular.ReadUploadAsync(file, ct);
        if (problem is not null)
        {
            return problem;
        }
        int version = (await db.CategoryConditions.MaxAsync(c => (int?)c.Version, ct) ?? 0) + 1;
        (List<CategoryCondition> parsed, FieldErrors errors) = Categories.Parse(rows!, version);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        if (!dryRun)
        {
            db.CategoryConditions.AddRange(parsed);
            await Categories.EnsureDisposalPoliciesAsync(db, parsed, time.GetUtcNow(), ct);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(new CategoryImportReport(dryRun, dryRun ? version - 1 : version, parsed.Count, parsed.Select(p => p.CategoryCode).Distinct().Count()));
    }
}
