using Chengguan.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Chengguan.Identity;

public static class IdentitySetup
{
    public static IServiceCollection AddChengguanIdentity(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Policies.SmartScheme;
                o.DefaultChallengeScheme = Policies.SmartScheme;
            })
            .AddPolicyScheme(Policies.SmartScheme, "Cookie, bearer or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName
                : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? IdentityConstants.BearerScheme
                : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(config.GetValue("Security:TokenHours", 8));
                o.RefreshTokenExpiration = TimeSpan.FromDays(7);
                o.Events.OnMessageReceived = context => context.HttpContext.RequestServices.GetRequiredService<SecurityStampCheck>().CheckAsync(context);
            })
            .AddIdentityCookies(o => o.ApplicationCookie?.Configure(c =>
            {
                c.LoginPath = "/account/login";
                c.AccessDeniedPath = "/account/denied";
                c.Cookie.Name = CookieWrites.CookieName;
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Lax;
                c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                c.ExpireTimeSpan = TimeSpan.FromHours(10);
                c.SlidingExpiration = true;
                // The API answers 401/403 problem documents; only pages are redirected to the login page.
                c.Events.OnRedirectToLogin = ctx => Deny(ctx, StatusCodes.Status401Unauthorized);
                c.Events.OnRedirectToAccessDenied = ctx => Deny(ctx, StatusCodes.Status403Forbidden);
            }));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                // Sign-in failures are counted by SignInGuard (strangers slowed down, known devices not);
                // Identity's own lockout is left for wrong current passwords in the password change.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddClaimsPrincipalFactory<ChengguanClaimsFactory>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>, CachingTicketFormat.Setup>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<SecurityStampCheck>();
        // Identity's default is 30 minutes: a cookie outlived a password reset or a changed role for that long.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(config.GetValue("Security:CookieRevalidateSeconds", 60)));
        services.AddAuthorization(Policies.Configure);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, EndpointAuthorizationFailures>();
        services.AddScoped<CurrentUser>();
        // A changed password or role ends the person's other sessions: the eviction runs last in every unit of work.
        services.AddSingleton<SecurityStampCache>().AddSingleton<SecurityStampEviction>().AddSaveInterceptor<SecurityStampEviction>(400);
        services.AddScoped<SignInGuard>().AddSingleton<DeviceCookies>().AddScoped<AccountAccess>();
        // Identity's front door: the accounts, password and API key use cases of the API and the console.
        services.AddScoped<Accounts>().AddScoped<Passwords>().AddScoped<IntegrationKeys>().AddScoped<Profiles>();
        services.AddSignInRateLimit(config);
        return services;
    }

    private static Task Deny(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/open311"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Identity's routes: sign-in and sign-out, accounts, passwords.</summary>
    public static void MapIdentity(this IEndpointRouteBuilder app)
    {
        app.MapAuth();
        app.MapAccounts();
        app.MapPasswords();
    }
}
