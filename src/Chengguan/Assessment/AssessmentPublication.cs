using System.Text.Json;
using Chengguan.Data;

namespace Chengguan.Assessment;

/// <summary>Writes computed results as a period's next published version: one row per subject, its lines as JSON.</summary>
internal static class AssessmentPublication
{
    public sealed record StoredLines(IReadOnlyList<ResultLine> Lines, IReadOnlyList<AdjustmentLine> Adjustments, decimal Bonus, decimal Deduction);

    public static async Task StoreAsync(AppDbContext db, AssessmentPeriod period, List<SubjectResult> results, DateTimeOffset now, CancellationToken ct)
    {
        period.ResultVersion++;
        foreach (SubjectResult r in results)
        {
            db.AssessmentResults.Add(new AssessmentResult
            {
                PeriodId = period.Id, ResultVersion = period.ResultVersion, SubjectId = r.SubjectId, Kind = r.Kind, SubjectName = r.Name,
                SubjectUnitId = r.UnitId, Total = r.Total, Band = r.Band, Rank = r.Rank, PublishedAt = now,
                LinesJson = JsonSerializer.Serialize(new StoredLines(r.Lines, r.Adjustments, r.Bonus, r.Deduction), SchemeItem.Json),
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
