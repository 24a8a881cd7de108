using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases.Pages;

/// <summary>Everything the detail page shows, read exactly as GET /api/cases/{id} and its evidence list answer it.</summary>
public sealed record CaseView(CaseDetail Detail, string? StreetName, string? UnitName, EvidenceList Evidence, IReadOnlyList<CaseAction> Actions, Guid? GridId);

public static class CaseDetails
{
    /// <summary>The case if it is in the user's scope; null otherwise (the page says "not found", as the API answers 404).</summary>
    public static async Task<CaseView?> LoadAsync(IServiceProvider sp, Guid id, CancellationToken ct)
    {
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        CurrentUser user = sp.GetRequiredService<CurrentUser>();
        Case? c = await db.Cases.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        CaseDetail detail = await CasesEndpoints.DetailAsync(db, sp.GetRequiredService<CaseIntake>(), c, user, sp.GetRequiredService<TimeProvider>(), ct);
        EvidenceList evidence = await sp.GetRequiredService<Attachments>().ListForCaseAsync(id, ct) is Outcome<EvidenceList>.Done found ? found.Value : new EvidenceList([], []);
        Dictionary<Guid, string> names = await CaseConsole.UnitNamesAsync(db, [c.StreetId, c.UnitId], ct);
        return new CaseView(detail, c.StreetId is { } s ? names.GetValueOrDefault(s) : null, c.UnitId is { } u ? names.GetValueOrDefault(u) : null,
            evidence, CaseConsole.ActionsFor(c, user.Principal.IsInRole, onWorkbench: false), c.GridId);
    }

    public static string ContentUrl(Guid caseId, Guid evidenceId) => $"/api/cases/{caseId}/evidence/{evidenceId}/content?copy=public";
}
