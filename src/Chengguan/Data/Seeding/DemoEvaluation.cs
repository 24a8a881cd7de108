using System.Text.Json;
using Chengguan.Evaluation;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The bimonthly cadre evaluation's demo: the section chiefs and squad leaders of the bureau as cadres; two
/// closed rounds of the two periods before today's (answered by the bureau's leaders, the cadres among
/// themselves and the people of each cadre's unit, results kept as closing computes them — so results, ranks
/// and the trend show); and an open round of today's period whose raters are the demo accounts with a person
/// (leader, chief, squad, dispatcher, supervisor, officer), ready to be answered from the console or a phone.
/// Deterministic points; one bulk insert in one transaction.
/// </summary>
internal static class DemoEvaluation
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = BimonthlyPeriod.Of(ShanghaiTime.Today(clock));
        if (await db.EvaluationRounds.AnyAsync(ct))
        {
            return;
        }
        var units = await db.Units.AsNoTracking().Where(u => u.Active && (u.Kind == UnitKind.Section || u.Kind == UnitKind.Squad || u.Kind == UnitKind.Bureau))
            .Select(u => new { u.Id, u.Name, u.Kind, u.Code }).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        List<Member> people = await db.People.AsNoTracking().Where(p => p.Active && unitIds.Contains(p.UnitId))
            .Select(p => new Member(p.Id, p.Name, p.UnitId, p.Post != null ? p.Post.Name : null)).ToListAsync(ct);
        HashSet<Guid> withAccounts = [.. await db.Users.AsNoTracking().Where(u => u.PersonId != null).Select(u => u.PersonId!.Value).ToListAsync(ct)];
        var unitOf = units.ToDictionary(u => u.Id);
        // Ordered by names, not ids (random per installation), so that the points are the same on every demo.
        people = [.. people.OrderBy(p => unitOf[p.UnitId].Code, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];
        var cadrePeople = people.Where(p => p.Post is "科长" or "中队长" && unitOf[p.UnitId].Kind != UnitKind.Bureau)
            .OrderBy(p => unitOf[p.UnitId].Kind).ThenBy(p => unitOf[p.UnitId].Code, StringComparer.Ordinal).ToList();
        var leaders = people.Where(p => unitOf[p.UnitId].Kind == UnitKind.Bureau).ToList();
        if (cadrePeople.Count < 3 || leaders.Count == 0)
        {
            return;
        }
        DateTimeOffset now = clock.GetUtcNow();
        EvaluationQuestionnaire q = EvaluationData.New(1, EvaluationData.StandardName, EvaluationData.StandardItems, EvaluationData.StandardScale, now.AddDays(-130), "演示数据");
        var rounds = new List<EvaluationRound>();
        var cadres = new List<EvaluationCadre>();
        var raters = new List<EvaluationRater>();
        var ballots = new List<EvaluationBallot>();
        var answers = new List<EvaluationAnswer>();
        var results = new List<EvaluationResult>();
        int top = EvaluationData.StandardScale.Max(s => s.Points);

        EvaluationRound NewRound(BimonthlyPeriod period, EvaluationState state, int daysAgo)
        {
            var r = new EvaluationRound
            {
                Name = $"{period.Year}年第{period.Number}期中层干部双月评价", Year = period.Year, Period = period.Number, QuestionnaireId = q.Id,
                WeightLeaders = 50, WeightPeers = 25, WeightSubordinates = 25, State = state, CreatedAt = now.AddDays(-daysAgo - 3), CreatedBy = "演示数据",
                OpenedAt = now.AddDays(-daysAgo), OpenedBy = "演示数据",
                ClosedAt = state == EvaluationState.Closed ? now.AddDays(-daysAgo + 10) : null, ClosedBy = state == EvaluationState.Closed ? "演示数据" : null,
            };
            rounds.Add(r);
            return r;
        }

        List<EvaluationCadre> Cadres(EvaluationRound r)
        {
            List<EvaluationCadre> list = [.. cadrePeople.Select((p, i) => new EvaluationCadre
            {
                RoundId = r.Id, PersonId = p.Id, Name = p.Name, UnitId = p.UnitId, UnitName = unitOf[p.UnitId].Name, PostName = p.Post, SortOrder = i + 1,
            })];
            cadres.AddRange(list);
            return list;
        }

        EvaluationRater Rater(EvaluationRound r, RaterGroup g, Member p) =>
            new() { RoundId = r.Id, Group = g, PersonId = p.Id, Name = p.Name, UnitId = p.UnitId, UnitName = unitOf[p.UnitId].Name };

        HashSet<Guid> cadreIds = [.. cadrePeople.Select(p => p.Id)];
        HashSet<Guid> cadreUnits = [.. cadrePeople.Select(p => p.UnitId)];
        // Two closed rounds: everybody of the register in the bureau's units rates, as the bureau did on paper.
        for (int back = 2; back >= 1; back--)
        {
            BimonthlyPeriod period = today;
            for (int i = 0; i < back; i++)
            {
                period = period.Previous;
            }
            EvaluationRound round = NewRound(period, EvaluationState.Closed, 60 * back);
            List<EvaluationCadre> rc = Cadres(round);
            List<EvaluationRater> rr =
            [
                .. leaders.Select(p => Rater(round, RaterGroup.Leaders, p)),
                .. cadrePeople.Select(p => Rater(round, RaterGroup.Peers, p)),
                .. people.Where(p => !cadreIds.Contains(p.Id) && cadreUnits.Contains(p.UnitId)).Select(p => Rater(round, RaterGroup.Subordinates, p)),
            ];
            raters.AddRange(rr);
            var roundAnswers = new List<EvaluationAnswer>();
            for (int j = 0; j < rr.Count; j++)
            {
                for (int i = 0; i < rc.Count; i++)
                {
                    if (!EvaluationData.Rates(rr[j], rc[i]))
                    {
                        continue;
                    }
                    int[] points = [.. Enumerable.Range(0, EvaluationData.StandardItems.Length).Select(k => Points(i, j, k, back))];
                    ballots.Add(new EvaluationBallot { RoundId = round.Id, RaterPersonId = rr[j].PersonId, CadreId = rc[i].Id });
                    roundAnswers.Add(new EvaluationAnswer
                    {
                        RoundId = round.Id, CadreId = rc[i].Id, Group = rr[j].Group, PointsJson = JsonSerializer.Serialize(points), Score = EvaluationRules.SheetScore(points, top),
                    });
                }
            }
            results.AddRange(EvaluationTally.Results(round, rc, roundAnswers, EvaluationData.StandardItems.Length));
            // Stored in an order that is not the order of the ballots, as closing leaves them.
            answers.AddRange(roundAnswers.OrderBy(a => a.Id));
        }

        // Today's round, open: the demo accounts with a person rate, so that they find cadres to rate.
        EvaluationRound open = NewRound(today, EvaluationState.Open, 2);
        Cadres(open);
        var accountPeople = people.Where(p => withAccounts.Contains(p.Id)).ToList();
        raters.AddRange(accountPeople.Select(p => Rater(open,
            unitOf[p.UnitId].Kind == UnitKind.Bureau ? RaterGroup.Leaders : cadreIds.Contains(p.Id) ? RaterGroup.Peers : RaterGroup.Subordinates, p)));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await new BulkWrite(db, clock).Insert([q]).Insert(rounds).Insert(cadres).Insert(raters).Insert(ballots).Insert(answers).Insert(results)
            .ExecuteAsync("演示数据：中层干部双月评价", null, ct);
        await tx.CommitAsync(ct);
    }

    private sealed record Member(Guid Id, string Name, Guid UnitId, string? Post);

    /// <summary>Deterministic points, mostly 优秀 and 称职, a few 基本称职; cadres differ, and the later round a little from the earlier.</summary>
    private static int Points(int cadre, int rater, int item, int back)
    {
        int x = (cadre * 7 + rater * 3 + item * 5 + back * (cadre % 3)) % 11;
        return x switch
        {
            < 4 => 100,
            < 9 => 80,
            _ => 60,
        };
    }
}
