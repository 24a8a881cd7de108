using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;
using Chengguan.Directives;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The founding report's own commitments (静城管政〔2016〕20号, dated 29 September, copied to 区委督查室) as
/// directives, plus three from the district committee and government, in varied states: closed with
/// evidence, returned once, overdue, extended, awaiting close-out approval, awaiting acceptance.
/// The report's 29 September is mapped to the most recent 29 September at least 45 days before today,
/// so "by the end of October" and "by year end" keep their place in the demo's year. Built in memory
/// following <see cref="DirectiveWorkflow"/>'s rows, the deadline clocks computed by the engine's own
/// arithmetic from their past ledgers (<see cref="DemoHistoryClock"/>), written with one <see cref="BulkWrite"/>.
/// </summary>
internal static class DemoDirectives
{
    public const string FoundingReportPrefix = "静城管政";

    /// <summary>The report's date in the demo's year: the latest 29 September at least 45 days before <paramref name="today"/>.</summary>
    public static DateOnly ReportDate(DateOnly today)
    {
        var date = new DateOnly(today.Year, 9, 29);
        return date.AddDays(45) <= today ? date : date.AddYears(-1);
    }

    public static async Task SeedAsync(AppDbContext db, CalendarStore calendars, EvidenceStore store, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Directives.AnyAsync(ct))
        {
            return;
        }
        DateTimeOffset now = clock.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now), r = ReportDate(today);
        Dictionary<string, Guid> units = await db.Units.AsNoTracking().Where(u => u.Code.StartsWith("JA-")).ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        Guid? jiangning = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.StreetTeam && db.Units.Any(s => s.Id == u.ParentId && s.Code == "310106006"))
            .Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var leaders = await db.People.AsNoTracking().Where(p => p.Post != null && (p.Post.Code == "JZ" || p.Post.Code == "FJZ"))
            .OrderBy(p => p.Post!.SortOrder).ThenBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        Dictionary<string, Guid> sources = await db.DirectiveSources.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        string[] needed = ["JA-BGS", "JA-FZK", "JA-QWZH", "JA-DCK", "JA-ZGK", "JA-CWB"];
        if (jiangning is null || leaders.Count < 3 || needed.Any(c => !units.ContainsKey(c)) || sources.Count < 4
            || await calendars.GetCurrentAsync(db, CalendarVersion.DefaultName, ct) is not { } calendar)
        {
            return;
        }
        Dictionary<string, string> names = await db.Users.AsNoTracking().Where(u => u.UserName == "supervisor" || u.UserName == "leader" || u.UserName == "chief")
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        string supervisor = names.GetValueOrDefault("supervisor", "督查员"), director = names.GetValueOrDefault("leader", "局长"), chief = names.GetValueOrDefault("chief", "科长");
        Dictionary<Guid, string> workers = (await db.People.AsNoTracking().Where(p => p.Post != null && (p.Post.Code == "KZ" || p.Post.Code == "ZDZ"))
            .Select(p => new { p.UnitId, p.Name }).ToListAsync(ct)).GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.Min(p => p.Name)!);

        byte[] png = DemoHistoryPhotos.Make(5);
        (StoredFile? photo, _) = await store.SaveAsync(new MemoryStream(png), png.Length, ct);
        var ids = new DemoHistoryIds(DemoHistory.Seed + 23);
        var w = new Writer(ids, calendar.Version.Id, calendar.Calendar, photo, now);
        await w.LoadPoliciesAsync(db, ct);
        DateTimeOffset At(DateOnly day, int hour = 10) => ShanghaiTime.StartOf(day).AddHours(hour);
        string founding = $"{FoundingReportPrefix}〔{r.Year}〕20号《关于贯彻落实区委书记调研会议精神情况的报告》";
        DateOnly october = new(r.Year, 10, 31), yearEnd = new(r.Year, 12, 31);
        Guid Leader(int i) => leaders[i].Id;
        string Worker(string unit) => workers.GetValueOrDefault(units.GetValueOrDefault(unit, jiangning.Value), chief);

        // 1. 综合执法监督办法 by the end of October: done early, closed.
        var d1 = w.Add(sources[DirectiveSources.BureauCommitment], founding, "10 月底前完善《静安城管执法局综合执法监督办法》，加强对街镇城市管理综合执法工作的监督",
            units["JA-FZK"], [units["JA-DCK"]], Leader(0), At(r.AddDays(1)), october, false, supervisor);
        d1.Milestone("形成征求意见稿", r.AddDays(15), r.AddDays(14), Worker("JA-FZK"));
        d1.Accept(At(r.AddDays(1), 15), Worker("JA-FZK"));
        d1.Report(At(r.AddDays(14)), 60, "征求意见稿已形成，发各街镇中队征求意见", Worker("JA-FZK"));
        d1.Evidence(At(r.AddDays(28)), Worker("JA-FZK"), "综合执法监督办法（印发稿）.png");
        d1.Move(At(r.AddDays(28), 11), DirectiveAction.RequestClose, Worker("JA-FZK"), "办法已经局务会审议通过并印发");
        d1.Move(At(r.AddDays(29)), DirectiveAction.Close, director, "同意销号");

        // 2. 绩效考核办法 by the end of October: returned once for its annex, then closed.
        var d2 = w.Add(sources[DirectiveSources.BureauCommitment], founding, "10 月底前完善《静安城管执法局绩效考核办法》",
            units["JA-BGS"], [units["JA-DCK"]], Leader(1), At(r.AddDays(1)), october, false, supervisor);
        d2.Accept(At(r.AddDays(2)), Worker("JA-BGS"));
        d2.Report(At(r.AddDays(20)), 80, "考核指标体系已细化到科室、中队", Worker("JA-BGS"));
        d2.Evidence(At(r.AddDays(26)), Worker("JA-BGS"), "绩效考核办法（送审稿）.png");
        d2.Move(At(r.AddDays(26), 11), DirectiveAction.RequestClose, Worker("JA-BGS"), "办法已起草完成");
        d2.Move(At(r.AddDays(27)), DirectiveAction.Return, supervisor, "缺少考核评分细则附件，请补充后再申请销号");
        d2.Move(At(r.AddDays(30)), DirectiveAction.RequestClose, Worker("JA-BGS"), "已补充评分细则并印发");
        d2.Move(At(r.AddDays(31)), DirectiveAction.Close, director, "同意销号");

        // 3. 中层干部双月评价制度 by the end of October: still open, overdue (red); the watch warns the owner, then the leader.
        var d3 = w.Add(sources[DirectiveSources.BureauCommitment], founding, "10 月底前完善《静安城管执法局中层干部双月评价制度》",
            units["JA-BGS"], [], Leader(0), At(r.AddDays(1)), october, false, supervisor);
        d3.Accept(At(r.AddDays(3)), Worker("JA-BGS"));
        d3.Report(At(r.AddDays(25)), 80, "制度草案已提交党组会讨论，待修改", Worker("JA-BGS"));

        // 4. 机关双向选择竞争上岗制度 by the end of October: an extension asked and approved (two weeks from today).
        var d4 = w.Add(sources[DirectiveSources.BureauCommitment], founding, "10 月底前完善《静安区城管执法局机关双向选择竞争上岗制度》",
            units["JA-BGS"], [], Leader(0), At(r.AddDays(1)), october, false, supervisor);
        d4.Accept(At(r.AddDays(3)), Worker("JA-BGS"));
        d4.Report(At(r.AddDays(20)), 50, "已完成岗位梳理，待与区人社局沟通", Worker("JA-BGS"));
        int extension = Math.Max(1, today.AddDays(14).DayNumber - october.DayNumber);
        d4.RequestExtension(At(r.AddDays(28)), extension, Worker("JA-BGS"), "需待区人社局对竞争上岗方案的意见");
        d4.Move(At(r.AddDays(29)), DirectiveAction.ApproveExtension, director, "同意延期");
        d4.Report(At(r.AddDays(40)), 70, "已取得区人社局书面意见，正在修改", Worker("JA-BGS"));

        // 5. 水环境综合整治计划 "as soon as possible" (target: one month): made and closed.
        var d5 = w.Add(sources[DirectiveSources.BureauCommitment], founding, "尽快制定《水环境综合整治计划》，将“五违四必”整治与中小河道水环境治理结合统筹推进",
            units["JA-CWB"], [units["JA-ZGK"]], Leader(1), At(r.AddDays(1)), r.AddDays(30), true, supervisor);
        d5.Accept(At(r.AddDays(1), 14), Worker("JA-CWB"));
        d5.Report(At(r.AddDays(12)), 70, "已摸清中小河道底数，计划初稿形成", Worker("JA-CWB"));
        d5.Evidence(At(r.AddDays(24)), Worker("JA-CWB"), "水环境综合整治计划.png");
        d5.Move(At(r.AddDays(24), 11), DirectiveAction.RequestClose, Worker("JA-CWB"), "计划已制定并报区政府");
        d5.Move(At(r.AddDays(26)), DirectiveAction.Close, supervisor, "同意销号");

        // 6. 中小河道拆违 by year end: in progress, one milestone done, one pending.
        var d6 = w.Add(sources[DirectiveSources.BureauCommitment], founding, "年底前完成所有中小河道拆违工作，为明年水环境治理打下坚实基础",
            units["JA-CWB"], [jiangning.Value], Leader(1), At(r.AddDays(1)), yearEnd, false, supervisor);
        d6.Milestone("完成中小河道沿岸违法建筑摸底", r.AddDays(20), r.AddDays(18), Worker("JA-CWB"));
        d6.Milestone("拆除过半", new DateOnly(r.Year, 11, 30), null, null);
        d6.Accept(At(r.AddDays(2)), Worker("JA-CWB"));
        d6.Report(At(r.AddDays(18)), 30, "沿岸违法建筑摸底完成，共 46 处", Worker("JA-CWB"));
        d6.Report(At(r.AddDays(44)), 55, "已拆除 25 处，剩余 21 处已发告知书", Worker("JA-CWB"));

        // 7. 区委: the regular report to the district on matters involving other departments (working days), awaiting acceptance.
        w.Add(sources[DirectiveSources.DistrictCommittee], "区委书记调研会议精神", "建立定期报告制度，将城市管理综合执法中涉及各行政管理部门的情况按月向区委、区政府报告",
            units["JA-DCK"], [units["JA-FZK"]], Leader(0), At(today.AddDays(-3)), null, false, supervisor, workingDays: 20);

        // 8. 区政府: 五违四必 with the street team, in progress.
        var d8 = w.Add(sources[DirectiveSources.DistrictGovernment], "区政府常务会议纪要", "推进“五违四必”区域环境综合整治，江宁路街道重点区域违法建筑应拆尽拆",
            jiangning.Value, [units["JA-CWB"]], Leader(2), At(r.AddDays(5)), r.AddDays(125), false, supervisor);
        d8.Accept(At(r.AddDays(6)), Worker("JA-CWB"));
        d8.Report(At(r.AddDays(30)), 40, "重点区域 12 处违法建筑已拆除 5 处", Worker("JA-CWB"));

        // 9. 局领导: hotline 3个2, reported done, awaiting close-out approval.
        var d9 = w.Add(sources[DirectiveSources.BureauLeaders], "局长办公会议", "落实 12345 热线“三个2”要求，工单按期办结率提升至 95% 以上",
            units["JA-QWZH"], [], Leader(2), At(today.AddDays(-20)), today.AddDays(40), false, chief);
        d9.Accept(At(today.AddDays(-19)), Worker("JA-QWZH"));
        d9.Report(At(today.AddDays(-8)), 100, "本月按期办结率 96.3%", Worker("JA-QWZH"));
        d9.Evidence(At(today.AddDays(-2)), Worker("JA-QWZH"), "热线办结率统计.png");
        d9.Move(At(today.AddDays(-2), 11), DirectiveAction.RequestClose, Worker("JA-QWZH"), "连续两月按期办结率超过 95%");

        await w.WriteAsync(db, clock, ct);
    }

    /// <summary>Builds the rows of many directives and writes them at once.</summary>
    private sealed class Writer(DemoHistoryIds ids, Guid calendarVersion, WorkingCalendar calendar, StoredFile? photo, DateTimeOffset now)
    {
        private readonly DemoHistoryIds _ids = ids;
        private readonly StoredFile? _photo = photo;
        private readonly List<Directive> _directives = [];
        private readonly List<DirectiveCoOwner> _coOwners = [];
        private readonly List<DirectiveMilestone> _milestones = [];
        private readonly List<DirectiveReport> _reports = [];
        private readonly List<DirectiveEvent> _events = [];
        private readonly List<EvidenceItem> _evidence = [];
        private readonly List<ClockPolicy> _newPolicies = [];
        private readonly List<Clock> _clocks = [];
        private readonly List<ClockLedgerEntry> _ledger = [];
        private readonly List<ClockEvent> _steps = [];
        private readonly List<Entry> _entries = [];
        private Dictionary<string, ClockPolicy> _policies = [];

        public async Task LoadPoliciesAsync(AppDbContext db, CancellationToken ct) =>
            _policies = await db.ClockPolicies.Where(p => p.Code.StartsWith("directive.deadline.") && p.Active).ToDictionaryAsync(p => p.Code, ct);

        private ClockPolicy Policy(int days, DeadlineKind kind, DateTimeOffset at)
        {
            string code = DirectiveProcedure.PolicyCode(days, kind);
            if (!_policies.TryGetValue(code, out ClockPolicy? policy))
            {
                policy = new ClockPolicy
                {
                    Code = code, Name = $"督办时限（{days}{DirectiveProcedure.Unit(kind)}）", StartEvent = "directive-issued", StopEvent = "directive-closed",
                    Kind = kind == DeadlineKind.WorkingDays ? TimeLimitKind.WorkingDays : TimeLimitKind.NaturalDays, Amount = days, Rework = ReworkMode.Restart, CreatedAt = at,
                };
                _policies[code] = policy;
                _newPolicies.Add(policy);
            }
            return policy;
        }

        public Entry Add(Guid source, string reference, string text, Guid owner, Guid[] coOwners, Guid leader, DateTimeOffset at, DateOnly? deadline, bool asap, string by,
            int? workingDays = null)
        {
            DeadlineKind kind = workingDays is null ? DeadlineKind.NaturalDays : DeadlineKind.WorkingDays;
            int days = workingDays ?? deadline!.Value.DayNumber - ShanghaiTime.DateOf(at).DayNumber;
            var d = new Directive
            {
                Id = _ids.Next(at), Number = _directives.Count + 1, SourceId = source, Reference = reference, Text = text, OwnerUnitId = owner, LeaderPersonId = leader,
                DeadlineKind = kind, Asap = asap, Deadline = deadline ?? ShanghaiTime.DateOf(at), StartedAt = at, CreatedAt = at, CreatedBy = by,
            };
            _directives.Add(d);
            _coOwners.AddRange(coOwners.Select(u => new DirectiveCoOwner { DirectiveId = d.Id, UnitId = u }));
            var entry = new Entry(this, d, new DemoHistoryClock(Policy(days, kind, at), calendarVersion, calendar, d.Id, owner, at, by, _ids, DirectiveProcedure.SubjectType));
            _entries.Add(entry);
            entry.Line(at, "Issue", "登记督办事项", DirectiveState.Issued, by, $"完成时限：{(asap ? $"尽快（目标 {DirectiveRegistry.Day(d.Deadline)}）" : DirectiveRegistry.Day(d.Deadline))}");
            return entry;
        }

        public sealed class Entry(Writer w, Directive d, DemoHistoryClock clock)
        {
            public Directive Directive => d;
            public DemoHistoryClock Clock => clock;

            public void Line(DateTimeOffset at, string action, string label, DirectiveState? to, string who, string? note)
            {
                d.Version++;
                d.UpdatedAt = at;
                w._events.Add(new DirectiveEvent
                {
                    Id = w._ids.Next(at), DirectiveId = d.Id, Seq = d.Version, Action = action, Label = label, FromState = to is null || action == "Issue" ? null : d.State,
                    ToState = to, At = at, ActorName = who, Note = note,
                });
                d.State = to ?? d.State;
            }

            public void Move(DateTimeOffset at, DirectiveAction action, string who, string? note = null)
            {
                DirectiveTransition t = DirectiveWorkflow.Find(d.State, action) ?? throw new InvalidOperationException($"Demo directive: no {action} from {d.State}.");
                switch (action)
                {
                    case DirectiveAction.ApproveExtension:
                        clock.Extend(at, d.PendingDays!.Value, who, who, $"批准延期 {d.PendingDays} 日");
                        (d.Extensions, d.PendingDays) = (d.Extensions + 1, null);
                        break;
                    case DirectiveAction.Close:
                        clock.Stop(at, who);
                        (d.ApprovedBy, d.ClosedAt, d.Percent) = (who, at, 100);
                        break;
                }
                Line(at, action.ToString(), t.Timeline, t.To, who, note);
            }

            public void Accept(DateTimeOffset at, string who) => Move(at, DirectiveAction.Accept, who);

            public void RequestExtension(DateTimeOffset at, int days, string who, string note)
            {
                d.PendingDays = days;
                Move(at, DirectiveAction.RequestExtension, who, note);
            }

            public void Report(DateTimeOffset at, int percent, string text, string who)
            {
                w._reports.Add(new DirectiveReport { Id = w._ids.Next(at), DirectiveId = d.Id, On = ShanghaiTime.DateOf(at), Text = text, Percent = percent, ByName = who, At = at });
                d.Percent = percent;
                Line(at, "Report", $"报送进展（{percent}%）", null, who, text);
            }

            public void Milestone(string title, DateOnly due, DateOnly? doneOn, string? by) =>
                w._milestones.Add(new DirectiveMilestone
                {
                    Id = w._ids.Next(d.StartedAt), DirectiveId = d.Id, Seq = w._milestones.Count(m => m.DirectiveId == d.Id) + 1, Title = title, Due = due, DoneOn = doneOn, DoneBy = by,
                });

            public void Evidence(DateTimeOffset at, string who, string fileName)
            {
                if (w._photo is not { } p)
                {
                    return;
                }
                w._evidence.Add(new EvidenceItem
                {
                    Id = w._ids.Next(at), SubjectType = DirectiveProcedure.SubjectType, SubjectId = d.Id, Kind = p.Kind, Purpose = EvidencePurpose.After,
                    ContentType = p.ContentType, Sha256 = p.Sha256, PublicSha256 = p.PublicSha256, Size = p.Size, FileName = fileName, TakenAt = at, UploadedAt = at, UploadedBy = who,
                });
                Line(at, "Evidence", "上传办结材料", null, who, fileName);
            }
        }

        public async Task WriteAsync(AppDbContext db, TimeProvider time, CancellationToken ct)
        {
            foreach (Entry e in _entries)
            {
                e.Clock.Finish(now, _ledger, _steps);
                DirectiveProcedure.SetDue(e.Directive, e.Clock.Row.DueAt ?? ShanghaiTime.StartOf(e.Directive.Deadline.AddDays(1)));
                _clocks.Add(e.Clock.Row);
            }
            // One multi-row insert per table inside one transaction, with one audit entry: the cold start measures this.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await new BulkWrite(db, time).Insert(_newPolicies).Insert(_directives).Insert(_coOwners).Insert(_milestones).Insert(_reports).Insert(_events)
                .Insert(_evidence).Insert(_clocks).Insert(_ledger).Insert(_steps).ExecuteAsync("演示数据：督办事项", null, ct);
            await tx.CommitAsync(ct);
        }
    }
}
