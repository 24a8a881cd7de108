using System.Runtime.CompilerServices;
using System.Security.Claims;
using Chengguan.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Chengguan.Identity;

/// <summary>
/// Accounts' current security stamps, kept for a short time. A stamp changes when a password is
/// changed or reset and when roles change; <see cref="SecurityStampEviction"/> drops the account's
/// entry on this node the moment such a change is saved, other nodes see it within <see cref="Lifetime"/>.
/// </summary>
public sealed class SecurityStampCache(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdentityOptions> identity)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ExpiringCache<string?> _stamps = new(scopes, clock, Lifetime, 20_000);

    /// <summary>The account's stamp now; null when the account no longer exists.</summary>
    public Task<string?> CurrentAsync(string userId, CancellationToken ct) =>
        _stamps.GetAsync(userId, (db, id, c) => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefaultAsync(c), ct);

    public void Evict(string userId) => _stamps.Evict(userId);

    /// <summary>
    /// Whether the stamp a sign-in carries is still the account's (the bearer check and the console's
    /// revalidation); null when the principal carries no stamp to compare.
    /// </summary>
    public async Task<bool?> MatchesAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        string? claimed = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        string? userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return claimed is null || userId is null ? null : string.Equals(await CurrentAsync(userId, ct), claimed, StringComparison.Ordinal);
    }
}

/// <summary>Evicts the cached stamp of every account a save changes or deletes, before and after the save.</summary>
public sealed class SecurityStampEviction(SecurityStampCache cache) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<string>> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // Identity's store marks an account Modified itself, and the audit interceptor before this one has
        // detected changes already: a third pass over a large save (the seeder's) would be waste.
        bool detect = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        List<string> ids;
        try
        {
            ids = [.. context.ChangeTracker.Entries<AppUser>().Where(e => e.State is EntityState.Modified or EntityState.Deleted).Select(e => e.Entity.Id)];
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        if (ids.Count > 0)
        {
            // Evicted now too: a request reading the stamp during the save must not keep the old one for long.
            ids.ForEach(cache.Evict);
            _pending.AddOrUpdate(context, ids);
        }
    }

    private void Release(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out List<string>? ids))
        {
            // After the commit, so that the next request reads the stamp the save wrote.
            ids.ForEach(cache.Evict);
            _pending.Remove(context);
        }
    }
}

/// <summary>
/// Refuses a bearer token issued before the account's stamp last changed. Identity checks bearer
/// tokens only at refresh, so a token outlived a password reset or a role taken away by up to its
/// eight hours; an administrator expects the old credentials to stop working now. Runs as the bearer
/// handler's message-received event, so a stale token is an authentication failure (401, the client
/// signs in again) and not a 403. Cookies are left to Identity's own stamp validator (every minute,
/// see IdentitySetup), which also deletes the cookie, so that signing out with a stale one still works.
/// </summary>
public sealed class SecurityStampCheck(SecurityStampCache stamps)
{
    public async Task CheckAsync(MessageReceivedContext context)
    {
        string header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        // An unreadable or expired token is left to the handler, which refuses it as before.
        if (context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim()) is not { } ticket)
        {
            return;
        }
        if (await stamps.MatchesAsync(ticket.Principal, context.HttpContext.RequestAborted) is false)
        {
            context.Fail("The account's password or roles changed after this token was issued.");
        }
    }
}
