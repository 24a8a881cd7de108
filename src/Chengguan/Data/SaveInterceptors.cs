using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chengguan.Data;

/// <summary>
/// An EF Core interceptor a capability adds to every unit of work, with its place in the chain (lower runs first).
/// The database setup takes whatever the capabilities registered, so Data does not name them.
/// </summary>
public sealed record SaveInterceptor(int Order, Type Type);

public static class SaveInterceptors
{
    /// <summary>
    /// Adds <typeparamref name="T"/> (registered by the caller with its own lifetime) to every DbContext.
    /// The places in use: 100 the case search index (adds its rows, which the audit then records),
    /// 200 the audit trail, 300 the case change news, 400 the security-stamp eviction.
    /// </summary>
    public static IServiceCollection AddSaveInterceptor<T>(this IServiceCollection services, int order) where T : class, IInterceptor =>
        services.AddSingleton(new SaveInterceptor(order, typeof(T)));

    /// <summary>The registered interceptors in their order, resolved from the unit of work's scope.</summary>
    public static IInterceptor[] Resolve(IServiceProvider sp) =>
        [.. sp.GetServices<SaveInterceptor>().OrderBy(i => i.Order).Select(i => (IInterceptor)sp.GetRequiredService(i.Type))];
}
