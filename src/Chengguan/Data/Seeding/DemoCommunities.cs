using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Communities;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The demo district's 一人一居: a liaison register over its 42 committees with the street teams' officers (three
/// committees left without a liaison, one officer over the maximum of three, one change kept as history), and visits
/// over this month and the last with problems turned into cases through Cases' <see cref="CaseIntake"/>
/// (channel ResidentsCommittee). Each such case is then worked from the visit's day up to now the way the demo history
/// works its cases (<see cref="DemoHistoryStory"/>: 核实, 立案, 派遣, 处置, 反馈, 核查, 结案 with their clocks), so last
/// month's problems are mostly answered and their visits' loops closed — the feedback given back to the committee —
/// while this week's are still being handled. Deterministic; one save.
/// </summary>
internal static class DemoCommunities
{
    private static readonly string[] s_topics =
    [
        "通报近期小区周边占道经营整治情况，听取居民意见",
        "了解小区内群租、违法搭建线索，宣传拆违政策",
        "沟通垃圾分类和生活垃圾投放点管理",
        "听取居委会对沿街商铺跨门营业的反映",
        "协调小区出入口非机动车乱停放问题",
    ];

    /// <summary>The problems' categories (condition 01), in the order of <see cref="s_problems"/>.</summary>
    private static readonly string[] s_categories = ["event:0503", "event:0101", "event:0114", "event:0306", "event:0103"];

    private static readonly string[] s_problems =
    [
        "小区东门外早点摊占道经营，影响居民出行",
        "弄堂内有居民在天井搭建彩钢板棚",
        "沿街餐饮店油烟直排，居民多次反映",
        "夜间装修噪声扰民",
        "小区围墙外堆放建筑垃圾未清运",
    ];

    public static async Task<int> SeedAsync(AppDbContext db, CaseIntake intake, CalendarStore calendars, TimeProvider clock, ILogger logger, CancellationToken ct,
        bool visits = true)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        DateTimeOffset now = clock.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now);
        var streets = await db.Units.AsNoTracking().Where(u => u.IsDemo && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town)).OrderBy(u => u.SortOrder).ToListAsync(ct);
        var committees = await db.Units.AsNoTracking().Where(u => u.IsDemo && u.Kind == UnitKind.Committee).OrderBy(u => u.SortOrder).ToListAsync(ct);
        var teams = await db.People.AsNoTracking().Where(p => p.IsDemo && p.Unit!.Kind == UnitKind.StreetTeam)
            .Select(p => new { p.Id, p.UnitId, StreetId = p.Unit!.ParentId, Leader = p.Post!.Code == "ZDZ" }).OrderBy(p => p.Id).ToListAsync(ct);
        var points = (await db.Grids.AsNoTracking().Where(g => g.IsDemo).OrderBy(g => g.Code).Select(g => new { g.CommunityId, g.CentroidLon, g.CentroidLat }).ToListAsync(ct))
            .GroupBy(g => g.CommunityId).ToDictionary(g => g.Key, g => g.First());

        long read = System.Diagnostics.Stopwatch.GetTimestamp();
        // Liaisons: committees 1 and 3 of each street to the team's first officer, committee 2 to the second; the town's first
        // officer also covers two committees of 临汾路 (four in all: over the maximum); three committees are left uncovered.
        var liaisonOf = new Dictionary<Guid, Guid>();
        DateOnly since = today.AddDays(-300);
        for (int s = 0; s < streets.Count; s++)
        {
            Guid[] officers = [.. teams.Where(p => p.StreetId == streets[s].Id && !p.Leader).Select(p => p.Id)];
            Guid[] mine = [.. committees.Where(c => c.ParentId == streets[s].Id).Select(c => c.Id)];
            for (int n = 0; n < mine.Length; n++)
            {
                if ((s, n) is (4, 2) or (8, 1) or (12, 2))
                {
                    continue;
                }
                Guid officer = s == 1 && n != 1 ? teams.First(p => p.StreetId == streets[0].Id && !p.Leader).Id : officers[n == 1 ? 1 : 0];
                if (s == 2 && n == 0)
                {
                    // A change kept as history: the second officer until 90 days ago, the first since.
                    db.LiaisonAssignments.Add(new LiaisonAssignment
                    {
                        CommitteeId = mine[n], PersonId = officers[1], Role = LiaisonRole.Liaison, ValidFrom = since, ValidTo = today.AddDays(-90),
                        EndReason = "更换", RecordedAt = now, RecordedBy = "演示数据", EndedAt = now, EndedBy = "演示数据",
                    });
                }
                db.LiaisonAssignments.Add(new LiaisonAssignment
                {
                    CommitteeId = mine[n], PersonId = officer, Role = LiaisonRole.Liaison, ValidFrom = s == 2 && n == 0 ? today.AddDays(-90) : since,
                    RecordedAt = now, RecordedBy = "演示数据",
                });
                if (n == 0 && s % 3 == 0)
                {
                    db.LiaisonAssignments.Add(new LiaisonAssignment
                    {
                        CommitteeId = mine[n], PersonId = officers[1], Role = LiaisonRole.Deputy, ValidFrom = since, RecordedAt = now, RecordedBy = "演示数据",
                    });
                }
                liaisonOf[mine[n]] = officer;
            }
        }

        if (!visits)
        {
            // Demo:Visits:Enabled=false (tests that count cases from the first number): the register alone.
            await db.SaveChangesAsync(ct);
            return 0;
        }
        // Visits: this month and the last, about three in four committees a month; every third visit raised problems.
        DateOnly thisMonth = new(today.Year, today.Month, 1);
        var problems = new List<(VisitProblem Problem, CommunityVisit Visit, Unit Committee, Unit Street, int Kind)>();
        int count = 0;
        for (int k = 0; k < committees.Count; k++)
        {
            Unit committee = committees[k];
            if (!liaisonOf.TryGetValue(committee.Id, out Guid officer))
            {
                continue;
            }
            Unit street = streets.First(s => s.Id == committee.ParentId);
            for (int m = 1; m >= 0; m--)
            {
                DateOnly date = thisMonth.AddMonths(-m).AddDays(k % 20);
                if ((k + m) % 4 == 0 || date > today)
                {
                    continue;
                }
                count++;
                var visit = new CommunityVisit
                {
                    Kind = VisitKind.Visit, Date = date, CommitteeId = committee.Id, StreetId = street.Id, OfficerId = officer,
                    Attendees = $"{committee.Name}书记、主任，居民代表 {2 + k % 3} 人", Topics = s_topics[(k + m) % s_topics.Length],
                    RecordedAt = now, RecordedBy = "演示数据",
                };
                if (count % 3 == 0)
                {
                    for (int p = 0; p < 1 + k % 2; p++)
                    {
                        int kind = (k + p) % s_problems.Length;
                        var problem = new VisitProblem { VisitId = visit.Id, Seq = p + 1, Description = s_problems[kind] };
                        visit.Problems.Add(problem);
                        problems.Add((problem, visit, committee, street, kind));
                    }
                }
                else if (m == 1)
                {
                    (visit.Feedback, visit.FeedbackOn, visit.FeedbackBy) = ("已向居委会通报走访中了解情况的处理安排", date.AddDays(3) > today ? today : date.AddDays(3), "演示数据");
                }
                db.CommunityVisits.Add(visit);
                if (k % 5 == 0 && m == 1)
                {
                    db.CommunityVisits.Add(new CommunityVisit
                    {
                        Kind = VisitKind.Enforcement, Date = date.AddDays(1), CommitteeId = committee.Id, StreetId = street.Id, OfficerId = officer,
                        Attendees = "街镇城管中队、物业", Topics = "执法进小区：整治小区内违规设摊和乱堆物，宣传市容环境卫生管理规定", RecordedAt = now, RecordedBy = "演示数据",
                    });
                }
            }
        }

        var answered = new Dictionary<Guid, (bool Answered, DateOnly On)>();
        long built = System.Diagnostics.Stopwatch.GetTimestamp();
        // Problems into cases through Cases' intake, numbers taken in one statement; then each case is worked from the
        // visit's morning up to now by the history's story (its own id seed, so no id meets the history's).
        DemoHistoryWorld? world = problems.Count > 0 ? await DemoHistory.LoadAsync(db, calendars, null, ct, DemoHistory.Seed + 17) : null;
        var story = world is null ? null : new DemoHistoryStory(world, new Random(DemoHistory.Seed + 17), now);
        List<ClockLedgerEntry> ledger = [];
        List<ClockEvent> clockEvents = [];
        await intake.ReserveNumbersAsync(problems.Count, ct);
        foreach ((VisitProblem problem, CommunityVisit visit, Unit committee, Unit street, int kind) in problems)
        {
            var point = points.GetValueOrDefault(committee.Id);
            var input = new CaseInput(CaseChannel.ResidentsCommittee, null, null, null, s_categories[kind], null, problem.Description,
                $"{street.Name}{committee.Name}辖区", point?.CentroidLon, point?.CentroidLat, null, committee.Name, null, ["一人一居"]);
            Case opened = await intake.OpenAsync(input, null, "演示数据", ct);
            DateTimeOffset reported = DemoHistoryStory.Seconds(ShanghaiTime.StartOf(visit.Date).AddHours(10).AddMinutes(problem.Seq * 7));
            if (story is not null && reported < now && world!.Streets.FirstOrDefault(s => s.Id == opened.StreetId) is { } streetRef)
            {
                (opened.ReportedAt, opened.UpdatedAt) = (reported, reported);
                db.CaseEvents.Local.First(e => e.CaseId == opened.Id).At = reported;
                story.Tell(opened, streetRef, null, opened: true);
                db.CaseEvents.AddRange(story.Events);
                foreach (DemoHistoryClock k in story.Clocks)
                {
                    k.Finish(now, ledger, clockEvents);
                    db.Clocks.Add(k.Row);
                }
            }
            (problem.CaseId, problem.CaseNumber, problem.CaseOpenedAt) = (opened.Id, opened.Number, opened.ReportedAt);
            answered[opened.Id] = (CaseQueries.HasAnswer(opened.State), ShanghaiTime.DateOf(opened.UpdatedAt));
        }
        db.ClockLedger.AddRange(ledger);
        db.ClockEvents.AddRange(clockEvents);
        // The loop closes when every problem's case has its answer: then the feedback is given back to the committee the day after the last answer.
        foreach (CommunityVisit visit in problems.Select(p => p.Visit).Distinct())
        {
            var states = visit.Problems.Select(p => answered[p.CaseId!.Value]).ToList();
            if (states.All(x => x.Answered))
            {
                DateOnly on = states.Max(x => x.On).AddDays(1);
                (visit.Feedback, visit.FeedbackOn, visit.FeedbackBy) = ("已向居委会反馈：走访中反映的问题均已处置，并告知处置结果", on > today ? today : on, "演示数据");
            }
        }
        long openedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo communities: reads {Read} ms, rows {Built} ms, {Cases} cases opened {Opened} ms, saved {Saved} ms",
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started, read).TotalMilliseconds, (long)System.Diagnostics.Stopwatch.GetElapsedTime(read, built).TotalMilliseconds,
            problems.Count, (long)System.Diagnostics.Stopwatch.GetElapsedTime(built, openedAt).TotalMilliseconds, (long)System.Diagnostics.Stopwatch.GetElapsedTime(openedAt).TotalMilliseconds);
        return count;
    }
}
