using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Ui.Components;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases.Pages;

/// <summary>A case on the workbench: what it is, its running clocks and what this user may do with it now.</summary>
public sealed record WorkItem(
    Guid Id, string Number, CaseRoute Route, CaseChannel Channel, string? ExternalNumber, CaseState State, Urgency Urgency, string Description,
    string? Address, string? GridCode, Guid? GridId, string? UnitName, DateTimeOffset ReportedAt, int Version, IReadOnlyList<ClockView> Clocks, IReadOnlyList<CaseAction> Actions,
    double? Lon, double? Lat);

public sealed record UnitOption(Guid Id, string Name, UnitKind Kind, bool Suggested);
public sealed record OfficerOption(Guid PersonId, string Name, Guid UnitId, bool OnGrid);

/// <summary>The answer to a move from the console: done, or why not (a message and field errors, in Chinese from the workflow).</summary>
public sealed record ConsoleMove(bool Done, string? Message = null, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// The console's reads and moves of cases, run in a scope whose <see cref="CurrentUser"/> is the
/// circuit's user: the same scope filter, workflow table and transitions as the HTTP API.
/// </summary>
public static class CaseConsole
{
    /// <summary>The queue shows the most urgent cases first; beyond this many the rest wait for the next reload.</summary>
    public const int QueueLimit = 500;

    /// <summary>The actions that put a case in someone's queue: the next step of either route, not the side paths.</summary>
    private static readonly HashSet<CaseAction> s_next =
    [
        CaseAction.Accept, CaseAction.CheckIn, CaseAction.RecordPreliminary, CaseAction.Handle, CaseAction.Reply, CaseAction.SubmitReply,
        CaseAction.Verify, CaseAction.File, CaseAction.Dispatch, CaseAction.FeedBack, CaseAction.Check, CaseAction.Close, CaseAction.Redeliver,
    ];

    /// <summary>Besides the next step, the workbench offers these where the user may take them.</summary>
    private static readonly HashSet<CaseAction> s_quick = [CaseAction.Return, CaseAction.Reassign, CaseAction.ApproveExtension, CaseAction.ApproveReply];

    /// <param name="field">The officer's phone page, which takes check-ins itself (position and photos).</param>
    /// <param name="only">Just these cases (those a change touched): the ones among them still in the queue.</param>
    public static async Task<List<WorkItem>> QueueAsync(IServiceProvider sp, CancellationToken ct, bool field = false, IReadOnlyCollection<Guid>? only = null)
    {
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        CurrentUser user = sp.GetRequiredService<CurrentUser>();
        Func<string, bool> inRole = user.Principal.IsInRole;
        List<Transition> mine = [.. CaseWorkflow.All.Where(t => t.Roles.Any(inRole))];
        CaseState[] next = [.. mine.Where(t => s_next.Contains(t.Action)).Select(t => t.From).Distinct()];
        CaseState[] extension = [.. mine.Where(t => t.Action == CaseAction.ApproveExtension).Select(t => t.From).Distinct()];
        CaseState[] reply = [.. mine.Where(t => t.Action == CaseAction.ApproveReply).Select(t => t.From).Distinct()];
        if (next.Length + extension.Length + reply.Length == 0)
        {
            return [];
        }
        DataScope scope = await user.GetScopeAsync(ct);
        IQueryable<Case> query = db.Cases.AsNoTracking().InScope(scope, db);
        if (only is not null)
        {
            Guid[] wanted = [.. only];
            query = query.Where(c => wanted.Contains(c.Id));
        }
        List<Case> cases = await query
            .Where(c => c.ParentId == null && (next.Contains(c.State)
                || (c.ExtensionRequested != null && extension.Contains(c.State)) || (c.PendingReply != null && reply.Contains(c.State))))
            // Most urgent first: the earliest due running clock, so that a long queue never hides the next breach.
            .OrderBy(c => db.Clocks.Where(k => k.SubjectType == CaseIntake.SubjectType && k.SubjectId == c.Id && k.StoppedAt == null
                    && k.State != ClockState.Cancelled && k.DueAt != null).Min(k => k.DueAt) ?? DateTimeOffset.MaxValue)
            .ThenBy(c => c.ReportedAt).Take(QueueLimit).ToListAsync(ct);
        var items = cases.Select(c => (Case: c, Actions: ActionsFor(c, inRole, onWorkbench: true, field)))
            .Where(x => x.Actions.Any(a => s_next.Contains(a) || a is CaseAction.ApproveExtension or CaseAction.ApproveReply)).ToList();
        Guid[] ids = [.. items.Select(x => x.Case.Id)];
        ILookup<Guid, ClockView> clocks = (await db.Clocks.AsNoTracking().Include(k => k.Policy)
            .Where(k => k.SubjectType == CaseIntake.SubjectType && ids.Contains(k.SubjectId) && k.StoppedAt == null && k.State != ClockState.Cancelled)
            .ToListAsync(ct)).ToLookup(k => k.SubjectId, ClockView.From);
        Dictionary<Guid, string> units = await UnitNamesAsync(db, items.Select(x => x.Case.UnitId), ct);
        return InQueueOrder(items.Select(x => Item(x.Case, clocks[x.Case.Id].OrderBy(k => k.DueAt).ToList(), units, x.Actions)));
    }

    /// <summary>
    /// A queue after a change: the touched cases replaced by their fresh rows (or dropped when they left the
    /// queue), the rest kept as they were (the same objects, so their rows need not render again).
    /// </summary>
    public static List<WorkItem> Merge(IReadOnlyList<WorkItem> queue, IReadOnlyCollection<Guid> touched, IReadOnlyList<WorkItem> fresh)
    {
        HashSet<Guid> gone = [.. touched];
        return [.. InQueueOrder(queue.Where(i => !gone.Contains(i.Id)).Concat(fresh)).Take(QueueLimit)];
    }

    /// <summary>The queue narrowed by what the dispatcher typed: case or hotline order number, address, grid, description.</summary>
    public static List<WorkItem> Matching(List<WorkItem> queue, string? text)
    {
        string find = text?.Trim() ?? "";
        return find.Length == 0 ? queue : [.. queue.Where(i => i.Number.Contains(find, StringComparison.OrdinalIgnoreCase)
            || (i.ExternalNumber?.Contains(find, StringComparison.OrdinalIgnoreCase) ?? false)
            || (i.Address?.Contains(find, StringComparison.Ordinal) ?? false)
            || (i.GridCode?.StartsWith(find, StringComparison.Ordinal) ?? false)
            || i.Description.Contains(find, StringComparison.Ordinal))];
    }

    private static List<WorkItem> InQueueOrder(IEnumerable<WorkItem> items) =>
        [.. items.OrderBy(i => i.Clocks.Where(k => k.DueAt is not null).Select(k => k.DueAt).Min() ?? DateTimeOffset.MaxValue).ThenBy(i => i.ReportedAt).ThenBy(i => i.Id)];

    /// <summary>What the user may do with the case now; on the workbench only the next step and the quick actions.</summary>
    public static List<CaseAction> ActionsFor(Case c, Func<string, bool> inRole, bool onWorkbench, bool field = false) =>
        [.. CaseWorkflow.Available(c.Route, c.State, inRole).Where(a => (!CaseForms.NotInConsole.Contains(a) || (field && a == CaseAction.CheckIn))
            && (!onWorkbench || s_next.Contains(a) || s_quick.Contains(a))
            && a switch
            {
                CaseAction.ApproveExtension or CaseAction.RejectExtension => c.ExtensionRequested is not null,
                CaseAction.RequestExtension => c.ExtensionRequested is null,
                CaseAction.ApproveReply or CaseAction.RejectReply => c.PendingReply is not null,
                _ => true,
            })];

    private static WorkItem Item(Case c, IReadOnlyList<ClockView> clocks, Dictionary<Guid, string> units, IReadOnlyList<CaseAction> actions) => new(
        c.Id, c.Number, c.Route, c.Channel, c.ExternalNumber, c.State, c.Urgency, c.Description, c.Address, c.GridCode, c.GridId,
        c.UnitId is { } u ? units.GetValueOrDefault(u) : null, c.ReportedAt, c.Version, clocks, actions, c.Lon, c.Lat);

    public static async Task<Dictionary<Guid, string>> UnitNamesAsync(AppDbContext db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        Guid[] wanted = [.. ids.OfType<Guid>().Distinct()];
        return wanted.Length == 0 ? [] : await db.Units.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    /// <summary>
    /// The units a case may be sent to (squads and street teams in the user's scope), the grid's
    /// responsible units first and marked, and their officers, the grid's own officers marked.
    /// </summary>
    public static async Task<(List<UnitOption> Units, List<OfficerOption> Officers)> DispatchOptionsAsync(IServiceProvider sp, Guid? gridId, CancellationToken ct)
    {
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        DataScope scope = await sp.GetRequiredService<CurrentUser>().GetScopeAsync(ct);
        List<Guid> responsible = gridId is { } g ? await db.Set<Grids.GridResponsibleUnit>().Where(r => r.GridId == g).Select(r => r.UnitId).ToListAsync(ct) : [];
        List<Guid> onGrid = gridId is { } h ? await db.Set<Grids.GridOfficer>().Where(o => o.GridId == h).Select(o => o.PersonId).ToListAsync(ct) : [];
        List<Unit> units = await db.Units.AsNoTracking().InScope(scope)
            .Where(u => u.Active && (u.Kind == UnitKind.Squad || u.Kind == UnitKind.StreetTeam)).OrderBy(u => u.SortOrder).ToListAsync(ct);
        // The grid's team first among the suggestions: it answers for the ground, the squads back it up.
        List<UnitOption> options = [.. units.Select(u => new UnitOption(u.Id, u.Name, u.Kind, responsible.Contains(u.Id)))
            .OrderByDescending(o => o.Suggested && o.Kind == UnitKind.StreetTeam).ThenByDescending(o => o.Suggested)];
        Guid[] unitIds = [.. units.Select(u => u.Id)];
        List<OfficerOption> officers = [.. (await db.People.AsNoTracking().Where(p => p.Active && unitIds.Contains(p.UnitId)).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.UnitId }).ToListAsync(ct)).Select(p => new OfficerOption(p.Id, p.Name, p.UnitId, onGrid.Contains(p.Id)))
            .OrderByDescending(o => o.OnGrid)];
        return (options, officers);
    }

    /// <summary>
    /// One move, one save, exactly as over HTTP; <paramref name="version"/> is the version the user
    /// looked at, so a case moved by someone else meanwhile is refused rather than moved twice.
    /// </summary>
    public static async Task<ConsoleMove> MoveAsync(IServiceProvider sp, Guid caseId, int version, CaseAction action, Dictionary<string, object?> body, CancellationToken ct)
    {
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        CurrentUser user = sp.GetRequiredService<CurrentUser>();
        Case? c = await db.Cases.InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return new(false, "案件不存在");
        }
        if (c.Version != version)
        {
            return new(false, "案件已被他人处理，请刷新后重试");
        }
        if (action == CaseAction.Callback && body.GetValueOrDefault("satisfaction") is "Dissatisfied")
        {
            action = CaseAction.Rehandle;
        }
        Outcome<Case> outcome = await sp.GetRequiredService<CaseTransitions>().ApplyAsync(c, action, CaseActionInput.From(body), user.Principal.IsInRole, user.UserId, user.Name, ct);
        if (outcome is not Outcome<Case>.Done)
        {
            return outcome is Outcome<Case>.Invalid invalid ? new(false, null, invalid.Errors.ToDictionary()) : new(false, outcome.Message);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new(false, "案件已被他人处理，请刷新后重试");
        }
        return new(true);
    }
}
