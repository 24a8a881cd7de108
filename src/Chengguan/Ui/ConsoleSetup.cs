using Chengguan.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Chengguan.Ui;

/// <summary>Wiring of the web console: Blazor with interactive server rendering, MudBlazor, the two languages.</summary>
public static class ConsoleSetup
{
    public const string DefaultCulture = "zh-CN";
    public static readonly string[] Cultures = [DefaultCulture, "en"];
    public const string CultureEndpoint = "/ui/culture";

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, ConsoleRevalidation>();
        services.AddMudServices();
        services.AddLocalization();
        // Chinese stays Chinese in the HTML instead of becoming numeric character references (a third of the bytes).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<ConsoleSession>();
        services.AddSingleton<ConsoleAssets>();
        return services;
    }

    /// <summary>
    /// Chinese unless the user picked English (the culture cookie). The browser's Accept-Language is
    /// not followed: the bureau works in Chinese whatever the machine's locale.
    /// </summary>
    public static IApplicationBuilder UseConsoleLocalization(this IApplicationBuilder app)
    {
        var options = new RequestLocalizationOptions().SetDefaultCulture(DefaultCulture).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        return app.UseRequestLocalization(options);
    }

    public static void MapConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet(CultureEndpoint, SetCulture).AllowAnonymous().ExcludeFromDescription();
        Cases.Pages.CaseList.MapCaseExport(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(Policies.Console);
    }

    /// <summary>Stores the chosen language in the culture cookie and goes back to the page (local addresses only).</summary>
    private static RedirectHttpResult SetCulture(HttpContext context, TimeProvider time, string? culture, string? redirect)
    {
        string chosen = Cultures.Contains(culture) ? culture! : DefaultCulture;
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = time.GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return TypedResults.LocalRedirect(IsLocal(redirect) ? redirect! : "/");
    }

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

}
