using System.Collections.Concurrent;
using Chengguan.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Chengguan.Identity;

/// <summary>What one sign-in attempt came to.</summary>
public enum SignInVerdict
{
    Succeeded,
    Failed,

    /// <summary>Too many recent failures from clients this account has never signed in from: try later (<see cref="SignInCheck.RetryAfter"/>).</summary>
    Throttled,

    /// <summary>The password was right, but the account is disabled; only said to whoever knows the password.</summary>
    Disabled,
}

public sealed record SignInCheck(SignInVerdict Verdict, AppUser? User, TimeSpan RetryAfter = default);

/// <summary>
/// Checks a user name and password for the console's form and the token endpoint, so that nobody
/// can lock a real user out. Failures from clients the account has never signed in from count per
/// account and slow those clients down progressively (30 s after the fifth, doubling to 15 min);
/// a client that has signed in to the account before carries a device cookie (OWASP's "device
/// cookies") and is not held back by strangers' failures; its own failures count against that
/// cookie, five of which make it a stranger again. The per-client budget (the sign-in rate limiter)
/// still applies to everyone. The account's counter lives in Identity's AccessFailedCount and
/// LockoutEnd columns, so every node sees it; device-cookie failures are counted per node.
/// </summary>
public sealed class SignInGuard(UserManager<AppUser> users, AppDbContext db, TimeProvider clock, DeviceCookies devices)
{
    public const int FreeFailures = 4;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(15);

    public async Task<SignInCheck> CheckAsync(string? userName, string? password, HttpContext http)
    {
        AppUser? user = string.IsNullOrWhiteSpace(userName) || userName.Length > 64 ? null : await users.FindByNameAsync(userName);
        if (user is null || string.IsNullOrEmpty(password) || password.Length > 128)
        {
            return new SignInCheck(SignInVerdict.Failed, null);
        }
        DateTimeOffset now = clock.GetUtcNow();
        bool known = devices.IsKnown(http, user.Id);
        if (!known && user.LockoutEnd is { } until && until > now)
        {
            // The password is not even checked: a throttled stranger learns nothing.
            return new SignInCheck(SignInVerdict.Throttled, user, until - now);
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            if (known)
            {
                devices.Failed(http);
            }
            else
            {
                user.AccessFailedCount++;
                user.LockoutEnd = Delay(user.AccessFailedCount) is { } delay ? now + delay : user.LockoutEnd;
                await db.SaveChangesAsync();
            }
            return new SignInCheck(SignInVerdict.Failed, user);
        }
        if (user.DisabledAt is not null)
        {
            return new SignInCheck(SignInVerdict.Disabled, user);
        }
        // A stranger's success clears the strangers' count; a known client's leaves it, so that an
        // attacker's count is not reset by its victim signing in at their own desk.
        if (!known && (user.AccessFailedCount != 0 || user.LockoutEnd is not null))
        {
            user.AccessFailedCount = 0;
            user.LockoutEnd = null;
            await db.SaveChangesAsync();
        }
        devices.Remember(http, user.Id);
        return new SignInCheck(SignInVerdict.Succeeded, user);
    }

    /// <summary>How long strangers wait after the given number of failures: nothing for the first four, then 30 s doubling to 15 min.</summary>
    public static TimeSpan? Delay(int failures)
    {
        if (failures <= FreeFailures)
        {
            return null;
        }
        int doublings = Math.Min(failures - FreeFailures - 1, 10);
        TimeSpan delay = FirstDelay * Math.Pow(2, doublings);
        return delay < LongestDelay ? delay : LongestDelay;
    }
}

/// <summary>
/// The device cookie: proof that this client has signed in to this account before (data-protected,
/// long-lived, HttpOnly). Five wrong passwords presented with it stop it counting as known on this node.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "chengguan.device";
    public const int FailuresAllowed = 5;
    private static readonly TimeSpan s_lifetime = TimeSpan.FromDays(180);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Chengguan.SignIn.Device").ToTimeLimitedDataProtector();
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public bool IsKnown(HttpContext http, string userId) =>
        Read(http) is { } cookie && cookie.UserId == userId && _failures.GetValueOrDefault(cookie.Nonce) < FailuresAllowed;

    public void Failed(HttpContext http)
    {
        if (Read(http) is { } cookie)
        {
            if (_failures.Count > 100_000)
            {
                _failures.Clear();
            }
            _failures.AddOrUpdate(cookie.Nonce, 1, (_, n) => n + 1);
        }
    }

    public void Remember(HttpContext http, string userId)
    {
        string nonce = Guid.NewGuid().ToString("N");
        string value = _protector.Protect(userId + "|" + nonce, clock.GetUtcNow() + s_lifetime);
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            IsEssential = true,
            MaxAge = s_lifetime,
        });
    }

    private (string UserId, string Nonce)? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out string? value) || string.IsNullOrEmpty(value) || value.Length > 2048)
        {
            return null;
        }
        try
        {
            string[] parts = _protector.Unprotect(value, out DateTimeOffset expires).Split('|');
            return parts.Length == 2 && expires > clock.GetUtcNow() ? (parts[0], parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
