using System.Net;
using System.Reflection;
using System.Text;
using Chengguan.Infrastructure;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Api;

/// <summary>
/// Sweeps every POST/PUT/PATCH endpoint with malformed JSON, wrong types, missing fields,
/// over-long strings, nulls inside lists and oversized bodies: always 400/413/415 with a problem document, never a
/// 500, and the audit trail (every write leaves a row there) shows nothing done by the sweeping account.
/// </summary>
public abstract class BadInputTests(ChengguanApp app)
{
    /// <param name="Body">The JSON request record, if the endpoint takes one.</param>
    /// <param name="ReadsBody">Whether the endpoint reads a body at all (JSON, a form file or a raw document).</param>
    /// <param name="Machine">For an endpoint of machine clients only, the integration whose key sends the junk (the first whose row lists the endpoint).</param>
    private sealed record Target(string Method, string Url, Type? Body, bool ReadsBody, Chengguan.Identity.IntegrationKind? Machine);

    private List<Target> Targets(Guid caseId, string orderNumber)
    {
        var targets = new List<Target>();
        foreach (RouteEndpoint e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            string? method = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault(m => m is "POST" or "PUT" or "PATCH");
            if (method is null || e.RoutePattern.RawText is "/account/login" or "/account/logout")
            {
                continue;
            }
            string url = e.RoutePattern.RawText!;
            foreach (var p in e.RoutePattern.Parameters)
            {
                // Real names where a route names a thing that always exists, so the body is what gets judged.
                string value = p.ParameterPolicies.Any(pp => pp.Content == "guid") ? (url.StartsWith("/api/cases/", StringComparison.Ordinal) ? caseId : Guid.NewGuid()).ToString()
                    : p.Name == "name" ? "cn-state-council"
                    // A move that needs a reason, on a real case, so the body is what gets judged.
                    : p.Name == "action" ? "return"
                    : p.Name == "channel" ? "12345"
                    : p.Name == "orderNumber" ? orderNumber
                    : p.Name == "format" ? "xml"
                    : "310106006001001";
                url = url.Replace("{" + p.Name + (p.ParameterPolicies.Count > 0 ? ":" + string.Join(":", p.ParameterPolicies.Select(pp => pp.Content)) : "") + "}", value);
            }
            Type[] parameters = e.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Select(p => p.ParameterType).ToArray() ?? [];
            Type? body = parameters.FirstOrDefault(t => t.GetCustomAttribute<RequestModelAttribute>() is not null);
            bool reads = body is not null || parameters.Any(t => t == typeof(IFormFile) || t == typeof(HttpRequest));
            bool machine = e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == Chengguan.Identity.Policies.Integration);
            Chengguan.Identity.IntegrationOperation? operation = e.Metadata.GetMetadata<Chengguan.Identity.IntegrationEndpoint>()?.Operation;
            targets.Add(new Target(method, url, body, reads, machine ? Chengguan.Identity.Integrations.All.FirstOrDefault(k => operation is { } op && k.Operations.Contains(op)) : null));
        }
        return targets;
    }

    private static string Overlong(Type body)
    {
        var sb = new StringBuilder("{");
        string text = new('长', 5000);
        foreach (PropertyInfo p in body.GetProperties())
        {
            string name = char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            Type t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            string value = t == typeof(string) ? $"\"{text}\""
                : t == typeof(string[]) ? $"[\"{text}\"]"
                : t == typeof(Guid) ? $"\"{Guid.NewGuid()}\""
                : t == typeof(Guid[]) ? $"[{string.Join(",", Enumerable.Range(0, 100).Select(_ => $"\"{Guid.NewGuid()}\""))}]"
                : t.IsEnum ? $"\"{Enum.GetNames(t)[0]}\""
                : t == typeof(int) ? "-1"
                : "null";
            sb.Append('"').Append(name).Append("\":").Append(value).Append(',');
        }
        return sb.ToString().TrimEnd(',') + "}";
    }

    /// <summary>Every list property that can hold a null as [null]; the fields named are those whose elements the record says are never null.</summary>
    private static (string? Json, string[] Fields) NullElements(Type body)
    {
        var nullability = new NullabilityInfoContext();
        var lists = body.GetProperties()
            .Where(p => p.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType))
            .Select(p => (Name: char.ToLowerInvariant(p.Name[0]) + p.Name[1..], Info: nullability.Create(p)))
            .Select(x => (x.Name, Element: x.Info.ElementType ?? (x.Info.GenericTypeArguments is [var only] ? only : null)))
            // A list of a value type cannot hold a null at all (the JSON reader refuses it); the others are the bug class.
            .Where(x => x.Element is not null && (!x.Element.Type.IsValueType || Nullable.GetUnderlyingType(x.Element.Type) is not null))
            .ToList();
        if (lists.Count == 0)
        {
            return (null, []);
        }
        string json = "{" + string.Join(",", lists.Select(x => $"\"{x.Name}\":[null]")) + "}";
        return (json, [.. lists.Where(x => x.Element!.ReadState == NullabilityState.NotNull).Select(x => x.Name + "[0]")]);
    }

    [Fact]
    public async Task Every_write_endpoint_answers_bad_input_with_a_problem_and_writes_nothing()
    {
        // A dedicated administrator, so that anything it manages to write is attributable to the sweep.
        string sweeper = "sweep" + Guid.NewGuid().ToString("N")[..8];
        HttpClient root = await app.ClientFor("admin");
        await (await root.PostJson("/api/accounts", new { userName = sweeper, displayName = "扫描", password = "Sweep-password-1", roles = new[] { "admin", "dispatcher" } }))
            .OkJson<Chengguan.Identity.AccountDto>(HttpStatusCode.Created);
        HttpClient admin = await app.ClientFor(sweeper, "Sweep-password-1");
        // Machine endpoints answer to an API key of their integration; the sweep sends its junk with one of each.
        var key = await (await root.PostJson("/api/api-keys", new { name = sweeper, integration = "hotline" })).OkJson<Chengguan.Identity.CreatedApiKey>(HttpStatusCode.Created);
        HttpClient machine = app.Keyed(key.Secret);
        var machines = new Dictionary<Chengguan.Identity.IntegrationKind, HttpClient>
        {
            [Chengguan.Identity.Integrations.Hotline] = machine,
            [Chengguan.Identity.Integrations.Open311] = await app.Open311ClientAsync(sweeper, sweeper),
        };
        string orderNumber = "SWEEP" + Guid.NewGuid().ToString("N")[..8];
        var order = await (await machine.PostJson("/api/hotline/orders", new { channel = "12345", orderNumber, requestType = "Help", description = "扫描用工单", address = "江宁路 1 号" }))
            .OkJson<Chengguan.Hotline.HotlineOrderReceipt>(HttpStatusCode.Created);
        List<Target> targets = Targets(order.CaseId, orderNumber);
        Assert.True(targets.Count >= 15, $"only {targets.Count} write endpoints");
        var failures = new List<string>();
        foreach (Target t in targets)
        {
            var cases = new List<(string Name, HttpContent Content)>
            {
                ("malformed", new StringContent("{\"name\": \"未闭合", Encoding.UTF8, "application/json")),
                ("wrong types", new StringContent("{\"name\": 12, \"unitId\": true, \"roles\": \"admin\", \"parentId\": [1], \"kind\": 99}", Encoding.UTF8, "application/json")),
                ("array", new StringContent("[1,2,3]", Encoding.UTF8, "application/json")),
                ("missing fields", new StringContent("{}", Encoding.UTF8, "application/json")),
                ("empty", new StringContent("", Encoding.UTF8, "application/json")),
                ("text/plain", new StringContent("hello", Encoding.UTF8, "text/plain")),
                ("oversized", new ByteArrayContent(new byte[25 * 1024 * 1024]) { Headers = { ContentType = new("application/json") } }),
            };
            if (t.Body is not null)
            {
                cases.Add(("over-long", new StringContent(Overlong(t.Body), Encoding.UTF8, "application/json")));
            }
            (string? nulls, string[] nullFields) = t.Body is null ? (null, []) : NullElements(t.Body);
            if (nulls is not null)
            {
                cases.Add(("null elements", new StringContent(nulls, Encoding.UTF8, "application/json")));
            }
            foreach ((string name, HttpContent content) in cases)
            {
                using var request = new HttpRequestMessage(new HttpMethod(t.Method), t.Url) { Content = content };
                HttpResponseMessage response = await (t.Machine is { } integration ? machines[integration] : admin).SendAsync(request);
                int status = (int)response.StatusCode;
                string type = response.Content.Headers.ContentType?.MediaType ?? "";
                // An endpoint that reads no body ignores it: it answers for its (random) route id, or
                // does its bodiless work; all that matters there is that junk never makes it fail.
                bool bodiless = !t.ReadsBody && status < 500 && (status < 400 || type == "application/problem+json");
                bool okStatus = status is 400 or 413 or 415 && type == "application/problem+json";
                // Open311 GeoReport v2 (§1.3e) prescribes its own error list, in the format of the path
                // suffix, with 400 for any bad input; 413 still comes from the body-limit middleware.
                if (t.Url.StartsWith("/open311/", StringComparison.Ordinal) && status == 400 && type == "text/xml")
                {
                    okStatus = (await response.Content.ReadAsStringAsync()).Contains("<errors>", StringComparison.Ordinal);
                }
                // A null inside a list the record says cannot hold one is named as that element, whatever else is wrong.
                if (okStatus && name == "null elements")
                {
                    string problem = await response.Content.ReadAsStringAsync();
                    okStatus = nullFields.All(f => problem.Contains($"\"{f}\":[\"不能为空\"]", StringComparison.Ordinal));
                }
                if (!okStatus && !bodiless)
                {
                    string text = await response.Content.ReadAsStringAsync();
                    failures.Add($"{t.Method} {t.Url} [{name}] → {status} {type}: {text[..Math.Min(200, text.Length)]}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(0, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries, a => a.ActorName == sweeper)));
        Assert.Equal(1, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.CaseEvents, e => e.CaseId == order.CaseId)));
    }
}

public sealed class BadInputTestsOnSqlite(SqliteApp app) : BadInputTests(app);

public sealed class BadInputTestsOnPostgres(PostgresApp app) : BadInputTests(app);
