using Chengguan.Cases.Pages;
using Chengguan.Cases.Search;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Grids;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Ui.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Chengguan.Cases;

/// <summary>
/// The one way to read cases, for the API and the console alike: the list (filters, scope, full text,
/// keyset cursor; the console's list and its Excel export run the same query as GET /api/cases), a
/// case's detail (GET /api/cases/{id}, the console's detail page), the workbench queue, and what the
/// console's forms offer (dispatch targets, filter choices, report categories). Every read is limited to
/// the caller's scope (<see cref="CaseScope"/>); a case outside it is "not found".
/// </summary>
public sealed class CaseQueries(AppDbContext db, CaseIntake intake, CurrentUser user, TimeProvider time, Attachments attachments, Profiles profiles)
{
    /// <summary>The queue shows the most urgent cases first; beyond this many the rest wait for the next reload.</summary>
    public const int QueueLimit = 500;

    /// <summary>Rows of one Excel export of the list (newest first).</summary>
    public const int ExportLimit = 20_000;

    /// <summary>How many one-tap problems the report form offers.</summary>
    public const int CommonChoices = 6;

    /// <summary>The actions that put a case in someone's queue: the next step of either route, not the side paths.</summary>
    private static readonly HashSet<CaseAction> s_next =
    [
        CaseAction.Accept, CaseAction.CheckIn, CaseAction.RecordPreliminary, CaseAction.Handle, CaseAction.Reply, CaseAction.SubmitReply,
        CaseAction.Verify, CaseAction.File, CaseAction.Dispatch, CaseAction.FeedBack, CaseAction.Check, CaseAction.Close, CaseAction.Redeliver,
    ];

    /// <summary>Besides the next step, the workbench offers these where the user may take them.</summary>
    private static readonly HashSet<CaseAction> s_quick = [CaseAction.Return, CaseAction.Reassign, CaseAction.ApproveExtension, CaseAction.ApproveReply];

    /// <summary>Check-in needs the device (photos and position): only the officer's phone page offers it.</summary>
    private static readonly HashSet<CaseAction> s_notInConsole = [CaseAction.CheckIn];

    /// <summary>Offered first on the phone when the district has little history yet: the street problems officers meet most.</summary>
    private static readonly string[] s_usual = ["event:0503", "event:0107", "event:0201", "event:0101", "event:0102", "event:0204"];

    /// <summary>GET /api/cases: the filters of <see cref="CaseFilter"/>, newest first, one page after the cursor.</summary>
    public async Task<Outcome<Page<CaseSummary>>> SearchAsync(IQueryCollection query, CancellationToken ct)
    {
        CaseFilter.Parsed parsed = CaseFilter.Parse(query);
        if (parsed.Errors.Any)
        {
            return new Outcome<Page<CaseSummary>>.Invalid(parsed.Errors);
        }
        List<Case> rows = await (await FilteredAsync(parsed, ct)).Take(parsed.Limit + 1).ToListAsync(ct);
        string? next = rows.Count > parsed.Limit ? CaseFilter.Cursor(rows[parsed.Limit - 1]) : null;
        return new Page<CaseSummary>([.. rows.Take(parsed.Limit).Select(CaseMapping.Summary)], next);
    }

    /// <summary>The console's case list (a query string as the API takes it): the same search, each row with its street's and unit's names.</summary>
    public async Task<Outcome<Page<CaseRow>>> ListAsync(string query, CancellationToken ct)
    {
        Outcome<Page<CaseSummary>> found = await SearchAsync(new QueryCollection(QueryHelpers.ParseQuery(query)), ct);
        if (found is not Outcome<Page<CaseSummary>>.Done { Value: var page })
        {
            return found.Refusal<Page<CaseSummary>, Page<CaseRow>>();
        }
        return new Page<CaseRow>(await RowsAsync(page.Items, ct), page.Next);
    }

    /// <summary>The list's filters without its cursor and page size: up to <see cref="ExportLimit"/> rows, newest first, for the Excel export.</summary>
    public async Task<Outcome<List<CaseRow>>> ExportAsync(IQueryCollection query, CancellationToken ct)
    {
        CaseFilter.Parsed parsed = CaseFilter.Parse(new QueryCollection(new Dictionary<string, StringValues>(query.Where(q => q.Key is not ("after" or "limit")))));
        if (parsed.Errors.Any)
        {
            return new Outcome<List<CaseRow>>.Invalid(parsed.Errors);
        }
        List<Case> cases = await (await FilteredAsync(parsed, ct)).Take(ExportLimit).ToListAsync(ct);
        return await RowsAsync([.. cases.Select(CaseMapping.Summary)], ct);
    }

    private async Task<IQueryable<Case>> FilteredAsync(CaseFilter.Parsed parsed, CancellationToken ct)
    {
        IQueryable<Case> q = CaseFilter.Apply(db.Cases.AsNoTracking().InScope(await user.GetScopeAsync(ct), db), parsed, db);
        // The text goes through the full-text index (decision 0006).
        if (parsed.Terms.Count > 0)
        {
            q = await CaseTextSearch.ApplyAsync(q, parsed.Terms, db, ct);
        }
        return q.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id);
    }

    private async Task<List<CaseRow>> RowsAsync(IReadOnlyList<CaseSummary> cases, CancellationToken ct)
    {
        Dictionary<Guid, string> names = await UnitNamesAsync(db, cases.SelectMany(c => new[] { c.StreetId, c.UnitId }), ct);
        return [.. cases.Select(c => new CaseRow(c, c.StreetId is { } s ? names.GetValueOrDefault(s) : null, c.UnitId is { } u ? names.GetValueOrDefault(u) : null))];
    }

    /// <summary>
    /// The states of cases another capability opened and linked (a committee's problems, Communities): number, state and
    /// whether the case has its answer (<see cref="HasAnswer"/>). Not scoped: the linking capability decides who sees its
    /// link, and this tells no more than the number and the state.
    /// </summary>
    public async Task<Dictionary<Guid, LinkedCaseState>> LinkedStatesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        Guid[] wanted = [.. ids.Distinct()];
        var rows = await db.Cases.AsNoTracking().Where(c => wanted.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.State, c.UpdatedAt }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new LinkedCaseState(r.Id, r.Number, r.State, HasAnswer(r.State), r.UpdatedAt));
    }

    /// <summary>
    /// A case has its answer once the handling came back (grid loop: 反馈 and after; hotline: 答复 and after) or it ended
    /// without a result of its own (作废, 撤单, 合并 — the reporter is told so).
    /// </summary>
    public static bool HasAnswer(CaseState state) => state is CaseState.FedBack or CaseState.Checked or CaseState.Closed or CaseState.Evaluated
        or CaseState.Replied or CaseState.Voided or CaseState.Withdrawn or CaseState.Merged;

    /// <summary>GET /api/cases/{id}: the case with its clocks, timeline, the actions the caller may take and, for staff, merge candidates.</summary>
    public async Task<Outcome<CaseDetail>> GetAsync(Guid id, CancellationToken ct)
    {
        Case? c = await db.Cases.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? new Outcome<CaseDetail>.NotFound("案件不存在") : await DetailAsync(c, ct);
    }

    /// <summary>The department dictionary in its order (inactive ones too, marked, so old tags still read).</summary>
    public async Task<List<CaseDepartmentDto>> DepartmentsAsync(CancellationToken ct) =>
        await db.CaseDepartments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Code).Select(d => new CaseDepartmentDto(d.Code, d.Name, d.Active)).ToListAsync(ct);

    /// <summary>
    /// For the district report: the caller's cases tagged with a department in [from, to), counted per department in the
    /// database (one GROUP BY over the partial index on the tag), with up to <paramref name="examples"/> of each, earliest first.
    /// Nothing but the counts and the examples is loaded.
    /// </summary>
    public async Task<List<DepartmentCases>> DepartmentCasesAsync(DateTimeOffset from, DateTimeOffset to, int examples, CancellationToken ct)
    {
        IQueryable<Case> tagged = db.Cases.AsNoTracking().InScope(await user.GetScopeAsync(ct), db)
            .Where(c => c.DepartmentCode != null && c.DepartmentAt >= from && c.DepartmentAt < to);
        Dictionary<string, int> counts = await tagged.GroupBy(c => c.DepartmentCode!).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var result = new List<DepartmentCases>();
        foreach (CaseDepartmentDto d in await DepartmentsAsync(ct))
        {
            if (!counts.TryGetValue(d.Code, out int n))
            {
                continue;
            }
            var rows = await tagged.Where(c => c.DepartmentCode == d.Code).OrderBy(c => c.DepartmentAt).ThenBy(c => c.Id).Take(examples)
                .Select(c => new { c.Number, c.StreetId, c.Address, c.DepartmentAt }).ToListAsync(ct);
            Dictionary<Guid, string> names = await UnitNamesAsync(db, rows.Select(r => r.StreetId), ct);
            result.Add(new DepartmentCases(d.Code, d.Name, n,
                [.. rows.Select(r => new DepartmentCaseExample(r.Number, r.StreetId is { } s ? names.GetValueOrDefault(s) : null, r.Address, r.DepartmentAt!.Value))]));
        }
        return result;
    }

    /// <summary>The console's detail page: the API's detail, the names of the street and unit, the evidence, and the actions the page offers.</summary>
    public async Task<Outcome<CaseView>> ViewAsync(Guid id, CancellationToken ct)
    {
        Case? c = await db.Cases.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return new Outcome<CaseView>.NotFound("案件不存在");
        }
        CaseDetail detail = await DetailAsync(c, ct);
        EvidenceList evidence = await attachments.ListForCaseAsync(id, ct) is Outcome<EvidenceList>.Done found ? found.Value : new EvidenceList([], []);
        Dictionary<Guid, string> names = await UnitNamesAsync(db, [c.StreetId, c.UnitId], ct);
        // People by their names, not their logins: the timeline's actor ids resolved by Identity.
        var actors = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id && e.ActorId != null).Select(e => new { e.Seq, e.ActorId }).ToListAsync(ct);
        Dictionary<string, string> people = await profiles.NamesAsync(actors.Select(a => a.ActorId), ct);
        Dictionary<int, string> actorNames = actors.Where(a => people.ContainsKey(a.ActorId!)).ToDictionary(a => a.Seq, a => people[a.ActorId!]);
        (string? category, string? condition) = await CategoryNamesAsync(c.CategoryCode, c.ConditionCode, ct);
        return new CaseView(detail, c.StreetId is { } s ? names.GetValueOrDefault(s) : null, c.UnitId is { } u ? names.GetValueOrDefault(u) : null,
            evidence, ActionsFor(c, user.Principal.IsInRole, onWorkbench: false, held: await HeldUnitsAsync(ct)), c.GridId, category, condition, actorNames);
    }

    /// <summary>A category code as people name it (占道经营（街面秩序）) and its filing condition's text, from any version of the dictionary, the newest first.</summary>
    private async Task<(string? Category, string? Condition)> CategoryNamesAsync(string? categoryCode, string? conditionCode, CancellationToken ct)
    {
        if (categoryCode is null)
        {
            return (null, null);
        }
        int colon = categoryCode.IndexOf(':', StringComparison.Ordinal);
        string kind = colon < 0 ? "" : categoryCode[..colon], rest = categoryCode[(colon + 1)..];
        List<CategoryCondition> rows = await db.CategoryConditions.AsNoTracking().Where(r => r.Kind == kind && r.BigCode + r.SmallCode == rest)
            .OrderByDescending(r => r.Version).ToListAsync(ct);
        CategoryCondition? small = rows.FirstOrDefault(r => r.CategoryCode == categoryCode);
        CategoryCondition? filing = conditionCode is null ? null : rows.FirstOrDefault(r => r.CategoryCode == categoryCode && r.ConditionCode == conditionCode);
        return (small is null ? null : $"{small.SmallName}（{small.BigName}）", filing?.Condition);
    }

    /// <summary>A loaded case as the API answers it; also the answer to an opening or a move (<see cref="CaseCommands"/>).</summary>
    internal async Task<CaseDetail> DetailAsync(Case c, CancellationToken ct)
    {
        // The ledger says why a clock stopped or waits (ClockView.EndingOf).
        List<Clock> clocks = await db.Clocks.AsNoTracking().Include(k => k.Policy).Include(k => k.Ledger)
            .Where(k => k.SubjectType == CaseIntake.SubjectType && k.SubjectId == c.Id).AsSplitQuery().ToListAsync(ct);
        List<CaseEvent> events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == c.Id).ToListAsync(ct);
        // Merge candidates matter while a case is open and not yet merged; a closed case needs none. They
        // are a staff tool: a machine client would see other integrations' cases among them.
        List<Case> similar = c.ParentId is null && CaseWorkflow.IsOpen(c.Route, c.State) && user.Integration is null ? await intake.SimilarAsync(c, ct) : [];
        CaseDetail detail = CaseMapping.Detail(c, clocks, events, similar, user.Principal.IsInRole, time.GetUtcNow());
        if (c.DepartmentCode is { } code)
        {
            detail = detail with { Department = await db.CaseDepartments.AsNoTracking().Where(d => d.Code == code).Select(d => d.Name).FirstOrDefaultAsync(ct) };
        }
        HashSet<Guid>? held = await HeldUnitsAsync(ct);
        return held is null ? detail : detail with { AvailableActions = [.. detail.AvailableActions.Where(a => MayOffer(a, c, held))] };
    }

    /// <summary>
    /// The units at or under the user's own unit when the user may redirect only what their unit holds
    /// (<see cref="CaseWorkflow.HolderOnly"/>, a squad's or street team's leader); null when that rule does not bind them.
    /// The door refuses such a redirect; the pages and the API's list of actions do not offer it.
    /// </summary>
    private async Task<HashSet<Guid>?> HeldUnitsAsync(CancellationToken ct)
    {
        if (!CaseWorkflow.HolderOnly(CaseAction.Reassign, user.Principal.IsInRole))
        {
            return null;
        }
        string own = await user.GetUnitPathAsync(ct);
        return own.Length == 0 ? [] : await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(own)).Select(u => u.Id).ToHashSetAsync(ct);
    }

    private static bool MayOffer(CaseAction action, Case c, HashSet<Guid>? held) =>
        action != CaseAction.Reassign || held is null || (c.UnitId is { } unit && held.Contains(unit));

    /// <summary>
    /// The user's queue: cases whose next step (or a pending extension or reply approval) is theirs, the most
    /// urgent first. <paramref name="field"/>: the officer's phone page, which takes check-ins itself (position
    /// and photos). <paramref name="only"/>: just these cases (those a change touched), the ones among them still in the queue.
    /// </summary>
    public async Task<List<WorkItem>> QueueAsync(bool field, IReadOnlyCollection<Guid>? only, CancellationToken ct)
    {
        Func<string, bool> inRole = user.Principal.IsInRole;
        List<Transition> mine = [.. CaseWorkflow.All.Where(t => t.Roles.Any(inRole))];
        CaseState[] next = [.. mine.Where(t => s_next.Contains(t.Action)).Select(t => t.From).Distinct()];
        CaseState[] extension = [.. mine.Where(t => t.Action == CaseAction.ApproveExtension).Select(t => t.From).Distinct()];
        CaseState[] reply = [.. mine.Where(t => t.Action == CaseAction.ApproveReply).Select(t => t.From).Distinct()];
        if (next.Length + extension.Length + reply.Length == 0)
        {
            return [];
        }
        IQueryable<Case> query = db.Cases.AsNoTracking().InScope(await user.GetScopeAsync(ct), db);
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
        HashSet<Guid>? held = await HeldUnitsAsync(ct);
        var items = cases.Select(c => (Case: c, Actions: ActionsFor(c, inRole, onWorkbench: true, field, held)))
            .Where(x => x.Actions.Any(a => s_next.Contains(a) || a is CaseAction.ApproveExtension or CaseAction.ApproveReply)).ToList();
        Guid[] ids = [.. items.Select(x => x.Case.Id)];
        // A paused clock shows why it waits: its pause lines only.
        ILookup<Guid, ClockView> clocks = (await db.Clocks.AsNoTracking().Include(k => k.Policy).Include(k => k.Ledger.Where(l => l.Type == LedgerType.Pause))
            .Where(k => k.SubjectType == CaseIntake.SubjectType && ids.Contains(k.SubjectId) && k.StoppedAt == null && k.State != ClockState.Cancelled)
            .ToListAsync(ct)).ToLookup(k => k.SubjectId, ClockView.From);
        Dictionary<Guid, string> units = await UnitNamesAsync(db, items.Select(x => x.Case.UnitId), ct);
        return InQueueOrder(items.Select(x => Item(x.Case, clocks[x.Case.Id].OrderBy(k => k.DueAt).ToList(), units, x.Actions)));
    }

    /// <summary>The queue's order: the earliest due clock first, then the oldest report.</summary>
    public static List<WorkItem> InQueueOrder(IEnumerable<WorkItem> items) =>
        [.. items.OrderBy(i => i.Clocks.Where(k => k.DueAt is not null).Select(k => k.DueAt).Min() ?? DateTimeOffset.MaxValue).ThenBy(i => i.ReportedAt).ThenBy(i => i.Id)];

    /// <summary>What the user may do with the case now; on the workbench only the next step and the quick actions.</summary>
    private static List<CaseAction> ActionsFor(Case c, Func<string, bool> inRole, bool onWorkbench, bool field = false, HashSet<Guid>? held = null) =>
        [.. CaseWorkflow.Available(c.Route, c.State, inRole).Where(a => (!s_notInConsole.Contains(a) || (field && a == CaseAction.CheckIn))
            && (!onWorkbench || s_next.Contains(a) || s_quick.Contains(a))
            && MayOffer(a, c, held)
            && a switch
            {
                CaseAction.ApproveExtension or CaseAction.RejectExtension => c.ExtensionRequested is not null,
                CaseAction.RequestExtension => c.ExtensionRequested is null,
                CaseAction.ApproveReply or CaseAction.RejectReply => c.PendingReply is not null,
                _ => true,
            })];

    private static WorkItem Item(Case c, IReadOnlyList<ClockView> clocks, Dictionary<Guid, string> units, IReadOnlyList<CaseAction> actions) => new(
        c.Id, c.Number, c.Route, c.Channel, c.ExternalNumber, c.State, c.Urgency, c.Description, c.Address, c.GridCode, c.GridId,
        c.UnitId is { } u ? units.GetValueOrDefault(u) : null, c.ReportedAt, c.Version, clocks, actions, c.Lon, c.Lat,
        c.CategoryCode, c.ConditionCode);

    /// <summary>The names of units by id (streets and handling units of cases), for lists that show them.</summary>
    internal static async Task<Dictionary<Guid, string>> UnitNamesAsync(AppDbContext db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        Guid[] wanted = [.. ids.OfType<Guid>().Distinct()];
        return wanted.Length == 0 ? [] : await db.Units.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    /// <summary>
    /// The units a case may be sent to (every active squad and street team), the grid's
    /// responsible units first and marked, and their officers, the grid's own officers marked.
    /// </summary>
    public async Task<(List<UnitOption> Units, List<OfficerOption> Officers)> DispatchOptionsAsync(Guid? gridId, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        List<Guid> responsible = gridId is { } g ? await db.Set<GridResponsibleUnit>().Where(r => r.GridId == g).Select(r => r.UnitId).ToListAsync(ct) : [];
        List<Guid> onGrid = gridId is { } h ? await db.Set<GridOfficer>().Where(o => o.GridId == h).Select(o => o.PersonId).ToListAsync(ct) : [];
        // Every active squad and street team, not only those in the user's scope: a squad's leader redirects a case
        // to another unit (改派), which lies outside their own subtree. Their officers are listed as far as the scope goes.
        List<Unit> units = await db.Units.AsNoTracking()
            .Where(u => u.Active && (u.Kind == UnitKind.Squad || u.Kind == UnitKind.StreetTeam)).OrderBy(u => u.SortOrder).ToListAsync(ct);
        // The grid's team first among the suggestions: it answers for the ground, the squads back it up.
        List<UnitOption> options = [.. units.Select(u => new UnitOption(u.Id, u.Name, u.Kind, responsible.Contains(u.Id)))
            .OrderByDescending(o => o.Suggested && o.Kind == UnitKind.StreetTeam).ThenByDescending(o => o.Suggested)];
        Guid[] unitIds = [.. units.Select(u => u.Id)];
        List<OfficerOption> officers = [.. (await db.People.AsNoTracking().InScope(scope).Where(p => p.Active && unitIds.Contains(p.UnitId)).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.UnitId }).ToListAsync(ct)).Select(p => new OfficerOption(p.Id, p.Name, p.UnitId, onGrid.Contains(p.Id)))
            .OrderByDescending(o => o.OnGrid)];
        return (options, officers);
    }

    /// <summary>Streets (and the town) and handling units the user may filter the list by: those in scope.</summary>
    public async Task<(List<(Guid Id, string Name)> Streets, List<(Guid Id, string Name)> Units)> ChoicesAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        var units = await db.Units.AsNoTracking().InScope(scope).Where(u => u.Active).OrderBy(u => u.SortOrder)
            .Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync(ct);
        return ([.. units.Where(u => u.Kind is UnitKind.Street or UnitKind.Town).Select(u => (u.Id, u.Name))],
            [.. units.Where(u => u.Kind is UnitKind.Squad or UnitKind.StreetTeam or UnitKind.Section).Select(u => (u.Id, u.Name))]);
    }

    /// <summary>
    /// The report form's categories: every small class of the current dictionary in code order, and the
    /// problems offered as one-tap choices on the phone, what patrols reported most in the last 90 days
    /// topped up with the usual street problems.
    /// </summary>
    public async Task<ReportChoices> ReportChoicesAsync(CancellationToken ct)
    {
        var rows = await db.CategoryConditions.AsNoTracking()
            .Where(c => c.Version == db.CategoryConditions.Max(v => v.Version))
            .Select(c => new { c.Kind, c.BigCode, c.SmallCode, c.SmallName, c.BigName }).Distinct().ToListAsync(ct);
        List<CategoryChoice> all = [.. rows.Select(r => new CategoryChoice(Categories.Code(r.Kind, r.BigCode, r.SmallCode), r.SmallName, r.BigName))
            .DistinctBy(r => r.Code).OrderBy(r => r.Code, StringComparer.Ordinal)];
        DateTimeOffset since = time.GetUtcNow().AddDays(-90);
        List<string> frequent = await db.Cases.AsNoTracking()
            .Where(c => c.CategoryCode != null && c.ReportedAt >= since && (c.Channel == CaseChannel.Patrol || c.Channel == CaseChannel.GridInspector))
            .GroupBy(c => c.CategoryCode!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(CommonChoices).Select(g => g.Key).ToListAsync(ct);
        Dictionary<string, CategoryChoice> byCode = all.ToDictionary(c => c.Code, StringComparer.Ordinal);
        return new ReportChoices(all, [.. frequent.Concat(s_usual).Distinct(StringComparer.Ordinal)
            .Select(code => byCode.GetValueOrDefault(code)).OfType<CategoryChoice>().Take(CommonChoices)]);
    }
}
