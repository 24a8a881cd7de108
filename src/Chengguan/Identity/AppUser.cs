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

    /// <summary>
    /// Set by an administrator's reset: the temporary password was read off someone else's screen. Until
    /// the user changes it, the API answers only the password change and the console shows only that form.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// When the account was disabled: by an administrator, or because its person was deactivated. A
    /// disabled account cannot sign in, and disabling changes its security stamp, so that its tokens,
    /// cookies and open console tabs end within the revalidation interval.
    /// </summary>
    public DateTimeOffset? DisabledAt { get; set; }
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
