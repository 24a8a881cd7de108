using System.Globalization;
using Chengguan.Data;
using Chengguan.Demolition.Briefings;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Ui.Admin;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition.Pages;

/// <summary>The answer to a console move or form: done, or why not (a message and field errors, in Chinese as the API gives them).</summary>
public sealed record DemolitionFormResult(bool Done, string? Message = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    public static DemolitionFormResult From(FieldErrors errors) => new(false, null, AdminForms.From(errors));
}

/// <summary>
/// The console's reads and writes of the demolition ledger, tasks and briefings, each run in a scope
/// whose <see cref="CurrentUser"/> is the circuit's user and through the endpoints' own methods, so
/// scope, roles, validation and the procedure table apply exactly as over HTTP.
/// </summary>
public static class DemolitionConsole
{
    public const int PageSize = 20;

    private static CurrentUser User(IServiceProvider sp) => sp.GetRequiredService<CurrentUser>();

    private static AppDbContext Db(IServiceProvider sp) => sp.GetRequiredService<AppDbContext>();

    /// <summary>Streets (and the town) in the user's scope, for filters and forms.</summary>
    public static async Task<List<(Guid Id, string Name)>> StreetsAsync(IServiceProvider sp, CancellationToken ct)
    {
        DataScope scope = await User(sp).GetScopeAsync(ct);
        return [.. (await Db(sp).Units.AsNoTracking().InScope(scope).Where(u => u.Active && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town))
            .OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(ct)).Select(u => (u.Id, u.Name))];
    }

    public static async Task<(Page<LedgerItemSummary>? Page, IReadOnlyDictionary<string, string> Errors)> ListAsync(
        IServiceProvider sp, LedgerQuery query, string? cursor, CancellationToken ct)
    {
        (Page<LedgerItemSummary>? page, FieldErrors errors) = await LedgerEndpoints.ListAsync(query, PageSize, cursor, Db(sp), User(sp), ct);
        return (page, AdminForms.From(errors));
    }

    public static bool MayRegister(IServiceProvider sp) => LedgerEndpoints.MayRegister(User(sp));

    public static bool MayIssue(IServiceProvider sp) => TasksEndpoints.Issues(User(sp));

    /// <summary>Registers an item: the request's own attributes first (the API's messages), then the intake's rules.</summary>
    public static async Task<(LedgerItemDetail? Item, IReadOnlyDictionary<string, string> Errors)> CreateAsync(IServiceProvider sp, LedgerItemInput input, CancellationToken ct)
    {
        Dictionary<string, string> invalid = AdminForms.Validate(input);
        if (invalid.Count > 0)
        {
            return (null, invalid);
        }
        (LedgerItemDetail? item, FieldErrors errors) = await LedgerEndpoints.CreateAsync(input, sp.GetRequiredService<LedgerIntake>(), Db(sp), User(sp),
            sp.GetRequiredService<TimeProvider>(), ct);
        return (item, AdminForms.From(errors));
    }

    /// <summary>The item if it is in the user's scope; null otherwise (the page says "not found", as the API answers 404).</summary>
    public static Task<LedgerItemDetail?> LoadAsync(IServiceProvider sp, Guid id, CancellationToken ct) =>
        LedgerEndpoints.FindAsync(id, Db(sp), User(sp), sp.GetRequiredService<TimeProvider>(), ct);

    public static async Task<DemolitionFormResult> MoveAsync(IServiceProvider sp, Guid id, int version, DemolitionAction action, DemolitionActionInput input, CancellationToken ct)
    {
        Dictionary<string, string> invalid = AdminForms.Validate(input);
        if (invalid.Count > 0)
        {
            return new(false, null, invalid);
        }
        Outcome<LedgerItemDetail> outcome = await LedgerEndpoints.ActAsync(id, action, input, version, Db(sp), sp.GetRequiredService<DemolitionProcedure>(), User(sp),
            sp.GetRequiredService<TimeProvider>(), ct);
        return outcome switch
        {
            Outcome<LedgerItemDetail>.Done => new(true),
            Outcome<LedgerItemDetail>.Invalid i => DemolitionFormResult.From(i.Errors),
            _ => new(false, outcome.Message),
        };
    }

    public static async Task<List<TaskDto>> TasksAsync(IServiceProvider sp, CancellationToken ct) => (await TasksEndpoints.ListTasks(Db(sp), ct)).Value!;

    public static async Task<List<PlanDto>> PlansAsync(IServiceProvider sp, CancellationToken ct) => (await TasksEndpoints.ListPlans(Db(sp), ct)).Value!;

    public static async Task<ProgressReport?> TaskProgressAsync(IServiceProvider sp, Guid taskId, CancellationToken ct) =>
        await TasksEndpoints.TaskProgress(taskId, sp.GetRequiredService<ProgressQueries>(), User(sp), sp.GetRequiredService<TimeProvider>(), ct) is { Result: Ok<ProgressReport> ok }
            ? ok.Value : null;

    public static async Task<ProgressReport?> PlanProgressAsync(IServiceProvider sp, Guid planId, int year, CancellationToken ct) =>
        await TasksEndpoints.PlanProgress(planId, year, sp.GetRequiredService<ProgressQueries>(), User(sp), sp.GetRequiredService<TimeProvider>(), ct) is { Result: Ok<ProgressReport> ok }
            ? ok.Value : null;

    public static Task<DemolitionFormResult> CreateTaskAsync(IServiceProvider sp, TaskInput input, CancellationToken ct) =>
        SubmitAsync(ValidateWithRows(input, "targets", input.Targets), async () => (await TasksEndpoints.CreateTask(input, Db(sp), User(sp), sp.GetRequiredService<TimeProvider>(), ct)).Result);

    public static Task<DemolitionFormResult> CreatePlanAsync(IServiceProvider sp, PlanInput input, CancellationToken ct) =>
        SubmitAsync(ValidateWithRows(input, "targets", input.Targets), async () => (await TasksEndpoints.CreatePlan(input, Db(sp), User(sp), sp.GetRequiredService<TimeProvider>(), ct)).Result);

    /// <summary>The request's attributes and each row's, keyed as the API keys them (targets[i].field, commitments[i].field).</summary>
    public static Dictionary<string, string> ValidateWithRows<TRow>(object input, string name, IEnumerable<TRow>? rows) where TRow : notnull
    {
        Dictionary<string, string> invalid = AdminForms.Validate(input);
        foreach ((TRow row, int i) in (rows ?? []).Select((r, i) => (r, i)))
        {
            foreach ((string key, string message) in AdminForms.Validate(row))
            {
                invalid[$"{name}[{i}].{key}"] = message;
            }
        }
        return invalid;
    }

    public static async Task<List<BriefingSummary>> BriefingsAsync(IServiceProvider sp, string? basis, CancellationToken ct) =>
        (await BriefingsEndpoints.List(basis, Db(sp), ct)).Value!;

    public static async Task<DemolitionFormResult> GenerateBriefingAsync(IServiceProvider sp, BriefingInput input, CancellationToken ct) =>
        Outcome((await BriefingsEndpoints.Generate(input, sp.GetRequiredService<BriefingService>(), Db(sp), User(sp), ct)).Result);

    /// <summary>An endpoint's typed result as the console shows it: done, field errors, or the problem's detail.</summary>
    /// <summary>
    /// A form's request: its own attributes first (the API's messages, nothing run), then the endpoint's own
    /// handler, whose answer becomes the form's outcome. <paramref name="summarise"/> also puts the attribute
    /// errors in the message, for forms whose only field is a list of choices.
    /// </summary>
    public static Task<DemolitionFormResult> SubmitAsync(object input, Func<Task<IResult>> handler, bool summarise = false) =>
        SubmitAsync(AdminForms.Validate(input), handler, summarise);

    public static async Task<DemolitionFormResult> SubmitAsync(Dictionary<string, string> invalid, Func<Task<IResult>> handler, bool summarise = false) =>
        invalid.Count > 0 ? new(false, summarise ? string.Join("；", invalid.Values) : null, invalid) : Outcome(await handler());

    public static DemolitionFormResult Outcome(IResult result) => result switch
    {
        ValidationProblem v => new(false, null, AdminForms.From(v)),
        ProblemHttpResult p => new(false, p.ProblemDetails.Detail ?? p.ProblemDetails.Title),
        _ => new(true),
    };

    /// <summary>A rate (0.8125) as the tables show it (81.3%); none as a dash.</summary>
    public static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
