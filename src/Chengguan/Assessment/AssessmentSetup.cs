namespace Chengguan.Assessment;

/// <summary>Registers the performance assessment: its doors, its calculator and one IIndicatorSource per data source.</summary>
public static class AssessmentSetup
{
    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddScoped<AssessmentSubjects>().AddScoped<AssessmentCalculator>();
        // Computed indicator sources: one registration each.
        services.AddScoped<IIndicatorSource, KpiIndicatorSource>();
        services.AddScoped<IIndicatorSource, DirectiveIndicatorSource>();
        services.AddScoped<IIndicatorSource, SupervisionIndicatorSource>();
        services.AddScoped<IIndicatorSource, DemolitionIndicatorSource>();
        services.AddScoped<IIndicatorSource, TrainingIndicatorSource>();
        services.AddScoped<IIndicatorSource, SurveyIndicatorSource>();
        // The capability's doors: the API's endpoints and the console's pages go through these and nothing else.
        services.AddScoped<AssessmentSetupDesk>().AddScoped<AssessmentDesk>().AddScoped<AssessmentResults>();
        return services;
    }

    public static void MapAssessment(this IEndpointRouteBuilder app) => app.MapAssessmentApi();
}
