namespace Chengguan.Guidance;

/// <summary>Registers guidance (业务指导): its door and its routes.</summary>
public static class GuidanceSetup
{
    public static IServiceCollection AddGuidance(this IServiceCollection services) => services.AddScoped<GuidanceNotes>();

    public static void MapGuidance(this IEndpointRouteBuilder app) => app.MapGuidanceApi();
}
