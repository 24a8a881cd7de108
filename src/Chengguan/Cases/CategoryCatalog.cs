using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

public sealed record FilingConditionDto(string Code, string Condition, int LimitAmount, TimeLimitKind LimitKind, string ClosingCondition, string DisposalPolicy);
public sealed record CategoryDictionaryDto(int Version, IReadOnlyList<CategoryDto> Categories);
public sealed record CategoryDto(string Code, string Kind, string BigCode, string BigName, string SmallCode, string SmallName, IReadOnlyList<FilingConditionDto> Conditions);
public sealed record CategoryImportReport(bool DryRun, int Version, int Rows, int Categories);

/// <summary>
/// The one way into the event/component dictionary (事部件), for the API and the console alike: the
/// current version as every channel reads it, and the import that replaces it as a whole with a new
/// version (rows checked by <see cref="Categories.Parse"/>; any error writes nothing; the disposal clock
/// policies its limits need are added in the same save).
/// </summary>
public sealed class CategoryCatalog(AppDbContext db, TimeProvider time)
{
    /// <summary>The current version, small classes in code order with their filing conditions.</summary>
    public async Task<CategoryDictionaryDto> CurrentAsync(CancellationToken ct)
    {
        int version = await db.CategoryConditions.MaxAsync(c => (int?)c.Version, ct) ?? 0;
        List<CategoryCondition> rows = await db.CategoryConditions.AsNoTracking().Where(c => c.Version == version)
            .OrderBy(c => c.Kind).ThenBy(c => c.BigCode).ThenBy(c => c.SmallCode).ThenBy(c => c.ConditionCode).ToListAsync(ct);
        return new CategoryDictionaryDto(version, [.. rows.GroupBy(r => r.CategoryCode).Select(g =>
        {
            CategoryCondition first = g.First();
            return new CategoryDto(g.Key, first.Kind, first.BigCode, first.BigName, first.SmallCode, first.SmallName,
                [.. g.Select(r => new FilingConditionDto(r.ConditionCode, r.Condition, r.LimitAmount, r.LimitKind, r.ClosingCondition,
                    Categories.DisposalPolicyCode(r.LimitAmount, r.LimitKind)))]);
        })]);
    }

    /// <summary>
    /// A file the console holds (CSV or .xlsx, at most <see cref="Tabular.MaxUploadBytes"/>): read under the
    /// caps every import uses, a file that cannot be read a field error on <c>file</c>, then <see cref="ImportAsync(IReadOnlyList{TabularRow}, bool, CancellationToken)"/>.
    /// </summary>
    public async Task<Outcome<CategoryImportReport>> ImportAsync(byte[] content, bool dryRun, CancellationToken ct)
    {
        IReadOnlyList<TabularRow> rows;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            rows = Tabular.Read(stream, TabularLimits.Default);
        }
        catch (TabularException e)
        {
            return new Outcome<CategoryImportReport>.Invalid(new FieldErrors().Add("file", e.Message));
        }
        // As the upload reader (Tabular.ReadUploadAsync) answers a file with no data.
        return rows.Count == 0
            ? new Outcome<CategoryImportReport>.Invalid(new FieldErrors().Add("file", "文件中没有数据行"))
            : await ImportAsync(rows, dryRun, ct);
    }

    /// <summary>
    /// The rows of an import (POST /api/categories/import reads them with the upload reader): every row checked
    /// (errors named rows[N].field); <paramref name="dryRun"/> checks and counts without writing.
    /// </summary>
    public async Task<Outcome<CategoryImportReport>> ImportAsync(IReadOnlyList<TabularRow> rows, bool dryRun, CancellationToken ct)
    {
        int version = (await db.CategoryConditions.MaxAsync(c => (int?)c.Version, ct) ?? 0) + 1;
        (List<CategoryCondition> parsed, FieldErrors errors) = Categories.Parse(rows, version);
        if (errors.Any)
        {
            return new Outcome<CategoryImportReport>.Invalid(errors);
        }
        if (!dryRun)
        {
            db.CategoryConditions.AddRange(parsed);
            await Categories.EnsureDisposalPoliciesAsync(db, parsed, time.GetUtcNow(), ct);
            await db.SaveChangesAsync(ct);
        }
        return new CategoryImportReport(dryRun, dryRun ? version - 1 : version, parsed.Count, parsed.Select(p => p.CategoryCode).Distinct().Count());
    }
}
