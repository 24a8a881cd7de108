using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Guidance;

/// <summary>Who issues guidance: the bureau's leaders and sections (and the administrator).</summary>
public static class GuidanceRoles
{
    public static readonly string[] Issuers = [Roles.Admin, Roles.BureauLeader, Roles.SectionChief];
}

/// <summary>
/// Guidance's front door (业务指导), for the API and the console alike: issuing a note or ruling to street teams and squads,
/// the list and a unit's inbox, a note with each target's read confirmation, and a target unit's "已阅". District-wide roles
/// see every note; a unit's people see the notes sent to a unit of their scope; another's note answers 404.
/// </summary>
public sealed class GuidanceNotes(AppDbContext db, CurrentUser user, Units units, Profiles profiles, TimeProvider time)
{
    private const string Missing = "业务指导不存在";

    private bool IsIssuer => GuidanceRoles.Issuers.Any(user.Principal.IsInRole);

    /// <summary>What the issue form offers as targets: the active street teams and squads.</summary>
    public async Task<List<TargetChoice>> ChoicesAsync(CancellationToken ct) =>
        [.. (await units.ListAsync(UnitKind.StreetTeam, null, false, ct)).Concat(await units.ListAsync(UnitKind.Squad, null, false, ct))
            .OrderBy(u => u.Kind).ThenBy(u => u.Code, StringComparer.Ordinal).Select(u => new TargetChoice(u.Id, u.Name))];

    public async Task<Outcome<GuidanceDetail>> IssueAsync(GuidanceRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<GuidanceDetail>.Invalid(errors);
        }
        if (!IsIssuer)
        {
            return new Outcome<GuidanceDetail>.Forbidden("只有局领导、科室负责人或管理员可以下发业务指导");
        }
        HashSet<Guid> allowed = [.. (await ChoicesAsync(ct)).Select(c => c.Id)];
        Guid[] targets = req.TargetUnitIds!;
        var seen = new HashSet<Guid>();
        for (int i = 0; i < targets.Length; i++)
        {
            if (!allowed.Contains(targets[i]))
            {
                errors.Add($"targetUnitIds[{i}]", "下发单位须为在用的街镇城管中队或执法中队");
            }
            else if (!seen.Add(targets[i]))
            {
                errors.Add($"targetUnitIds[{i}]", "下发单位重复");
            }
        }
        if (errors.Any)
        {
            return new Outcome<GuidanceDetail>.Invalid(errors);
        }
        var note = new GuidanceNote
        {
            Title = req.Title!.Trim(), Kind = req.Kind!.Value, Body = req.Body!.Trim(), IssuedBy = (await profiles.MineAsync(ct)).DisplayName, IssuedAt = time.GetUtcNow(),
        };
        db.GuidanceNotes.Add(note);
        db.GuidanceTargets.AddRange(seen.Select(u => new GuidanceTarget { NoteId = note.Id, UnitId = u }));
        await db.SaveChangesAsync(ct);
        return await GetAsync(note.Id, ct);
    }

    /// <summary>The notes the caller sees, newest first.</summary>
    public async Task<List<GuidanceRow>> ListAsync(CancellationToken ct) => await RowsAsync(await VisibleAsync(ct), ct);

    /// <summary>The notes sent to the caller's own unit (or a unit above it), unconfirmed first.</summary>
    public async Task<List<GuidanceRow>> InboxAsync(CancellationToken ct)
    {
        Guid[] mine = await MyUnitChainAsync(ct);
        IQueryable<GuidanceNote> q = db.GuidanceNotes.Where(n => db.GuidanceTargets.Any(t => t.NoteId == n.Id && mine.Contains(t.UnitId)));
        return [.. (await RowsAsync(q, ct)).OrderBy(r => r.MineConfirmed == true).ThenByDescending(r => r.IssuedAt)];
    }

    public async Task<Outcome<GuidanceDetail>> GetAsync(Guid id, CancellationToken ct)
    {
        GuidanceNote? note = await (await VisibleAsync(ct)).AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (note is null)
        {
            return new Outcome<GuidanceDetail>.NotFound(Missing);
        }
        List<GuidanceTarget> targets = await db.GuidanceTargets.AsNoTracking().Where(t => t.NoteId == id).ToListAsync(ct);
        Dictionary<Guid, string> names = await units.NamesAsync(targets.Select(t => t.UnitId), ct);
        List<TargetStatus> statuses = [.. targets.Select(t => new TargetStatus(t.UnitId, names.GetValueOrDefault(t.UnitId, ""), t.ConfirmedAt, t.ConfirmedBy))
            .OrderBy(t => t.Unit, StringComparer.Ordinal)];
        Guid[] mine = await MyUnitChainAsync(ct);
        GuidanceTarget? my = targets.FirstOrDefault(t => mine.Contains(t.UnitId));
        return new GuidanceDetail(note.Id, note.Title, note.Kind, note.Body, note.IssuedBy, note.IssuedAt, statuses, [.. statuses.Where(s => s.ConfirmedAt is null)],
            my?.UnitId, my is { ConfirmedAt: null });
    }

    /// <summary>"已阅" for the caller's unit: a member of a target unit confirms once for the unit; who and when are recorded.</summary>
    public async Task<Outcome<GuidanceDetail>> ConfirmAsync(Guid id, CancellationToken ct)
    {
        if (!await (await VisibleAsync(ct)).AnyAsync(n => n.Id == id, ct))
        {
            return new Outcome<GuidanceDetail>.NotFound(Missing);
        }
        Guid[] mine = await MyUnitChainAsync(ct);
        GuidanceTarget? target = await db.GuidanceTargets.Where(t => t.NoteId == id && mine.Contains(t.UnitId)).FirstOrDefaultAsync(ct);
        if (target is null)
        {
            return new Outcome<GuidanceDetail>.Forbidden("只有下发单位的人员可以确认已阅");
        }
        if (target.ConfirmedAt is { } at)
        {
            return new Outcome<GuidanceDetail>.Conflict($"本单位已由{target.ConfirmedBy}于 {ShanghaiTime.Minutes(at)} 确认已阅");
        }
        (target.ConfirmedAt, target.ConfirmedBy, target.ConfirmedByUserId) = (time.GetUtcNow(), (await profiles.MineAsync(ct)).DisplayName, user.UserId);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<IQueryable<GuidanceNote>> VisibleAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        if (scope.DistrictWide)
        {
            return db.GuidanceNotes;
        }
        Guid[] inScope = [.. (await units.ListAsync(null, null, true, ct)).Select(u => u.Id)];
        return db.GuidanceNotes.Where(n => db.GuidanceTargets.Any(t => t.NoteId == n.Id && inScope.Contains(t.UnitId)));
    }

    /// <summary>The caller's own unit and the units above it (from its path): a note sent to any of them is the caller's to confirm.</summary>
    private async Task<Guid[]> MyUnitChainAsync(CancellationToken ct) =>
        [.. (await user.GetUnitPathAsync(ct)).Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.TryParseExact(s, "N", out Guid g) ? g : Guid.Empty)
            .Where(g => g != Guid.Empty)];

    private async Task<List<GuidanceRow>> RowsAsync(IQueryable<GuidanceNote> notes, CancellationToken ct)
    {
        Guid[] mine = await MyUnitChainAsync(ct);
        var rows = await notes.AsNoTracking().OrderByDescending(n => n.IssuedAt).Take(500).Select(n => new
        {
            n.Id, n.Title, n.Kind, n.IssuedBy, n.IssuedAt,
            Targets = db.GuidanceTargets.Count(t => t.NoteId == n.Id),
            Confirmed = db.GuidanceTargets.Count(t => t.NoteId == n.Id && t.ConfirmedAt != null),
            Mine = db.GuidanceTargets.Where(t => t.NoteId == n.Id && mine.Contains(t.UnitId)).Select(t => (DateTimeOffset?)t.ConfirmedAt).ToList(),
        }).ToListAsync(ct);
        return [.. rows.Select(r => new GuidanceRow(r.Id, r.Title, r.Kind, r.IssuedBy, r.IssuedAt, r.Targets, r.Confirmed,
            r.Mine.Count == 0 ? null : r.Mine.All(c => c is not null)))];
    }
}
