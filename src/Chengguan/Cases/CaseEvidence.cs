using Chengguan.Evidence;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

/// <summary>Cases tell Evidence which cases a caller may attach files to and read files of: those in their data scope.</summary>
internal static class CaseEvidence
{
    public static IServiceCollection AddCaseEvidence(this IServiceCollection services) =>
        services.AddEvidenceSubject(CaseIntake.SubjectType, (db, scope, id, ct) => db.Cases.AsNoTracking().InScope(scope, db).AnyAsync(c => c.Id == id, ct));
}
