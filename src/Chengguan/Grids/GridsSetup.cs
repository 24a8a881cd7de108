namespace Chengguan.Grids;

public static class GridsSetup
{
    /// <summary>
    /// The layer's front door (<see cref="GridRegister"/>, one per request or console operation) and the drawn
    /// layer every map shares (<see cref="MapLayers"/>, one per process, rebuilt when the layer's version moves).
    /// The in-memory index that locates points (<see cref="GridDirectory"/>) is refreshed in the background when the layer changes.
    /// </summary>
    public static IServiceCollection AddGrids(this IServiceCollection services) =>
        services.AddSingleton<GridDirectory>().AddHostedService<GridDirectoryRefresher>().AddScoped<GridRegister>().AddSingleton<MapLayers>();
}
