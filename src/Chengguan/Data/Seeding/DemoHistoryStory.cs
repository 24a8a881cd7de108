using System.Text.Json;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Infrastructure.Workflow;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The life of one demo case up to "now": the moves of the case workflow table in order, each
/// with its timeline line and its clock effects, with the side paths a district sees (returns,
/// reassignments, extensions, suspensions, merges, replies returned, rework after 不满意,
/// withdrawals, urges, supervision). Delays are drawn against the clocks' own due times, with a
/// street's lateness deciding how often a limit is missed; a move that would fall after now is
/// not taken, so recent cases stop in every open state.
/// </summary>
internal sealed class DemoHistoryStory(DemoHistoryWorld world, Random random, DateTimeOffset now)
{
    private Case _c = null!;
    private DemoStreetRef _street = null!;
    private DateTimeOffset _t;
    private int _seq;
    private readonly Dictionary<string, DemoHistoryClock> _clocks = [];
    private readonly List<CaseEvent> _events = [];

    public IReadOnlyList<CaseEvent> Events => _events;
    public IEnumerable<DemoHistoryClock> Clocks => _clocks.Values;

    private bool Chance(double p) => random.NextDouble() < p;

    /// <summary>
    /// Runs the case from its opening line until it ends or the next move would be after now. <paramref name="opened"/>: the
    /// case was opened by the intake, which wrote its opening line (seq 1) already — the story goes on from there.
    /// </summary>
    public void Tell(Case c, DemoStreetRef street, DemoHistoryCase? parent, bool opened = false)
    {
        (_c, _street, _t, _seq) = (c, street, c.ReportedAt, opened ? 1 : 0);
        _clocks.Clear();
        _events.Clear();
        if (!opened)
        {
            Line("Open", c.Route == CaseRoute.Hotline ? "派单接收" : "上报", null, c.State, null, $"定位网格 {c.GridCode}", null);
        }
        if (c.Route == CaseRoute.Hotline)
        {
            StartClock(ClockPolicies.HotlineAccept, c.ReportedAt, null);
            StartClock(c.HandlingPolicy!, c.ReportedAt, null);
            Hotline(parent);
        }
        else
        {
            Grid(parent);
        }
        c.Version = _seq;
    }

    // ---------- hotline: 派单 → 签收 → 到场 → 初步结果 → 办结 → 答复 → 回访 ----------

    private void Hotline(DemoHistoryCase? parent)
    {
        if (parent is not null && Chance(0.8) && Move(Minutes(5, 40), () =>
            Merge(parent)))
        {
            return;
        }
        if (Chance(0.03) && Move(Minutes(5, 30), () => HotlineReturn()))
        {
            // 退单 → 重新派单 (the platform sends it to the right unit), or it waits with the platform.
            if (!Move(Hours(1, 8), () => Do(CaseAction.Redeliver, CaseState.Received, Platform, null, null,
                (ClockOp.Start, ClockPolicies.HotlineAccept), (ClockOp.Resume, _c.HandlingPolicy!))))
            {
                return;
            }
        }
        if (!AcceptHotline())
        {
            return;
        }
        if (Chance(0.02) && Move(Minutes(20, 120), () => Do(CaseAction.Reassign, CaseState.Received, world.Dispatcher, new { unitId = Reassign() }, "属地调整，改派承办单位",
            (ClockOp.Start, ClockPolicies.HotlineAccept), (ClockOp.Cancel, ClockPolicies.HotlineOnSite), (ClockOp.Cancel, ClockPolicies.HotlinePreliminary))))
        {
            if (!AcceptHotline())
            {
                return;
            }
        }
        if (Chance(0.012) && Move(Hours(1, 12), () => Withdraw()))
        {
            return;
        }
        bool consult = _c.RequestType is RequestType.Consultation;
        if (!consult)
        {
            if (!Move(Due(ClockPolicies.HotlineOnSite, 0.7), () => CheckIn()))
            {
                return;
            }
            if (!Move(Due(ClockPolicies.HotlinePreliminary, 0.8), () => Do(CaseAction.RecordPreliminary, CaseState.PreliminaryDone, Officer, null, "已到场核实，正在处置",
                (ClockOp.Stop, ClockPolicies.HotlinePreliminary))))
            {
                return;
            }
        }
        if (!SidePaths(_c.HandlingPolicy!, [CaseState.Accepted, CaseState.OnSite, CaseState.PreliminaryDone]))
        {
            return;
        }
        for (int round = 0; round < 3; round++)
        {
            if (!Move(Due(_c.HandlingPolicy!, 0.55), () => Do(CaseAction.Handle, CaseState.Handled, Officer, null, world.Result(random),
                (ClockOp.Cancel, ClockPolicies.HotlineOnSite), (ClockOp.Stop, ClockPolicies.HotlinePreliminary))))
            {
                Urge();
                return;
            }
            if (!Reply())
            {
                return;
            }
            if (round < 2 && Chance(0.03))
            {
                if (!Move(Hours(2, 30), () => Do(CaseAction.ReplyReturned, CaseState.Handled, Platform, null, "答复内容不完整，退回重新答复",
                    (ClockOp.Rework, _c.HandlingPolicy!))) || !Reply())
                {
                    return;
                }
            }
            // 回访: 不满意 sends the order back for 重办 (the rework clock as the policy says).
            bool dissatisfied = round < 2 && Chance(0.06);
            if (!Move(Hours(4, 48), () => Callback(dissatisfied)))
            {
                return;
            }
            if (!dissatisfied)
            {
                return;
            }
        }
    }

    private bool AcceptHotline() =>
        Move(Due(ClockPolicies.HotlineAccept, 0.45), () => Do(CaseAction.Accept, CaseState.Accepted, Leader, null, null,
            (ClockOp.Stop, ClockPolicies.HotlineAccept), (ClockOp.Start, ClockPolicies.HotlineOnSite), (ClockOp.Start, ClockPolicies.HotlinePreliminary)));

    /// <summary>
    /// 退单 as outside city management, naming the district department that answers for it: picked from the case's
    /// number (a stable hash, not the shared random draw, so the rest of the history is unchanged), for the district report.
    /// </summary>
    private void HotlineReturn()
    {
        (string code, string name) = CaseDepartments.Defaults[(int)(Fnv(_c.Number) % (uint)CaseDepartments.Defaults.Length)];
        (_c.DepartmentCode, _c.DepartmentAt) = (code, _t);
        Do(CaseAction.Return, CaseState.Returned, Leader, new { department = code, departmentName = name }, $"不属于本单位职责范围，申请退单（应由{name}办理）",
            (ClockOp.Cancel, ClockPolicies.HotlineAccept), (ClockOp.Cancel, ClockPolicies.HotlineOnSite), (ClockOp.Cancel, ClockPolicies.HotlinePreliminary), (ClockOp.Pause, _c.HandlingPolicy!));
    }

    private static uint Fnv(string text)
    {
        uint h = 2166136261;
        foreach (char ch in text)
        {
            h = (h ^ ch) * 16777619;
        }
        return h;
    }

    private void CheckIn()
    {
        (double lon, double lat) = (_c.Lon!.Value + (random.NextDouble() - 0.5) * 0.0006, _c.Lat!.Value + (random.NextDouble() - 0.5) * 0.0006);
        Guid photo = world.Photo(_c, Evidence.EvidencePurpose.CheckIn, _t, random);
        double distance = Math.Round(Grids.Spatial.GeoMeasure.DistanceMeters(_c.Lon.Value, _c.Lat.Value, lon, lat), 1);
        Do(CaseAction.CheckIn, CaseState.OnSite, Officer, new { location = new { lon, lat }, photos = new[] { photo }, distanceMeters = distance, flagged = false }, null,
            (ClockOp.Stop, ClockPolicies.HotlineOnSite));
    }

    private bool Reply()
    {
        // Complaints and reports leave only with a leader's approval (Hotline:ReplyApprovalFor).
        var checklist = new { factsFound = true, actionTaken = true, legalBasis = true, result = true, citizenContacted = true };
        if (_c.RequestType is RequestType.Complaint or RequestType.Report)
        {
            return Move(Hours(1, 6), () => Do(CaseAction.SubmitReply, null, Officer, new { checklist }, null))
                && Move(Due(_c.HandlingPolicy!, 0.5), () => Do(CaseAction.ApproveReply, CaseState.Replied, Leader, new { reply = new { reply = world.Result(random), checklist }, writtenBy = Officer }, world.Result(random),
                    (ClockOp.Stop, _c.HandlingPolicy!)));
        }
        return Move(Due(_c.HandlingPolicy!, 0.5), () => Do(CaseAction.Reply, CaseState.Replied, world.Dispatcher, new { checklist }, world.Result(random), (ClockOp.Stop, _c.HandlingPolicy!)));
    }

    private void Callback(bool dissatisfied)
    {
        if (dissatisfied)
        {
            _c.Satisfaction = Satisfaction.Dissatisfied;
            _c.Resolved = false;
            _c.ReworkCount++;
            Do(CaseAction.Rehandle, CaseState.Accepted, Platform, new { satisfaction = Satisfaction.Dissatisfied, resolved = false }, "市民对处理结果不满意，要求重办",
                (ClockOp.Rework, _c.HandlingPolicy!));
            return;
        }
        _c.Satisfaction = Chance(0.8) ? Satisfaction.Satisfied : Satisfaction.BasicallySatisfied;
        _c.Resolved = Chance(0.9);
        Do(CaseAction.Callback, CaseState.Closed, Platform, new { satisfaction = _c.Satisfaction, resolved = _c.Resolved }, null);
    }

    private void Withdraw() =>
        Do(CaseAction.Withdraw, CaseState.Withdrawn, Platform, null, "市民来电撤回诉求", [.. _clocks.Keys.Select(k => (ClockOp.Cancel, k))]);

    // ---------- grid loop: 上报 → 核实 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价 ----------

    private void Grid(DemoHistoryCase? parent)
    {
        if (!Move(Hours(0.3, 3), () => Do(CaseAction.Verify, CaseState.Verified, world.Supervisor, null, "现场核实属实")))
        {
            return;
        }
        if (parent is not null && Chance(0.8) && Move(Minutes(10, 60), () => Merge(parent)))
        {
            return;
        }
        if (Chance(0.025))
        {
            Move(Hours(0.2, 2), () => Do(CaseAction.Void, CaseState.Voided, world.Dispatcher, null, "经核实不属于城管职责，作废"));
            return;
        }
        if (!Move(Hours(0.1, 1.5), () => Do(CaseAction.File, CaseState.Filed, world.Dispatcher, new { category = world.CategoryLabel(_c) }, null)))
        {
            return;
        }
        bool dispatched = Dispatch();
        if (dispatched && Chance(0.02) && Move(Hours(0.5, 4), () => Do(CaseAction.Return, CaseState.Filed, Officer, null, "地址不在本中队管辖范围，退回派遣",
            (ClockOp.Cancel, _c.DisposalPolicy!))))
        {
            dispatched = Dispatch();
        }
        if (!dispatched || !SidePaths(_c.DisposalPolicy!, [CaseState.Dispatched]))
        {
            return;
        }
        for (int round = 0; round < 3; round++)
        {
            if (!Move(Due(_c.DisposalPolicy!, 0.6), () => Do(CaseAction.Handle, CaseState.Handled, Officer, null, world.Result(random)))
                || !Move(Minutes(5, 90), () =>
                {
                    world.Photo(_c, Evidence.EvidencePurpose.After, _t, random);
                    Do(CaseAction.FeedBack, CaseState.FedBack, Officer, null, "已处置完毕，附处置后照片", (ClockOp.Stop, _c.DisposalPolicy!));
                }))
            {
                return;
            }
            if (round < 2 && Chance(0.05))
            {
                if (!Move(Hours(1, 8), () =>
                {
                    _c.ReworkCount++;
                    Do(CaseAction.Rework, CaseState.Dispatched, world.Supervisor, null, "核查未通过：现场仍有问题，返工", (ClockOp.Rework, _c.DisposalPolicy!));
                }))
                {
                    return;
                }
                continue;
            }
            break;
        }
        if (!Move(Hours(1, 10), () => Do(CaseAction.Check, CaseState.Checked, world.Supervisor, null, "核查通过"))
            || !Move(Hours(0.5, 6), () => Do(CaseAction.Close, CaseState.Closed, world.Dispatcher, null, null)))
        {
            return;
        }
        _c.Rating = random.Next(100) switch { < 55 => 5, < 85 => 4, < 97 => 3, _ => 2 };
        Move(Hours(4, 72), () => Do(CaseAction.Evaluate, CaseState.Evaluated, world.Supervisor, new { rating = _c.Rating }, null));
    }

    private bool Dispatch() =>
        Move(Hours(0.1, 1), () =>
        {
            _c.UnitId = _street.Team;
            Do(CaseAction.Dispatch, CaseState.Dispatched, world.Dispatcher, new { unitId = _street.Team }, null, (ClockOp.Start, _c.DisposalPolicy!));
        });

    // ---------- side paths on both routes ----------

    /// <summary>延期, 挂起/恢复, 督办 while being handled; false when now came first.</summary>
    private bool SidePaths(string clock, CaseState[] handling)
    {
        if (Chance(0.04) && handling.Contains(_c.State))
        {
            int amount = 1 + random.Next(3);
            _c.ExtensionRequested = amount;
            if (!Move(Hours(1, 10), () => Do(CaseAction.RequestExtension, null, Officer, new { amount }, "需协调相关部门联合处置，申请延期")))
            {
                return false;
            }
            bool approve = Chance(0.8);
            bool decided = Move(Hours(1, 8), () =>
            {
                _c.ExtensionRequested = null;
                if (approve)
                {
                    _clocks[clock].Extend(_t, amount, Leader, Leader, "需协调相关部门联合处置，申请延期");
                    Do(CaseAction.ApproveExtension, null, Leader, new { amount }, null);
                }
                else
                {
                    Do(CaseAction.RejectExtension, null, Leader, new { amount }, "按原时限办结");
                }
            });
            if (!decided)
            {
                return false;
            }
        }
        if (Chance(0.02))
        {
            CaseState before = _c.State;
            if (!Move(Hours(1, 12), () =>
            {
                _c.StateBeforeSuspension = before;
                Do(CaseAction.Suspend, CaseState.Suspended, Leader, null, "当事人外出，待其返回后处理", [.. _clocks.Keys.Select(k => (ClockOp.Pause, k))]);
            }))
            {
                return false;
            }
            if (!Move(Hours(20, 96), () =>
            {
                _c.StateBeforeSuspension = null;
                Do(CaseAction.Resume, before, Leader, null, null, [.. _clocks.Keys.Select(k => (ClockOp.Resume, k))]);
            }))
            {
                return false;
            }
        }
        if (Chance(0.01))
        {
            DateTimeOffset deadline = _t.AddDays(2);
            Move(Hours(1, 6), () =>
            {
                (_c.Supervised, _c.SuperviseDeadline) = (true, deadline);
                Do(CaseAction.Supervise, null, world.Supervisor, new { deadline }, "群众反映强烈，限期办结");
            });
        }
        return true;
    }

    private void Merge(DemoHistoryCase parent)
    {
        _c.ParentId = parent.Case.Id;
        Do(CaseAction.Merge, CaseState.Merged, world.Dispatcher, new { parent = parent.Case.Number }, "同一地点同类问题重复反映，并入主案件办理",
            [.. _clocks.Keys.Select(k => (ClockOp.Cancel, k))]);
    }

    private void Urge()
    {
        // A slow open order is pressed by the platform once it is past half its handling time.
        if (_c.Route == CaseRoute.Hotline && Chance(0.3) && _clocks.TryGetValue(_c.HandlingPolicy!, out DemoHistoryClock? h) && h.DueAt(now) is { } due && due - now < TimeSpan.FromDays(2))
        {
            DateTimeOffset at = Seconds(_t + (now - _t) * random.NextDouble());
            if (at > _t)
            {
                _t = at;
                _c.UrgeCount++;
                Line("Urge", "催办", _c.State, _c.State, Platform, "市民再次来电催促", null);
            }
        }
    }

    private Guid Reassign()
    {
        _c.UnitId = _street.Squad;
        return _street.Squad;
    }

    // ---------- mechanics ----------

    private string Officer => world.OfficerOf(_street, random);
    private string Leader => _street.LeaderName;
    private const string Platform = "12345 市民服务热线";

    /// <summary>Takes the move at <c>_t + delay</c> unless that is after now.</summary>
    private bool Move(TimeSpan delay, Action act)
    {
        DateTimeOffset at = Seconds(_t + delay);
        if (at > now)
        {
            return false;
        }
        _t = at;
        act();
        return true;
    }

    /// <summary>Whole seconds, as both engines store them alike (PostgreSQL keeps microseconds, not ticks).</summary>
    internal static DateTimeOffset Seconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, at.Offset);

    private TimeSpan Minutes(double min, double max) => TimeSpan.FromMinutes(min + random.NextDouble() * (max - min));

    private TimeSpan Hours(double min, double max) => TimeSpan.FromHours(min + random.NextDouble() * (max - min));

    /// <summary>
    /// A delay that lands at a share of the clock's remaining time, typically <paramref name="typical"/>;
    /// with the street's lateness it lands after the due time instead (a breach).
    /// </summary>
    private TimeSpan Due(string clock, double typical)
    {
        if (!_clocks.TryGetValue(clock, out DemoHistoryClock? k) || k.DueAt(_t) is not { } due || due <= _t)
        {
            return Hours(0.5, 6);
        }
        double share = Chance(_street.Lateness) ? 1.05 + random.NextDouble() * 0.9 : 0.15 + random.NextDouble() * typical * 1.6;
        return (due - _t) * Math.Min(share, 1.95);
    }

    private void StartClock(string code, DateTimeOffset at, string? actor)
    {
        if (_clocks.TryGetValue(code, out DemoHistoryClock? existing))
        {
            existing.Start(at, actor, _c.UnitId);
        }
        else if (world.Clock(code, _c, at, actor) is { } clock)
        {
            _clocks[code] = clock;
        }
    }

    private void Do(CaseAction action, CaseState? to, string actor, object? data, string? note, params (ClockOp Op, string Code)[] clocks)
    {
        CaseState from = _c.State;
        Transition rule = CaseWorkflow.Find(_c.Route, from, action) ?? throw new InvalidOperationException($"Demo history: {_c.Route} {from} {action} is not in the table.");
        foreach ((ClockOp op, string code) in clocks)
        {
            if (op == ClockOp.Start || op == ClockOp.Rework)
            {
                StartClock(code, _t, actor);
                continue;
            }
            if (!_clocks.TryGetValue(code, out DemoHistoryClock? k))
            {
                continue;
            }
            switch (op)
            {
                case ClockOp.Stop: k.Stop(_t, actor); break;
                case ClockOp.Cancel: k.Cancel(_t, actor, note ?? rule.Timeline); break;
                case ClockOp.Pause: k.Pause(_t, actor, note); break;
                case ClockOp.Resume: k.Resume(_t, actor); break;
            }
        }
        CaseState target = to ?? from;
        Line(action.ToString(), rule.Timeline, from, target, actor, note, data);
        _c.State = target;
        _c.ClosedAt = target == CaseState.Closed ? _t : target == CaseState.Evaluated ? _c.ClosedAt : null;
        if (target == CaseState.Withdrawn || target == CaseState.Voided || target == CaseState.Merged)
        {
            _c.ClosedAt = null;
        }
    }

    private void Line(string action, string label, CaseState? from, CaseState to, string? actor, string? note, object? data)
    {
        _c.UpdatedAt = _t;
        _events.Add(new CaseEvent
        {
            Id = world.Ids.Next(_t), CaseId = _c.Id, Seq = ++_seq, Action = action, Label = label, FromState = from, ToState = to, At = _t,
            ActorId = actor is not null && _street.Accounts.TryGetValue(actor, out string? account) ? account : null, ActorName = actor, Note = note, DataJson = data is null ? null : JsonSerializer.Serialize(data, WorkflowJson.Options),
        });
    }
}
