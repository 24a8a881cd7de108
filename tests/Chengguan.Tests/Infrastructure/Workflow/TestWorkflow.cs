using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Chengguan.Infrastructure.Workflow;

namespace Chengguan.Tests.Infrastructure.Workflow;

public enum Phase
{
    Open,
    Working,
    Held,
    Finished,
    Cancelled,
}

public enum Step
{
    Take,
    Finish,
    Hold,
    Release,
    Remark,
    Cancel,
    Redo,
    Extend,
    Hand,
}

/// <summary>A made-up subject: the engine knows nothing of cases or structures.</summary>
public sealed class Job : IWorkflowSubject
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Phase Phase { get; set; }
    public Phase? BeforeHold { get; set; }
    public Guid? UnitId { get; set; }
}

public sealed record StepInput(string? Result = null, string? Reason = null, string? Remark = null, int? Amount = null, Guid? UnitId = null, bool Refuse = false);

public sealed record JobTransition(Phase From, Step Action, Phase? To, bool ToPrevious, IReadOnlyList<string> Roles, IReadOnlyList<string> RequiredFields,
    IReadOnlyList<ClockEffect> Clocks, string Timeline) : IWorkflowTransition<Phase, Step>
{
    public Phase Target(Phase current, Phase? previous) => ToPrevious ? previous!.Value : To ?? current;
}

/// <summary>A small table over two clocks ("first": the 20-minute accept limit, "second": the 24-hour preliminary limit).</summary>
public static class JobTable
{
    public const string Worker = "worker";
    public const string Lead = "lead";
    public const string First = "first";
    public const string Second = "second";

    public static readonly IReadOnlyList<JobTransition> All = Build();

    private static List<JobTransition> Build()
    {
        var t = new List<JobTransition>();
        void Add(Phase[] from, Step step, Phase? to, string[] roles, string[] fields, ClockEffect[] clocks, string timeline, bool toPrevious = false) =>
            t.AddRange(from.Select(f => new JobTransition(f, step, to, toPrevious, roles, fields, clocks, timeline)));
        Phase[] live = [Phase.Open, Phase.Working, Phase.Held];
        Add([Phase.Open], Step.Take, Phase.Working, [Worker], [], [new(ClockOp.Stop, First), new(ClockOp.Start, Second)], "接手");
        Add([Phase.Working], Step.Finish, Phase.Finished, [Worker], ["result"], [new(ClockOp.Stop, Second)], "完成");
        Add([Phase.Working], Step.Hold, Phase.Held, [Lead], ["reason"], [new(ClockOp.Pause, WorkflowClocks.All)], "暂停");
        Add([Phase.Held], Step.Release, null, [Lead], [], [new(ClockOp.Resume, WorkflowClocks.All)], "恢复", toPrevious: true);
        Add(live, Step.Remark, null, [Worker, Lead], ["remark"], [], "备注");
        Add(live, Step.Cancel, Phase.Cancelled, [Lead], ["reason"], [new(ClockOp.Cancel, WorkflowClocks.All)], "取消");
        Add([Phase.Finished], Step.Redo, Phase.Working, [Lead], ["reason"], [new(ClockOp.Rework, Second)], "返工");
        Add([Phase.Working], Step.Extend, null, [Lead], ["amount"], [new(ClockOp.Extend, Second)], "延期");
        Add([Phase.Working], Step.Hand, null, [Lead], ["unitId"], [new(ClockOp.Start, Second)], "移交");
        return t;
    }

    public static JobTransition? Find(Phase from, Step step) => All.FirstOrDefault(t => t.From == from && t.Action == step);
}

/// <summary>The test capability: its event table is a list, its hooks record what they saw.</summary>
public sealed class JobApplier(AppDbContext db, ClockService clocks, TimeProvider time) : WorkflowApplier<Job, Phase, Step, StepInput>(db, clocks, time)
{
    public const string Subject = "case";

    public List<TimelineLine<Phase>> Lines { get; } = [];
    public List<(Step Step, Phase State, int Lines)> After { get; } = [];

    protected override string ClockSubjectType => Subject;
    protected override string Noun => "测试件";
    protected override bool ClocksFollowUnit => true;
    protected override IWorkflowTransition<Phase, Step>? Find(Job job, Step step) => JobTable.Find(job.Phase, step);
    protected override Phase StateOf(Job job) => job.Phase;
    protected override void SetState(Job job, Phase state) => job.Phase = state;
    protected override Phase? PreviousStateOf(Job job) => job.BeforeHold;

    protected override bool Has(StepInput input, string field) => field switch
    {
        "result" => !string.IsNullOrWhiteSpace(input.Result),
        "reason" => !string.IsNullOrWhiteSpace(input.Reason),
        "remark" => !string.IsNullOrWhiteSpace(input.Remark),
        "amount" => input.Amount is not null,
        "unitId" => input.UnitId is not null,
        _ => false,
    };

    protected override string? ReasonOf(StepInput input) => input.Reason;
    protected override string? NoteOf(StepInput input) => input.Reason ?? input.Result ?? input.Remark;
    protected override Guid? UnitOf(Job job) => job.UnitId;

    protected override string? PolicyOf(WorkflowMove<Job, Phase, Step, StepInput> move, string clock) => clock switch
    {
        JobTable.First => ClockPolicies.HotlineAccept,
        JobTable.Second => ClockPolicies.HotlinePreliminary,
        _ => null,
    };

    protected override Task<Clock> StartClockAsync(Job job, string policy, string? actor, CancellationToken ct) =>
        Clocks.StartAsync(Subject, job.Id, policy, job.UnitId, actor, ct);

    protected override Task<Outcome<Job>?> BeforeAsync(WorkflowMove<Job, Phase, Step, StepInput> move, CancellationToken ct)
    {
        if (move.Input.Refuse)
        {
            return Task.FromResult<Outcome<Job>?>(Invalid("refuse", "本步拒绝"));
        }
        switch (move.Action)
        {
            case Step.Hold:
                move.Subject.BeforeHold = move.Subject.Phase;
                break;
            case Step.Extend:
                move.Extension = move.Input.Amount!.Value;
                break;
            case Step.Hand:
                move.Subject.UnitId = move.Input.UnitId;
                break;
            case Step.Remark:
                move.Data["text"] = "备注文字";
                break;
        }
        return Task.FromResult<Outcome<Job>?>(null);
    }

    protected override Task AfterAsync(WorkflowMove<Job, Phase, Step, StepInput> move, CancellationToken ct)
    {
        After.Add((move.Action, move.Subject.Phase, Lines.Count));
        return Task.CompletedTask;
    }

    protected override void AddEvent(Job job, TimelineLine<Phase> line) => Lines.Add(line);
}
