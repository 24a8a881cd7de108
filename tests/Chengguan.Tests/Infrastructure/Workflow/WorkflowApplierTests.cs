using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Chengguan.Infrastructure.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Infrastructure.Workflow;

/// <summary>
/// The shared workflow engine over a made-up table (<see cref="JobTable"/>): every phase × step ×
/// role answers as the table says, required fields and the reason's length are named in one answer,
/// a refusal changes nothing, the clock effects move the subject's clocks through ClockService, and
/// every line bumps the version and keeps the note within its limit.
/// </summary>
public abstract class WorkflowApplierTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private static readonly string[] s_roles = [JobTable.Worker, JobTable.Lead, "nobody"];

    private Guid? _unit;

    /// <summary>One move in a unit of work of its own, saved when done, as a capability's caller does.</summary>
    private async Task<(Outcome<Job> Outcome, JobApplier Applier)> MoveAsync(Job job, Step step, StepInput input, string role = JobTable.Lead)
    {
        app.RequireAvailable();
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var applier = new JobApplier(db, scope.ServiceProvider.GetRequiredService<ClockService>(), TimeProvider.System);
        Outcome<Job> outcome = await applier.ApplyAsync(job, step, input, r => r == role, "u1", "测试人", default);
        await db.SaveChangesAsync();
        return (outcome, applier);
    }

    private Task<List<Clock>> ClocksOf(Job job) =>
        app.WithDbAsync(db => db.Clocks.Include(k => k.Ledger).Where(k => k.SubjectType == JobApplier.Subject && k.SubjectId == job.Id).ToListAsync());

    private async Task<Guid> UnitAsync(int skip = 0) =>
        await app.WithDbAsync(db => db.Units.OrderBy(u => u.Code).Select(u => u.Id).Skip(skip).FirstAsync());

    /// <summary>Everything a row could ask for.</summary>
    private async Task<StepInput> CompleteAsync() =>
        new(Result: "已完成", Reason: "原因", Remark: "备注", Amount: 30, UnitId: _unit ??= await UnitAsync());

    public static TheoryData<Phase, Step, string> EveryCombination()
    {
        var data = new TheoryData<Phase, Step, string>();
        foreach (Phase p in Enum.GetValues<Phase>())
        {
            foreach (Step s in Enum.GetValues<Step>())
            {
                foreach (string role in s_roles)
                {
                    data.Add(p, s, role);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public async Task Every_phase_step_and_role_answers_as_the_table_says(Phase phase, Step step, string role)
    {
        var job = new Job { Phase = phase, BeforeHold = phase == Phase.Held ? Phase.Working : null };
        (Outcome<Job> outcome, JobApplier applier) = await MoveAsync(job, step, await CompleteAsync(), role);
        JobTransition? row = JobTable.Find(phase, step);
        if (row is null)
        {
            var conflict = Assert.IsType<Outcome<Job>.Conflict>(outcome);
            Assert.Equal(($"测试件当前状态为“{phase}”，不能执行“{step}”", phase.ToString(), step.ToString()), (conflict.Detail, conflict.State, conflict.Action));
        }
        else if (!row.Roles.Contains(role))
        {
            Assert.Equal($"当前角色不能对该测试件执行“{step}”", Assert.IsType<Outcome<Job>.Forbidden>(outcome).Detail);
        }
        else
        {
            Assert.Same(job, Assert.IsType<Outcome<Job>.Done>(outcome).Value);
            Assert.Equal(row.ToPrevious ? Phase.Working : row.To ?? phase, job.Phase);
            TimelineLine<Phase> line = Assert.Single(applier.Lines);
            Assert.Equal((job.Id, 1, step.ToString(), row.Timeline, phase, job.Phase, "u1", "测试人"),
                (line.SubjectId, line.Seq, line.Action, line.Label, line.From!.Value, line.To!.Value, line.ActorId, line.ActorName));
            Assert.Equal([(step, job.Phase, 1)], applier.After);
            return;
        }
        // Refused: nothing moved, nothing written.
        Assert.Equal((phase, 0), (job.Phase, job.Version));
        Assert.Empty(applier.Lines);
        Assert.Empty(applier.After);
        Assert.Empty(await ClocksOf(job));
    }

    [Theory]
    [InlineData(Step.Finish, "result")]
    [InlineData(Step.Hold, "reason")]
    [InlineData(Step.Remark, "remark")]
    [InlineData(Step.Extend, "amount")]
    [InlineData(Step.Hand, "unitId")]
    public async Task A_missing_required_field_is_named(Step step, string field)
    {
        var job = new Job { Phase = Phase.Working };
        (Outcome<Job> outcome, JobApplier applier) = await MoveAsync(job, step, new StepInput(Remark: step == Step.Remark ? " " : null), JobTable.Find(Phase.Working, step)!.Roles[0]);
        var invalid = Assert.IsType<Outcome<Job>.Invalid>(outcome);
        Assert.Equal(new Dictionary<string, string[]> { [field] = [$"执行“{step}”须提供{field}"] }, invalid.Errors.ToDictionary());
        Assert.Equal((Phase.Working, 0), (job.Phase, job.Version));
        Assert.Empty(applier.Lines);
    }

    [Fact]
    public async Task The_reason_is_at_most_1000_characters_and_named_with_the_missing_fields()
    {
        var job = new Job { Phase = Phase.Working };
        (Outcome<Job> outcome, _) = await MoveAsync(job, Step.Finish, new StepInput(Reason: new string('长', 1001)), JobTable.Worker);
        Assert.Equal(new Dictionary<string, string[]> { ["result"] = ["执行“Finish”须提供result"], ["reason"] = ["原因不能超过 1000 个字符"] },
            Assert.IsType<Outcome<Job>.Invalid>(outcome).Errors.ToDictionary());
        (outcome, _) = await MoveAsync(job, Step.Cancel, new StepInput(Reason: new string('长', 1000)));
        Assert.IsType<Outcome<Job>.Done>(outcome);
        Assert.Equal(Phase.Cancelled, job.Phase);
    }

    [Fact]
    public async Task A_refusal_by_the_capability_changes_nothing()
    {
        var job = new Job { Phase = Phase.Open };
        (Outcome<Job> outcome, JobApplier applier) = await MoveAsync(job, Step.Take, new StepInput(Refuse: true), JobTable.Worker);
        Assert.Equal(new Dictionary<string, string[]> { ["refuse"] = ["本步拒绝"] }, Assert.IsType<Outcome<Job>.Invalid>(outcome).Errors.ToDictionary());
        Assert.Equal((Phase.Open, 0), (job.Phase, job.Version));
        Assert.Empty(applier.Lines);
        Assert.Empty(applier.After);
        Assert.Empty(await ClocksOf(job));
    }

    [Fact]
    public async Task Clock_effects_start_stop_pause_resume_extend_rework_and_cancel_the_subjects_clocks()
    {
        Guid unit = await UnitAsync(), other = await UnitAsync(1);
        var job = new Job { Phase = Phase.Open, UnitId = unit };
        await using (AsyncServiceScope scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClockService>().StartAsync(JobApplier.Subject, job.Id, ClockPolicies.HotlineAccept, unit, "intake", default);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }
        Clock First(List<Clock> all) => all.Single(k => k.Kind == ClockPolicies.HotlineAccept);
        Clock Second(List<Clock> all) => all.Single(k => k.Kind == ClockPolicies.HotlinePreliminary);

        Assert.IsType<Outcome<Job>.Done>((await MoveAsync(job, Step.Take, new(), JobTable.Worker)).Outcome);
        List<Clock> clocks = await ClocksOf(job);
        Assert.Equal((ClockState.Met, ClockState.Running, unit), (First(clocks).State, Second(clocks).State, Second(clocks).UnitId!.Value));
        DateTimeOffset due = Second(clocks).DueAt!.Value;

        Assert.IsType<Outcome<Job>.Done>((await MoveAsync(job, Step.Hold, new(Reason: "等待材料"))).Outcome);
        clocks = await ClocksOf(job);
        Assert.Equal((ClockState.Met, ClockState.Paused), (First(clocks).State, Second(clocks).State));
        Assert.Contains(Second(clocks).Ledger, l => l.Type == LedgerType.Pause && l.Reason == "等待材料" && l.Actor == "测试人");

        Assert.IsType<Outcome<Job>.Done>((await MoveAsync(job, Step.Release, new())).Outcome);
        Assert.Equal(Phase.Working, job.Phase);
        Assert.Equal(ClockState.Running, Second(await ClocksOf(job)).State);

        Assert.IsType<Outcome<Job>.Done>((await MoveAsync(job, Step.Extend, new(Amount: 30))).Outcome);
        clocks = await ClocksOf(job);
        Assert.Contains(Second(clocks).Ledger, l => l.Type == LedgerType.Extend && l.Amount == 30 && l.Reason == "延期批准");
        Assert.True(Second(clocks).DueAt >= due.AddMinutes(30), $"{Second(clocks).DueAt} < {due} + 30 min");

        // A move with clock effects hands every clock of the subject to its unit (ClockService.Reassign).
        Assert.IsType<Outcome<Job>.Done>((await MoveAsync(job, Step.Hand, new(UnitId: other))).Outcome);
        Assert.All(await ClocksOf(job), k => Assert.Equal(other, k.UnitId));

        Assert.IsType<Outcome<Job>.Done>((await MoveAsync(job, Step.Finish, new(Result: "完成"), JobTable.Worker)).Outcome);
        clocks = await ClocksOf(job);
        Assert.Equal(ClockState.Met, Second(clocks).State);
        Assert.NotNull(Second(clocks).StoppedAt);

        Assert.IsType<Outcome<Job>.Done>((await MoveAsync(job, Step.Redo, new(Reason: "返工"))).Outcome);
        clocks = await ClocksOf(job);
        Assert.Equal(ClockState.Running, Second(clocks).State);
        Assert.Contains(Second(clocks).Ledger, l => l.Type is LedgerType.Restart or LedgerType.Resume && l.Seq > 1);

        Assert.IsType<Outcome<Job>.Done>((await MoveAsync(job, Step.Cancel, new(Reason: "当事人撤回"))).Outcome);
        clocks = await ClocksOf(job);
        Assert.Equal(ClockState.Cancelled, Second(clocks).State);
        Assert.Contains(Second(clocks).Ledger, l => l.Type == LedgerType.Cancel && l.Reason == "当事人撤回");
        // A clock that had stopped stays as it ended: cancelling is for running clocks.
        Assert.Equal(ClockState.Met, First(clocks).State);
        Assert.Equal(8, job.Version);
    }

    [Fact]
    public async Task Every_line_bumps_the_version_and_keeps_the_note_within_2000_characters()
    {
        var job = new Job { Phase = Phase.Open, Version = 4 };
        DateTimeOffset before = TimeProvider.System.GetUtcNow();
        (Outcome<Job> outcome, JobApplier applier) = await MoveAsync(job, Step.Remark, new StepInput(Remark: new string('注', 2500)), JobTable.Worker);
        Assert.IsType<Outcome<Job>.Done>(outcome);
        TimelineLine<Phase> line = Assert.Single(applier.Lines);
        Assert.Equal((5, 5, 2000), (job.Version, line.Seq, line.Note!.Length));
        Assert.True(job.UpdatedAt >= before && job.UpdatedAt == line.At);
        // Data stays readable Chinese.
        Assert.Equal("{\"text\":\"备注文字\"}", line.DataJson);

        applier.Append(job, "Note", "外部记录", null, job.Phase, line.At, null, "系统", "短", null);
        Assert.Equal((6, null, "短"), (applier.Lines[^1].Seq, applier.Lines[^1].DataJson, applier.Lines[^1].Note));
    }

    [Fact]
    public async Task A_row_that_returns_to_the_previous_state_goes_back_where_the_subject_was()
    {
        var job = new Job { Phase = Phase.Working };
        Assert.IsType<Outcome<Job>.Done>((await MoveAsync(job, Step.Hold, new(Reason: "暂停"))).Outcome);
        Assert.Equal((Phase.Held, Phase.Working), (job.Phase, job.BeforeHold!.Value));
        (Outcome<Job> outcome, JobApplier applier) = await MoveAsync(job, Step.Release, new());
        Assert.IsType<Outcome<Job>.Done>(outcome);
        Assert.Equal((Phase.Held, Phase.Working), (applier.Lines[0].From!.Value, applier.Lines[0].To!.Value));
    }
}

public sealed class WorkflowApplierTestsOnSqlite(SqliteApp app) : WorkflowApplierTests<SqliteApp>(app);

public sealed class WorkflowApplierTestsOnPostgres(PostgresApp app) : WorkflowApplierTests<PostgresApp>(app);
