using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Audit;

/// <summary>
/// Audit's front door: the trail as auditors read it (the API and the console's audit page) and the
/// chain check. The trail itself is written only by <see cref="AuditInterceptor"/>.
/// </summary>
public sealed class AuditTrail(AppDbContext db, CurrentUser user, Profiles profiles)
{
    /// <summary>The actions the interceptor writes: one per changed entity, and one per bulk write.</summary>
    public static readonly IReadOnlyList<string> Actions = ["create", "update", "delete", "batch"];

    public async Task<Outcome<AuditVerification>> VerifyAsync(CancellationToken ct) => await AuditChain.VerifyAsync(db, ct);

    /// <summary>The entity names the trail records (the CLR type names of audited entities, and "batch" for bulk writes), sorted.</summary>
    public IReadOnlyList<string> RecordedEntities() =>
        [.. db.Model.GetEntityTypes().Where(t => AuditInterceptor.IsAudited(t.ClrType)).Select(t => t.ClrType.Name).Append("batch").Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Readable names for the rows' keys, by (entity, key); keys not found (deleted rows, other composite keys) are left out.</summary>
    public Task<Dictionary<(string Entity, string Key), string>> NamesAsync(IEnumerable<AuditEntryDto> rows, CancellationToken ct) =>
        AuditSubjectNames.DescribeAsync(db, rows, ct);

    /// <summary>The people behind the rows, by sequence number: the recorded actor ids resolved by Identity (display names, integrations' names).</summary>
    public async Task<Dictionary<long, string>> ActorNamesAsync(IEnumerable<AuditEntryDto> rows, CancellationToken ct)
    {
        List<long> seqs = [.. rows.Select(r => r.Seq)];
        var actors = await db.AuditEntries.AsNoTracking().Where(a => seqs.Contains(a.Seq) && a.ActorId != null).Select(a => new { a.Seq, a.ActorId }).ToListAsync(ct);
        Dictionary<string, string> names = await profiles.NamesAsync(actors.Select(a => a.ActorId), ct);
        return actors.Where(a => names.ContainsKey(a.ActorId!)).ToDictionary(a => a.Seq, a => names[a.ActorId!]);
    }

    /// <summary>
    /// Names for the machine values inside the rows' recorded fields, by value: people behind logins and actor ids
    /// (through Identity's <see cref="Profiles"/>), categories by name, clocks by their policy's name. Values not
    /// found are left out: the page shows them as recorded.
    /// </summary>
    public async Task<Dictionary<string, string>> ValueNamesAsync(IEnumerable<AuditEntryDto> rows, CancellationToken ct)
    {
        List<AuditEntryDto> list = [.. rows];
        Dictionary<string, string> names = await AuditSubjectNames.ValuesAsync(db, list, ct);
        var logins = new List<string?>();
        var ids = new List<string?>();
        foreach (AuditEntryDto row in list)
        {
            foreach (Pages.AuditChange c in Pages.AuditDetails.Changes(row.Before, row.After))
            {
                (AuditSubjectNames.LoginFields.Contains(c.Field) ? logins : c.Field == "ActorId" ? ids : null)?.AddRange([c.Before, c.After]);
            }
        }
        foreach ((string key, string name) in await profiles.NamesByLoginAsync(logins, ct))
        {
            names[key] = name;
        }
        foreach ((string key, string name) in await profiles.NamesAsync(ids, ct))
        {
            names[key] = name;
        }
        return names;
    }

    /// <summary>
    /// Entries matching the filter, newest first, below the <paramref name="before"/> sequence number
    /// (the next page starts below the last one seen).
    /// Reporters' names and phone numbers in the recorded values are masked for roles that do not see them in full on the case either.
    /// </summary>
    public async Task<Outcome<List<AuditEntryDto>>> ListAsync(AuditFilter filter, long? before, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!string.IsNullOrEmpty(filter.Action) && !Actions.Contains(filter.Action))
        {
            errors.Add("action", "操作类型须为 " + string.Join("、", Actions));
        }
        if (filter is { From: { } f, To: { } t } && t <= f)
        {
            errors.Add("to", "结束时间须晚于开始时间");
        }
        if (errors.Any)
        {
            return new Outcome<List<AuditEntryDto>>.Invalid(errors);
        }
        IQueryable<AuditEntry> q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.Entity))
        {
            q = q.Where(a => a.Entity == filter.Entity);
        }
        if (!string.IsNullOrEmpty(filter.Key))
        {
            q = q.Where(a => a.EntityKey == filter.Key);
        }
        if (!string.IsNullOrEmpty(filter.Actor))
        {
            q = q.Where(a => a.ActorName == filter.Actor);
        }
        if (!string.IsNullOrEmpty(filter.Action))
        {
            q = q.Where(a => a.Action == filter.Action);
        }
        if (filter.From is { } from)
        {
            q = q.Where(a => a.At >= from);
        }
        if (filter.To is { } to)
        {
            q = q.Where(a => a.At < to);
        }
        if (before is { } b)
        {
            q = q.Where(a => a.Seq < b);
        }
        bool full = ReporterMask.SeeReporter.Any(user.Principal.IsInRole);
        List<AuditEntryDto> rows = await q.OrderByDescending(a => a.Seq).Take(Math.Clamp(limit ?? 100, 1, 1000))
            .Select(a => new AuditEntryDto(a.Seq, a.At, a.ActorName, a.Entity, a.EntityKey, a.Action, a.Before, a.After, a.Hash))
            .ToListAsync(ct);
        return rows.ConvertAll(a => a with { Before = ReporterMask.InChanges(a.Before, full), After = ReporterMask.InChanges(a.After, full) });
    }
}
