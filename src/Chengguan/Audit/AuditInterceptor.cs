using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using NetTopologySuite.Geometries;

namespace Chengguan.Audit;

/// <summary>
/// Writes one hash-chained <see cref="AuditEntry"/> per changed entity, in the same transaction as
/// the change. The chain needs the previous row's hash, so writers are serialised: an advisory
/// transaction lock on PostgreSQL, and SQLite's own write lock (EF opens IMMEDIATE transactions).
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock, IHttpContextAccessor http) : SaveChangesInterceptor
{
    private const long ChainLockKey = 310106_0001;

    // Values that are secrets or derived from them never enter the audit trail.
    private static readonly HashSet<string> s_redacted = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "SecretHash",
    };

    // Key material is a secret and audit rows are never deleted, so data-protection keys stay out;
    // delivery plumbing (outbox, inbox read marks, job leases) records no business fact of its own:
    // the change that produced a message is audited with it. A case's search document is derived
    // from the case, which is audited.
    private static readonly HashSet<Type> s_notAudited =
    [
        typeof(Cases.Search.CaseSearchDocument),
        typeof(AuditEntry), typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey),
        typeof(Notifications.OutboxMessage), typeof(Notifications.Notification), typeof(Notifications.JobLease),
        // An evaluation's answer sheets are anonymous by construction: a trail row written in the ballot's save would
        // put the points beside the rater's ballot (same actor, same moment). The ballot itself is audited, without points.
        typeof(Evaluation.EvaluationAnswer),
        // The KPI rollups are counts derived from the cases, clocks and timelines, which are audited (decision 0012).
        typeof(Kpis.Rollups.KpiRollup), typeof(Kpis.Rollups.KpiHandlerRollup),
    ];

    /// <summary>Whether changes to entities of this type are written to the trail (the audit page offers only these).</summary>
    public static bool IsAudited(Type entityType) => !s_notAudited.Contains(entityType);

    private IDbContextTransaction? _ownTransaction;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            await AppendAsync(db, cancellationToken);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
        {
            AppendAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_ownTransaction is { } tx)
        {
            _ownTransaction = null;
            await tx.CommitAsync(cancellationToken);
            await tx.DisposeAsync();
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (_ownTransaction is { } tx)
        {
            _ownTransaction = null;
            tx.Commit();
            tx.Dispose();
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (_ownTransaction is { } tx)
        {
            _ownTransaction = null;
            await tx.RollbackAsync(CancellationToken.None);
            await tx.DisposeAsync();
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (_ownTransaction is { } tx)
        {
            _ownTransaction = null;
            tx.Rollback();
            tx.Dispose();
        }
    }

    private async Task AppendAsync(AppDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !s_notAudited.Contains(e.Metadata.ClrType))
            .ToList();
        if (changed.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            _ownTransaction = await db.Database.BeginTransactionAsync(ct);
        }
        (long seq, string prev) = await ChainHeadAsync(db, ct);
        DateTimeOffset at = Now(clock);
        ClaimsPrincipal? user = http.HttpContext?.User;
        string? actorId = user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? (user?.Identity?.IsAuthenticated == true ? null : "system");
        string? actorName = user?.Identity?.IsAuthenticated == true ? user.Identity.Name : "system";
        if (db.AuditActor is { } acting)
        {
            (actorId, actorName) = acting;
        }

        foreach (EntityEntry e in changed)
        {
            var entry = new AuditEntry
            {
                Seq = ++seq,
                At = at,
                ActorId = actorId,
                ActorName = actorName,
                Entity = e.Metadata.ClrType.Name,
                EntityKey = KeyOf(e),
                Action = e.State switch
                {
                    EntityState.Added => "create",
                    EntityState.Deleted => "delete",
                    _ => "update",
                },
                Before = e.State == EntityState.Added ? null : Snapshot(e, original: true),
                After = e.State == EntityState.Deleted ? null : Snapshot(e, original: false),
                PrevHash = prev,
            };
            entry.Hash = entry.ComputeHash();
            prev = entry.Hash;
            db.AuditEntries.Add(entry);
        }
    }

    /// <summary>Locks the chain for this transaction and reads its last sequence number and hash.</summary>
    private static async Task<(long Seq, string Hash)> ChainHeadAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", ct);
        }
        var last = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Seq)
            .Select(a => new { a.Seq, a.Hash })
            .FirstOrDefaultAsync(ct);
        return (last?.Seq ?? 0, last?.Hash ?? AuditEntry.GenesisHash);
    }

    // PostgreSQL keeps microseconds; truncate so the hashed instant survives the round trip.
    private static DateTimeOffset Now(TimeProvider clock)
    {
        long ticks = clock.GetUtcNow().UtcTicks;
        return new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
    }

    /// <summary>One chained entry for rows written outside the change tracker (<see cref="Data.BulkWrite"/>), in the caller's transaction.</summary>
    internal static async Task AppendBatchEntryAsync(AppDbContext db, TimeProvider time, string label, string? actorName, string summary, CancellationToken ct)
    {
        (long seq, string prev) = await ChainHeadAsync(db, ct);
        var entry = new AuditEntry
        {
            Seq = seq + 1, At = Now(time), ActorId = db.AuditActor?.Id ?? "system", ActorName = actorName ?? "system",
            Entity = "batch", EntityKey = label.Length > 200 ? label[..200] : label, Action = "batch", After = summary, PrevHash = prev,
        };
        entry.Hash = entry.ComputeHash();
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
    }

    private static string KeyOf(EntityEntry e)
    {
        var key = e.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return "";
        }
        return string.Join("|", key.Properties.Select(p =>
        {
            PropertyEntry pe = e.Property(p.Name);
            return pe.IsTemporary ? "?" : Format(pe.CurrentValue);
        }));
    }

    private static string Snapshot(EntityEntry e, bool original)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            foreach (PropertyEntry p in e.Properties)
            {
                string name = p.Metadata.Name;
                if (s_redacted.Contains(name))
                {
                    continue;
                }
                object? value = original ? p.OriginalValue : p.CurrentValue;
                if (value is null)
                {
                    w.WriteNull(name);
                }
                else
                {
                    w.WriteString(name, Format(value));
                }
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        Geometry g => g.AsText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
