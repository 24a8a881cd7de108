using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

/// <summary>
/// Clocks' door for the policies other capabilities need: they name the limit, Clocks builds and stores the
/// policy. Policies are reference data, added once and never changed, so a missing one is the only case handled.
/// </summary>
public static class ClockPolicyCatalog
{
    /// <summary>
    /// Adds the disposal policies (处置时限) for <paramref name="limits"/> that the installation lacks to
    /// <paramref name="db"/>'s pending changes, so they commit with the caller's change (a category import, a filing).
    /// </summary>
    public static async Task EnsureDisposalAsync(AppDbContext db, IEnumerable<(int Amount, TimeLimitKind Kind)> limits, DateTimeOffset now, CancellationToken ct)
    {
        HashSet<string> existing = [.. await db.ClockPolicies.Where(p => p.Code.StartsWith("disposal.")).Select(p => p.Code).ToListAsync(ct)];
        existing.UnionWith(db.ClockPolicies.Local.Select(p => p.Code));
        foreach ((int amount, TimeLimitKind kind) in limits.Distinct())
        {
            if (existing.Add(ClockPolicies.DisposalCode(amount, kind)))
            {
                db.ClockPolicies.Add(ClockPolicies.Disposal(amount, kind, now));
            }
        }
    }

    /// <summary>
    /// A natural-day window of <paramref name="days"/> between two events, committed on its own when missing so that the
    /// clock engine (which reads policies from the database) finds it; a concurrent insert of the same code is harmless.
    /// Call it before changing anything else in the unit of work.
    /// </summary>
    public static Task<string> EnsureNaturalDaysAsync(AppDbContext db, string code, string name, string startEvent, string stopEvent, int days,
        DateTimeOffset now, CancellationToken ct) => EnsureDaysAsync(db, code, name, startEvent, stopEvent, days, TimeLimitKind.NaturalDays, now, ct);

    /// <summary>As <see cref="EnsureNaturalDaysAsync"/>, for natural or working days (the versioned calendar's).</summary>
    public static async Task<string> EnsureDaysAsync(AppDbContext db, string code, string name, string startEvent, string stopEvent, int days,
        TimeLimitKind kind, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.ClockPolicies.AnyAsync(p => p.Code == code, ct))
        {
            return code;
        }
        var policy = new ClockPolicy
        {
            Code = code, Name = name, StartEvent = startEvent, StopEvent = stopEvent,
            Kind = kind, Amount = days, Rework = ReworkMode.Restart, CreatedAt = now,
        };
        db.ClockPolicies.Add(policy);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            db.Entry(policy).State = EntityState.Detached;
        }
        return code;
    }
}
