using System.Security.Claims;
using Chengguan.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace Chengguan.Ui;

/// <summary>Who is signed in to the console: name, roles, unit and the data scope they see.</summary>
public sealed record ConsoleProfile(string UserId, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? UnitName, bool DistrictWide, string? ScopeName,
    bool MustChangePassword = false);

/// <summary>
/// One per circuit. Domain code runs in a fresh DI scope per operation (a DbContext must not live as
/// long as a browser tab), with that scope's <see cref="CurrentUser"/> set to the circuit's user, so
/// the same scope rules and workflow checks apply as over HTTP.
/// </summary>
public sealed class ConsoleSession(IServiceScopeFactory scopes, AuthenticationStateProvider auth)
{
    private ConsoleProfile? _profile;

    public async Task<ClaimsPrincipal> UserAsync() => (await auth.GetAuthenticationStateAsync()).User;

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ClaimsPrincipal user = await UserAsync();
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().UseCircuitUser(user);
        return await work(scope.ServiceProvider);
    }

    /// <summary>
    /// One operation through a capability's front door: <typeparamref name="TService"/> is resolved in a fresh scope
    /// for the circuit's user, so pages never touch the DbContext or the service provider themselves.
    /// </summary>
    public Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull => RunAsync(sp => work(sp.GetRequiredService<TService>()));

    public async Task<ConsoleProfile> ProfileAsync(CancellationToken ct = default) => _profile ??= await RunAsync<Profiles, ConsoleProfile>(async profiles =>
    {
        UserProfile p = await profiles.MineAsync(ct);
        return new ConsoleProfile(p.UserId, p.UserName, p.DisplayName, p.Roles, p.UnitName, p.DistrictWide, p.ScopeName, p.MustChangePassword);
    });
}
