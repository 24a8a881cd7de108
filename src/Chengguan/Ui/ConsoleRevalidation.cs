using Chengguan.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Chengguan.Ui;

/// <summary>
/// A console tab keeps its circuit, and the user it was opened with, for as long as it stays open;
/// the cookie's own check never runs again. Every <see cref="RevalidationInterval"/> the circuit's
/// security stamp is compared with the account's (the same 30-second cache the bearer check reads,
/// evicted on this node when the account is saved), so a reset password or a role taken away ends an
/// open console within a minute: the page says the sign-in has ended, and nothing more runs as that user.
/// </summary>
internal sealed class ConsoleRevalidation(ILoggerFactory logs, SecurityStampCache stamps, IConfiguration config)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(config.GetValue("Security:ConsoleRevalidateSeconds", 60));

    // A console sign-in always carries a stamp: one without is not valid either.
    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        await stamps.MatchesAsync(state.User, cancellationToken) is true;
}
