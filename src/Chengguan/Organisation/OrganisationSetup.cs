namespace Chengguan.Organisation;

public static class OrganisationSetup
{
    /// <summary>The register's front door: <see cref="Units"/> and <see cref="People"/>, one per request or console operation.</summary>
    public static IServiceCollection AddOrganisation(this IServiceCollection services) =>
        services.AddScoped<Units>().AddScoped<People>().AddScoped<OrganisationImport>();
}
