using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Assessment;

/// <summary>
/// The assessment's read door for other capabilities (selection, the people file): the totals and bands of units or
/// officers in a year's published yearly assessment (the newest version, that is after any upheld appeal).
/// </summary>
public sealed class AssessmentResults(AppDbContext db)
{
    public async Task<Dictionary<Guid, AssessmentBand>> BandsAsync(IReadOnlyCollection<Guid> subjectIds, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var period = await db.AssessmentPeriods.AsNoTracking()
            .Where(p => p.PeriodKind == PeriodKind.Year && p.From == from && p.State == PeriodState.Published)
            .OrderByDescending(p => p.PublishedAt).Select(p => new { p.Id, p.Name, p.ResultVersion }).FirstOrDefaultAsync(ct);
        if (period is null || subjectIds.Count == 0)
        {
            return [];
        }
        return await db.AssessmentResults.AsNoTracking()
            .Where(r => r.PeriodId == period.Id && r.ResultVersion == period.ResultVersion && subjectIds.Contains(r.SubjectId))
            .ToDictionaryAsync(r => r.SubjectId, r => new AssessmentBand(r.SubjectId, year, r.Total, r.Band, period.Name), ct);
    }
}
