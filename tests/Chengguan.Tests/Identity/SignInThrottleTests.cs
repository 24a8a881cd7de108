using System.Net;
using Chengguan.Tests.Api;
using Chengguan.Tests.Infrastructure;

namespace Chengguan.Tests.Identity;

public sealed class SignInThrottleTests(ThrottledApp app) : IClassFixture<ThrottledApp>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_budget_get_429()
    {
        HttpClient client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        // The budget is 3 a minute; 20 attempts cross it even if a window boundary falls between them.
        for (int i = 0; i < 20; i++)
        {
            statuses.Add((await client.PostJson("/api/auth/token", new { userName = "ghost", password = "whatever" })).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        HttpResponseMessage last = await client.PostJson("/api/auth/token", new { userName = "ghost", password = "whatever" });
        if (last.StatusCode == HttpStatusCode.TooManyRequests)
        {
            await last.Problem(HttpStatusCode.TooManyRequests);
        }
    }
}
