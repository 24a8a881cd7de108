using Microsoft.AspNetCore.Antiforgery;

namespace Chengguan.Identity;

/// <summary>
/// Writes to the API made with the console's cookie must prove they come from our own pages. The
/// cookie is sent by the browser on its own, so a page on another origin (SameSite=Lax still lets
/// a same-site page through) could otherwise post a text/plain or form body and move a case with an
/// officer's cookie. A cookie write is let through when it is JSON (a browser sends JSON across
/// origins only after a CORS preflight, which this app never grants) or carries a valid antiforgery
/// token (header <c>RequestVerificationToken</c> or form field); a request the browser marks as
/// coming from another site (<c>Sec-Fetch-Site</c>) is refused whatever it carries. Bearer tokens
/// and API keys are not ambient credentials and are not affected.
/// </summary>
public static class CookieWrites
{
    public const string CookieName = "chengguan.auth";

    public static IApplicationBuilder UseCookieWriteProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsProof(context.Request) && !await HasProofAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "跨站请求被拒绝",
                    Detail = "以控制台登录状态（Cookie）提交的写操作须以 application/json 提交，或附带防伪令牌；来自其他站点的请求一律拒绝",
                },
            });
            return;
        }
        await next(context);
    });

    /// <summary>An unsafe method on the API, authenticated by nothing but the console's cookie.</summary>
    internal static bool NeedsProof(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        && request.Path.StartsWithSegments("/api")
        && request.Cookies.ContainsKey(CookieName)
        && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && !request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header);

    private static async Task<bool> HasProofAsync(HttpContext context)
    {
        string site = context.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return false;
        }
        if (IsJson(context.Request.ContentType))
        {
            return true;
        }
        try
        {
            return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
        }
        catch (Exception e) when (e is (InvalidDataException or IOException or AntiforgeryValidationException) and not BadHttpRequestException)
        {
            // An unreadable form is no proof either; an oversized body (BadHttpRequestException) stays a 413.
            return false;
        }
    }

    internal static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);
}
