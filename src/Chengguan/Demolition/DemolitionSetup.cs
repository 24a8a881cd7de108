using Chengguan.Demolition.Areas;
using Chengguan.Demolition.Briefings;
using Chengguan.Demolition.Documents;
using Chengguan.Demolition.Rivers;
using Chengguan.Notifications;

namespace Chengguan.Demolition;

/// <summary>Registers the demolition capability: ledger, procedure, tasks and plans, briefings and interviews, 五违四必 areas, rivers, map layers, and the console links of its clocked subjects.</summary>
public static class DemolitionSetup
{
    public static IServiceCollection AddDemolition(this IServiceCollection services, IConfiguration config)
    {
        CjkFonts.Install(config["Demolition:FontPath"]);
        services.AddScoped<DemolitionProcedure>().AddScoped<LedgerIntake>().AddScoped<BriefingService>().AddScoped<ProgressQueries>()
            .AddScoped<AreaQueries>().AddScoped<RiverQueries>();
        // The capability's doors: the API's endpoints and the console's pages go through these and nothing else.
        services.AddScoped<Ledger>().AddScoped<TaskBatches>().AddScoped<Creations>().AddScoped<RemediationAreas>().AddScoped<RiverRegister>()
            .AddScoped<BriefingDesk>().AddScoped<Interviews>();
        services.AddHostedService<BriefingScheduler>();
        services.AddLedgerEvidence();
        // The pages notifications link to: a ledger item's own page; a commitment's row on the interviews page.
        services.AddSubjectLink(DemolitionProcedure.SubjectType, id => $"/demolition/{id}");
        services.AddSubjectLink(Interviews.CommitmentSubject, id => $"/demolition/briefings#commitment-{id}");
        return services;
    }

    public static void MapDemolition(this IEndpointRouteBuilder app)
    {
        app.MapDemolitionLedger();
        app.MapDemolitionTasks();
        app.MapBriefings();
        app.MapDemolitionMap();
        app.MapRemediationAreas();
        app.MapRivers();
    }
}
