using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace Chengguan.Infrastructure;

/// <summary>
/// Runs the DataAnnotations of every request record bound from the body before the handler,
/// answering 400 with field errors named as in the JSON (camelCase). The checks are
/// <see cref="RequestValidation.Validate"/>, the same ones application services run on their input.
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new FieldErrors();
        foreach (object? arg in context.Arguments)
        {
            if (arg is not null && RequestValidation.IsRequestModel(arg.GetType()))
            {
                RequestValidation.Validate(arg, "", errors);
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        return await next(context);
    }
}

/// <summary>
/// The one validation path for request records: the API's filter, application services and console
/// forms all call it, so a field is refused with the same Chinese message everywhere, named as in the
/// JSON (camelCase).
/// </summary>
public static class RequestValidation
{
    /// <summary>The field errors of <paramref name="model"/>'s DataAnnotations, its lists' nulls and their nested request records; empty when valid.</summary>
    public static FieldErrors Validate(object model)
    {
        var errors = new FieldErrors();
        Validate(model, "", errors);
        return errors;
    }

    internal static void Validate(object model, string prefix, FieldErrors errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        foreach (ValidationResult r in results)
        {
            foreach (string member in r.MemberNames.DefaultIfEmpty(""))
            {
                errors.Add(prefix + JsonNamingPolicy.CamelCase.ConvertName(member), r.ErrorMessage ?? "无效");
            }
        }
        // Lists: an element that is null where the record says it cannot be is a field error here, once
        // for every endpoint, not a NullReferenceException in a handler; nested request records
        // (e.g. rows of a batch) are validated item by item.
        foreach (ListProperty list in ListsOf(model.GetType()))
        {
            if (list.Property.GetValue(model) is not System.Collections.IEnumerable items)
            {
                continue;
            }
            int i = 0;
            foreach (object? item in items)
            {
                if (item is null && !list.NullsAllowed)
                {
                    errors.Add($"{prefix}{list.Name}[{i}]", "不能为空");
                }
                else if (item is not null && IsRequestModel(item.GetType()))
                {
                    Validate(item, $"{prefix}{list.Name}[{i}].", errors);
                }
                i++;
            }
        }
    }

    private sealed record ListProperty(PropertyInfo Property, string Name, bool NullsAllowed);

    private static readonly ConcurrentDictionary<Type, ListProperty[]> s_lists = new();

    /// <summary>A record's list properties (strings aside), and whether each may hold nulls by its nullable annotations.</summary>
    private static ListProperty[] ListsOf(Type type) => s_lists.GetOrAdd(type, static t =>
    {
        var nullability = new NullabilityInfoContext();
        return [.. t.GetProperties()
            .Where(p => p.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType))
            .Select(p =>
            {
                NullabilityInfo info = nullability.Create(p);
                NullabilityInfo? element = info.ElementType ?? (info.GenericTypeArguments is [var only] ? only : null);
                return new ListProperty(p, JsonNamingPolicy.CamelCase.ConvertName(p.Name), element?.ReadState != NullabilityState.NotNull);
            })];
    });

    internal static bool IsRequestModel(Type t) => t.GetCustomAttribute<RequestModelAttribute>() is not null;
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

    /// <summary>
    /// A raw document posted as the body (a GeoJSON layer, holiday notices), counted as it is read:
    /// past <paramref name="maxBytes"/> it throws the same 413 as the middleware, whatever length was
    /// declared. A UTF-8 byte order mark is dropped.
    /// </summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }
        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? 0, maxBytes));
        await using (var body = new LimitedReadStream(request.Body, maxBytes,
            () => new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge), leaveOpen: true))
        {
            await body.CopyToAsync(buffer, ct);
        }
        ReadOnlySpan<byte> bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return bytes.StartsWith("\uFEFF"u8) ? bytes[3..].ToArray() : bytes.ToArray();
    }

    /// <summary>Applies the endpoint's limit to the server's body reader (or counts it itself), and rejects a declared length above it at once.</summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        long limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? Default;
        var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }
        else
        {
            // A server without the feature (the test host) or past setting it: the limit is counted here instead.
            context.Request.Body = new LimitedReadStream(context.Request.Body, limit,
                () => new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge), leaveOpen: true);
        }
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }
        await next(context);
    });
}
