namespace Chengguan.Infrastructure.Workflow;

/// <summary>What a transition does to one of the subject's clocks (through <see cref="Clocks.ClockService"/>).</summary>
public enum ClockOp
{
    /// <summary>Start the clock, or start it afresh if the subject already has one of that kind.</summary>
    Start,

    /// <summary>Stop a running clock: it is met or breached from here on.</summary>
    Stop,

    /// <summary>Cancel a running clock: it no longer counts for or against anyone.</summary>
    Cancel,
    Pause,
    Resume,

    /// <summary>Rework (返工/重办): restart or continue per the clock's policy.</summary>
    Rework,

    /// <summary>Add the approved extension (<see cref="WorkflowMove{TSubject, TState, TAction, TInput}.Extension"/>) to the clock.</summary>
    Extend,

    /// <summary>
    /// Leave the clock as it is (running, met or paused) and hand it to the subject's new unit: a
    /// redirect changes who answers, not when the answer is due.
    /// </summary>
    Keep,
}

/// <summary>What a move did to a clock that was running or had ended: cancelled it, or started it afresh.</summary>
public sealed record ClockChange(Clocks.Clock Clock, ClockOp Op);

/// <summary>One clock effect of a row; <see cref="Clock"/> is a name the capability resolves, or <see cref="WorkflowClocks.All"/>.</summary>
public readonly record struct ClockEffect(ClockOp Op, string Clock);

public static class WorkflowClocks
{
    /// <summary>Every clock of the subject.</summary>
    public const string All = "*";
}

/// <summary>
/// One row of a capability's transition table, as the engine reads it: from which state, by which
/// roles, with which required fields, what it does to the clocks and what the timeline line says.
/// A capability's row type adds its own columns (the case's route, the demolition's waiting windows
/// and documents).
/// </summary>
public interface IWorkflowTransition<TState, TAction>
    where TState : struct, Enum
    where TAction : struct, Enum
{
    TState From { get; }
    TAction Action { get; }
    IReadOnlyList<string> Roles { get; }
    IReadOnlyList<string> RequiredFields { get; }
    IReadOnlyList<ClockEffect> Clocks { get; }
    string Timeline { get; }

    /// <summary>The state after the move, given the current one and the one held before a suspension.</summary>
    TState Target(TState current, TState? previous);
}

/// <summary>What the engine needs of the moved entity: its key and the version token every timeline line bumps.</summary>
public interface IWorkflowSubject
{
    Guid Id { get; }
    int Version { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A timeline line as the engine made it (note cut to <see cref="WorkflowLimits.MaxNote"/>, data serialised); the capability stores it in its own event table.</summary>
public sealed record TimelineLine<TState>(
    Guid SubjectId, int Seq, string Action, string Label, TState? From, TState? To, DateTimeOffset At,
    string? ActorId, string? ActorName, string? Note, string? DataJson)
    where TState : struct, Enum;

public static class WorkflowLimits
{
    /// <summary>A move's reason (退单、挂起、撤销…).</summary>
    public const int MaxReason = 1000;

    /// <summary>A timeline line's note: longer notes (a reply, say) are cut, not refused.</summary>
    public const int MaxNote = 2000;
}
