using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Cases.Search;

/// <summary>
/// A case's text as search tokens (<see cref="SearchText.Document"/>): number, external number,
/// category names, description, address and tags; never the reporter. Written by
/// <see cref="CaseSearchIndexer"/> in the same save as the case. The integer key is what the
/// engines' full-text indexes point at: the FTS5 rowid on SQLite (AUTOINCREMENT, so never reused
/// or renumbered), the heap row of a GIN expression index on PostgreSQL.
/// </summary>
public sealed class CaseSearchDocument
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public required string Text { get; set; }
}

internal sealed class CaseSearchDocumentConfiguration : IEntityTypeConfiguration<CaseSearchDocument>
{
    public const string Table = "case_search";

    public void Configure(EntityTypeBuilder<CaseSearchDocument> b)
    {
        b.ToTable(Table);
        b.HasIndex(d => d.CaseId).IsUnique();
        b.HasOne<Case>().WithOne().HasForeignKey<CaseSearchDocument>(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
