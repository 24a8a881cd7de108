using Chengguan.Data;
using Chengguan.Notifications;

namespace Chengguan.Cases;

/// <summary>Registers the cases capability's services (its doors: <see cref="CaseQueries"/>, <see cref="CaseCommands"/>, <see cref="CategoryCatalog"/>, <see cref="SavedCaseFilters"/>) and the console page of a case, which notifications about a case link to.</summary>
public static class CasesSetup
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddScoped<CaseIntake>().AddScoped<CaseBatchIntake>().AddScoped<CaseTransitions>();
        services.AddScoped<CaseQueries>().AddScoped<CaseCommands>().AddScoped<CategoryCatalog>().AddScoped<CaseDepartmentsDesk>().AddScoped<SavedCaseFilters>();
        services.AddSubjectLink(CaseIntake.SubjectType, id => $"/cases/{id}");
        services.AddCaseEvidence();
        // The search index adds its documents before the audit records the unit of work; the change news go out after.
        services.AddSingleton<Search.CaseSearchIndexer>().AddSaveInterceptor<Search.CaseSearchIndexer>(100);
        services.AddSingleton<CaseChanges>().AddSingleton<CaseChangeInterceptor>().AddSaveInterceptor<CaseChangeInterceptor>(300);
        return services;
    }

    public static void MapCases(this IEndpointRouteBuilder app)
    {
        app.MapCaseEndpoints();
        app.MapCategories();
    }
}
