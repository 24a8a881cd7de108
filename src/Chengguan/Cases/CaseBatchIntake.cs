using Chengguan.Cases.Search;
using Chengguan.Clocks;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

/// <summary>An order for <see cref="CaseBatchIntake.OpenManyAsync"/>: input that passed <see cref="CaseIntake.ValidateAsync"/>, and who delivered it.</summary>
public sealed record DeliveredOrder(CaseInput Input, string? ActorId, string ActorName)
{
    /// <summary>What makes a delivery the same order again (the unique index on channel and external number).</summary>
    public (CaseChannel Channel, string Number) Key => (Input.Channel!.Value, Input.ExternalNumber!.Trim());
}

/// <summary>The case of a delivered order, and whether this delivery opened it (false: an earlier one did).</summary>
public readonly record struct DeliveredCase(Case Case, bool Created);

/// <summary>
/// Opens many delivered orders at once, for a group commit (decision 0007, the hotline's
/// <c>HotlineIntakeQueue</c>): in one transaction it looks up every order number of the batch,
/// reserves a block of case numbers, opens each new case through <see cref="CaseIntake.OpenAsync(CaseInput, string?, string?, CancellationToken)"/>
/// (the same intake as every channel; clocks through <see cref="ClockService"/>), writes the rows
/// with <see cref="BulkWrite"/> and one chained audit entry per delivering account, adds the cases'
/// search documents and commits; then tells live screens (<see cref="CaseChanges"/>).
/// </summary>
/// <remarks>
/// Orders are idempotent on channel and external number: an order already in the database, or
/// delivered twice in the batch, gets the case the first delivery opened. A failure rolls back the
/// whole batch and is thrown; retrying (one by one) is the caller's policy. On SQLite the write
/// gate is taken here, since the caller is a background writer (<see cref="OwnWriterAttribute"/>).
/// </remarks>
public sealed class CaseBatchIntake(AppDbContext db, CaseIntake intake, CaseChanges changes, TimeProvider time, ILogger<CaseBatchIntake> logger)
{
    /// <param name="orders">Validated orders, each with a channel and an external number.</param>
    /// <param name="source">Names the batch in the audit trail ("hotline-intake: 12 张工单").</param>
    /// <returns>One answer per order, in the orders' order.</returns>
    public async Task<DeliveredCase[]> OpenManyAsync(IReadOnlyList<DeliveredOrder> orders, string source, CancellationToken ct)
    {
        if (orders.Any(o => o.Input.Channel is null || string.IsNullOrWhiteSpace(o.Input.ExternalNumber)))
        {
            throw new ArgumentException("Every order of a batch has a channel and an external number.", nameof(orders));
        }
        using IDisposable? gate = db.Provider == DatabaseProvider.Sqlite ? await SqliteWriteGate.EnterAsync(ct) : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        CaseChannel[] channels = [.. orders.Select(o => o.Key.Channel).Distinct()];
        string[] numbers = [.. orders.Select(o => o.Key.Number).Distinct()];
        // The channels are inlined (a batch has one or two): a parameterised list of them would hide the unique
        // index on (channel, external number) from SQLite's planner, and every batch would scan the cases.
        Dictionary<(CaseChannel, string), Case> known = (await db.Cases.AsNoTracking()
                .Where(c => EF.Constant(channels).Contains(c.Channel) && numbers.Contains(c.ExternalNumber!))
                .ToListAsync(ct))
            .ToDictionary(c => (c.Channel, c.ExternalNumber!));
        int fresh = orders.Select(o => o.Key).Distinct().Count(k => !known.ContainsKey(k));
        if (fresh > 0)
        {
            await intake.ReserveNumbersAsync(fresh, ct);
        }

        var opened = new DeliveredCase[orders.Count];
        // Saved per delivering account so the audit trail names who sent each order.
        foreach (var byActor in orders.Select((o, i) => (o, i)).GroupBy(x => (x.o.ActorId, x.o.ActorName)))
        {
            foreach ((DeliveredOrder o, int i) in byActor)
            {
                if (known.TryGetValue(o.Key, out Case? existing))
                {
                    opened[i] = new DeliveredCase(existing, false);
                    continue;
                }
                Case c = await intake.OpenAsync(o.Input, o.ActorId, o.ActorName, ct);
                known[o.Key] = c;
                opened[i] = new DeliveredCase(c, true);
            }
            await WriteAsync(byActor.Key, source, ct);
        }
        await tx.CommitAsync(ct);
        // Bulk rows pass no change interceptor: live screens (the workbench) hear of them here.
        try
        {
            changes.Publish([.. opened.Where(o => o.Created).Select(o => o.Case.Id)]);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A listener failed on news of new cases from {Source}", source);
        }
        return opened;
    }

    /// <summary>The case an order was delivered as, e.g. by another process that won the race for the unique index.</summary>
    public Task<Case?> FindDeliveredAsync(CaseChannel channel, string number, CancellationToken ct) =>
        db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Channel == channel && c.ExternalNumber == number, ct);

    /// <summary>
    /// Writes what the intakes added: as multi-row inserts with one chained audit entry for the
    /// batch (decision 0007), or, should an intake ever add another kind of row, through SaveChanges.
    /// </summary>
    private async Task WriteAsync((string? Id, string Name) actor, string source, CancellationToken ct)
    {
        List<object> added = [.. db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];
        if (added.Any(e => e is not (Case or CaseEvent) && !ClockService.IsStartRow(e)))
        {
            db.AuditActor = actor;
            await db.SaveChangesAsync(ct);
            return;
        }
        List<Case> cases = [.. added.OfType<Case>()];
        BulkWrite write = ClockService.InsertStarted(
            new BulkWrite(db, time).Insert(cases).Insert(added.OfType<CaseEvent>().ToList()),
            added);
        // From here the rows are the bulk write's: neither the audit entry's save nor a later group may insert them again.
        db.ChangeTracker.AcceptAllChanges();
        // The search documents the indexer would have written in SaveChanges (it no longer sees these
        // cases): added now, they are saved with the batch's audit entry, after the cases they point to.
        Dictionary<string, CategoryNames> names = await CategoryNames.OfAsync(db, cases.Select(c => c.CategoryCode), ct);
        db.CaseSearchDocuments.AddRange(cases.Select(c => new CaseSearchDocument
        {
            CaseId = c.Id,
            Text = CaseSearchIndexer.DocumentFor(c, c.CategoryCode is { } code ? names.GetValueOrDefault(code) : null),
        }));
        db.AuditActor = actor;
        await write.ExecuteAsync($"{source}: {cases.Count} 张工单", actor.Name, ct);
    }
}
