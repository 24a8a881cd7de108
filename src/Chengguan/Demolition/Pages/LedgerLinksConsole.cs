using Chengguan.Cases;
using Chengguan.Cases.Search;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Ui.Admin;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition.Pages;

/// <summary>A case as the item page lists and offers it.</summary>
public sealed record CaseChoice(Guid Id, string Number, string Description, CaseState State);

/// <summary>
/// What ties a ledger item to other records in the console: its cases (POST /api/demolition/items/{id}/cases)
/// and its task batch (POST /api/demolition/tasks/{id}/items), through the endpoints' own methods.
/// </summary>
public static class LedgerLinksConsole
{
    public const int CaseChoices = 10;

    /// <summary>
    /// The user's cases matching the text, newest first, found as GET /api/cases?q= finds them (the
    /// full-text index holds the number and the description), so the choice offers only cases the link accepts.
    /// </summary>
    public static async Task<List<CaseChoice>> FindCasesAsync(IServiceProvider sp, string? text, CancellationToken ct)
    {
        IReadOnlyList<SearchTerm> terms = SearchText.Query(text?.Trim());
        if (terms.Count == 0 || text!.Trim().Length > 100)
        {
            return [];
        }
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        IQueryable<Case> q = db.Cases.AsNoTracking().InScope(await sp.GetRequiredService<CurrentUser>().GetScopeAsync(ct), db);
        q = await CaseTextSearch.ApplyAsync(q, terms, db, ct);
        return await q.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id).Take(CaseChoices)
            .Select(c => new CaseChoice(c.Id, c.Number, c.Description, c.State)).ToListAsync(ct);
    }

    /// <summary>The linked cases the user may open (a case outside the scope stays linked but is not shown, as its page would say "not found").</summary>
    public static async Task<List<CaseChoice>> LinkedCasesAsync(IServiceProvider sp, IReadOnlyList<Guid> caseIds, CancellationToken ct)
    {
        if (caseIds.Count == 0)
        {
            return [];
        }
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        return await db.Cases.AsNoTracking().InScope(await sp.GetRequiredService<CurrentUser>().GetScopeAsync(ct), db).Where(c => caseIds.Contains(c.Id))
            .OrderBy(c => c.Number).Select(c => new CaseChoice(c.Id, c.Number, c.Description, c.State)).ToListAsync(ct);
    }

    public static async Task<DemolitionFormResult> LinkCaseAsync(IServiceProvider sp, Guid itemId, Guid? caseId, CancellationToken ct)
    {
        var input = new CaseLinkInput(caseId);
        return await DemolitionConsole.SubmitAsync(input, async () => (await LedgerEndpoints.LinkCase(itemId, input, sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<DemolitionProcedure>(),
                sp.GetRequiredService<CurrentUser>(), sp.GetRequiredService<TimeProvider>(), ct)).Result);
    }

    public const int AttachChoices = 200;

    /// <summary>
    /// Items the batch may take: in the user's scope, on a street the batch has a target for, in no
    /// batch yet, and not withdrawn (a withdrawn item never counts towards a target). Newest first, at most <see cref="AttachChoices"/>.
    /// </summary>
    public static async Task<List<LedgerItemSummary>> AttachableAsync(IServiceProvider sp, Guid taskId, CancellationToken ct)
    {
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        List<Guid?> streets = await db.DemolitionTaskTargets.AsNoTracking().Where(t => t.TaskId == taskId).Select(t => (Guid?)t.StreetId).ToListAsync(ct);
        var rows = await db.IllegalBuildings.AsNoTracking().InScope(await sp.GetRequiredService<CurrentUser>().GetScopeAsync(ct), db)
            .Where(i => i.TaskId == null && i.State != DemolitionState.Withdrawn && streets.Contains(i.StreetId))
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(AttachChoices)
            .Select(i => new { Item = i, Street = db.Units.Where(u => u.Id == i.StreetId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return [.. rows.Select(r => LedgerMapping.Summary(r.Item, r.Street))];
    }

    public static async Task<DemolitionFormResult> AttachAsync(IServiceProvider sp, Guid taskId, IReadOnlyCollection<Guid> itemIds, CancellationToken ct)
    {
        var input = new AttachInput(itemIds.Count == 0 ? null : [.. itemIds]);
        return await DemolitionConsole.SubmitAsync(input, async () => (await TasksEndpoints.Attach(taskId, input, sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<CurrentUser>(), ct)).Result, summarise: true);
    }
}
