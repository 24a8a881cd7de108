using Chengguan.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chengguan.Cases;
using Chengguan.Hotline;
using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Identity;

/// <summary>
/// Every API key acts only for its own integration: each kind of key × every endpoint that admits
/// keys (read from the endpoint table, so a new machine endpoint joins the matrix by itself) × its
/// own case and every other integration's case. Refused is 404, so existence does not leak.
/// </summary>
public abstract class IntegrationKeyMatrixTests(ChengguanApp app)
{
    private const string Jiangning = "310106006";

    /// <summary>A key as the matrix uses it: the catalogue row it acts for, or null for one that authenticates nothing.</summary>
    private sealed record Party(string Label, HttpClient Client, IntegrationKind? Kind, string? ClientId);

    /// <summary>A case to aim at: its id, and its order number on the hotline (a case number elsewhere, which no order has).</summary>
    private sealed record Target(string Label, Guid Id, string OrderNumber);

    /// <summary>An endpoint's request for a party at a case (null for endpoints about no case), and what the party gets when both are its own.</summary>
    private sealed record Probe(bool AboutACase, Func<Party, Target?, Task<HttpRequestMessage>> Request, Func<Party, HttpStatusCode> Own);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private Task<(double Lon, double Lat)> PointAsync() => app.WithDbAsync(db => db.Grids.Where(g => g.Code.StartsWith(Jiangning)).OrderBy(g => g.Code)
        .Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());

    private async Task<Target> OrderAsync(HttpClient hotline, string? orderNumber = null)
    {
        (double lon, double lat) = await PointAsync();
        orderNumber ??= Unique("KM");
        HotlineOrderReceipt receipt = await (await hotline.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber, requestType = "Complaint", description = "占道经营", address = "江宁路 100 号", lon, lat,
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        return new Target("12345 工单", receipt.CaseId, orderNumber);
    }

    /// <summary>An Open311 report of exposed rubbish at the point (the key goes in the client's header).</summary>
    private static HttpRequestMessage Report((double Lon, double Lat) point) => new(HttpMethod.Post, "/open311/v2/requests.json")
    {
        Content = new FormUrlEncodedContent(
        [
            new("service_code", "event-0102"), new("attribute[condition]", "01"), new("description", "人行道上有暴露垃圾"),
            new("lat", point.Lat.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)),
            new("long", point.Lon.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)),
        ]),
    };

    private async Task<Target> ReportAsync(HttpClient client)
    {
        HttpResponseMessage response = await client.SendAsync(Report(await PointAsync()));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        string number = JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString()!;
        Guid id = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == number).Select(c => c.Id).SingleAsync());
        return new Target("Open311 报告", id, number);
    }

    private async Task<Target> PatrolAsync()
    {
        (double lon, double lat) = await PointAsync();
        CaseDetail detail = await (await (await app.ClientFor("supervisor")).PostJson("/api/cases", new
        {
            channel = "Patrol", description = "巡查发现暴露垃圾", lon, lat, categoryCode = "event:0102",
        })).OkJson<CaseDetail>(HttpStatusCode.Created);
        return new Target("巡查案件", detail.Case.Id, detail.Case.Number);
    }

    /// <summary>The case a party files itself: a fresh one each time, so that no probe depends on another's effect.</summary>
    private Task<Target> OwnCaseAsync(Party party) =>
        party.Kind == Integrations.Hotline ? OrderAsync(party.Client) : ReportAsync(party.Client);

    private async Task<Dictionary<string, Probe>> ProbesAsync()
    {
        (double lon, double lat) = await PointAsync();
        string inv(double d) => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        static HttpRequestMessage Json(HttpMethod method, string url, object body) =>
            new(method, url) { Content = JsonContent.Create(body, options: HttpAssertions.Json) };
        return new Dictionary<string, Probe>
        {
            ["POST /api/hotline/orders/"] = new(false,
                (_, _) => Task.FromResult(Json(HttpMethod.Post, "/api/hotline/orders", new
                {
                    channel = "12345", orderNumber = Unique("KM"), requestType = "Help", description = "矩阵测试工单", address = "江宁路 1 号",
                })),
                _ => HttpStatusCode.Created),
            ["POST /api/hotline/orders/{channel}/{orderNumber}/urge"] = new(true,
                (_, t) => Task.FromResult(Json(HttpMethod.Post, $"/api/hotline/orders/12345/{t!.OrderNumber}/urge", new { reason = "市民再次来电" })),
                _ => HttpStatusCode.OK),
            ["POST /api/hotline/orders/{channel}/{orderNumber}/withdraw"] = new(true,
                (_, t) => Task.FromResult(Json(HttpMethod.Post, $"/api/hotline/orders/12345/{t!.OrderNumber}/withdraw", new { reason = "市民撤诉" })),
                _ => HttpStatusCode.OK),
            ["GET /api/cases/{id:guid}"] = new(true,
                (_, t) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{t!.Id}")),
                _ => HttpStatusCode.OK),
            // The table gives the Integration role the hotline's withdrawal; an Open311 report (grid route) has no such step: 409, not 404.
            ["POST /api/cases/{id:guid}/actions/{action}"] = new(true,
                (_, t) => Task.FromResult(Json(HttpMethod.Post, $"/api/cases/{t!.Id}/actions/withdraw", new { reason = "市民撤诉" })),
                p => p.Kind == Integrations.Hotline ? HttpStatusCode.OK : HttpStatusCode.Conflict),
            ["POST /open311/v2/requests.{format}"] = new(false,
                (_, _) => Task.FromResult(Report((lon, lat))),
                _ => HttpStatusCode.OK),
            ["GET /api/categories"] = new(false,
                (_, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, "/api/categories")),
                _ => HttpStatusCode.OK),
            ["GET /api/clocks/preview"] = new(false,
                (_, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, "/api/clocks/preview?start=2026-01-05T16:30%2B08:00&amount=3&kind=workingDays")),
                _ => HttpStatusCode.OK),
            ["GET /api/grids/locate"] = new(false,
                (_, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, $"/api/grids/locate?lon={inv(lon)}&lat={inv(lat)}")),
                _ => HttpStatusCode.OK),
        };
    }

    /// <summary>Endpoints whose policy authenticates API keys and admits the Integration role, as "METHOD pattern".</summary>
    private async Task<Dictionary<string, RouteEndpoint>> KeyEndpointsAsync()
    {
        app.RequireAvailable();
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var found = new Dictionary<string, RouteEndpoint>(StringComparer.Ordinal);
        foreach (RouteEndpoint e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            foreach (IAuthorizeData data in e.Metadata.GetOrderedMetadata<IAuthorizeData>())
            {
                AuthorizationPolicy? policy = data.Policy is null ? null : await policies.GetPolicyAsync(data.Policy);
                bool admitsKeys = policy is not null && policy.AuthenticationSchemes.Contains(ApiKeyAuthenticationHandler.SchemeName)
                    && policy.Requirements.OfType<RolesAuthorizationRequirement>().All(r => r.AllowedRoles.Contains(Roles.Integration));
                if (admitsKeys)
                {
                    foreach (string method in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                    {
                        found[$"{method} {e.RoutePattern.RawText}"] = e;
                    }
                }
            }
        }
        return found;
    }

    private async Task<(List<Party> Parties, List<Target> Others)> SetUpAsync()
    {
        HttpClient hotline = await app.HotlinePlatformAsync("矩阵 12345");
        string a = Unique("client-a-"), b = Unique("client-b-");
        HttpClient clientA = await app.Open311ClientAsync(a), clientB = await app.Open311ClientAsync(b);

        HttpClient admin = await app.ClientFor("admin");
        CreatedApiKey revoked = await (await admin.PostJson("/api/api-keys", new { name = "矩阵 已吊销", integration = "hotline" })).OkJson<CreatedApiKey>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/api-keys/{revoked.Key.Id}/revoke", null)).StatusCode);
        string unknown = await UnknownIntegrationKeyAsync("probe");

        var parties = new List<Party>
        {
            new("12345 平台密钥", hotline, Integrations.Hotline, null),
            new($"Open311 {a}", clientA, Integrations.Open311, a),
            new($"Open311 {b}", clientB, Integrations.Open311, b),
            new("已吊销密钥", app.Keyed(revoked.Secret), null, null),
            new("未知接口密钥", app.Keyed(unknown), null, null),
        };
        // Every party's case is another party's foreign case; a patrol case belongs to no integration.
        List<Target> cases = [await OrderAsync(hotline), await ReportAsync(clientA), await ReportAsync(clientB), await PatrolAsync()];
        return (parties, cases);
    }

    /// <summary>A key row as one made before the catalogue existed: its integration is free text the catalogue does not know.</summary>
    private Task<string> UnknownIntegrationKeyAsync(string integration) => app.WithDbAsync(async db =>
    {
        (string secret, string prefix, string hash) = ApiKey.Generate();
        db.ApiKeys.Add(new ApiKey { Name = "旧密钥 " + prefix, Integration = integration, Prefix = prefix, SecretHash = hash, CreatedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow() });
        await db.SaveChangesAsync();
        return secret;
    });

    private Task<string?> OwnerOfAsync(Guid caseId) => app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Integration).SingleAsync());

    [Fact]
    public async Task The_endpoints_that_admit_keys_are_the_known_ones_and_each_names_what_it_does_for_integrations()
    {
        Dictionary<string, RouteEndpoint> endpoints = await KeyEndpointsAsync();
        Dictionary<string, Probe> probes = await ProbesAsync();
        Assert.Superset(probes.Keys.ToHashSet(), endpoints.Keys.ToHashSet());
        Assert.Subset(probes.Keys.ToHashSet(), endpoints.Keys.ToHashSet());
        Assert.All(endpoints, e => Assert.True(e.Value.Metadata.GetMetadata<IntegrationEndpoint>() is not null,
            $"{e.Key} admits API keys but names no IntegrationOperation, so no key can use it"));
        // Every operation is some integration's, and every endpoint's operation is reachable by some key.
        Assert.All(Enum.GetValues<IntegrationOperation>(), op => Assert.Contains(Integrations.All, k => k.Operations.Contains(op)));
    }

    [Fact]
    public async Task Every_key_reaches_only_its_integrations_endpoints_and_cases_and_everything_else_is_404()
    {
        Dictionary<string, RouteEndpoint> endpoints = await KeyEndpointsAsync();
        Dictionary<string, Probe> probes = await ProbesAsync();
        (List<Party> parties, List<Target> cases) = await SetUpAsync();
        var failures = new List<string>();
        int checks = 0;
        foreach ((string name, RouteEndpoint endpoint) in endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!probes.TryGetValue(name, out Probe? probe))
            {
                failures.Add($"{name}: a new endpoint admits API keys; add its request and its answers to {nameof(ProbesAsync)}");
                continue;
            }
            IntegrationOperation? operation = endpoint.Metadata.GetMetadata<IntegrationEndpoint>()?.Operation;
            bool open311Post = name.StartsWith("POST /open311/", StringComparison.Ordinal);
            foreach (Party party in parties)
            {
                bool permitted = party.Kind is not null && operation is { } op && party.Kind.Operations.Contains(op);
                // A key that authenticates nothing is challenged (Open311 answers that with its own 403 error list).
                HttpStatusCode refused = party.Kind is null ? open311Post ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized : HttpStatusCode.NotFound;
                var attempts = new List<(string What, Target? Target, HttpStatusCode Expected)>();
                if (!probe.AboutACase)
                {
                    attempts.Add(("", null, permitted ? probe.Own(party) : refused));
                }
                else
                {
                    if (permitted)
                    {
                        attempts.Add(("own case", await OwnCaseAsync(party), probe.Own(party)));
                    }
                    foreach (Target other in cases)
                    {
                        bool mine = permitted && await OwnerOfAsync(other.Id) is { } owner && owner == Integrations.ValueOf(party.Kind!, party.ClientId);
                        if (!mine)
                        {
                            attempts.Add(($"{other.Label} {other.OrderNumber}", other, refused));
                        }
                    }
                }
                foreach ((string what, Target? target, HttpStatusCode expected) in attempts)
                {
                    using HttpRequestMessage request = await probe.Request(party, target);
                    HttpResponseMessage response = await party.Client.SendAsync(request);
                    checks++;
                    if (response.StatusCode != expected)
                    {
                        failures.Add($"{party.Label} × {name} {what}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:\n" + string.Join("\n", failures));
        Assert.True(checks >= 60, $"only {checks} checks");

        // Nothing a refused key sent reached the other integrations' cases.
        foreach (Target t in cases)
        {
            Assert.NotEqual(CaseState.Withdrawn, await app.WithDbAsync(db => db.Cases.Where(c => c.Id == t.Id).Select(c => c.State).SingleAsync()));
        }
    }

    [Fact]
    public async Task A_case_records_the_integration_that_filed_it_and_the_hotline_owns_its_channels()
    {
        HttpClient hotline = await app.HotlinePlatformAsync("归属 12345");
        string client = Unique("owner-");
        HttpClient open311 = await app.Open311ClientAsync(client);
        Assert.Equal("hotline", await OwnerOfAsync((await OrderAsync(hotline)).Id));
        Assert.Equal("open311:" + client, await OwnerOfAsync((await ReportAsync(open311)).Id));
        Assert.Null(await OwnerOfAsync((await PatrolAsync()).Id));
    }

    [Fact]
    public async Task An_open311_key_files_no_hotline_order_and_neither_reads_nor_withdraws_a_hotline_case()
    {
        HttpClient hotline = await app.HotlinePlatformAsync("Open311 对照 12345");
        HttpClient open311 = await app.Open311ClientAsync(Unique("fms-"));
        Target order = await OrderAsync(hotline);

        string number = Unique("O3");
        await (await open311.PostJson("/api/hotline/orders", new { channel = "12345", orderNumber = number, requestType = "Help", description = "冒充热线", address = "江宁路 1 号" }))
            .Problem(HttpStatusCode.NotFound);
        Assert.Equal(0, await app.WithDbAsync(db => db.Cases.CountAsync(c => c.ExternalNumber == number)));

        await (await open311.GetAsync($"/api/cases/{order.Id}")).Problem(HttpStatusCode.NotFound);
        await (await open311.PostJson($"/api/cases/{order.Id}/actions/withdraw", new { reason = "冒充撤单" })).Problem(HttpStatusCode.NotFound);
        await (await open311.PostJson($"/api/hotline/orders/12345/{order.OrderNumber}/withdraw", new { reason = "冒充撤单" })).Problem(HttpStatusCode.NotFound);
        await (await open311.PostJson($"/api/hotline/orders/12345/{order.OrderNumber}/urge", new { reason = "冒充催办" })).Problem(HttpStatusCode.NotFound);
        (CaseState state, int urges) = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == order.Id).Select(c => new ValueTuple<CaseState, int>(c.State, c.UrgeCount)).SingleAsync());
        Assert.Equal((CaseState.Received, 0), (state, urges));
    }

    [Fact]
    public async Task One_open311_client_cannot_read_another_clients_case_nor_see_it_among_similar_cases()
    {
        HttpClient a = await app.Open311ClientAsync(Unique("a-")), b = await app.Open311ClientAsync(Unique("b-"));
        Target ofA = await ReportAsync(a), ofB = await ReportAsync(b);

        CaseDetail own = await (await a.GetAsync($"/api/cases/{ofA.Id}")).OkJson<CaseDetail>();
        Assert.Equal(ofA.Id, own.Case.Id);
        await (await a.GetAsync($"/api/cases/{ofB.Id}")).Problem(HttpStatusCode.NotFound);
        await (await b.GetAsync($"/api/cases/{ofA.Id}")).Problem(HttpStatusCode.NotFound);
        // Same place, same class, same day: staff see B's report as a merge candidate of A's; A's key sees none.
        CaseDetail staff = await (await (await app.ClientFor("dispatcher")).GetAsync($"/api/cases/{ofA.Id}")).OkJson<CaseDetail>();
        Assert.Contains(staff.Similar, s => s.Id == ofB.Id);
        Assert.Empty(own.Similar);
    }

    [Fact]
    public async Task The_hotline_key_cannot_read_a_patrol_case_and_still_withdraws_its_own_order()
    {
        HttpClient hotline = await app.HotlinePlatformAsync("巡查对照 12345");
        Target patrol = await PatrolAsync();
        await (await hotline.GetAsync($"/api/cases/{patrol.Id}")).Problem(HttpStatusCode.NotFound);
        await (await hotline.PostJson($"/api/cases/{patrol.Id}/actions/withdraw", new { reason = "x" })).Problem(HttpStatusCode.NotFound);

        Target order = await OrderAsync(hotline);
        Assert.Equal(HttpStatusCode.OK, (await hotline.GetAsync($"/api/cases/{order.Id}")).StatusCode);
        CaseDetail withdrawn = await (await hotline.PostJson($"/api/hotline/orders/12345/{order.OrderNumber}/withdraw", new { reason = "市民撤诉" })).OkJson<CaseDetail>();
        Assert.Equal(CaseState.Withdrawn, withdrawn.Case.State);
        // Staff still see every case, whoever filed it.
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/cases/{patrol.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/cases/{order.Id}")).StatusCode);
    }

    [Fact]
    public async Task Hotline_urges_and_withdrawals_find_only_orders_of_the_callers_integration()
    {
        HttpClient hotline = await app.HotlinePlatformAsync("归属对照 12345");
        Target order = await OrderAsync(hotline);
        // An order on the hotline's channel that some other integration owned (a future second platform).
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Integration, "open311:elsewhere")));
        await (await hotline.PostJson($"/api/hotline/orders/12345/{order.OrderNumber}/urge", new { reason = "催办" })).Problem(HttpStatusCode.NotFound);
        await (await hotline.PostJson($"/api/hotline/orders/12345/{order.OrderNumber}/withdraw", new { reason = "撤单" })).Problem(HttpStatusCode.NotFound);
        await (await hotline.GetAsync($"/api/cases/{order.Id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refused_endpoint_answers_as_a_route_that_does_not_exist()
    {
        HttpClient open311 = await app.Open311ClientAsync(Unique("probe-"));
        JsonElement refused = await (await open311.GetAsync("/api/accounts")).Problem(HttpStatusCode.NotFound);
        JsonElement missing = await (await open311.GetAsync("/api/no-such-endpoint")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(missing.GetProperty("title").GetString(), refused.GetProperty("title").GetString());
        Assert.Equal(missing.GetProperty("type").GetString(), refused.GetProperty("type").GetString());
        Assert.False(refused.TryGetProperty("detail", out _) && !missing.TryGetProperty("detail", out _));
        // Staff endpoints and the shared ones outside its row alike.
        Assert.Equal(HttpStatusCode.NotFound, (await open311.GetAsync("/api/categories")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await open311.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await open311.PostJson("/api/api-keys", new { name = "x", integration = "hotline" })).StatusCode);
    }

    [Fact]
    public async Task A_key_of_an_integration_the_catalogue_does_not_know_authenticates_nothing_and_is_listed_as_unknown()
    {
        string secret = await UnknownIntegrationKeyAsync("hotline-legacy");
        HttpClient legacy = app.Keyed(secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await legacy.GetAsync(AuthTests.DemoLocateQuery())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await legacy.PostJson("/api/hotline/orders", new { channel = "12345", orderNumber = Unique("LG") })).StatusCode);
        Assert.Contains(app.Logs.Lines, l => l.Contains("hotline-legacy", StringComparison.Ordinal) && l.Contains("does not know", StringComparison.Ordinal));

        List<ApiKeyDto> keys = await (await (await app.ClientFor("admin")).GetAsync("/api/api-keys")).OkJson<List<ApiKeyDto>>();
        ApiKeyDto listed = Assert.Single(keys, k => secret.Contains("_" + k.Prefix + "_", StringComparison.Ordinal));
        Assert.Equal(("hotline-legacy", null), (listed.Integration, listed.IntegrationName));
    }

    [Fact]
    public async Task A_key_is_made_only_for_an_integration_of_the_catalogue()
    {
        HttpClient admin = await app.ClientFor("admin");
        JsonElement unknown = await (await admin.PostJson("/api/api-keys", new { name = "x", integration = "hotline-12345" })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("未知接口", unknown.FieldErrors("integration").Single());
        JsonElement noClient = await (await admin.PostJson("/api/api-keys", new { name = "", integration = "open311" })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noClient.FieldErrors("name"));
        Assert.Contains("客户端标识", noClient.FieldErrors("clientId").Single());
        await (await admin.PostJson("/api/api-keys", new { name = "x", integration = "open311", clientId = "Has Spaces" })).Problem(HttpStatusCode.BadRequest);
        await (await admin.PostJson("/api/api-keys", new { name = "x", integration = "hotline", clientId = "extra" })).Problem(HttpStatusCode.BadRequest);

        string client = Unique("made-");
        CreatedApiKey made = await (await admin.PostJson("/api/api-keys", new { name = "FixMyStreet", integration = "open311", clientId = client })).OkJson<CreatedApiKey>(HttpStatusCode.Created);
        Assert.Equal(("open311:" + client, "Open311 客户端 " + client), (made.Key.Integration, made.Key.IntegrationName));
    }
}

public sealed class IntegrationKeyMatrixTestsOnSqlite(SqliteApp app) : IntegrationKeyMatrixTests(app);

public sealed class IntegrationKeyMatrixTestsOnPostgres(PostgresApp app) : IntegrationKeyMatrixTests(app);
