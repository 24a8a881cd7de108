using System.Security.Claims;
using Chengguan.Data;
using Chengguan.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Infrastructure;

/// <summary>Runs console code the way a page does: in a scope whose current user is a signed-in account (scope and roles apply).</summary>
public static class ConsoleUsers
{
    public static async Task<T> AsConsoleUserAsync<T>(this ChengguanApp app, string userName, string role, Func<IServiceProvider, Task<T>> work)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        AppUser user = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().UseCircuitUser(new ClaimsPrincipal(new ClaimsIdentity(
            [new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.UserName!), new(ClaimTypes.Role, role)], "test")));
        return await work(scope.ServiceProvider);
    }
}
