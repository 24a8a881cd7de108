using Chengguan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chengguan.Cases.Search;

/// <summary>
/// Keeps every case's search document in step with the case, inside the same SaveChanges: whatever
/// path writes a case through EF (intake, hotline, Open311, import, any move that edits it) writes
/// its document in the same transaction. Writes that bypass the change tracker must call
/// <see cref="DocumentFor"/> themselves (the 1M-case bench seeder does).
/// </summary>
public sealed class CaseSearchIndexer : SaveChangesInterceptor
{
    /// <summary>The case properties the document is made from.</summary>
    private static readonly string[] s_indexed =
    [
        nameof(Case.Number), nameof(Case.ExternalNumber), nameof(Case.CategoryCode), nameof(Case.Description), nameof(Case.Address), nameof(Case.Tags),
    ];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            await IndexAsync(db, cancellationToken);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
        {
            IndexAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public static string DocumentFor(Case c, CategoryNames? names) =>
        SearchText.Document(c.Number, c.ExternalNumber, names?.Big, names?.Small, c.Description, c.Address, c.Tags);

    private static async Task IndexAsync(AppDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        List<EntityEntry<Case>> changed = [.. db.ChangeTracker.Entries<Case>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && s_indexed.Any(p => e.Property(p).IsModified)))];
        if (changed.Count == 0)
        {
            return;
        }
        Dictionary<string, CategoryNames> names = await CategoryNames.OfAsync(db, changed.Select(e => e.Entity.CategoryCode), ct);
        Guid[] modified = [.. changed.Where(e => e.State == EntityState.Modified).Select(e => e.Entity.Id)];
        Dictionary<Guid, CaseSearchDocument> existing = modified.Length == 0 ? []
            : await db.CaseSearchDocuments.Where(d => modified.Contains(d.CaseId)).ToDictionaryAsync(d => d.CaseId, ct);
        foreach (Case c in changed.Select(e => e.Entity))
        {
            string text = DocumentFor(c, c.CategoryCode is { } code ? names.GetValueOrDefault(code) : null);
            if (existing.TryGetValue(c.Id, out CaseSearchDocument? doc))
            {
                doc.Text = text;
            }
            else
            {
                db.CaseSearchDocuments.Add(new CaseSearchDocument { CaseId = c.Id, Text = text });
            }
        }
    }

    /// <summary>
    /// Documents for cases that have none: cases written before search existed, found once after
    /// the migration that adds the index. Batches keep memory flat over a million cases.
    /// </summary>
    public static async Task<int> IndexMissingAsync(AppDbContext db, CancellationToken ct)
    {
        int total = 0;
        while (true)
        {
            List<Case> batch = await db.Cases.AsNoTracking().Where(c => !db.CaseSearchDocuments.Any(d => d.CaseId == c.Id))
                .OrderBy(c => c.Id).Take(2000).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }
            Dictionary<string, CategoryNames> names = await CategoryNames.OfAsync(db, batch.Select(c => c.CategoryCode), ct);
            db.CaseSearchDocuments.AddRange(batch.Select(c => new CaseSearchDocument
            {
                CaseId = c.Id,
                Text = DocumentFor(c, c.CategoryCode is { } code ? names.GetValueOrDefault(code) : null),
            }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            total += batch.Count;
        }
    }
}

/// <summary>The big and small class names of a category code in the current dictionary version.</summary>
public sealed record CategoryNames(string Big, string Small)
{
    public static async Task<Dictionary<string, CategoryNames>> OfAsync(AppDbContext db, IEnumerable<string?> codes, CancellationToken ct)
    {
        string[] wanted = [.. codes.OfType<string>().Distinct(StringComparer.Ordinal)];
        if (wanted.Length == 0)
        {
            return [];
        }
        string[] smalls = [.. wanted.Select(c => c.Length >= 4 ? c[^2..] : c)];
        var rows = await db.CategoryConditions.AsNoTracking()
            .Where(c => c.Version == db.CategoryConditions.Max(v => v.Version) && smalls.Contains(c.SmallCode))
            .Select(c => new { c.Kind, c.BigCode, c.SmallCode, c.BigName, c.SmallName })
            .Distinct().ToListAsync(ct);
        return rows.Select(r => (Code: Categories.Code(r.Kind, r.BigCode, r.SmallCode), Names: new CategoryNames(r.BigName, r.SmallName)))
            .Where(r => wanted.Contains(r.Code, StringComparer.Ordinal))
            .DistinctBy(r => r.Code)
            .ToDictionary(r => r.Code, r => r.Names, StringComparer.Ordinal);
    }
}
