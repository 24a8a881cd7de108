using Microsoft.AspNetCore.Http.HttpResults;

namespace Chengguan.Infrastructure;

/// <summary>
/// What an application service's method came to: one type for every caller. HTTP endpoints turn it
/// into a typed result or a problem document with <see cref="OutcomeHttp"/> (one mapping); console pages
/// read the same messages.
/// </summary>
public abstract record Outcome<T>
{
    private Outcome()
    {
    }

    public sealed record Done(T Value) : Outcome<T>;

    public sealed record Invalid(FieldErrors Errors) : Outcome<T>;

    public sealed record NotFound(string Detail) : Outcome<T>;

    /// <summary>The caller may not do this to a subject they can see (a subject outside their scope is <see cref="NotFound"/>).</summary>
    public sealed record Forbidden(string Detail) : Outcome<T>;

    /// <summary>
    /// The subject is not in a state that allows the action. When a workflow refused, <paramref name="State"/> and
    /// <paramref name="Action"/> are the machine values (enum names) a client can branch on; the person reads <paramref name="Detail"/>.
    /// </summary>
    public sealed record Conflict(string Detail, string? State = null, string? Action = null) : Outcome<T>;

    public static implicit operator Outcome<T>(T value) => new Done(value);

    /// <summary>The message to show a person, null when done.</summary>
    public string? Message => this switch
    {
        Invalid i => string.Join("；", i.Errors.ToDictionary().Values.SelectMany(m => m).Distinct()),
        NotFound n => n.Detail,
        Forbidden f => f.Detail,
        Conflict c => c.Detail,
        _ => null,
    };
}

public static class OutcomeHttp
{
    /// <summary>
    /// The one mapping from an outcome to HTTP: <paramref name="done"/> for the value (200, 201, a file…),
    /// and 400, 403, 404 or 409 problem documents for the rest.
    /// </summary>
    public static Results<TDone, ValidationProblem, ProblemHttpResult> ToHttp<T, TDone>(this Outcome<T> outcome, Func<T, TDone> done)
        where TDone : IResult => outcome switch
    {
        Outcome<T>.Done d => done(d.Value),
        Outcome<T>.Invalid i => Problems.Validation(i.Errors),
        Outcome<T>.NotFound n => Problems.NotFound(n.Detail),
        Outcome<T>.Forbidden f => Problems.Forbidden(f.Detail),
        Outcome<T>.Conflict { State: null, Action: null } c => Problems.Conflict(c.Detail),
        Outcome<T>.Conflict c => Problems.Conflict(c.Detail, new Dictionary<string, object?> { ["state"] = c.State, ["action"] = c.Action }),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    /// <summary>200 with the value.</summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this Outcome<T> outcome) => outcome.ToHttp(TypedResults.Ok);

    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> ToHttp<T>(this Task<Outcome<T>> outcome) => (await outcome).ToHttp();

    public static async Task<Results<TDone, ValidationProblem, ProblemHttpResult>> ToHttp<T, TDone>(this Task<Outcome<T>> outcome, Func<T, TDone> done)
        where TDone : IResult => (await outcome).ToHttp(done);

    /// <summary>201 with the value and the address of what was created.</summary>
    public static Task<Results<Created<T>, ValidationProblem, ProblemHttpResult>> ToCreated<T>(this Task<Outcome<T>> outcome, Func<T, string> location) =>
        outcome.ToHttp(v => TypedResults.Created(location(v), v));
}

public static class Outcomes
{
    /// <summary>
    /// A refusal (invalid, not found, forbidden, conflict) passed on by a caller that answers with another value:
    /// a move refused by the workflow becomes the refusal of the request for the case's detail, say.
    /// </summary>
    public static Outcome<TOther> Refusal<T, TOther>(this Outcome<T> refused) => refused switch
    {
        Outcome<T>.Invalid i => new Outcome<TOther>.Invalid(i.Errors),
        Outcome<T>.NotFound n => new Outcome<TOther>.NotFound(n.Detail),
        Outcome<T>.Forbidden f => new Outcome<TOther>.Forbidden(f.Detail),
        Outcome<T>.Conflict c => new Outcome<TOther>.Conflict(c.Detail, c.State, c.Action),
        _ => throw new InvalidOperationException("A done outcome is no refusal."),
    };
}
