namespace Chengguan.Evaluation;

/// <summary>Registers the bimonthly cadre evaluation (中层干部双月评价): its doors and its routes.</summary>
public static class EvaluationSetup
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services) =>
        services.AddScoped<EvaluationData>().AddScoped<EvaluationRounds>().AddScoped<EvaluationBallots>().AddScoped<EvaluationResults>();

    public static void MapEvaluation(this IEndpointRouteBuilder app) => app.MapEvaluationApi();
}
