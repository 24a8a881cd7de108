using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Notifications;

public enum OutboxState
{
    Pending,
    Delivered,
    Dead,
}

/// <summary>
/// Everything that leaves a use case (a warning to people, a reply to the hotline, a webhook) is
/// first written here in the same transaction as the change, then delivered at least once.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Topic { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset AvailableAt { get; set; }
    public int Attempts { get; set; }
    public OutboxState State { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>One message in a person's in-app inbox.</summary>
public sealed class Notification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string UserId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }
    public string? Topic { get; set; }
    public Guid? SourceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>Which app node runs a singleton background job on SQLite, until when.</summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class NotificationConfigurations :
    IEntityTypeConfiguration<OutboxMessage>, IEntityTypeConfiguration<Notification>, IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox");
        b.Property(m => m.Topic).HasMaxLength(64);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.HasIndex(m => new { m.State, m.AvailableAt });
    }

    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.UserId).HasMaxLength(64);
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.Body).HasMaxLength(2000);
        b.Property(n => n.Link).HasMaxLength(500);
        b.Property(n => n.Topic).HasMaxLength(64);
        b.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
        // Delivering an outbox message twice must not notify a person twice.
        b.HasIndex(n => new { n.SourceId, n.UserId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("job_leases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(64);
        b.Property(l => l.Holder).HasMaxLength(100);
    }
}
