using Chengguan.DistrictReports.Sections;

namespace Chengguan.DistrictReports;

/// <summary>Registers the district report: its door and its sections, in their default order.</summary>
public static class DistrictReportsSetup
{
    public static IServiceCollection AddDistrictReports(this IServiceCollection services)
    {
        services.AddScoped<DistrictReportDesk>();
        // The sections the template may name; a new one is one more class and one more line here.
        services.AddScoped<IReportSection, DepartmentsSection>();
        services.AddScoped<IReportSection, HotlineSection>();
        services.AddScoped<IReportSection, SupervisionSection>();
        services.AddScoped<IReportSection, DirectivesSection>();
        services.AddScoped<IReportSection, TrainingSection>();
        return services;
    }

    public static void MapDistrictReports(this IEndpointRouteBuilder app) => app.MapDistrictReportsApi();
}
