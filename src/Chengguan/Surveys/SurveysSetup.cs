namespace Chengguan.Surveys;

/// <summary>Registers citizen satisfaction: survey set-up and imports, and the precise analysis.</summary>
public static class SurveysSetup
{
    public static IServiceCollection AddSurveys(this IServiceCollection services) =>
        services.AddSingleton<SurveyFiguresCache>().AddScoped<SurveyRegister>().AddScoped<SurveyImports>().AddScoped<SurveyAnalysis>();

    public static void MapSurveys(this IEndpointRouteBuilder app) => app.MapSurveyEndpoints();
}
