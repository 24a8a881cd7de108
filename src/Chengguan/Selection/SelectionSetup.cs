namespace Chengguan.Selection;

/// <summary>Registers the two-way competitive selection (机关双向选择竞争上岗): its doors and its routes.</summary>
public static class SelectionSetup
{
    public static IServiceCollection AddSelection(this IServiceCollection services) =>
        services.AddScoped<SelectionData>().AddScoped<SelectionWhatIf>().AddScoped<SelectionRounds>().AddScoped<SelectionMatches>();

    public static void MapSelection(this IEndpointRouteBuilder app) => app.MapSelectionApi();
}
