using System.Net;
using System.Text.Json;
using Chengguan.Tests.Infrastructure;

namespace Chengguan.Tests.Api;

/// <summary>
/// docs/integration/*.http run as written against the test app: the base URL, the API key (a fresh key of the
/// hotline integration), the demo administrator's password and a fresh order number are substituted; every
/// request must answer the status (and text) its <c># @expect</c> comments promise.
/// </summary>
public abstract class IntegrationHttpFileTests<TApp>(TApp app) where TApp : ChengguanApp
{
    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(Path.Combine(Repository.Root(), "docs", "integration"), "*.http").Select(f => Path.GetFileName(f)!).Order()];

    [Fact]
    public void The_guide_has_examples_to_run() =>
        Assert.Contains("hotline.http", Files().Select(f => f.Data));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_example_answers_as_documented(string file)
    {
        app.RequireAvailable();
        (Dictionary<string, string> variables, List<HttpFileRequest> requests) = HttpFile.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "docs", "integration", file)));
        Assert.NotEmpty(requests);
        HttpClient client = app.Anonymous();
        variables["baseUrl"] = client.BaseAddress!.ToString().TrimEnd('/');
        if (variables.ContainsKey("apiKey"))
        {
            variables["apiKey"] = await app.NewApiKeyAsync("文档示例 " + file, Chengguan.Identity.Integrations.Hotline.Code);
        }
        if (variables.ContainsKey("adminPassword"))
        {
            variables["adminPassword"] = ChengguanApp.DemoPassword;
        }
        if (variables.ContainsKey("orderNumber"))
        {
            variables["orderNumber"] = "DOC-" + Guid.NewGuid().ToString("N")[..16];
        }
        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (HttpFileRequest request in requests)
        {
            using HttpRequestMessage message = HttpFile.ToMessage(request, variables, answers);
            using HttpResponseMessage response = await client.SendAsync(message, TestContext.Current.CancellationToken);
            string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode == request.Expect, $"{file} “{request.Title}”: expected {request.Expect}, got {(int)response.StatusCode} {body}");
            foreach (string text in request.Contains)
            {
                Assert.True(body.Contains(text, StringComparison.Ordinal), $"{file} “{request.Title}”: the answer does not contain {text}: {body}");
            }
            if (response.StatusCode >= HttpStatusCode.BadRequest)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
            if (request.Name is { } name)
            {
                answers[name] = JsonDocument.Parse(body).RootElement.Clone();
            }
        }
    }
}

public sealed class IntegrationHttpFileTestsOnSqlite(SqliteApp app) : IntegrationHttpFileTests<SqliteApp>(app);

public sealed class IntegrationHttpFileTestsOnPostgres(PostgresApp app) : IntegrationHttpFileTests<PostgresApp>(app);
