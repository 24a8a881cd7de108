using Chengguan.Audit;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Communities;
using Chengguan.Data;
using Chengguan.Data.Seeding;
using Chengguan.Demolition;
using Chengguan.Evidence;
using Chengguan.Grids;
using Chengguan.Hotline;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Infrastructure.OpenApi;
using Chengguan.Kpis;
using Chengguan.Surveys;
using Chengguan.Rectification;
using Chengguan.Selection;
using Chengguan.Directives;
using Chengguan.Supervision;
using Chengguan.Training;
using Chengguan.Guidance;
using Chengguan.Notifications;
using Chengguan.Open311;
using Chengguan.Organisation;
using Chengguan.Overview;
using Chengguan.Personnel;
using Chengguan.Ui;
using Chengguan.Assessment;
using Chengguan.DistrictReports;
using Chengguan.Evaluation;

namespace Chengguan;

public static class Capabilities
{
    /// <summary>
    /// Every capability's services, in one list so that a bench building its own container (the clock sweep,
    /// the recomputation) resolves what the app resolves: a handler a capability adds is never missing there.
    /// </summary>
    public static IServiceCollection Add(IServiceCollection services, IConfiguration config)
    {
        services.AddChengguanIdentity(config);
        services.AddAudit();
        services.AddOrganisation();
        services.AddGrids();
        services.AddClocks();
        services.AddEvidence();
        services.AddCases();
        services.AddHotline();
        services.AddOpen311();
        services.AddKpis();
        services.AddDemolition(config);
        services.AddSurveys();
        services.AddCommunities();
        services.AddRectification();
        services.AddSelection();
        services.AddDirectives();
        services.AddSupervision();
        services.AddTraining();
        services.AddGuidance();
        services.AddPersonnel();
        services.AddAssessment();
        services.AddDistrictReports();
        services.AddEvaluation();
        services.AddNotifications();
        services.AddOverview();
        services.AddConsole();
        return services;
    }
}
