using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Chengguan.Hotline;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chengguan.Infrastructure.OpenApi;

/// <summary>
/// Schema corrections the generator cannot infer:
/// enums are strings (the API reads and writes names, JsonStringEnumConverter);
/// a request body's <c>required</c> lists only what the server refuses to do without — a property marked
/// [Required], declared non-nullable, or a plain number whose default its own range refuses (0 for 1–99) —
/// not every constructor parameter. That holds for every type an endpoint reads as its JSON body and the
/// records nested in it (rows, steps), found from the endpoints themselves, so a new body cannot miss it;
/// the hotline order names its channels; the hotline order and a new case take an address or a point.
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
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && IsRequestBody(type, context.ApplicationServices))
        {
            // The generator lists every constructor parameter without a default; of those, only what the server refuses without stays.
            ISet<string> listed = schema.Required ?? new HashSet<string>();
            HashSet<string> required = [.. context.JsonTypeInfo.Properties.Where(p => Required(p, listed.Contains(p.Name))).Select(p => p.Name)];
            schema.Required = required.Count == 0 ? null : required;
        }
        if (type == typeof(HotlineOrder))
        {
            DescribeHotlineChannels(schema);
        }
        if (type == typeof(HotlineOrder) || type == typeof(Cases.CaseInput))
        {
            AddressOrPoint(schema);
        }
        return Task.CompletedTask;
    }

    /// <summary>The types read as JSON request bodies, and the product's records nested in them; the same for every app built from this assembly.</summary>
    private static volatile HashSet<Type>? s_bodies;

    private static bool IsRequestBody(Type type, IServiceProvider services) =>
        RequestValidation.IsRequestModel(type) || (s_bodies ??= RequestBodies(services)).Contains(type);

    private static HashSet<Type> RequestBodies(IServiceProvider services)
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items).SelectMany(d => d.ParameterDescriptions)
            .Where(p => p.Source == BindingSource.Body).Select(p => p.Type));
        while (pending.TryPop(out Type? type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsArray)
            {
                pending.Push(type.GetElementType()!);
                continue;
            }
            if (type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                foreach (Type argument in type.GetGenericArguments())
                {
                    pending.Push(argument);
                }
                continue;
            }
            // Only the product's own records: framework types (JsonElement, GeoJSON) keep the generator's schema.
            if (type.Assembly != typeof(SchemaRules).Assembly || !type.IsClass || !found.Add(type))
            {
                continue;
            }
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                pending.Push(property.PropertyType);
            }
        }
        return found;
    }

    /// <summary>
    /// [Required] (or C# required) always; otherwise only a property that has no default (<paramref name="noDefault"/>)
    /// and cannot be null: a non-nullable reference, or a plain number whose own range refuses the 0 it would be.
    /// </summary>
    private static bool Required(JsonPropertyInfo p, bool noDefault)
    {
        if (p.IsRequired || p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
        {
            return true;
        }
        if (!noDefault || p.AttributeProvider is not PropertyInfo property)
        {
            return false;
        }
        if (property.PropertyType.IsValueType)
        {
            // Left out, a plain number is 0; when its own range refuses 0 (an amount of 1–100000) it cannot be left out.
            return Nullable.GetUnderlyingType(property.PropertyType) is null
                && property.GetCustomAttributes<ValidationAttribute>(inherit: true).Any(a => !a.IsValid(Activator.CreateInstance(property.PropertyType)));
        }
        return s_nullability.Create(property).WriteState == NullabilityState.NotNull;
    }

    private static void DescribeHotlineChannels(OpenApiSchema schema)
    {
        if (schema.Properties?.TryGetValue("channel", out IOpenApiSchema? channel) == true && channel is OpenApiSchema c)
        {
            c.Type = JsonSchemaType.String;
            c.Enum = [JsonValue.Create(Cases.HotlineChannelText.Citizen), JsonValue.Create(Cases.HotlineChannelText.Construction)];
        }
    }

    /// <summary>Either an address or a point (lon and lat together) locates the order or the case (the intake refuses neither).</summary>
    private static void AddressOrPoint(OpenApiSchema schema)
    {
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
