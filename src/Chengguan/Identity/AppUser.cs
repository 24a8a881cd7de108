using Chengguan.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Identity;

/// <summary>A sign-in account, linked to the person it belongs to.</summary>
public sealed class AppUser : IdentityUser
{
    public Guid? PersonId { get; set; }
    public Person? Person { get; set; }
    public required string DisplayName { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.HasOne(u => u.Person).WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.PersonId);
    }
}
