using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chengguan.Hotline;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Api;

/// <summary>
/// The integrator's contract (/openapi/v1.json): every operation summarised, described and secured (or explicitly
/// anonymous), both security schemes, the hotline order's real required fields, enums as strings, the error answers,
/// the hotline.* webhooks with the payload the outbox really writes; and the reference page works offline.
/// </summary>
public abstract partial class OpenApiContractTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private static readonly string[] s_methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonElement> DocumentAsync()
    {
        app.RequireAvailable();
        HttpResponseMessage response = await app.Anonymous().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from op in path.Value.EnumerateObject()
        where s_methods.Contains(op.Name)
        select ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value);

    private static JsonElement Operation(JsonElement document, string method, string path) => document.GetProperty("paths").GetProperty(path).GetProperty(method);

    [Fact]
    public async Task Every_operation_has_a_summary_and_a_description()
    {
        JsonElement document = await DocumentAsync();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count > 100, $"only {operations.Count} operations");
        string[] missing = [.. operations.Where(o => Text(o.Operation, "summary") is null || Text(o.Operation, "description") is null).Select(o => o.Name)];
        Assert.True(missing.Length == 0, "Operations without summary or description:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_operation_has_security_or_is_explicitly_anonymous()
    {
        JsonElement document = await DocumentAsync();
        string[] schemes = [.. document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Select(s => s.Name)];
        var offenders = new List<string>();
        foreach ((string name, JsonElement op) in Operations(document))
        {
            if (!op.TryGetProperty("security", out JsonElement security) || security.GetArrayLength() == 0)
            {
                offenders.Add(name + ": no security");
                continue;
            }
            bool anonymous = security.EnumerateArray().Any(r => !r.EnumerateObject().Any());
            if (anonymous != (op.GetProperty("x-policy").GetString() == "anonymous"))
            {
                offenders.Add(name + ": anonymous requirement and policy disagree");
            }
            offenders.AddRange(security.EnumerateArray().SelectMany(r => r.EnumerateObject()).Where(s => !schemes.Contains(s.Name)).Select(s => $"{name}: unknown scheme {s.Name}"));
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        // Spot checks against the policies: the platform's door takes a key only, staff pages a token only, cases either.
        Assert.Equal(["ApiKey"], Schemes(Operation(document, "post", "/api/hotline/orders")));
        Assert.Equal(["Bearer"], Schemes(Operation(document, "get", "/api/cases")));
        Assert.Equal(["ApiKey", "Bearer"], Schemes(Operation(document, "get", "/api/cases/{id}")).Order());
        Assert.Equal("anonymous", Operation(document, "post", "/api/auth/token").GetProperty("x-policy").GetString());
    }

    [Fact]
    public async Task Both_security_schemes_are_declared()
    {
        JsonElement schemes = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes");
        JsonElement key = schemes.GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (key.GetProperty("type").GetString(), key.GetProperty("in").GetString(), key.GetProperty("name").GetString()));
        JsonElement bearer = schemes.GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
    }

    [Fact]
    public async Task The_hotline_order_requires_what_the_endpoint_refuses_without()
    {
        JsonElement order = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty(nameof(HotlineOrder));
        Assert.Equal(["channel", "description", "orderNumber", "requestType"], order.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order());
        Assert.Equal([["address"], ["lon", "lat"]], order.GetProperty("anyOf").EnumerateArray().Select(a => a.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToArray()));
        Assert.Equal(["12345", "12319"], order.GetProperty("properties").GetProperty("channel").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        // An enum property's description sits beside its $ref, inside the nullable oneOf.
        Assert.All(order.GetProperty("properties").EnumerateObject(), p => Assert.True(Text(p.Value, "description") is not null
            || (p.Value.TryGetProperty("oneOf", out JsonElement one) && one.EnumerateArray().Any(o => Text(o, "description") is not null)), p.Name + " has no description"));
    }

    [Fact]
    public async Task A_new_case_requires_what_the_intake_refuses_without_and_nothing_more()
    {
        JsonElement document = await DocumentAsync();
        JsonElement schemas = document.GetProperty("components").GetProperty("schemas");
        JsonElement input = schemas.GetProperty(nameof(Chengguan.Cases.CaseInput));
        string[] required = [.. input.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order()];
        Assert.Equal(["channel", "description"], required);
        Assert.Equal([["address"], ["lon", "lat"]], input.GetProperty("anyOf").EnumerateArray().Select(a => a.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToArray()));
        Assert.Contains("#/components/schemas/CaseInput", Operation(document, "post", "/api/cases").GetProperty("requestBody").GetRawText());

        // The server agrees: exactly the required fields and an address make a case; without any one of them it is a field error.
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        var minimal = new Dictionary<string, object> { ["channel"] = "ResidentsCommittee", ["description"] = "契约测试：楼道堆物", ["address"] = "江宁路 3 号" };
        Assert.Equal(HttpStatusCode.Created, (await dispatcher.PostJson("/api/cases", minimal)).StatusCode);
        foreach (string field in required.Append("address"))
        {
            var without = minimal.Where(kv => kv.Key != field).ToDictionary();
            Assert.NotEmpty((await (await dispatcher.PostJson("/api/cases", without)).Problem(HttpStatusCode.BadRequest)).FieldErrors(field));
        }
    }

    [Fact]
    public async Task Request_schemas_require_only_what_their_validators_refuse_without()
    {
        JsonElement schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        string[] Required(string schema) => schemas.GetProperty(schema).TryGetProperty("required", out JsonElement r) ? [.. r.EnumerateArray().Select(x => x.GetString()!).Order()] : [];
        // A number whose range refuses the 0 it would be when left out is required; one that may be 0 is not.
        Assert.Equal(["amount", "escalations", "kind", "name", "warnPercent"], Required("PolicyVersionRequest"));
        Assert.Equal(["role"], Required("EscalationRequest"));
        // A row nested in a request body: the nullable name is optional, the date and the periods are not.
        Assert.Equal(["date", "periods"], Required("SpecialHoursDto"));
        // Bodies whose every field is optional list none.
        Assert.Equal([], Required("CaseActionInput"));
        Assert.Equal([], Required("BriefingInput"));
        // Spot checks of bodies already right: [Required] fields stay, optional ones do not appear.
        Assert.Equal(["code", "kind", "name"], Required("UnitRequest"));
        Assert.Equal(["name", "unitId"], Required("PersonRequest"));
        Assert.Equal(["address", "area", "kind", "source"], Required("LedgerItemInput"));
    }

    [Fact]
    public async Task Enums_are_strings_and_actions_are_named()
    {
        JsonElement document = await DocumentAsync();
        JsonElement schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (string name in new[] { "CaseChannel", "CaseState", "RequestType", "Urgency", "CaseAction", "DemolitionState" })
        {
            Assert.Equal("string", schemas.GetProperty(name).GetProperty("type").GetString());
        }
        JsonElement action = Operation(document, "post", "/api/cases/{id}/actions/{action}").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "action");
        Assert.Contains("Callback", action.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("#/components/schemas/CaseActionInput", Operation(document, "post", "/api/cases/{id}/actions/{action}").GetProperty("requestBody").GetRawText());
        Assert.Contains("#/components/schemas/DemolitionActionInput", Operation(document, "post", "/api/demolition/items/{id}/actions/{action}").GetProperty("requestBody").GetRawText());
    }

    [Fact]
    public async Task Error_answers_are_problem_documents()
    {
        JsonElement document = await DocumentAsync();
        JsonElement urge = Operation(document, "post", "/api/hotline/orders/{channel}/{orderNumber}/urge").GetProperty("responses");
        Assert.Equal("#/components/schemas/WorkflowConflict", ProblemSchema(urge, "409"));
        Assert.Equal("#/components/schemas/ValidationProblem", ProblemSchema(urge, "400"));
        foreach (string status in new[] { "401", "404", "413", "415", "503" })
        {
            Assert.Equal("#/components/schemas/Problem", ProblemSchema(urge, status));
        }
        Assert.False(urge.TryGetProperty("403", out _), "an API key that may not call is answered 404, not 403");
        Assert.Equal("#/components/schemas/Problem", ProblemSchema(Operation(document, "get", "/api/cases").GetProperty("responses"), "403"));
        Assert.Equal("#/components/schemas/Problem", ProblemSchema(Operation(document, "post", "/api/auth/token").GetProperty("responses"), "429"));
        JsonElement schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("WorkflowConflict").GetProperty("properties").TryGetProperty("state", out _));
        Assert.True(schemas.GetProperty("ValidationProblem").GetProperty("properties").TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Hotline_webhooks_describe_the_payload_the_outbox_writes()
    {
        JsonElement document = await DocumentAsync();
        JsonElement webhooks = document.GetProperty("webhooks");
        foreach (string topic in new[] { "hotline.accept", "hotline.recordpreliminary", "hotline.handle", "hotline.reply", "hotline.return" })
        {
            JsonElement post = webhooks.GetProperty(topic).GetProperty("post");
            Assert.Contains("HMAC-SHA256", post.GetProperty("description").GetString());
            Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "X-Chengguan-Signature");
        }
        // A real order accepted by the dispatcher: the outbox's hotline.accept payload has exactly the documented fields.
        HttpClient platform = await app.HotlinePlatformAsync("契约测试 " + Guid.NewGuid().ToString("N")[..6]);
        string number = "OAS-" + Guid.NewGuid().ToString("N")[..16];
        HotlineOrderReceipt receipt = await (await platform.PostJson("/api/hotline/orders", new { channel = "12345", orderNumber = number, requestType = "Help", description = "契约测试", address = "江宁路 1 号" }))
            .OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        (await dispatcher.PostJson($"/api/cases/{receipt.CaseId}/actions/accept", new { })).EnsureSuccessStatusCode();
        string payload = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Topic == "hotline.accept" && m.Payload.Contains(number)).Select(m => m.Payload).SingleAsync());
        JsonElement written = JsonDocument.Parse(payload).RootElement;
        JsonElement schema = document.GetProperty("components").GetProperty("schemas").GetProperty("HotlineWebhookPayload");
        Assert.Equal(schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(), written.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("12345", written.GetProperty("channel").GetString());
        Assert.Equal(["12345", "12319"], schema.GetProperty("properties").GetProperty("channel").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("channel").GetProperty("type").GetString());
        Assert.Equal("Accept", written.GetProperty("action").GetString());
    }

    [Fact]
    public async Task The_reference_page_loads_nothing_from_another_host()
    {
        app.RequireAvailable();
        HttpClient client = app.Anonymous();
        HttpResponseMessage response = await client.GetAsync("/scalar/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        string[] foreign = [.. AbsoluteUrl().Matches(html).Select(m => m.Value).Where(u => !new Uri(u).Host.Equals(client.BaseAddress!.Host, StringComparison.OrdinalIgnoreCase))];
        Assert.True(foreign.Length == 0, "The reference page names other hosts: " + string.Join(", ", foreign));
        // The bundle's own defaults would fetch fonts from a CDN and offer AI chat, SDK generation and deployment.
        string config = Regex.Replace(html, @"\s", "");
        Assert.Contains("\"withDefaultFonts\":false", config);
        Assert.Contains("\"showDeveloperTools\":\"never\"", config);
        Assert.Contains("\"hideClientButton\":true", config);
        Assert.Contains("\"telemetry\":false", config);
        Assert.Matches("\"agent\":\\{\"disabled\":true", config);
        // The scripts it loads are served here.
        foreach (Match script in Regex.Matches(html, "src=\"([^\"]+)\""))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/" + script.Groups[1].Value, TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    private static string[] Schemes(JsonElement operation) =>
        [.. operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject()).Select(s => s.Name)];

    private static string? ProblemSchema(JsonElement responses, string status) =>
        responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;

    [GeneratedRegex(@"https?://[^\s""'<>)]+")]
    private static partial Regex AbsoluteUrl();
}

public sealed class OpenApiContractTestsOnSqlite(SqliteApp app) : OpenApiContractTests<SqliteApp>(app);

public sealed class OpenApiContractTestsOnPostgres(PostgresApp app) : OpenApiContractTests<PostgresApp>(app);
