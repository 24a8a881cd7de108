using Chengguan.Evidence;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition;

/// <summary>The ledger tells Evidence which items a caller may attach before/after photos to: those in their data scope.</summary>
internal static class LedgerEvidence
{
    public static IServiceCollection AddLedgerEvidence(this IServiceCollection services) =>
        services.AddEvidenceSubject(DemolitionProcedure.SubjectType,
            (db, scope, id, ct) => db.IllegalBuildings.AsNoTracking().InScope(scope, db).AnyAsync(i => i.Id == id, ct));
}
