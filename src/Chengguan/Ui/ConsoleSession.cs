using System.Security.Claims;
using Chengguan.Data;
using Chengguan.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

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

    public async Task<ConsoleProfile> ProfileAsync(CancellationToken ct = default) => _profile ??= await RunAsync(async sp =>
    {
        CurrentUser current = sp.GetRequiredService<CurrentUser>();
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        string id = current.UserId ?? "";
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.UserName, u.DisplayName, Unit = u.Person != null ? u.Person.Unit!.Name : null, u.MustChangePassword }).FirstOrDefaultAsync(ct);
        DataScope scope = await current.GetScopeAsync(ct);
        string? scopeName = scope.DistrictWide ? null
            : await db.Units.AsNoTracking().Where(u => u.Path == scope.RootPath).Select(u => u.Name).FirstOrDefaultAsync(ct);
        string[] roles = [.. Identity.Roles.All.Where(current.Principal.IsInRole)];
        return new ConsoleProfile(id, user?.UserName ?? current.Name ?? "", user?.DisplayName ?? current.Name ?? "", roles, user?.Unit, scope.DistrictWide, scopeName,
            user?.MustChangePassword ?? false);
    });
}
