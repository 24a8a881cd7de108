using System.Net;
using System.Text;
using System.Text.Json;
using Chengguan.Tests.Infrastructure;

namespace Chengguan.Tests.Api;

/// <summary>
/// The answers the framework writes itself (status code pages, authentication challenges, method and
/// content-type refusals) carry Chinese titles and details like every answer of the capabilities.
/// </summary>
public abstract class ChineseProblemTests(ChengguanApp app)
{
    private static bool HasChinese(string? text) => text is not null && text.Any(ch => ch >= 0x4E00 && ch <= 0x9FFF);

    private static void AssertChinese(JsonElement problem, string title)
    {
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.True(HasChinese(problem.GetProperty("detail").GetString()), problem.ToString());
    }

    [Fact]
    public async Task Unauthorised_forbidden_missing_method_and_media_type_answers_are_in_Chinese()
    {
        AssertChinese(await (await app.Anonymous().GetAsync("/api/cases")).Problem(HttpStatusCode.Unauthorized), "未登录或凭据无效");
        AssertChinese(await (await app.Keyed("cgk_nosuchkey_secret").GetAsync("/api/cases")).Problem(HttpStatusCode.Unauthorized), "未登录或凭据无效");
        HttpClient officer = await app.ClientFor("officer");
        AssertChinese(await (await officer.GetAsync("/api/accounts")).Problem(HttpStatusCode.Forbidden), "无权执行该操作");
        AssertChinese(await (await officer.GetAsync("/api/no-such-thing")).Problem(HttpStatusCode.NotFound), "未找到");
        AssertChinese(await (await officer.DeleteAsync("/api/cases")).Problem(HttpStatusCode.MethodNotAllowed), "请求方法不被允许");
        using var text = new StringContent("x", Encoding.UTF8, "text/plain");
        JsonElement media = await (await officer.PostAsync("/api/cases", text)).Problem(HttpStatusCode.UnsupportedMediaType);
        Assert.True(HasChinese(media.GetProperty("title").GetString()) && HasChinese(media.GetProperty("detail").GetString()), media.ToString());
    }
}

public sealed class ChineseProblemTestsOnSqlite(SqliteApp app) : ChineseProblemTests(app);

public sealed class ChineseProblemTestsOnPostgres(PostgresApp app) : ChineseProblemTests(app);
