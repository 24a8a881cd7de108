using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Evaluation;

/// <summary>
/// The rater's door: the open rounds in which the signed-in person (Identity's <see cref="Profiles"/>) rates,
/// with the cadres still to rate, and casting one ballot. A ballot writes two rows in one save: the
/// <see cref="EvaluationBallot"/> (who rated whom, for double voting and progress) and the
/// <see cref="EvaluationAnswer"/> (the points, with no reference to the rater). Nothing here logs the points.
/// </summary>
public sealed class EvaluationBallots(AppDbContext db, Profiles profiles)
{
    public async Task<Outcome<List<MyBallotRound>>> MineAsync(CancellationToken ct)
    {
        if (await profiles.MyPersonIdAsync(ct) is not { } me)
        {
            return new List<MyBallotRound>();
        }
        var mine = await db.EvaluationRaters.AsNoTracking().Where(r => r.PersonId == me)
            .Join(db.EvaluationRounds.AsNoTracking().Where(r => r.State == EvaluationState.Open), r => r.RoundId, r => r.Id, (rater, round) => new { rater, round })
            .OrderByDescending(x => x.round.Year).ThenByDescending(x => x.round.Period).ToListAsync(ct);
        var list = new List<MyBallotRound>();
        foreach (var x in mine)
        {
            EvaluationQuestionnaire q = await db.EvaluationQuestionnaires.AsNoTracking().FirstAsync(q => q.Id == x.round.QuestionnaireId, ct);
            List<EvaluationCadre> cadres = await db.EvaluationCadres.AsNoTracking().Where(c => c.RoundId == x.round.Id).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
            HashSet<Guid> cast = [.. await db.EvaluationBallots.Where(b => b.RoundId == x.round.Id && b.RaterPersonId == me).Select(b => b.CadreId).ToListAsync(ct)];
            list.Add(new MyBallotRound(x.round.Id, x.round.Name, new BimonthlyPeriod(x.round.Year, x.round.Period).Label, x.rater.Group, EvaluationText.Group(x.rater.Group),
                EvaluationData.Dto(q), [.. cadres.Where(c => EvaluationData.Rates(x.rater, c)).Select(c => new MyCadre(c.Id, c.Name, c.UnitName, c.PostName, cast.Contains(c.Id)))]));
        }
        return list;
    }

    /// <summary>
    /// One ballot for one cadre: the round must be open, the caller one of its raters who rates that cadre (else 404),
    /// with one point value of the scale per item; a second ballot for the same cadre is refused (409).
    /// </summary>
    public async Task<Outcome<BallotReceipt>> CastAsync(Guid roundId, BallotRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<BallotReceipt>.Invalid(errors);
        }
        Guid? me = await profiles.MyPersonIdAsync(ct);
        EvaluationRound? round = await db.EvaluationRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        EvaluationRater? rater = me is null || round is null ? null
            : await db.EvaluationRaters.AsNoTracking().FirstOrDefaultAsync(r => r.RoundId == roundId && r.PersonId == me, ct);
        EvaluationCadre? cadre = rater is null ? null
            : await db.EvaluationCadres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == req.CadreId && c.RoundId == roundId, ct);
        // Not a rater of this round, or not one who rates this cadre: as if there were nothing there.
        if (round is null || rater is null || cadre is null || !EvaluationData.Rates(rater, cadre))
        {
            return new Outcome<BallotReceipt>.NotFound("没有需要您评价的该干部");
        }
        if (round.State != EvaluationState.Open)
        {
            return new Outcome<BallotReceipt>.Conflict("评价不在进行中，不能作答", round.State.ToString(), "Cast");
        }
        EvaluationQuestionnaire q = await db.EvaluationQuestionnaires.AsNoTracking().FirstAsync(x => x.Id == round.QuestionnaireId, ct);
        QuestionItem[] items = EvaluationData.Items(q);
        ScaleOption[] scale = EvaluationData.Scale(q);
        int[] points = req.Points!;
        if (points.Length != items.Length)
        {
            return new Outcome<BallotReceipt>.Invalid(new FieldErrors().Add("points", $"须对全部 {items.Length} 项作答"));
        }
        HashSet<int> allowed = [.. scale.Select(s => s.Points)];
        if (points.Any(p => !allowed.Contains(p)))
        {
            return new Outcome<BallotReceipt>.Invalid(new FieldErrors().Add("points", $"每一项须选择一个评分等次：{string.Join("、", scale.Select(s => $"{s.Label} {s.Points}"))}"));
        }
        if (await db.EvaluationBallots.AnyAsync(b => b.RoundId == roundId && b.RaterPersonId == me && b.CadreId == cadre.Id, ct))
        {
            return new Outcome<BallotReceipt>.Conflict("您已评价过该干部，不能重复评价", round.State.ToString(), "Cast");
        }
        db.EvaluationBallots.Add(new EvaluationBallot { RoundId = roundId, RaterPersonId = me!.Value, CadreId = cadre.Id });
        db.EvaluationAnswers.Add(new EvaluationAnswer
        {
            RoundId = roundId, CadreId = cadre.Id, Group = rater.Group, PointsJson = JsonSerializer.Serialize(points),
            Score = EvaluationRules.SheetScore(points, scale.Max(s => s.Points)),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            // Two ballots at once for the same cadre: the unique (round, rater, cadre) index lets one through; the save is all or nothing.
            return new Outcome<BallotReceipt>.Conflict("您已评价过该干部，不能重复评价", round.State.ToString(), "Cast");
        }
        int due = await db.EvaluationCadres.CountAsync(c => c.RoundId == roundId && c.PersonId != me && (rater.Group != RaterGroup.Subordinates || c.UnitId == rater.UnitId), ct);
        int cast = await db.EvaluationBallots.CountAsync(b => b.RoundId == roundId && b.RaterPersonId == me, ct);
        return new BallotReceipt(roundId, cadre.Id, Math.Max(0, due - cast));
    }
}
