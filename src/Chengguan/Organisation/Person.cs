using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Organisation;

public sealed class Person
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>执法证号; staff without enforcement powers (dispatchers, clerks) have none.</summary>
    public string? BadgeNumber { get; set; }
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
    public Guid? PostId { get; set; }
    public Post? Post { get; set; }
    public string? Phone { get; set; }
    public bool Active { get; set; } = true;
    public bool IsDemo { get; set; }
}

/// <summary>A post (岗位) such as 中队长 or 执法队员.</summary>
public sealed class Post
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("people");
        b.Property(p => p.Name).HasMaxLength(50);
        b.Property(p => p.BadgeNumber).HasMaxLength(32);
        b.Property(p => p.Phone).HasMaxLength(32);
        b.HasIndex(p => p.BadgeNumber).IsUnique();
        b.HasIndex(p => new { p.UnitId, p.Name });
        b.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Post).WithMany().HasForeignKey(p => p.PostId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.ToTable("posts");
        b.Property(p => p.Code).HasMaxLength(32);
        b.Property(p => p.Name).HasMaxLength(50);
        b.HasIndex(p => p.Code).IsUnique();
    }
}
