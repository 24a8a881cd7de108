namespace Chengguan.Open311;

/// <summary>Registers Open311 GeoReport v2: what may be published (checked at start-up) and the public routes.</summary>
public static class Open311Setup
{
    public static IServiceCollection AddOpen311(this IServiceCollection services) => services.AddSingleton<Open311Publication>();
}
