using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Chengguan.Tests.Infrastructure;

/// <summary>Clients signed in the way the console is: the login form, then the cookie (each client its own cookie jar).</summary>
public static partial class CookieClients
{
    public static async Task<HttpClient> SignInWithCookieAsync(this ChengguanApp app, string userName, string password = ChengguanApp.DemoPassword)
    {
        app.RequireAvailable();
        HttpClient client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        string page = await client.GetStringAsync("/account/login");
        HttpResponseMessage signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormToken(page), ["userName"] = userName, ["password"] = password, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    /// <summary>The antiforgery token a rendered page carries (the sign-in form, the console's sign-out form).</summary>
    public static string FormToken(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
