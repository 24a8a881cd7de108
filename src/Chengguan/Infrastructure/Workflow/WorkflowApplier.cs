using System.Text.Json;
using Chengguan.Clocks;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Infrastructure.Workflow;

/// <summary>One move in progress: what the hooks read and may add to (timeline note and data, the clocks' reason, an extension).</summary>
public sealed class WorkflowMove<TSubject, TState, TAction, TInput>
    where TSubject : class, IWorkflowSubject
    where TState : struct, Enum
    where TAction : struct, Enum
{
    internal WorkflowMove(TSubject subject, TAction action, TInput input, IWorkflowTransition<TState, TAction> transition, TState from,
        DateTimeOffset now, Func<string, bool> isInRole, string? actorId, string? actorName, Func<CancellationToken, Task<List<Clock>>> loadClocks)
    {
        (Subject, Action, Input, Transition, From, Now, IsInRole, ActorId, ActorName, _loadClocks) = (subject, action, input, transition, from, now, isInRole, actorId, actorName, loadClocks);
    }

    private readonly Func<CancellationToken, Task<List<Clock>>> _loadClocks;
    private List<Clock>? _clocks;

    public TSubject Subject { get; }
    public TAction Action { get; }
    public TInput Input { get; }
    public IWorkflowTransition<TState, TAction> Transition { get; }

    /// <summary>The state before the move (also the state a refusal names).</summary>
    public TState From { get; }
    public DateTimeOffset Now { get; }
    public Func<string, bool> IsInRole { get; }
    public string? ActorId { get; }
    public string? ActorName { get; }

    /// <summary>The timeline line's note; starts as the capability's note of the input.</summary>
    public string? Note { get; set; }

    /// <summary>The timeline line's data; see <see cref="WorkflowApplier{TSubject, TState, TAction, TInput}.TimelineData"/>.</summary>
    public Dictionary<string, object?> Data { get; } = [];

    /// <summary>The reason written on the clocks' ledgers (pause, cancel, extension).</summary>
    public string? ClockReason { get; set; }

    /// <summary>The amount <see cref="ClockOp.Extend"/> adds; 0 adds nothing.</summary>
    public int Extension { get; set; }

    /// <summary>
    /// Clocks the move cancelled while they ran, or started afresh after they had run: the capability
    /// says so on the timeline line (<see cref="WorkflowApplier{TSubject, TState, TAction, TInput}.TimelineNote"/>),
    /// so that no running clock ends silently.
    /// </summary>
    public List<ClockChange> ClockChanges { get; } = [];

    /// <summary>The subject's clocks with their ledgers and policies, read once per move.</summary>
    public async Task<List<Clock>> ClocksAsync(CancellationToken ct) => _clocks ??= await _loadClocks(ct);
}

/// <summary>
/// The one applier of a transition table (decision 0009, "Workflows"): finds the row for the
/// subject's state and the action, checks the role and the required fields, runs the capability's
/// own rules, moves the state, applies the row's clock effects through <see cref="ClockService"/>
/// and appends the timeline line, answering with one <see cref="Outcome{T}"/>: Conflict naming the
/// state and the action (409), Forbidden (403) or Invalid (400). The caller saves once; a concurrent
/// move of the same subject fails on its version token, which every timeline line bumps.
/// A capability derives from it with its table, its event entity and its hooks.
/// </summary>
public abstract class WorkflowApplier<TSubject, TState, TAction, TInput>(AppDbContext db, ClockService clocks, TimeProvider time)
    where TSubject : class, IWorkflowSubject
    where TState : struct, Enum
    where TAction : struct, Enum
{
    /// <summary>The unit of work the move is made in (the caller saves it).</summary>
    protected AppDbContext Db { get; } = db;

    protected ClockService Clocks { get; } = clocks;

    /// <summary>The clocks' subject type (<c>Clock.SubjectType</c>).</summary>
    protected abstract string ClockSubjectType { get; }

    /// <summary>What the subject is called in the answers: 案件, 违法建筑.</summary>
    protected abstract string Noun { get; }

    protected abstract IWorkflowTransition<TState, TAction>? Find(TSubject subject, TAction action);

    /// <summary>A state as people call it in the refusals (待签收); the problem's <c>state</c> member keeps the machine name.</summary>
    protected virtual string StateName(TState state) => state.ToString();

    /// <summary>An action as people call it in the refusals (签收); the problem's <c>action</c> member keeps the machine name.</summary>
    protected virtual string ActionName(TAction action) => action.ToString();

    /// <summary>A required field as the forms label it (处理结果); the field error stays under the JSON name.</summary>
    protected virtual string FieldName(TAction action, string field) => field;

    protected abstract TState StateOf(TSubject subject);

    protected abstract void SetState(TSubject subject, TState state);

    /// <summary>The state held before a suspension, for rows that return to it.</summary>
    protected virtual TState? PreviousStateOf(TSubject subject) => null;

    /// <summary>Whether the input carries the required field (named as in the JSON).</summary>
    protected abstract bool Has(TInput input, string field);

    protected abstract string? ReasonOf(TInput input);

    /// <summary>The timeline note a move starts with.</summary>
    protected abstract string? NoteOf(TInput input);

    /// <summary>The policy code a clock of the row starts under; null starts nothing.</summary>
    protected abstract string? PolicyOf(WorkflowMove<TSubject, TState, TAction, TInput> move, string clock);

    /// <summary>Whether an existing clock is the one a row's effect names.</summary>
    protected virtual bool Names(WorkflowMove<TSubject, TState, TAction, TInput> move, string clock, Clock k) =>
        clock == WorkflowClocks.All || k.Kind == PolicyOf(move, clock);

    /// <summary>
    /// Starts (or restarts) a clock of the subject through <see cref="Clocks"/>, written in the capability
    /// so that the subject type and the unit the clock counts for are named where the subject is owned.
    /// </summary>
    protected abstract Task<Clock> StartClockAsync(TSubject subject, string policy, string? actor, CancellationToken ct);

    /// <summary>The unit the subject's clocks follow when <see cref="ClocksFollowUnit"/>.</summary>
    protected virtual Guid? UnitOf(TSubject subject) => null;

    /// <summary>Whether a move with clock effects hands the subject's clocks to the subject's (new) unit.</summary>
    protected virtual bool ClocksFollowUnit => false;

    /// <summary>The capability's own checks and changes before the state moves; a refusal stops the move with nothing changed.</summary>
    protected virtual Task<Outcome<TSubject>?> BeforeAsync(WorkflowMove<TSubject, TState, TAction, TInput> move, CancellationToken ct) =>
        Task.FromResult<Outcome<TSubject>?>(null);

    /// <summary>The capability's side effects once the state, the clocks and the timeline have moved.</summary>
    protected virtual Task AfterAsync(WorkflowMove<TSubject, TState, TAction, TInput> move, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The note of the move's timeline line (by default the move's note).</summary>
    protected virtual string? TimelineNote(WorkflowMove<TSubject, TState, TAction, TInput> move) => move.Note;

    /// <summary>The data of the move's timeline line (null for none).</summary>
    protected virtual object? TimelineData(WorkflowMove<TSubject, TState, TAction, TInput> move) => move.Data;

    /// <summary>Stores a timeline line in the capability's event table.</summary>
    protected abstract void AddEvent(TSubject subject, TimelineLine<TState> line);

    public async Task<Outcome<TSubject>> ApplyAsync(TSubject subject, TAction action, TInput input, Func<string, bool> isInRole,
        string? actorId, string? actorName, CancellationToken ct)
    {
        TState from = StateOf(subject);
        if (Find(subject, action) is not { } t)
        {
            return Conflict(from, action, $"{Noun}当前状态为“{StateName(from)}”，不能执行“{ActionName(action)}”");
        }
        if (!t.Roles.Any(isInRole))
        {
            return new Outcome<TSubject>.Forbidden($"当前角色不能对该{Noun}执行“{ActionName(action)}”");
        }
        var errors = new FieldErrors();
        foreach (string field in t.RequiredFields)
        {
            if (!Has(input, field))
            {
                errors.Add(field, $"执行“{ActionName(action)}”须提供{FieldName(action, field)}");
            }
        }
        if (ReasonOf(input) is { Length: > WorkflowLimits.MaxReason })
        {
            errors.Add("reason", $"原因不能超过 {WorkflowLimits.MaxReason} 个字符");
        }
        if (errors.Any)
        {
            return new Outcome<TSubject>.Invalid(errors);
        }
        var move = new WorkflowMove<TSubject, TState, TAction, TInput>(subject, action, input, t, from, time.GetUtcNow(), isInRole, actorId, actorName,
            c => Db.Clocks.Include(k => k.Ledger).Include(k => k.Policy).Where(k => k.SubjectType == ClockSubjectType && k.SubjectId == subject.Id).ToListAsync(c))
        {
            Note = NoteOf(input),
            ClockReason = ReasonOf(input),
        };
        if (await BeforeAsync(move, ct) is { } refused)
        {
            return refused;
        }
        SetState(subject, t.Target(from, PreviousStateOf(subject)));
        await ApplyClocksAsync(move, ct);
        Append(subject, action.ToString(), t.Timeline, from, StateOf(subject), move.Now, actorId, actorName, TimelineNote(move), TimelineData(move));
        await AfterAsync(move, ct);
        return subject;
    }

    /// <summary>The refusal of a move the subject's state does not allow: 409 naming the state and the action.</summary>
    public static Outcome<TSubject> Conflict(TState state, TAction action, string detail) =>
        new Outcome<TSubject>.Conflict(detail, state.ToString(), action.ToString());

    public static Outcome<TSubject> Invalid(string field, string message) => new Outcome<TSubject>.Invalid(new FieldErrors().Add(field, message));

    /// <summary>
    /// Appends a timeline line (also lines outside the table: registration, links, urges…) and bumps
    /// the version token: every line is a change of the subject. The note is cut to <see cref="WorkflowLimits.MaxNote"/>.
    /// </summary>
    public void Append(TSubject subject, string action, string label, TState? from, TState? to, DateTimeOffset at, string? actorId, string? actorName, string? note, object? data)
    {
        subject.Version++;
        subject.UpdatedAt = at;
        AddEvent(subject, new TimelineLine<TState>(subject.Id, subject.Version, action, label, from, to, at, actorId, actorName,
            note is { Length: > WorkflowLimits.MaxNote } ? note[..WorkflowLimits.MaxNote] : note,
            data is null ? null : JsonSerializer.Serialize(data, WorkflowJson.Options)));
    }

    private async Task ApplyClocksAsync(WorkflowMove<TSubject, TState, TAction, TInput> move, CancellationToken ct)
    {
        if (move.Transition.Clocks.Count == 0)
        {
            return;
        }
        List<Clock> existing = await move.ClocksAsync(ct);
        string? actor = move.ActorName;
        foreach (ClockEffect e in move.Transition.Clocks)
        {
            List<Clock> targets = [.. existing.Where(k => Names(move, e.Clock, k))];
            switch (e.Op)
            {
                case ClockOp.Start or ClockOp.Rework:
                    if (PolicyOf(move, e.Clock) is { } policy)
                    {
                        // A clock that had run (met, breached or cancelled) and now starts again is said on the timeline.
                        if (targets.FirstOrDefault(k => k.Kind == policy) is { } before && (before.StoppedAt is not null || before.State == ClockState.Cancelled))
                        {
                            move.ClockChanges.Add(new ClockChange(before, e.Op));
                        }
                        Clock started = await StartClockAsync(move.Subject, policy, actor, ct);
                        if (!existing.Contains(started))
                        {
                            existing.Add(started);
                        }
                    }
                    break;
                case ClockOp.Stop:
                    // The ledger names the step that stopped the clock; the clock's view shows it.
                    foreach (Clock k in targets) { await Clocks.StopAsync(k, actor, ct, move.Transition.Timeline); }
                    break;
                case ClockOp.Cancel:
                    foreach (Clock k in targets.Where(k => k.StoppedAt is null && k.State != ClockState.Cancelled))
                    {
                        move.ClockChanges.Add(new ClockChange(k, ClockOp.Cancel));
                        await Clocks.CancelAsync(k, actor, move.ClockReason ?? move.Transition.Timeline, ct);
                    }
                    break;
                case ClockOp.Pause:
                    foreach (Clock k in targets) { await Clocks.PauseAsync(k, actor, move.ClockReason ?? move.Transition.Timeline, ct); }
                    break;
                case ClockOp.Resume:
                    foreach (Clock k in targets) { await Clocks.ResumeAsync(k, actor, ct); }
                    break;
                case ClockOp.Keep:
                    // Nothing changes on the ledger; the hand-off below gives the clocks to the new unit.
                    break;
                case ClockOp.Extend when move.Extension > 0:
                    foreach (Clock k in targets.Where(k => k.StoppedAt is null))
                    {
                        await Clocks.ExtendAsync(k, move.Extension, actor, actor ?? "system", move.ClockReason ?? "延期批准", ct);
                    }
                    break;
            }
        }
        if (ClocksFollowUnit && UnitOf(move.Subject) is { } unit)
        {
            foreach (Clock k in existing)
            {
                Clocks.Reassign(k, unit);
            }
        }
    }
}

/// <summary>Timeline data stays readable in Chinese in the database and on the wire.</summary>
public static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
