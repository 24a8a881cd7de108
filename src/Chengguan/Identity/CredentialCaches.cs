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
/// Rows read from the database by a string key and kept for a fixed time, so that a credential's
/// check does not query the database on every request. The node that changes a row evicts it at
/// once; other nodes see the change within the lifetime.
/// </summary>
public sealed class ExpiringCache<TValue>(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan lifetime, int capacity)
{
    private sealed record Entry(TValue Value, DateTimeOffset FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<TValue> GetAsync(string key, Func<AppDbContext, string, CancellationToken, Task<TValue>> read, CancellationToken ct)
    {
        DateTimeOffset now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out Entry? entry) && now - entry.FetchedAt < lifetime)
        {
            return entry.Value;
        }
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        TValue value = await read(scope.ServiceProvider.GetRequiredService<AppDbContext>(), key, ct);
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
        _entries[key] = new Entry(value, now);
        return value;
    }

    public void Evict(string key) => _entries.TryRemove(key, out _);
}

/// <summary>
/// API keys by prefix. A revocation evicts the key on this node at once and reaches other nodes
/// within <see cref="Lifetime"/>.
/// </summary>
public sealed class ApiKeyCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ExpiringCache<ApiKey?> _keys = new(scopes, clock, Lifetime, 10_000);

    public Task<ApiKey?> FindAsync(string prefix, CancellationToken ct) =>
        _keys.GetAsync(prefix, (db, p, c) => db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == p, c), ct);

    public void Evict(string prefix) => _keys.Evict(prefix);
}
