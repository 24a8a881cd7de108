using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Ui;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Chengguan.Cases.Pages;

public sealed record CaseRow(CaseSummary Case, string? StreetName, string? UnitName);

/// <summary>One page of the console's case list as the page shows it: rows, the next cursor, or the filter's field errors.</summary>
public sealed record CaseListResult(IReadOnlyList<CaseRow> Rows, string? Next, IReadOnlyDictionary<string, string[]> Errors)
{
    public static CaseListResult From(Outcome<Page<CaseRow>> outcome) => outcome switch
    {
        Outcome<Page<CaseRow>>.Done { Value: var page } => new(page.Items, page.Next, new Dictionary<string, string[]>()),
        Outcome<Page<CaseRow>>.Invalid invalid => new([], null, invalid.Errors.ToDictionary()),
        _ => new([], null, new Dictionary<string, string[]> { [""] = [outcome.Message ?? ""] }),
    };
}

/// <summary>
/// The console's case list around <see cref="CaseQueries.ListAsync"/> (the query of GET /api/cases): the
/// Excel export of the same filters.
/// </summary>
public static class CaseList
{
    public const string ExportPath = "/ui/cases/export.xlsx";

    public static void MapCaseExport(this IEndpointRouteBuilder app) =>
        app.MapGet(ExportPath, Export).RequireAuthorization(Policies.Console).ExcludeFromDescription();

    /// <summary>The filtered list as an Excel sheet (cursor ignored), up to <see cref="CaseQueries.ExportLimit"/> rows, newest first.</summary>
    private static Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(
        HttpRequest request, CaseQueries cases, IStringLocalizer<UiText> L, CancellationToken ct) =>
        cases.ExportAsync(request.Query, ct).ToHttp(rows => TypedResults.File(Sheet(rows, L), Kpis.KpiExport.ContentType, "cases.xlsx"));

    private static byte[] Sheet(List<CaseRow> rows, IStringLocalizer<UiText> L)
    {
        var sheet = rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [L["X_Number"]] = r.Case.Number,
            [L["X_Channel"]] = L["C_" + r.Case.Channel].Value,
            [L["X_External"]] = r.Case.ExternalNumber,
            [L["X_State"]] = L["S_" + r.Case.State].Value,
            [L["X_Urgency"]] = L["U_" + r.Case.Urgency].Value,
            [L["X_Category"]] = r.Case.CategoryCode,
            [L["Col_Description"]] = r.Case.Description,
            [L["X_Address"]] = r.Case.Address,
            [L["X_Grid"]] = r.Case.GridCode,
            [L["X_Street"]] = r.StreetName,
            [L["F_unit"]] = r.UnitName,
            [L["X_Reported"]] = Display.Time(r.Case.ReportedAt),
            [L["X_Closed"]] = Display.Time(r.Case.ClosedAt),
        }).ToList();
        // In memory: nothing here waits on I/O.
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, sheetName: L["X_Sheet"]);
        return stream.ToArray();
    }
}
