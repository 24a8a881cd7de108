using Chengguan.Guidance;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Training;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// Training and guidance for the demo district, relative to today and the same on every demo database: the requirement
/// (40 h a year for certificate holders since last year), five courses, a session every three weeks over the last year
/// (and one next week) with attendance in four tiers (all, three in four, one in two, one in four sessions, by the person's
/// place in the register, so some officers meet the requirement and some fall short), a certificate for everyone with a badge
/// (a few expiring within 90 or 30 days or just expired; the Jiangning officer's within 30), and three guidance notes with
/// partial confirmations. One transaction of multi-row inserts.
/// </summary>
internal static class DemoTraining
{
    private static readonly (string Title, CourseCategory Category, double Hours)[] Courses =
    [
        ("《中华人民共和国行政处罚法》解读", CourseCategory.Law, 4),
        ("执法程序与执法文书规范", CourseCategory.Procedure, 3),
        ("执法记录仪使用与现场处置", CourseCategory.Skills, 3),
        ("《上海市市容环境卫生管理条例》实务", CourseCategory.Law, 4),
        ("廉洁执法警示教育", CourseCategory.Integrity, 2),
    ];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.TrainingCourses.AnyAsync(ct))
        {
            return;
        }
        DateTimeOffset now = clock.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now);
        var units = await db.Units.AsNoTracking().Where(u => u.IsDemo).Select(u => new { u.Id, u.Code, u.Kind, u.SortOrder }).ToListAsync(ct);
        Guid? legal = units.FirstOrDefault(u => u.Code == "JA-FZK")?.Id;
        if (legal is null)
        {
            return;
        }
        var people = await db.People.AsNoTracking().Where(p => p.IsDemo && p.Active && p.BadgeNumber != null)
            .Select(p => new { p.Id, p.BadgeNumber, p.UnitId }).ToListAsync(ct);
        people = [.. people.OrderBy(p => p.BadgeNumber, StringComparer.Ordinal)];
        var accounts = await db.Users.AsNoTracking().Where(u => u.PersonId != null).Select(u => new { u.Id, u.UserName, u.DisplayName, u.PersonId }).ToListAsync(ct);
        Guid? jnlOfficer = accounts.FirstOrDefault(a => a.UserName == "jnl.officer")?.PersonId;
        string chief = accounts.FirstOrDefault(a => a.UserName == "chief")?.DisplayName ?? "科长";

        var requirement = new TrainingRequirement { EffectiveFrom = new DateOnly(today.Year - 1, 1, 1), Hours = 40, Note = "持执法证人员每年培训不少于 40 学时", SetAt = now, SetBy = chief };
        List<TrainingCourse> courses = [.. Courses.Select(c => new TrainingCourse { Title = c.Title, Category = c.Category, DefaultHours = c.Hours, CreatedAt = now, CreatedBy = chief })];
        List<TrainingSession> sessions = [];
        List<TrainingAttendance> attendance = [];
        // Seventeen sessions three weeks apart ending last week, at 09:00 Shanghai, and one next week.
        for (int k = 0; k <= 17; k++)
        {
            DateOnly day = k < 17 ? today.AddDays(-7 - 21 * (16 - k)) : today.AddDays(7);
            TrainingCourse course = courses[k % courses.Count];
            var session = new TrainingSession
            {
                CourseId = course.Id, StartsAt = ShanghaiTime.StartOf(day).AddHours(9), Place = k % 2 == 0 ? "局机关三楼会议室" : "区行政学院报告厅",
                Trainer = k % 3 == 0 ? "法制科" : k % 3 == 1 ? "区司法局特邀讲师" : "执法督察科", Hours = course.DefaultHours, Capacity = 200,
                OrganiserUnitId = legal.Value, CreatedAt = now, CreatedBy = chief,
            };
            sessions.Add(session);
            if (k == 17)
            {
                continue;
            }
            for (int i = 0; i < people.Count; i++)
            {
                // Tiers by place in the register: every session, three in four, one in two, one in four.
                int tier = i % 4;
                bool attends = tier switch { 0 => true, 1 => k % 4 != 3, 2 => k % 2 == 0, _ => k % 4 == 0 };
                if (!attends)
                {
                    continue;
                }
                int score = 55 + (i * 7 + k * 13) % 46;
                attendance.Add(new TrainingAttendance
                {
                    SessionId = session.Id, PersonId = people[i].Id, Attended = true, Hours = session.Hours, Score = score, Passed = score >= 60,
                    RecordedAt = session.StartsAt.AddHours(4), RecordedBy = chief,
                });
            }
        }

        List<EnforcementCertificate> certificates = [];
        for (int i = 0; i < people.Count; i++)
        {
            // Most certificates run for years; a few are close: within 30 days, within 90, just expired.
            int left = people[i].Id == jnlOfficer ? 25 : (i % 17) switch { 3 => 20, 5 => 60, 7 => -5, 11 => 80, _ => 200 + i * 37 % 900 };
            DateOnly expires = today.AddDays(left);
            certificates.Add(new EnforcementCertificate
            {
                PersonId = people[i].Id, Number = people[i].BadgeNumber!, IssuedOn = expires.AddYears(-3), ExpiresOn = expires, Authority = "上海市人民政府",
                Status = CertificateStatus.Valid, UpdatedAt = now, UpdatedBy = chief,
            });
        }

        var teams = units.Where(u => u.Kind == UnitKind.StreetTeam).OrderBy(u => u.SortOrder).Select(u => u.Id).ToList();
        var squads = units.Where(u => u.Kind == UnitKind.Squad).OrderBy(u => u.SortOrder).Select(u => u.Id).ToList();
        List<GuidanceNote> notes =
        [
            new() { Title = "关于跨门营业违法行为认定的执法口径", Kind = GuidanceKind.Ruling, IssuedBy = chief, IssuedAt = now.AddDays(-40),
                Body = "一、店招店牌以外、门窗外沿以外摆放商品或从事经营活动的，认定为跨门营业。\n二、首次发现的，责令改正并制作现场检查笔录；拒不改正的，依法立案。\n三、取证须包括全景与细部照片，并记录占用面积。" },
            new() { Title = "占道设摊案件证据收集指引", Kind = GuidanceKind.CaseGuide, IssuedBy = chief, IssuedAt = now.AddDays(-20),
                Body = "占道设摊案件的证据清单：现场照片（含周边参照物）、执法记录仪视频、当事人身份信息、询问笔录、物品清单。暂扣物品须当场开具清单并由当事人签字。" },
            new() { Title = "关于做好冬季市容环境专项整治的指导意见", Kind = GuidanceKind.Opinion, IssuedBy = chief, IssuedAt = now.AddDays(-3),
                Body = "各街镇城管中队结合辖区实际，重点整治主要道路两侧乱设摊、乱堆物和建筑垃圾偷倒，每周报送整治进展。" },
        ];
        List<GuidanceTarget> targets = [];
        void Target(GuidanceNote note, Guid unit, bool confirmed, int daysAfter) =>
            targets.Add(new GuidanceTarget
            {
                NoteId = note.Id, UnitId = unit, ConfirmedAt = confirmed ? note.IssuedAt.AddDays(daysAfter).AddHours(2) : null, ConfirmedBy = confirmed ? "中队长" : null,
            });
        for (int t = 0; t < teams.Count; t++)
        {
            Target(notes[0], teams[t], t % 3 != 2, 1 + t % 3);
            Target(notes[1], teams[t], t % 4 == 1, 2);
            Target(notes[2], teams[t], false, 0);
        }
        foreach (Guid squad in squads)
        {
            Target(notes[1], squad, squad == squads[0], 1);
        }
        // The confirmer is the unit's leader: named from the register, so the page shows a person.
        var leaders = await db.People.AsNoTracking().Where(p => p.IsDemo && p.Post != null && p.Post.Name == "中队长").Select(p => new { p.UnitId, p.Name }).ToListAsync(ct);
        foreach (GuidanceTarget t in targets.Where(t => t.ConfirmedAt is not null))
        {
            t.ConfirmedBy = leaders.FirstOrDefault(l => l.UnitId == t.UnitId)?.Name ?? t.ConfirmedBy;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await new BulkWrite(db, clock).Insert([requirement]).Insert(courses).Insert(sessions).Insert(attendance).Insert(certificates)
            .Insert(notes).Insert(targets).ExecuteAsync("演示数据：统一培训与业务指导", null, ct);
        await tx.CommitAsync(ct);
    }
}
