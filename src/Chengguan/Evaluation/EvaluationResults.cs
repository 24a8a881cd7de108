using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Evaluation;

/// <summary>A file the API hands out (the result letter).</summary>
public sealed record EvaluationFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Results of closed rounds, kept at closing: the round's table (personnel office), a cadre's own result,
/// letter and trend (the personnel office, or the cadre themself — anyone else is answered 404), and the read
/// door for other capabilities, <see cref="LatestTotalsAsync"/>. Nothing here reads an answer sheet: the
/// kept results hold only groups of at least three.
/// </summary>
public sealed class EvaluationResults(AppDbContext db, CurrentUser user, Profiles profiles, EvaluationData data, TimeProvider time)
{
    private bool Manager => EvaluationRoles.Manages(user.Principal);

    public async Task<Outcome<RoundResultsDto>> RoundAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<RoundResultsDto>.Forbidden(EvaluationRoles.ManagersOnly);
        }
        if (await db.EvaluationRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return new Outcome<RoundResultsDto>.NotFound("评价不存在");
        }
        if (round.State != EvaluationState.Closed)
        {
            return new Outcome<RoundResultsDto>.Conflict("评价结束后才计算结果", round.State.ToString(), "Results");
        }
        return await BuildAsync(round, null, ct);
    }

    /// <summary>One cadre's result: the personnel office's, or the cadre's own.</summary>
    public async Task<Outcome<CadreResultDto>> CadreAsync(Guid roundId, Guid cadreId, CancellationToken ct)
    {
        if (await VisibleAsync(roundId, cadreId, ct) is not { } round)
        {
            return new Outcome<CadreResultDto>.NotFound("没有该干部的评价结果");
        }
        RoundResultsDto all = await BuildAsync(round, cadreId, ct);
        return all.Cadres[0];
    }

    /// <summary>The individual result letter (个人评价结果通知书) as a Chinese PDF.</summary>
    public async Task<Outcome<EvaluationFile>> LetterAsync(Guid roundId, Guid cadreId, CancellationToken ct)
    {
        if (await VisibleAsync(roundId, cadreId, ct) is not { } round)
        {
            return new Outcome<EvaluationFile>.NotFound("没有该干部的评价结果");
        }
        RoundResultsDto all = await BuildAsync(round, cadreId, ct);
        CadreResultDto c = all.Cadres[0];
        List<TrendPoint> trend = await TrendOfAsync(c.PersonId, ct);
        byte[] pdf = EvaluationLetter.Pdf(all.Round, all.Items, c, trend, time.GetUtcNow());
        return new EvaluationFile(pdf, "application/pdf", $"{round.Year}-{round.Period}-{c.Name}-评价结果通知书.pdf");
    }

    /// <summary>A person's totals and ranks over the closed rounds, oldest first: the personnel office's, or the person's own.</summary>
    public async Task<Outcome<List<TrendPoint>>> TrendAsync(Guid personId, CancellationToken ct)
    {
        if (!Manager && await profiles.MyPersonIdAsync(ct) != personId)
        {
            return new Outcome<List<TrendPoint>>.NotFound("没有该人员的评价结果");
        }
        return await TrendOfAsync(personId, ct);
    }

    /// <summary>The signed-in cadre's own results, newest first, with the round and cadre ids for the letter.</summary>
    public async Task<Outcome<List<MyResult>>> MineAsync(CancellationToken ct)
    {
        if (await profiles.MyPersonIdAsync(ct) is not { } me)
        {
            return new List<MyResult>();
        }
        var rows = await db.EvaluationResults.AsNoTracking().Where(r => r.PersonId == me)
            .Join(db.EvaluationRounds.AsNoTracking(), r => r.RoundId, r => r.Id, (res, round) => new { res, round })
            .OrderByDescending(x => x.round.Year).ThenByDescending(x => x.round.Period).Take(36).ToListAsync(ct);
        var list = new List<MyResult>();
        foreach (var x in rows)
        {
            list.Add(new MyResult(x.round.Id, x.round.Name, new BimonthlyPeriod(x.round.Year, x.round.Period).Label, (await BuildAsync(x.round, x.res.CadreId, ct)).Cadres[0]));
        }
        return list;
    }

    /// <summary>
    /// The read door for other capabilities (the selection's cadre-evaluation score): for each person, the total of the
    /// latest closed round (by period, then closing time) in which they had a total. People without one are left out.
    /// Callers check their own roles.
    /// </summary>
    public async Task<Dictionary<Guid, CadreTotal>> LatestTotalsAsync(IEnumerable<Guid> personIds, CancellationToken ct)
    {
        List<Guid> ids = [.. personIds.Distinct()];
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await db.EvaluationResults.AsNoTracking().Where(r => ids.Contains(r.PersonId) && r.Total != null)
            .Join(db.EvaluationRounds.AsNoTracking(), r => r.RoundId, r => r.Id, (res, round) => new { res.PersonId, res.Total, res.Rank, round.Id, round.Name, round.Year, round.Period, round.ClosedAt })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g =>
        {
            var x = g.OrderByDescending(r => r.Year).ThenByDescending(r => r.Period).ThenByDescending(r => r.ClosedAt).First();
            return new CadreTotal(x.PersonId, x.Id, x.Name, x.Year, x.Period, x.Total!.Value, x.Rank);
        });
    }

    private async Task<List<TrendPoint>> TrendOfAsync(Guid personId, CancellationToken ct)
    {
        var rows = await db.EvaluationResults.AsNoTracking().Where(r => r.PersonId == personId)
            .Join(db.EvaluationRounds.AsNoTracking(), r => r.RoundId, r => r.Id, (res, round) => new { res.Total, res.Rank, round })
            .ToListAsync(ct);
        List<Guid> roundIds = [.. rows.Select(r => r.round.Id)];
        Dictionary<Guid, int> ranked = await db.EvaluationResults.AsNoTracking().Where(r => roundIds.Contains(r.RoundId) && r.Rank != null)
            .GroupBy(r => r.RoundId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. rows.OrderBy(r => r.round.Year).ThenBy(r => r.round.Period).ThenBy(r => r.round.ClosedAt).Select(r => new TrendPoint(
            r.round.Id, r.round.Name, r.round.Year, r.round.Period, new BimonthlyPeriod(r.round.Year, r.round.Period).Label, r.Total, r.Rank, ranked.GetValueOrDefault(r.round.Id)))];
    }

    /// <summary>The closed round if the caller may read this cadre's result (personnel office, or the cadre themself); null otherwise.</summary>
    private async Task<EvaluationRound?> VisibleAsync(Guid roundId, Guid cadreId, CancellationToken ct)
    {
        EvaluationRound? round = await db.EvaluationRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.State == EvaluationState.Closed, ct);
        Guid? person = round is null ? null : await db.EvaluationCadres.Where(c => c.Id == cadreId && c.RoundId == roundId).Select(c => (Guid?)c.PersonId).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return null;
        }
        return Manager || await profiles.MyPersonIdAsync(ct) == person ? round : null;
    }

    private async Task<RoundResultsDto> BuildAsync(EvaluationRound round, Guid? onlyCadre, CancellationToken ct)
    {
        EvaluationRoundSummary summary = (await data.SummaryAsync(round.Id, ct))!;
        EvaluationQuestionnaire q = await db.EvaluationQuestionnaires.AsNoTracking().FirstAsync(x => x.Id == round.QuestionnaireId, ct);
        List<EvaluationCadre> cadres = await db.EvaluationCadres.AsNoTracking().Where(c => c.RoundId == round.Id && (onlyCadre == null || c.Id == onlyCadre)).ToListAsync(ct);
        Dictionary<Guid, EvaluationResult> results = await db.EvaluationResults.AsNoTracking().Where(r => r.RoundId == round.Id).ToDictionaryAsync(r => r.CadreId, ct);
        int ranked = results.Values.Count(r => r.Rank is not null);
        List<CadreResultDto> rows = [.. cadres.Where(c => results.ContainsKey(c.Id)).Select(c =>
        {
            EvaluationResult r = results[c.Id];
            return new CadreResultDto(c.Id, c.PersonId, c.Name, c.UnitName, c.PostName, r.Total, r.Rank, ranked,
                [.. EvaluationTally.Groups(r).Select(g => EvaluationTally.Dto(g, round.Weights))]);
        }).OrderBy(c => c.Rank ?? int.MaxValue).ThenBy(c => cadres.First(x => x.Id == c.CadreId).SortOrder)];
        return new RoundResultsDto(summary, EvaluationData.Items(q), rows);
    }
}
