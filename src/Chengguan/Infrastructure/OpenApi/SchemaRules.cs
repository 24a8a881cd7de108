using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Chengguan.Hotline;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chengguan.Infrastructure.OpenApi;

/// <summary>
/// Schema corrections the generator cannot infer:
/// enums are strings (the API reads and writes names, JsonStringEnumConverter);
/// a request body's <c>required</c> lists only what the server refuses to do without — a property marked
/// [Required] or declared non-nullable — not every constructor parameter;
/// the hotline order names its channels and the address-or-point rule.
/// </summary>
internal sealed class SchemaRules : IOpenApiSchemaTransformer
{
    private static readonly NullabilityInfoContext s_nullability = new();

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        Type type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Type = JsonSchemaType.String;
        }
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Required is { Count: > 0 } && IsRequestBody(type))
        {
            foreach (JsonPropertyInfo p in context.JsonTypeInfo.Properties)
            {
                if (!Required(p))
                {
                    schema.Required.Remove(p.Name);
                }
            }
        }
        if (type == typeof(HotlineOrder))
        {
            DescribeHotlineOrder(schema);
        }
        return Task.CompletedTask;
    }

    private static bool IsRequestBody(Type type) => RequestValidation.IsRequestModel(type) || type == typeof(HotlineOrder);

    private static bool Required(JsonPropertyInfo p)
    {
        if (p.IsRequired || p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
        {
            return true;
        }
        return p.AttributeProvider is PropertyInfo property && !property.PropertyType.IsValueType
            && s_nullability.Create(property).WriteState == NullabilityState.NotNull;
    }

    private static void DescribeHotlineOrder(OpenApiSchema schema)
    {
        if (schema.Properties?.TryGetValue("channel", out IOpenApiSchema? channel) == true && channel is OpenApiSchema c)
        {
            c.Type = JsonSchemaType.String;
            c.Enum = [JsonValue.Create("12345"), JsonValue.Create("12319")];
        }
        // Either an address or a point (lon and lat together) locates the order.
        schema.AnyOf =
        [
            new OpenApiSchema { Required = new HashSet<string> { "address" } },
            new OpenApiSchema { Required = new HashSet<string> { "lon", "lat" } },
        ];
    }
}

/// <summary>The <c>{action}</c> of the workflow endpoints is one of the table's actions (by name, case-insensitive).</summary>
internal sealed class ActionParameters : IOpenApiOperationTransformer
{
    private static readonly (string PathStart, Type Actions)[] s_actions =
    [
        ("api/cases/", typeof(Cases.CaseAction)),
        ("api/demolition/items/", typeof(Demolition.DemolitionAction)),
        ("api/areas/", typeof(Demolition.Areas.ProblemAction)),
    ];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        string path = context.Description.RelativePath ?? "";
        if (!path.EndsWith("/{action}", StringComparison.Ordinal) || s_actions.FirstOrDefault(a => path.StartsWith(a.PathStart, StringComparison.Ordinal)).Actions is not { } actions)
        {
            return Task.CompletedTask;
        }
        foreach (OpenApiParameter p in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == "action") ?? [])
        {
            p.Description = "操作名（不区分大小写）；未知的操作答 404，当前状态不允许的操作答 409（带 state 与 action）。";
            p.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames(actions).Select(n => (JsonNode)JsonValue.Create(n))] };
        }
        return Task.CompletedTask;
    }
}
