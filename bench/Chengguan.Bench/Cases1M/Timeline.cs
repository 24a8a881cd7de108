using Chengguan.Cases;
using Chengguan.Clocks;

namespace Chengguan.Bench.Cases1M;

/// <summary>
/// A seeded case's timeline and clocks: the steps of its route as far as its age allows (a few
/// stall early), the accept and handling clocks of a hotline case, the disposal clock of a grid
/// case, each met or breached by when it stopped. These are the rows the KPI queries count.
/// </summary>
internal static class Timeline
{
    private sealed record Step(string Action, string Label, CaseState To, double Hours);

    private static readonly Step[] s_hotline =
    [
        new("Accept", "签收", CaseState.Accepted, 0.15), new("Handle", "办结", CaseState.Handled, 40),
        new("Reply", "答复热线", CaseState.Replied, 42), new("Callback", "回访", CaseState.Closed, 70),
    ];

    private static readonly Step[] s_grid =
    [
        new("Verify", "核实", CaseState.Verified, 1), new("File", "立案", CaseState.Filed, 2), new("Dispatch", "派遣", CaseState.Dispatched, 3),
        new("Handle", "处置", CaseState.Handled, 20), new("FeedBack", "反馈", CaseState.FedBack, 22), new("Check", "核查", CaseState.Checked, 26),
        new("Close", "结案", CaseState.Closed, 48), new("Evaluate", "评价", CaseState.Evaluated, 72),
    ];

    public static void Write(Case c, bool hotline, DateTimeOffset end, Random random, Batch b, Reference reference)
    {
        Step[] steps = hotline ? s_hotline : s_grid;
        double pace = 0.5 + random.NextDouble() * 1.5;
        int stall = random.Next(100) < 3 ? random.Next(steps.Length) : steps.Length;
        c.State = hotline ? CaseState.Received : CaseState.Reported;
        b.Events.Add(Event(c, 1, "Open", hotline ? "派单接收" : "上报", null, c.State, c.ReportedAt, null));
        var at = new Dictionary<string, DateTimeOffset>();
        int seq = 1;
        for (int i = 0; i < stall; i++)
        {
            DateTimeOffset when = c.ReportedAt.AddHours(steps[i].Hours * pace);
            if (when > end)
            {
                break;
            }
            string? data = steps[i].Action == "Callback"
                ? (random.Next(100) < 85 ? """{"satisfaction":"Satisfied","resolved":true}""" : """{"satisfaction":"BasicallySatisfied","resolved":false}""")
                : null;
            b.Events.Add(Event(c, ++seq, steps[i].Action, steps[i].Label, c.State, steps[i].To, when, data));
            c.State = steps[i].To;
            c.UpdatedAt = when;
            at[steps[i].Action] = when;
            if (steps[i].To == CaseState.Closed)
            {
                c.ClosedAt = when;
            }
        }
        c.Version = seq;
        if (hotline)
        {
            AddClock(c, ClockPolicies.HotlineAccept, c.ReportedAt, TimeSpan.FromMinutes(20), at.GetValueOrDefault("Accept"), end, b, reference);
            TimeSpan handling = c.HandlingPolicy == ClockPolicies.HotlineHandlingConsult ? TimeSpan.FromDays(1) : TimeSpan.FromDays(5);
            AddClock(c, c.HandlingPolicy!, c.ReportedAt, handling * (0.8 + random.NextDouble() * 0.2), at.GetValueOrDefault("Reply"), end, b, reference);
        }
        else if (at.TryGetValue("Dispatch", out DateTimeOffset dispatched))
        {
            AddClock(c, c.DisposalPolicy!, dispatched, TimeSpan.FromHours(12 + random.Next(48)), at.GetValueOrDefault("FeedBack"), end, b, reference);
        }
    }

    private static CaseEvent Event(Case c, int seq, string action, string label, CaseState? from, CaseState to, DateTimeOffset at, string? data) => new()
    {
        Id = Guid.CreateVersion7(at), CaseId = c.Id, Seq = seq, Action = action, Label = label, FromState = from, ToState = to, At = at,
        ActorId = "bench", ActorName = "批量导入", DataJson = data,
    };

    private static void AddClock(Case c, string kind, DateTimeOffset started, TimeSpan limit, DateTimeOffset stopped, DateTimeOffset end, Batch b, Reference reference)
    {
        if (!reference.Policies.TryGetValue(kind, out Guid policy))
        {
            return;
        }
        DateTimeOffset due = started + limit;
        bool isStopped = stopped != default;
        ClockState state = isStopped ? (stopped <= due ? ClockState.Met : ClockState.Breached) : (due < end ? ClockState.Breached : ClockState.Running);
        DateTimeOffset until = isStopped ? stopped : end;
        b.Clocks.Add(new Clock
        {
            Id = Guid.CreateVersion7(started), SubjectType = CaseIntake.SubjectType, SubjectId = c.Id, Kind = kind, PolicyId = policy,
            CalendarVersionId = reference.CalendarId, UnitId = c.UnitId, State = state, StartedAt = started,
            StoppedAt = isStopped ? stopped : null, DueAt = due, WarnAt = started + limit * 0.8, BreachedAt = due < until ? due : null,
            ConsumedMinutes = (long)(until - started).TotalMinutes, MarginMinutes = (long)(due - until).TotalMinutes,
        });
    }
}
