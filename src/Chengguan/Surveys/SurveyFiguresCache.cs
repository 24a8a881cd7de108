using System.Collections.Concurrent;
using System.Data.Common;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Chengguan.Surveys;

/// <summary>
/// Each survey's computed figures, kept until its next import. Folding 20,000 respondents × 40 indicators is most of an
/// analysis; the figures change only when an import appends rows, so they are computed once and reused. An entry is
/// keyed by the survey's row counts (respondents and summaries are only ever appended, never changed or deleted), so
/// rows written outside the import door (demo seeding, another instance) are noticed too; the import door also drops
/// the entry at once. Singleton: the figures are immutable once built.
/// </summary>
public sealed class SurveyFiguresCache
{
    private sealed record Entry(long Respondents, long Summaries, SurveyFigures Figures);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>Drops a survey's figures; the import door calls this after it commits.</summary>
    public void Forget(Guid surveyId) => _entries.TryRemove(surveyId, out _);

    public async Task<SurveyFigures> GetAsync(AppDbContext db, Survey survey, CancellationToken ct)
    {
        long respondents = await db.Set<SurveyResponse>().LongCountAsync(r => r.SurveyId == survey.Id, ct);
        long summaries = respondents > 0 ? 0 : await db.Set<SurveySummary>().LongCountAsync(r => r.SurveyId == survey.Id, ct);
        if (_entries.TryGetValue(survey.Id, out Entry? entry) && entry.Respondents == respondents && entry.Summaries == summaries)
        {
            return entry.Figures;
        }
        SurveyFigures figures = await LoadAsync(db, survey, respondents, ct);
        _entries[survey.Id] = new Entry(respondents, summaries, figures);
        return figures;
    }

    private static async Task<SurveyFigures> LoadAsync(AppDbContext db, Survey survey, long respondents, CancellationToken ct)
    {
        List<string> codes = [.. survey.Indicators.OrderBy(i => i.Position).Select(i => i.Code)];
        if (respondents > 0)
        {
            return SurveyFigures.FromRespondents(codes, await RespondentsAsync(db, survey.Id, respondents, ct));
        }
        List<SurveyFigures.Summary> summaries = await db.Set<SurveySummary>().AsNoTracking().Where(r => r.SurveyId == survey.Id)
            .Select(r => new SurveyFigures.Summary(r.StreetId, r.Indicator, r.Mean, r.N, r.Sd)).ToListAsync(ct);
        return SurveyFigures.FromSummaries(codes, summaries);
    }

    /// <summary>
    /// The three columns the figures need, read with a plain data reader over EF's own query text (so column names and
    /// the key's parameter follow the model on each engine) instead of EF's per-row materializer.
    /// </summary>
    public static async Task<List<SurveyFigures.Respondent>> RespondentsAsync(AppDbContext db, Guid surveyId, long expected, CancellationToken ct)
    {
        IQueryable<SurveyResponse> query = db.Set<SurveyResponse>().AsNoTracking().Where(r => r.SurveyId == surveyId);
        return await ReadAsync(db, query, expected, ct);
    }

    /// <summary>One street's respondents (for a cell's distribution of answers), read the same way.</summary>
    public static async Task<List<SurveyFigures.Respondent>> RespondentsAsync(AppDbContext db, Guid surveyId, Guid streetId, CancellationToken ct) =>
        await ReadAsync(db, db.Set<SurveyResponse>().AsNoTracking().Where(r => r.SurveyId == surveyId && r.StreetId == streetId), 0, ct);

    private static async Task<List<SurveyFigures.Respondent>> ReadAsync(AppDbContext db, IQueryable<SurveyResponse> query, long expected, CancellationToken ct)
    {
        var list = new List<SurveyFigures.Respondent>((int)Math.Min(expected, 1_000_000));
        await using DbCommand command = query.Select(r => new { r.StreetId, r.Overall, r.Answers }).CreateDbCommand();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using DbDataReader reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                list.Add(new SurveyFigures.Respondent(reader.GetFieldValue<Guid>(0), reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.GetFieldValue<byte[]>(2)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return list;
    }
}
