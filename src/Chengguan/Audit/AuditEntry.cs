using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Audit;

/// <summary>
/// One change to one entity. Rows are only ever appended; each carries the SHA-256 of its own
/// content and of the previous row, so any later edit or deletion breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public required string Entity { get; set; }
    public required string EntityKey { get; set; }
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public required string PrevHash { get; set; }
    public string Hash { get; set; } = "";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public string ComputeHash()
    {
        var sb = new StringBuilder(256);
        sb.Append(Seq.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(At.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(ActorId).Append('\n')
            .Append(ActorName).Append('\n')
            .Append(Entity).Append('\n')
            .Append(EntityKey).Append('\n')
            .Append(Action).Append('\n')
            .Append(Before).Append('\n')
            .Append(After).Append('\n')
            .Append(PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.HasKey(a => a.Seq);
        b.Property(a => a.Seq).ValueGeneratedNever();
        b.Property(a => a.ActorId).HasMaxLength(64);
        b.Property(a => a.ActorName).HasMaxLength(100);
        b.Property(a => a.Entity).HasMaxLength(100);
        b.Property(a => a.EntityKey).HasMaxLength(200);
        b.Property(a => a.Action).HasMaxLength(20);
        b.Property(a => a.PrevHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.HasIndex(a => new { a.Entity, a.EntityKey });
        // The audit page's other filters: one actor's rows newest first (keyset on Seq), and a span of days.
        b.HasIndex(a => new { a.ActorName, a.Seq });
        b.HasIndex(a => a.At);
    }
}
