using System.Collections.Concurrent;
using Chengguan.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chengguan.Identity;

/// <summary>
/// Remembers recently unprotected bearer tokens. Unprotecting (AES + HMAC + ticket parsing) was
/// the largest cost of a point lookup; a token string always unprotects to the same ticket, and
/// the handler still checks expiry on every request, so a cached ticket is as good as a fresh one.
/// </summary>
internal sealed class CachingTicketFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    private const int Capacity = 20_000;
    private readonly ConcurrentDictionary<string, AuthenticationTicket> _cache = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        if (!_cache.TryGetValue(protectedText, out AuthenticationTicket? ticket))
        {
            ticket = inner.Unprotect(protectedText);
            if (ticket is null)
            {
                return null;
            }
            if (_cache.Count >= Capacity)
            {
                _cache.Clear();
            }
            _cache[protectedText] = ticket;
        }
        // Each request gets its own principal, so nothing a request does to it leaks into another.
        return new AuthenticationTicket(ticket.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);
    }

    internal sealed class Setup : IPostConfigureOptions<BearerTokenOptions>
    {
        public void PostConfigure(string? name, BearerTokenOptions options)
        {
            if (options.BearerTokenProtector is not CachingTicketFormat)
            {
                options.BearerTokenProtector = new CachingTicketFormat(options.BearerTokenProtector);
            }
        }
    }
}

/// <summary>
/// API keys by prefix, kept for a short time so that a machine client's every request does not
/// query the database. A revocation evicts the key on this node at once and reaches other nodes
/// within <see cref="Lifetime"/>.
/// </summary>
public sealed class ApiKeyCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private sealed record Entry(ApiKey? Key, DateTimeOffset FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<ApiKey?> FindAsync(string prefix, CancellationToken ct)
    {
        DateTimeOffset now = clock.GetUtcNow();
        if (_entries.TryGetValue(prefix, out Entry? entry) && now - entry.FetchedAt < Lifetime)
        {
            return entry.Key;
        }
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        ApiKey? key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, ct);
        if (_entries.Count > 10_000)
        {
            _entries.Clear();
        }
        _entries[prefix] = new Entry(key, now);
        return key;
    }

    public void Evict(string prefix) => _entries.TryRemove(prefix, out _);
}
