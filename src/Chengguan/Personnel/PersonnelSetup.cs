namespace Chengguan.Personnel;

/// <summary>Registers the people file and the talent pool (人员档案、人才库): its door and its routes.</summary>
public static class PersonnelSetup
{
    public static IServiceCollection AddPersonnel(this IServiceCollection services) => services.AddScoped<PersonnelFiles>().AddScoped<PersonnelSources>();

    public static void MapPersonnel(this IEndpointRouteBuilder app) => app.MapPersonnelApi();
}
