using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace Chengguan.Infrastructure.OpenApi;

/// <summary>
/// The integrator's contract: <c>/openapi/v1.json</c> with its security schemes, error answers, enums and the
/// outgoing webhooks, and the Scalar reference at <c>/scalar</c> configured to run on an intranet (no CDN fonts,
/// no AI chat, no SDK/deploy toolbar, no telemetry).
/// </summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddChengguanOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<DocumentInfo>();
            o.AddDocumentTransformer<SecuritySchemes>();
            o.AddDocumentTransformer<HotlineWebhooks>();
            o.AddDocumentTransformer<ProblemSchemas>();
            o.AddOperationTransformer<OperationSecurity>();
            o.AddOperationTransformer<ProblemResponses>();
            o.AddOperationTransformer<ActionParameters>();
            o.AddSchemaTransformer<SchemaRules>();
        });

    public static IEndpointConventionBuilder MapChengguanApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(o => o
            .WithTitle("城管综合执法平台 API")
            // Everything the page needs is served by this application; nothing is fetched from the internet.
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton()
            .AddPreferredSecuritySchemes(SecuritySchemes.ApiKey, SecuritySchemes.Bearer));
}
