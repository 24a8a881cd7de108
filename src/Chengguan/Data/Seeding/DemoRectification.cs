using Chengguan.Clocks;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Rectification;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The current half-year's rectification plan in progress: ten items drafted forty days ago from
/// weak survey cells of ten streets, each worked to a different point (awaiting its measure, in
/// progress ahead of or behind time, overdue, failed once, verified, closed). The moves go through
/// <see cref="RectificationProcedure"/> and the clock engine on a clock set to each move's own past
/// time, so timelines, deadlines and clocks agree as if the work had happened; warnings that fell due
/// meanwhile are recorded by the sweeper's next pass, as after any downtime.
/// </summary>
internal static class DemoRectification
{
    private sealed class PastTime(DateTimeOffset at) : TimeProvider
    {
        public DateTimeOffset At { get; set; } = at;
        public override DateTimeOffset GetUtcNow() => At;
    }

    private static readonly (string Code, string Name, double Score)[] s_cells =
    [
        ("TD", "执法态度", 72.4), ("GF", "执法规范", 74.1), ("XY", "响应速度", 70.8), ("XF", "乱设摊治理", 68.5), ("KM", "跨门营业", 69.9),
        ("WJ", "违法建筑治理", 73.2), ("SR", "市容环境", 75.0), ("GG", "户外广告设置", 71.6), ("TC", "非机动车停放", 67.3), ("LJ", "垃圾分类", 74.7),
    ];

    /// <summary>Per item: deadline days from the draft, and how far it got (0 drafted … 6 closed; 3 failed once and back at work).</summary>
    private static readonly (int Days, int Stage, int Percent)[] s_plan =
        [(60, 6, 100), (60, 5, 100), (60, 4, 100), (45, 2, 80), (60, 2, 70), (60, 2, 30), (30, 2, 60), (60, 3, 50), (90, 1, 0), (60, 2, 90)];

    public static async Task SeedAsync(AppDbContext db, CalendarStore calendars, EvidenceStore store, TimeProvider clock, CancellationToken ct)
    {
        DateTimeOffset now = clock.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now);
        string period = $"{today.Year}H{(today.Month <= 6 ? 1 : 2)}";
        if (await db.RectificationPlans.AnyAsync(p => p.Period == period, ct))
        {
            return;
        }
        var teams = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.StreetTeam && u.Active && u.ParentId != null)
            .Join(db.Units, t => t.ParentId, s => s.Id, (t, s) => new { Team = t.Id, Street = s.Id, StreetName = s.Name, s.Code })
            .OrderBy(x => x.Code).Take(s_cells.Length).ToListAsync(ct);
        if (teams.Count == 0)
        {
            return;
        }
        List<Guid> teamIds = [.. teams.Select(t => t.Team)];
        Dictionary<Guid, string> workers = (await db.People.AsNoTracking().Where(p => teamIds.Contains(p.UnitId)).OrderBy(p => p.Name).ToListAsync(ct))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.First().Name);
        string supervisor = await db.Users.Where(u => u.UserName == "supervisor").Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "督查员";
        string chief = await db.Users.Where(u => u.UserName == "chief").Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "科长";

        DateTimeOffset drafted = now.AddDays(-40);
        var time = new PastTime(drafted);
        var procedure = new RectificationProcedure(db, new ClockService(db, calendars, time), time);
        var plan = new RectificationPlan { Period = period, Title = $"{today.Year}年{(today.Month <= 6 ? "上" : "下")}半年提高城管执法市民满意度的整改工作方案", CreatedAt = drafted, CreatedBy = chief };
        db.RectificationPlans.Add(plan);
        foreach (int days in s_plan.Select(p => p.Days).Distinct())
        {
            await procedure.EnsurePolicyAsync(days, drafted, ct);
        }
        byte[] png = DemoHistoryPhotos.Make(3);
        (StoredFile? photo, _) = await store.SaveAsync(new MemoryStream(png), png.Length, ct);

        for (int i = 0; i < teams.Count; i++)
        {
            var team = teams[i];
            (string code, string name, double score) = s_cells[i];
            (int days, int stage, int percent) = s_plan[i];
            string worker = workers.GetValueOrDefault(team.Team, "中队");
            time.At = drafted;
            var cell = new CellInput(null, code, name, team.Street, score, 78.6);
            var item = new RectificationItem
            {
                PlanId = plan.Id, Number = i + 1, Problem = RectificationPlans.ProblemText(team.StreetName, cell), OwnerUnitId = team.Team, StreetId = team.Street,
                Deadline = ShanghaiTime.DateOf(drafted).AddDays(days), StartedAt = drafted, CreatedAt = drafted, UpdatedAt = drafted,
            };
            db.RectificationItems.Add(item);
            db.RectificationCells.Add(new RectificationCell { ItemId = item.Id, IndicatorCode = code, IndicatorName = name, StreetId = team.Street, Score = score, DistrictMean = 78.6 });
            await procedure.StartDeadlineAsync(item, chief, ct);
            procedure.Append(item, "Draft", "由满意度测评生成整改事项", null, RectificationState.Drafted, drafted, null, chief, item.Problem, null);

            async Task Move(int day, RectificationAction action, string who, string? measure = null, string? note = null)
            {
                time.At = drafted.AddDays(day);
                await procedure.ApplyAsync(item, action, new RectificationActionInput(measure, note), _ => true, null, who, ct);
            }
            void Report(int day, int pct, string text)
            {
                time.At = drafted.AddDays(day);
                db.RectificationReports.Add(new RectificationReport { ItemId = item.Id, On = ShanghaiTime.DateOf(time.At), Text = text, Percent = pct, ByName = worker, At = time.At });
                item.Percent = pct;
                procedure.Append(item, "Report", $"报送整改进展（{pct}%）", null, null, time.At, null, worker, text, null);
            }
            if (stage >= 1)
            {
                await Move(3, RectificationAction.Start, worker, measure: $"针对“{name}”短板，制定专项整改措施，落实到组到人，每周复盘");
            }
            if (stage >= 2)
            {
                Report(12, Math.Min(percent, 40), "整改措施已部署，重点点位完成首轮排查");
                if (percent > 40)
                {
                    Report(30, percent, "重点点位整改基本完成，持续巩固");
                }
            }
            if (stage >= 3 && photo is not null)
            {
                time.At = drafted.AddDays(32);
                db.Evidence.Add(new EvidenceItem
                {
                    SubjectType = RectificationProcedure.SubjectType, SubjectId = item.Id, Kind = photo.Kind, Purpose = EvidencePurpose.After, ContentType = photo.ContentType,
                    Sha256 = photo.Sha256, PublicSha256 = photo.PublicSha256, Size = photo.Size, FileName = "整改后现场.png", UploadedAt = time.At, UploadedBy = worker,
                });
                procedure.Append(item, "Evidence", "上传整改材料", null, null, time.At, null, worker, "整改后现场.png", null);
                await db.SaveChangesAsync(ct);
                await Move(33, RectificationAction.Submit, worker);
            }
            if (stage == 3)
            {
                await Move(35, RectificationAction.Fail, supervisor, note: "部分点位反弹，请补充长效管理措施");
            }
            if (stage >= 5)
            {
                await Move(36, RectificationAction.Pass, supervisor, note: "现场核查整改到位");
                item.Percent = 100;
            }
            if (stage >= 6)
            {
                await Move(38, RectificationAction.Close, chief);
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
