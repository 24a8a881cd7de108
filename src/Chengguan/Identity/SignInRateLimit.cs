using System.Threading.RateLimiting;

namespace Chengguan.Identity;

public static class SignInRateLimit
{
    /// <summary>
    /// Sign-in attempts per client address per minute (<c>Security:SignInPermitsPerMinute</c>, 20), answered beyond that
    /// with a 429 problem in Chinese. The per-account lock-out is <see cref="SignInGuard"/>'s; this one slows a guesser
    /// who tries many accounts.
    /// </summary>
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration config) =>
        services.AddRateLimiter(o =>
        {
            int permits = config.GetValue("Security:SignInPermitsPerMinute", 20);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthEndpoints.SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (ctx, ct) =>
            {
                var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = { Status = 429, Title = "请求过于频繁", Detail = "登录尝试过于频繁，请一分钟后再试" },
                });
            };
        });

}
