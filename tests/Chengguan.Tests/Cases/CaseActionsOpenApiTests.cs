using System.Text.Json;
using Chengguan.Tests.Infrastructure;

namespace Chengguan.Tests.Cases;

/// <summary>The OpenAPI document shows the typed body of a case action and of a demolition step.</summary>
public abstract class CaseActionsOpenApiTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private async Task<(JsonElement Doc, JsonElement Schema)> BodyOf(string path)
    {
        app.RequireAvailable();
        JsonElement doc = await (await app.Anonymous().GetAsync("/openapi/v1.json")).OkJson<JsonElement>();
        JsonElement schema = doc.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        return (doc, schema);
    }

    /// <summary>The object schema behind a reference, also one wrapped as nullable (oneOf/anyOf with "null").</summary>
    private static JsonElement Resolve(JsonElement doc, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out JsonElement r))
        {
            return doc.GetProperty("components").GetProperty("schemas").GetProperty(r.GetString()!.Split('/')[^1]);
        }
        foreach (string wrapper in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(wrapper, out JsonElement items) && items.EnumerateArray().FirstOrDefault(i => i.TryGetProperty("$ref", out _)) is { ValueKind: JsonValueKind.Object } item)
            {
                return Resolve(doc, item);
            }
        }
        Assert.True(schema.TryGetProperty("properties", out _) || schema.TryGetProperty("enum", out _), "not an object or enum schema: " + schema.GetRawText());
        return schema;
    }

    [Fact]
    public async Task A_case_action_shows_every_field_an_action_can_need()
    {
        (JsonElement doc, JsonElement schema) = await BodyOf("/api/cases/{id}/actions/{action}");
        JsonElement input = Resolve(doc, schema);
        string[] properties = [.. input.GetProperty("properties").EnumerateObject().Select(p => p.Name)];
        Assert.Equal(["reason", "result", "reply", "checklist", "note", "unitId", "categoryCode", "conditionCode", "location", "photos",
            "satisfaction", "resolved", "amount", "deadline", "parentId", "rating", "department"], properties);
        JsonElement checklist = Resolve(doc, input.GetProperty("properties").GetProperty("checklist"));
        Assert.Equal(["factsFound", "actionTaken", "legalBasis", "result", "citizenContacted"], checklist.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Contains("Dissatisfied", Resolve(doc, input.GetProperty("properties").GetProperty("satisfaction")).GetRawText());
    }

    [Fact]
    public async Task A_demolition_step_shows_its_fields()
    {
        (JsonElement doc, JsonElement schema) = await BodyOf("/api/demolition/items/{id}/actions/{action}");
        Assert.Superset(new HashSet<string> { "days", "reason", "note", "reference", "area", "photos" },
            Resolve(doc, schema).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet());
    }
}

public sealed class CaseActionsOpenApiTestsOnSqlite(SqliteApp app) : CaseActionsOpenApiTests<SqliteApp>(app);

public sealed class CaseActionsOpenApiTestsOnPostgres(PostgresApp app) : CaseActionsOpenApiTests<PostgresApp>(app);
