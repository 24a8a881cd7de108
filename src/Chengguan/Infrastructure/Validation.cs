using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace Chengguan.Infrastructure;

/// <summary>
/// Runs the DataAnnotations of every request record bound from the body before the handler,
/// answering 400 with field errors named as in the JSON (camelCase).
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        FieldErrors? errors = null;
        foreach (object? arg in context.Arguments)
        {
            if (arg is null || !IsRequestModel(arg.GetType()))
            {
                continue;
            }
            Validate(arg, "", ref errors);
        }
        if (errors is { Any: true })
        {
            return Problems.Validation(errors);
        }
        return await next(context);
    }

    private static void Validate(object model, string prefix, ref FieldErrors? errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        foreach (ValidationResult r in results)
        {
            foreach (string member in r.MemberNames.DefaultIfEmpty(""))
            {
                (errors ??= new FieldErrors()).Add(prefix + JsonNamingPolicy.CamelCase.ConvertName(member), r.ErrorMessage ?? "无效");
            }
        }
        // Nested lists of request records (e.g. rows of a batch) are validated item by item.
        foreach (PropertyInfo p in model.GetType().GetProperties())
        {
            if (p.GetValue(model) is System.Collections.IEnumerable items and not string)
            {
                int i = 0;
                foreach (object? item in items)
                {
                    if (item is not null && IsRequestModel(item.GetType()))
                    {
                        Validate(item, $"{prefix}{JsonNamingPolicy.CamelCase.ConvertName(p.Name)}[{i}].", ref errors);
                    }
                    i++;
                }
            }
        }
    }

    private static bool IsRequestModel(Type t) => t.GetCustomAttribute<RequestModelAttribute>() is not null;
}

/// <summary>Marks a record as a request body whose DataAnnotations the <see cref="ValidationFilter"/> checks.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequestModelAttribute : Attribute;

/// <summary>Upper bound for a request body on an endpoint; the default for the API is <see cref="BodyLimits.Default"/>.</summary>
public sealed record BodyLimit(long Bytes);

public static class BodyLimits
{
    public const long Default = 256 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    /// <summary>Applies the endpoint's limit to Kestrel's body reader, and rejects a declared length above it at once.</summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        long limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? Default;
        var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }
        await next(context);
    });
}
