using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Notifications;

/// <summary>
/// Which app node runs a singleton background job (the clock sweep on SQLite, where there is no row locking to share the work) until when: the job_leases rows
/// are written only here. A lease is taken when free or expired, renewed by its holder, and lost when another node
/// holds it; two nodes racing for a new lease insert the same key and one of them loses.
/// </summary>
public static class JobLeases
{
    public static async Task<bool> TryHoldAsync(AppDbContext db, string name, string holder, DateTimeOffset now, TimeSpan length, CancellationToken ct)
    {
        DateTimeOffset until = now + length;
        int updated = await db.JobLeases.Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (updated == 1)
        {
            return true;
        }
        if (await db.JobLeases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }
        var lease = new JobLease { Name = name, Holder = holder, ExpiresAt = until };
        try
        {
            db.JobLeases.Add(lease);
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            db.Entry(lease).State = EntityState.Detached;
            return false;
        }
    }
}
