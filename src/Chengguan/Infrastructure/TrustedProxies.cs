using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Chengguan.Infrastructure;

public static class TrustedProxies
{
    /// <summary>
    /// Only the configured proxies (<c>ForwardedHeaders:KnownProxies</c>) are believed. ASP.NET Core's default trusts
    /// loopback, which let any local caller pick its own address for the sign-in limiter; and with both lists empty the
    /// middleware believes everyone, so without a configured proxy the headers are not read at all.
    /// </summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration config) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (string proxy in config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            o.ForwardedHeaders = o.KnownProxies.Count > 0 ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
        });
}
