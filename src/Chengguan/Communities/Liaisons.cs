using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Communities;

/// <summary>
/// The one way into the liaison register (一人一居), for the API and the console alike: the register per street, a
/// committee's history, assigning and changing (a change closes the previous row, never overwrites it), ending, and
/// the coverage report. Committees and people are Organisation's; a committee or row outside the caller's scope is
/// "not found". Keeping the register is for <see cref="CommunityRoles.Managers"/>.
/// </summary>
public sealed class Liaisons(AppDbContext db, People people, CurrentUser user, TimeProvider time, IConfiguration config)
{
    private const string NoCommittee = "居委会不存在";
    private const string NoAssignment = "联络员记录不存在";

    /// <summary>How many committees one officer may be the liaison of before the coverage report names them (setting Communities:MaxCommitteesPerOfficer).</summary>
    public int MaxPerOfficer => Math.Max(1, config.GetValue("Communities:MaxCommitteesPerOfficer", 3));

    /// <summary>The register: every committee in scope (of one street if given) with its active liaison and deputy.</summary>
    public async Task<List<CommitteeLiaisons>> RegisterAsync(Guid? streetId, CancellationToken ct)
    {
        List<CommitteeRef> committees = await CommunityDirectory.CommitteesAsync(db, await user.GetScopeAsync(ct), streetId, ct);
        Guid[] ids = [.. committees.Select(c => c.Id)];
        List<LiaisonAssignment> active = await db.LiaisonAssignments.AsNoTracking().Where(a => a.ValidTo == null && ids.Contains(a.CommitteeId)).ToListAsync(ct);
        // Overload counts every committee the officer covers, also those of other streets.
        HashSet<Guid> overloaded = [.. CommunityRules.Overloaded(await AllActiveAsync(ct), MaxPerOfficer).Select(o => o.PersonId)];
        Dictionary<Guid, (string Name, string? Badge)> names = await CommunityDirectory.PeopleAsync(db, active.Select(a => a.PersonId), ct);
        return [.. committees.Select(c =>
        {
            LiaisonAssignment? liaison = active.FirstOrDefault(a => a.CommitteeId == c.Id && a.Role == LiaisonRole.Liaison);
            LiaisonAssignment? deputy = active.FirstOrDefault(a => a.CommitteeId == c.Id && a.Role == LiaisonRole.Deputy);
            return new CommitteeLiaisons(c, Dto(liaison, names), Dto(deputy, names), liaison is null, liaison is not null && overloaded.Contains(liaison.PersonId));
        })];
    }

    /// <summary>A committee's whole history, newest first.</summary>
    public async Task<Outcome<List<LiaisonDto>>> HistoryAsync(Guid committeeId, CancellationToken ct)
    {
        if (!await CommunityDirectory.InScopeAsync(db, await user.GetScopeAsync(ct), committeeId, ct) || await CommunityDirectory.FindAsync(db, committeeId, ct) is null)
        {
            return new Outcome<List<LiaisonDto>>.NotFound(NoCommittee);
        }
        List<LiaisonAssignment> rows = await db.LiaisonAssignments.AsNoTracking().Where(a => a.CommitteeId == committeeId)
            .OrderByDescending(a => a.ValidFrom).ThenByDescending(a => a.RecordedAt).ToListAsync(ct);
        Dictionary<Guid, (string Name, string? Badge)> names = await CommunityDirectory.PeopleAsync(db, rows.Select(a => a.PersonId), ct);
        return rows.Select(a => Dto(a, names)!).ToList();
    }

    /// <summary>
    /// Assigns or changes a committee's liaison (or deputy). The request first, with the person it names (through
    /// Organisation's <see cref="People"/>: in the caller's scope and active, else a field error), then the committee of the
    /// address (in scope, else "not found"), the caller's role, then the register's rules (<see cref="CommunityRules.AssignRefusal"/>):
    /// a change names the row it replaces and closes it on the new row's first day.
    /// </summary>
    public async Task<Outcome<LiaisonDto>> AssignAsync(Guid committeeId, AssignLiaisonRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<LiaisonDto>.Invalid(errors);
        }
        if (await people.GetAsync(req.PersonId!.Value, ct) is not Outcome<PersonDto>.Done { Value: var person } || !person.Active)
        {
            return new Outcome<LiaisonDto>.Invalid(new FieldErrors().Add("personId", "人员不存在、已停用或不在本人管理范围内"));
        }
        DataScope scope = await user.GetScopeAsync(ct);
        if (!await CommunityDirectory.InScopeAsync(db, scope, committeeId, ct) || await CommunityDirectory.FindAsync(db, committeeId, ct) is null)
        {
            return new Outcome<LiaisonDto>.NotFound(NoCommittee);
        }
        if (!CommunityRoles.Manages(user.Principal))
        {
            return new Outcome<LiaisonDto>.Forbidden("只有街镇中队长、科长、局领导和管理员可以维护联络员名册");
        }
        LiaisonRole role = req.Role ?? LiaisonRole.Liaison;
        DateOnly from = req.ValidFrom ?? ShanghaiTime.Today(time);
        List<LiaisonAssignment> active = await db.LiaisonAssignments.Where(a => a.CommitteeId == committeeId && a.ValidTo == null).ToListAsync(ct);
        LiaisonAssignment? current = active.FirstOrDefault(a => a.Role == role);
        if (active.Any(a => a.Role != role && a.PersonId == person.Id))
        {
            return new Outcome<LiaisonDto>.Invalid(new FieldErrors().Add("personId", "同一人不能既是联络员又是副联络员"));
        }
        if (current is not null && current.PersonId == person.Id && req.Replaces == current.Id)
        {
            return new Outcome<LiaisonDto>.Invalid(new FieldErrors().Add("personId", "该人员已是本居委会的在任人员"));
        }
        if (CommunityRules.AssignRefusal(current?.Id, current?.ValidFrom, req.Replaces, from) is { } refusal)
        {
            return req.Replaces is not null && current is not null && req.Replaces == current.Id
                ? new Outcome<LiaisonDto>.Invalid(new FieldErrors().Add("validFrom", refusal))
                : new Outcome<LiaisonDto>.Conflict(refusal);
        }
        DateTimeOffset now = time.GetUtcNow();
        if (current is not null)
        {
            (current.ValidTo, current.EndReason, current.EndedAt, current.EndedBy) = (from, "更换", now, user.Name);
        }
        var row = new LiaisonAssignment { CommitteeId = committeeId, PersonId = person.Id, Role = role, ValidFrom = from, RecordedAt = now, RecordedBy = user.Name };
        db.LiaisonAssignments.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            // The filtered unique index: someone else assigned this committee's role meanwhile.
            return new Outcome<LiaisonDto>.Conflict("该居委会的联络员刚被他人更换，请刷新后重试");
        }
        return Dto(row, new() { [person.Id] = (person.Name, person.BadgeNumber) })!;
    }

    /// <summary>Ends an active assignment (the committee is then uncovered until someone is assigned); history stays.</summary>
    public async Task<Outcome<LiaisonDto>> EndAsync(Guid id, EndLiaisonRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<LiaisonDto>.Invalid(errors);
        }
        LiaisonAssignment? row = await db.LiaisonAssignments.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (row is null || !await CommunityDirectory.InScopeAsync(db, await user.GetScopeAsync(ct), row.CommitteeId, ct))
        {
            return new Outcome<LiaisonDto>.NotFound(NoAssignment);
        }
        if (!CommunityRoles.Manages(user.Principal))
        {
            return new Outcome<LiaisonDto>.Forbidden("只有街镇中队长、科长、局领导和管理员可以维护联络员名册");
        }
        if (row.ValidTo is not null)
        {
            return new Outcome<LiaisonDto>.Conflict("该记录已结束");
        }
        DateOnly to = req.ValidTo ?? ShanghaiTime.Today(time);
        if (to < row.ValidFrom)
        {
            return new Outcome<LiaisonDto>.Invalid(new FieldErrors().Add("validTo", "结束日期不能早于起始日期"));
        }
        (row.ValidTo, row.EndReason, row.EndedAt, row.EndedBy) = (to, req.Reason.Trim(), time.GetUtcNow(), user.Name);
        await db.SaveChangesAsync(ct);
        return Dto(row, await CommunityDirectory.PeopleAsync(db, [row.PersonId], ct))!;
    }

    /// <summary>The coverage report over the committees in scope (of one street if given).</summary>
    public async Task<LiaisonCoverage> CoverageAsync(Guid? streetId, CancellationToken ct)
    {
        List<CommitteeRef> committees = await CommunityDirectory.CommitteesAsync(db, await user.GetScopeAsync(ct), streetId, ct);
        List<ActiveLiaison> all = await AllActiveAsync(ct);
        HashSet<Guid> uncovered = [.. CommunityRules.Uncovered(committees.Select(c => c.Id), all)];
        HashSet<Guid> seen = [.. committees.Select(c => c.Id)];
        Dictionary<Guid, CommitteeRef> byId = committees.ToDictionary(c => c.Id);
        // An officer is named when one of their committees is in the caller's view; the count is over all of them.
        var overloaded = CommunityRules.Overloaded(all, MaxPerOfficer).Where(o => o.Committees.Any(seen.Contains)).ToList();
        Dictionary<Guid, (string Name, string? Badge)> names = await CommunityDirectory.PeopleAsync(db, overloaded.Select(o => o.PersonId), ct);
        Dictionary<Guid, CommitteeRef> others = [];
        foreach (Guid id in overloaded.SelectMany(o => o.Committees).Where(id => !byId.ContainsKey(id)).Distinct())
        {
            if (await CommunityDirectory.FindAsync(db, id, ct) is { } c)
            {
                others[id] = c;
            }
        }
        return new LiaisonCoverage(committees.Count, committees.Count - uncovered.Count, MaxPerOfficer,
            [.. committees.Where(c => uncovered.Contains(c.Id))],
            [.. overloaded.Select(o => new OverloadedOfficer(o.PersonId, names.GetValueOrDefault(o.PersonId).Name ?? "", o.Committees.Count,
                [.. o.Committees.Select(id => byId.GetValueOrDefault(id) ?? others.GetValueOrDefault(id)).OfType<CommitteeRef>()]))]);
    }

    /// <summary>The people in the caller's scope a manager may assign (the console's dialog), by name or badge text.</summary>
    public async Task<List<PersonChoice>> CandidatesAsync(string? q, CancellationToken ct) =>
        [.. (await people.ListAsync(null, q, false, null, 100, ct)).Items.Select(p => new PersonChoice(p.Id, p.Name, p.BadgeNumber, p.UnitName))];

    private async Task<List<ActiveLiaison>> AllActiveAsync(CancellationToken ct) =>
        await db.LiaisonAssignments.AsNoTracking().Where(a => a.ValidTo == null).Select(a => new ActiveLiaison(a.CommitteeId, a.PersonId, a.Role)).ToListAsync(ct);

    private static LiaisonDto? Dto(LiaisonAssignment? a, Dictionary<Guid, (string Name, string? Badge)> names) => a is null ? null
        : new LiaisonDto(a.Id, a.CommitteeId, a.PersonId, names.GetValueOrDefault(a.PersonId).Name ?? "", names.GetValueOrDefault(a.PersonId).Badge, a.Role,
            a.ValidFrom, a.ValidTo, a.EndReason, a.RecordedBy);
}
