using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Organisation;
using Chengguan.Ui;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Chengguan.Cases.Pages;

public sealed record CaseRow(CaseSummary Case, string? StreetName, string? UnitName);

public sealed record CaseListResult(IReadOnlyList<CaseRow> Rows, string? Next, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// The case list behind the console page and its Excel export: the filters of GET /api/cases (the
/// same parser, scope and keyset cursor), the user's saved filter, and the export endpoint.
/// </summary>
public static class CaseList
{
    private const string TokenProvider = "chengguan.console";
    private const string FilterToken = "case-filter";
    public const string ExportPath = "/ui/cases/export.xlsx";
    public const int ExportLimit = 20_000;

    public static CaseFilter.Parsed Parse(string query) =>
        CaseFilter.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)));

    public static async Task<CaseListResult> PageAsync(IServiceProvider sp, string query, CancellationToken ct)
    {
        CaseFilter.Parsed parsed = Parse(query);
        if (parsed.Errors.Any)
        {
            return new([], null, parsed.Errors.ToDictionary());
        }
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        List<Case> rows = await (await FilteredAsync(sp, db, parsed, ct)).Take(parsed.Limit + 1).ToListAsync(ct);
        string? next = rows.Count > parsed.Limit ? CaseFilter.Cursor(rows[parsed.Limit - 1]) : null;
        return new(await RowsAsync(db, rows.Take(parsed.Limit), ct), next, new Dictionary<string, string[]>());
    }

    private static async Task<IQueryable<Case>> FilteredAsync(IServiceProvider sp, AppDbContext db, CaseFilter.Parsed parsed, CancellationToken ct)
    {
        DataScope scope = await sp.GetRequiredService<CurrentUser>().GetScopeAsync(ct);
        IQueryable<Case> q = CaseFilter.Apply(db.Cases.AsNoTracking().InScope(scope, db), parsed, db);
        // The text goes through the full-text index, as GET /api/cases does.
        if (parsed.Terms.Count > 0)
        {
            q = await Search.CaseTextSearch.ApplyAsync(q, parsed.Terms, db, ct);
        }
        return q.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id);
    }

    private static async Task<List<CaseRow>> RowsAsync(AppDbContext db, IEnumerable<Case> cases, CancellationToken ct)
    {
        List<Case> list = [.. cases];
        Dictionary<Guid, string> names = await CaseConsole.UnitNamesAsync(db, list.SelectMany(c => new[] { c.StreetId, c.UnitId }), ct);
        return [.. list.Select(c => new CaseRow(CaseMapping.Summary(c), c.StreetId is { } s ? names.GetValueOrDefault(s) : null, c.UnitId is { } u ? names.GetValueOrDefault(u) : null))];
    }

    /// <summary>Streets (and the town) and handling units the user may filter by: those in scope.</summary>
    public static async Task<(List<(Guid Id, string Name)> Streets, List<(Guid Id, string Name)> Units)> ChoicesAsync(IServiceProvider sp, CancellationToken ct)
    {
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        DataScope scope = await sp.GetRequiredService<CurrentUser>().GetScopeAsync(ct);
        var units = await db.Units.AsNoTracking().InScope(scope).Where(u => u.Active).OrderBy(u => u.SortOrder)
            .Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync(ct);
        return ([.. units.Where(u => u.Kind is UnitKind.Street or UnitKind.Town).Select(u => (u.Id, u.Name))],
            [.. units.Where(u => u.Kind is UnitKind.Squad or UnitKind.StreetTeam or UnitKind.Section).Select(u => (u.Id, u.Name))]);
    }

    /// <summary>The user's saved filter (a query string), kept with their account so it follows them to any browser.</summary>
    public static async Task<string?> SavedFilterAsync(IServiceProvider sp)
    {
        UserManager<AppUser> users = sp.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByIdAsync(sp.GetRequiredService<CurrentUser>().UserId ?? "") is { } user
            ? await users.GetAuthenticationTokenAsync(user, TokenProvider, FilterToken) : null;
    }

    public static async Task<bool> SaveFilterAsync(IServiceProvider sp, string query)
    {
        UserManager<AppUser> users = sp.GetRequiredService<UserManager<AppUser>>();
        if (query.Length > 2000 || await users.FindByIdAsync(sp.GetRequiredService<CurrentUser>().UserId ?? "") is not { } user)
        {
            return false;
        }
        return (await users.SetAuthenticationTokenAsync(user, TokenProvider, FilterToken, query)).Succeeded;
    }

    public static void MapCaseExport(this IEndpointRouteBuilder app) =>
        app.MapGet(ExportPath, Export).RequireAuthorization(Policies.Console).ExcludeFromDescription();

    /// <summary>The filtered list as an Excel sheet (cursor ignored), up to <see cref="ExportLimit"/> rows, newest first.</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        HttpRequest request, IServiceProvider sp, AppDbContext db, IStringLocalizer<UiText> L, CancellationToken ct)
    {
        var query = new Dictionary<string, StringValues>(request.Query.Where(q => q.Key is not ("after" or "limit")));
        CaseFilter.Parsed parsed = CaseFilter.Parse(new QueryCollection(query));
        if (parsed.Errors.Any)
        {
            return Infrastructure.Problems.Validation(parsed.Errors);
        }
        List<CaseRow> rows = await RowsAsync(db, await (await FilteredAsync(sp, db, parsed, ct)).Take(ExportLimit).ToListAsync(ct), ct);
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
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheet, sheetName: L["X_Sheet"], cancellationToken: ct);
        return TypedResults.File(stream.ToArray(), Kpis.KpiExport.ContentType, "cases.xlsx");
    }
}
