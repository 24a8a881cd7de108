using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Rectification;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The current half-year's rectification plan in progress: ten items drafted forty days ago from
/// weak survey cells of ten streets, each worked to a different point (awaiting its measure, in
/// progress ahead of or behind time, overdue, failed once, awaiting verification, verified, closed).
/// Built in memory and written in one bulk insert, cheap at cold start: the moves follow
/// <see cref="RectificationWorkflow"/>'s rows and each deadline clock is computed by the engine's own
/// arithmetic (<see cref="DemoHistoryClock"/>) from its past ledger, so timelines, deadlines and
/// clocks agree as if the work had happened.
/// </summary>
internal static class DemoRectification
{
    private const double DistrictMean = 78.6;

    private static readonly (string Code, string Name, double Score)[] s_cells =
    [
        ("TD", "执法态度", 72.4), ("GF", "执法规范", 74.1), ("XY", "响应速度", 70.8), ("XF", "乱设摊治理", 68.5), ("KM", "跨门营业", 69.9),
        ("WJ", "违法建筑治理", 73.2), ("SR", "市容环境", 75.0), ("GG", "户外广告设置", 71.6), ("TC", "非机动车停放", 67.3), ("LJ", "垃圾分类", 74.7),
    ];

    /// <summary>Per item: deadline days from the draft, how far it got (0 drafted, 1 started, 2 reporting, 3 failed once, 4 submitted, 5 verified, 6 closed) and its percent.</summary>
    private static readonly (int Days, int Stage, int Percent)[] s_plan =
        [(60, 6, 100), (60, 5, 100), (60, 4, 100), (45, 2, 80), (60, 2, 70), (60, 2, 30), (30, 2, 60), (60, 3, 50), (90, 0, 0), (60, 2, 90)];

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
        if (teams.Count == 0 || await calendars.GetCurrentAsync(db, CalendarVersion.DefaultName, ct) is not { } calendar)
        {
            return;
        }
        List<Guid> teamIds = [.. teams.Select(t => t.Team)];
        Dictionary<Guid, string> workers = (await db.People.AsNoTracking().Where(p => teamIds.Contains(p.UnitId)).Select(p => new { p.UnitId, p.Name }).ToListAsync(ct))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.Min(p => p.Name)!);
        Dictionary<string, string> names = await db.Users.AsNoTracking().Where(u => u.UserName == "supervisor" || u.UserName == "chief")
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        string supervisor = names.GetValueOrDefault("supervisor", "督查员"), chief = names.GetValueOrDefault("chief", "科长");

        // The natural-day policies of the deadlines, added where missing (reference data, as the procedure would commit them).
        List<string> codes = [.. s_plan.Select(p => RectificationProcedure.PolicyCode(p.Days)).Distinct()];
        List<ClockPolicy> newPolicies = [];
        Dictionary<string, ClockPolicy> policies = await db.ClockPolicies.Where(p => codes.Contains(p.Code) && p.Active).ToDictionaryAsync(p => p.Code, ct);
        DateTimeOffset drafted = now.AddDays(-40);
        foreach (int days in s_plan.Select(p => p.Days).Distinct().Where(d => !policies.ContainsKey(RectificationProcedure.PolicyCode(d))))
        {
            var policy = new ClockPolicy
            {
                Code = RectificationProcedure.PolicyCode(days), Name = $"整改期限（{days}日）", StartEvent = "rectification-drafted", StopEvent = "rectification-verified",
                Kind = TimeLimitKind.NaturalDays, Amount = days, Rework = ReworkMode.Restart, CreatedAt = drafted,
            };
            newPolicies.Add(policy);
            policies[policy.Code] = policy;
        }
        byte[] png = DemoHistoryPhotos.Make(3);
        (StoredFile? photo, _) = await store.SaveAsync(new MemoryStream(png), png.Length, ct);

        var ids = new DemoHistoryIds(DemoHistory.Seed + 17);
        var plan = new RectificationPlan
        {
            Id = ids.Next(drafted), Period = period, Title = $"{today.Year}年{(today.Month <= 6 ? "上" : "下")}半年提高城管执法市民满意度的整改工作方案", CreatedAt = drafted, CreatedBy = chief,
        };
        List<ClockLedgerEntry> ledger = [];
        List<RectificationItem> items = [];
        List<RectificationCell> cells = [];
        List<RectificationReport> reports = [];
        List<RectificationEvent> events = [];
        List<EvidenceItem> evidence = [];
        List<Clock> clocks = [];
        List<ClockEvent> steps = [];
        for (int i = 0; i < teams.Count; i++)
        {
            var team = teams[i];
            (string code, string name, double score) = s_cells[i];
            (int days, int stage, int percent) = s_plan[i];
            string worker = workers.GetValueOrDefault(team.Team, "中队");
            var item = new RectificationItem
            {
                Id = ids.Next(drafted), PlanId = plan.Id, Number = i + 1, OwnerUnitId = team.Team, StreetId = team.Street,
                Problem = RectificationPlans.ProblemText(team.StreetName, new CellInput(null, code, name, team.Street, score, DistrictMean)),
                Deadline = ShanghaiTime.DateOf(drafted).AddDays(days), StartedAt = drafted, CreatedAt = drafted,
            };
            var deadline = new DemoHistoryClock(policies[RectificationProcedure.PolicyCode(days)], calendar.Version.Id, calendar.Calendar, item.Id, team.Team, drafted, chief, ids,
                RectificationProcedure.SubjectType);
            items.Add(item);
            cells.Add(new RectificationCell { Id = ids.Next(drafted), ItemId = item.Id, IndicatorCode = code, IndicatorName = name, StreetId = team.Street, Score = score, DistrictMean = DistrictMean });

            void Line(int day, string action, string label, RectificationState? to, string who, string? note)
            {
                DateTimeOffset at = drafted.AddDays(day);
                RectificationState? from = to is null ? null : item.State;
                item.Version++;
                item.UpdatedAt = at;
                events.Add(new RectificationEvent
                {
                    Id = ids.Next(at), ItemId = item.Id, Seq = item.Version, Action = action, Label = label, FromState = from, ToState = to, At = at, ActorName = who, Note = note,
                });
                item.State = to ?? item.State;
            }
            void Move(int day, RectificationAction action, string who, string? note = null) =>
                Line(day, action.ToString(), RectificationWorkflow.Find(item.State, action)!.Timeline, RectificationWorkflow.Find(item.State, action)!.To, who, note);
            void Report(int day, int pct, string text)
            {
                DateTimeOffset at = drafted.AddDays(day);
                reports.Add(new RectificationReport { Id = ids.Next(at), ItemId = item.Id, On = ShanghaiTime.DateOf(at), Text = text, Percent = pct, ByName = worker, At = at });
                item.Percent = pct;
                Line(day, "Report", $"报送整改进展（{pct}%）", null, worker, text);
            }

            Line(0, "Draft", "由满意度测评生成整改事项", RectificationState.Drafted, chief, item.Problem);
            if (stage >= 1)
            {
                item.Measure = $"针对“{name}”短板制定专项整改措施，落实到组到人，每周复盘";
                Move(3, RectificationAction.Start, worker, item.Measure);
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
                DateTimeOffset at = drafted.AddDays(32);
                evidence.Add(new EvidenceItem
                {
                    Id = ids.Next(at), SubjectType = RectificationProcedure.SubjectType, SubjectId = item.Id, Kind = photo.Kind, Purpose = EvidencePurpose.After,
                    ContentType = photo.ContentType, Sha256 = photo.Sha256, PublicSha256 = photo.PublicSha256, Size = photo.Size, FileName = "整改后现场.png",
                    TakenAt = at, UploadedAt = at, UploadedBy = worker,
                });
                Line(32, "Evidence", "上传整改材料", null, worker, "整改后现场.png");
                Move(33, RectificationAction.Submit, worker);
            }
            if (stage == 3)
            {
                Move(35, RectificationAction.Fail, supervisor, "部分点位反弹，请补充长效管理措施");
            }
            if (stage >= 5)
            {
                Move(36, RectificationAction.Pass, supervisor, "现场核查整改到位");
                deadline.Stop(drafted.AddDays(36), supervisor);
                (item.VerifiedAt, item.VerifiedBy) = (drafted.AddDays(36), supervisor);
            }
            if (stage >= 6)
            {
                Move(38, RectificationAction.Close, chief);
                item.ClosedAt = drafted.AddDays(38);
            }
            deadline.Finish(now, ledger, steps);
            item.DueAt = deadline.Row.DueAt ?? ShanghaiTime.StartOf(item.Deadline.AddDays(1));
            clocks.Add(deadline.Row);
        }
        // One multi-row insert per table inside one transaction, with one audit entry: the cold start measures this.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await new BulkWrite(db, clock).Insert(newPolicies).Insert([plan]).Insert(items).Insert(cells).Insert(reports).Insert(events).Insert(evidence)
            .Insert(clocks).Insert(ledger).Insert(steps).ExecuteAsync("演示数据：整改工作方案", null, ct);
        await tx.CommitAsync(ct);
    }
}
