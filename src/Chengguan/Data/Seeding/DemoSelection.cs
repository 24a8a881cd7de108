using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Selection;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// A small two-way selection round ready to match: three posts in the bureau's sections, eight people
/// of the register applying with ranked choices, every score entered. Deterministic (fixed scores and
/// choices over the register's first people) and cheap: a few dozen rows in one save. It is left open
/// so that a visitor runs the match, reads the explanations and publishes it from the console.
/// </summary>
internal static class DemoSelection
{
    public const string Name = "机关科室双向选择竞争上岗（演示）";

    private static readonly (string Title, int Seats, int? MinYears, string Certificates)[] s_posts =
        [("综合科科员", 1, null, ""), ("法制科科员", 1, 3, "行政执法证"), ("督察科科员", 2, 2, "")];

    /// <summary>Per applicant: years of service, whether they hold the certificate, their choices (indices into the posts) and written/interview/assessment/evaluation.</summary>
    private static readonly (int Years, bool Certified, int[] Choices, decimal[] Scores)[] s_applicants =
    [
        (6, true, [1, 0], [88, 85, 90, 86]),
        (4, true, [1, 2], [92, 80, 85, 88]),
        (2, false, [0, 2], [78, 90, 80, 82]),
        (8, true, [0, 1, 2], [85, 86, 88, 90]),
        (3, false, [2, 0], [70, 75, 85, 80]),
        (5, true, [0, 1], [80, 78, 75, 77]),
        (1, false, [0], [90, 92, 70, 75]),
        (7, false, [2], [76, 70, 88, 84]),
    ];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.SelectionRounds.AnyAsync(r => r.Name == Name, ct))
        {
            return;
        }
        List<Guid> sections = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Section && u.Active).OrderBy(u => u.Code).Select(u => u.Id).Take(3).ToListAsync(ct);
        List<Guid> people = await db.People.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Name).ThenBy(p => p.Id).Select(p => p.Id).Take(s_applicants.Length).ToListAsync(ct);
        if (sections.Count == 0 || people.Count < s_applicants.Length)
        {
            return;
        }
        DateTimeOffset now = clock.GetUtcNow();
        var round = new SelectionRound
        {
            Name = Name, MaxChoices = 3, WeightWritten = 40, WeightInterview = 30, WeightAssessment = 20, WeightEvaluation = 10,
            TieBreak = TieBreak.WrittenThenServiceThenApplied, AppealDays = 5, State = RoundState.Open, CreatedAt = now.AddDays(-10), CreatedBy = "演示数据",
        };
        db.SelectionRounds.Add(round);
        var posts = s_posts.Select((p, i) => new SelectionPost
        {
            RoundId = round.Id, UnitId = sections[i % sections.Count], Title = p.Title, Seats = p.Seats, MinYears = p.MinYears, Certificates = p.Certificates, SortOrder = i + 1,
        }).ToList();
        db.SelectionPosts.AddRange(posts);
        for (int i = 0; i < s_applicants.Length; i++)
        {
            var a = s_applicants[i];
            var candidate = new SelectionCandidate
            {
                RoundId = round.Id, PersonId = people[i], Grade = CadreGrade.Staff, ServiceYears = a.Years, Education = i % 3 == 0 ? Education.Master : Education.Bachelor,
                Certificates = a.Certified ? "行政执法证" : "", AppliedAt = now.AddDays(-9).AddMinutes(i * 17),
                Written = a.Scores[0], Interview = a.Scores[1], Assessment = a.Scores[2], Evaluation = a.Scores[3],
            };
            db.SelectionCandidates.Add(candidate);
            // Only choices the applicant is eligible for, as the door would have accepted them.
            int preference = 0;
            foreach (int k in a.Choices)
            {
                if (SelectionRules.Eligible(RoundData.Rules(posts[k]), RoundData.Profile(candidate)))
                {
                    db.SelectionChoices.Add(new SelectionChoice { CandidateId = candidate.Id, Preference = ++preference, PostId = posts[k].Id });
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
