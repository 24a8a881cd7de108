using System.Security.Claims;
using Chengguan.Identity;
using Microsoft.AspNetCore.Authentication;

namespace Chengguan.Tests.Identity;

public sealed class CachingTicketFormatTests
{
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects { get; private set; }

        public string Protect(AuthenticationTicket data) => "t:" + data.Principal.Identity!.Name;

        public string Protect(AuthenticationTicket data, string? purpose) => Protect(data);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            return protectedText is ['t', ':', ..] ? new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, protectedText[2..])], "test")),
                new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UnixEpoch.AddYears(60) }, "test") : null;
        }
    }

    [Fact]
    public void A_token_is_unprotected_once_and_every_request_gets_its_own_principal()
    {
        var inner = new CountingFormat();
        var cache = new CachingTicketFormat(inner);
        AuthenticationTicket first = cache.Unprotect("t:dispatcher")!;
        AuthenticationTicket second = cache.Unprotect("t:dispatcher")!;
        Assert.Equal(1, inner.Unprotects);
        Assert.Equal("dispatcher", second.Principal.Identity!.Name);
        Assert.NotSame(first.Principal, second.Principal);
        Assert.NotSame(first.Properties, second.Properties);
        Assert.Equal(first.Properties.ExpiresUtc, second.Properties.ExpiresUtc);
    }

    [Fact]
    public void Garbage_is_never_cached_and_stays_invalid()
    {
        var inner = new CountingFormat();
        var cache = new CachingTicketFormat(inner);
        Assert.Null(cache.Unprotect("forged"));
        Assert.Null(cache.Unprotect("forged"));
        Assert.Equal(2, inner.Unprotects);
    }
}
