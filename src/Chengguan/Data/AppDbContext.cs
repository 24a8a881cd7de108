using Chengguan.Audit;
using Chengguan.Clocks;
using Chengguan.Grids;
using Chengguan.Identity;
using Chengguan.Notifications;
using Chengguan.Organisation;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data;

/// <summary>
/// The one database context. Provider-specific details (column types, conventions, migrations)
/// live in <see cref="SqliteAppDbContext"/> and <see cref="PostgresAppDbContext"/>.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Who the audit trail names for the next save when no HTTP request is in scope: a background
    /// writer that commits work on behalf of requests (hotline group commit) sets it per save.
    /// </summary>
    internal (string? Id, string Name)? AuditActor { get; set; }

    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<GridResponsibleUnit> GridResponsibleUnits => Set<GridResponsibleUnit>();
    public DbSet<GridOfficer> GridOfficers => Set<GridOfficer>();
    public DbSet<GridLayerState> GridLayerStates => Set<GridLayerState>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<CalendarVersion> CalendarVersions => Set<CalendarVersion>();
    public DbSet<ClockPolicy> ClockPolicies => Set<ClockPolicy>();
    public DbSet<Clock> Clocks => Set<Clock>();
    public DbSet<ClockLedgerEntry> ClockLedger => Set<ClockLedgerEntry>();
    public DbSet<ClockEvent> ClockEvents => Set<ClockEvent>();
    public DbSet<Cases.Case> Cases => Set<Cases.Case>();
    public DbSet<Cases.CaseEvent> CaseEvents => Set<Cases.CaseEvent>();
    public DbSet<Cases.CaseSequence> CaseSequences => Set<Cases.CaseSequence>();
    public DbSet<Cases.CategoryCondition> CategoryConditions => Set<Cases.CategoryCondition>();
    public DbSet<Cases.CaseDepartment> CaseDepartments => Set<Cases.CaseDepartment>();
    public DbSet<Cases.Search.CaseSearchDocument> CaseSearchDocuments => Set<Cases.Search.CaseSearchDocument>();
    public DbSet<Kpis.Rollups.KpiRollup> KpiRollups => Set<Kpis.Rollups.KpiRollup>();
    public DbSet<Kpis.Rollups.KpiHandlerRollup> KpiHandlerRollups => Set<Kpis.Rollups.KpiHandlerRollup>();
    public DbSet<Evidence.EvidenceItem> Evidence => Set<Evidence.EvidenceItem>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<Demolition.IllegalBuilding> IllegalBuildings => Set<Demolition.IllegalBuilding>();
    public DbSet<Demolition.DemolitionEvent> DemolitionEvents => Set<Demolition.DemolitionEvent>();
    public DbSet<Demolition.DemolitionCaseLink> DemolitionCaseLinks => Set<Demolition.DemolitionCaseLink>();
    public DbSet<Demolition.DemolitionDocument> DemolitionDocuments => Set<Demolition.DemolitionDocument>();
    public DbSet<Demolition.DemolitionTask> DemolitionTasks => Set<Demolition.DemolitionTask>();
    public DbSet<Demolition.TaskTarget> DemolitionTaskTargets => Set<Demolition.TaskTarget>();
    public DbSet<Demolition.DemolitionPlan> DemolitionPlans => Set<Demolition.DemolitionPlan>();
    public DbSet<Demolition.PlanTarget> DemolitionPlanTargets => Set<Demolition.PlanTarget>();
    public DbSet<Demolition.NoIllegalBuildingCreation> NoIllegalBuildingCreations => Set<Demolition.NoIllegalBuildingCreation>();
    public DbSet<Demolition.Briefings.Briefing> Briefings => Set<Demolition.Briefings.Briefing>();
    public DbSet<Demolition.Briefings.Interview> Interviews => Set<Demolition.Briefings.Interview>();
    public DbSet<Demolition.Briefings.InterviewCommitment> InterviewCommitments => Set<Demolition.Briefings.InterviewCommitment>();
    public DbSet<Demolition.Areas.RemediationArea> RemediationAreas => Set<Demolition.Areas.RemediationArea>();
    public DbSet<Demolition.Areas.AreaProblem> AreaProblems => Set<Demolition.Areas.AreaProblem>();
    public DbSet<Demolition.Rivers.River> Rivers => Set<Demolition.Rivers.River>();
    public DbSet<Demolition.Rivers.RiverReach> RiverReaches => Set<Demolition.Rivers.RiverReach>();
    public DbSet<Demolition.Rivers.RiverItem> RiverItems => Set<Demolition.Rivers.RiverItem>();
    public DbSet<Communities.LiaisonAssignment> LiaisonAssignments => Set<Communities.LiaisonAssignment>();
    public DbSet<Communities.CommunityVisit> CommunityVisits => Set<Communities.CommunityVisit>();
    public DbSet<Communities.VisitProblem> VisitProblems => Set<Communities.VisitProblem>();
    public DbSet<Rectification.RectificationPlan> RectificationPlans => Set<Rectification.RectificationPlan>();
    public DbSet<Rectification.RectificationItem> RectificationItems => Set<Rectification.RectificationItem>();
    public DbSet<Rectification.RectificationCell> RectificationCells => Set<Rectification.RectificationCell>();
    public DbSet<Rectification.RectificationReport> RectificationReports => Set<Rectification.RectificationReport>();
    public DbSet<Rectification.RectificationEvent> RectificationEvents => Set<Rectification.RectificationEvent>();
    public DbSet<Selection.SelectionRound> SelectionRounds => Set<Selection.SelectionRound>();
    public DbSet<Selection.SelectionPost> SelectionPosts => Set<Selection.SelectionPost>();
    public DbSet<Selection.SelectionCandidate> SelectionCandidates => Set<Selection.SelectionCandidate>();
    public DbSet<Selection.SelectionChoice> SelectionChoices => Set<Selection.SelectionChoice>();
    public DbSet<Selection.SelectionRun> SelectionRuns => Set<Selection.SelectionRun>();
    public DbSet<Selection.SelectionAppeal> SelectionAppeals => Set<Selection.SelectionAppeal>();
    public DbSet<Selection.PostChange> PostChanges => Set<Selection.PostChange>();
    public DbSet<Personnel.PersonnelProfile> PersonnelProfiles => Set<Personnel.PersonnelProfile>();
    public DbSet<Personnel.CareerEntry> CareerEntries => Set<Personnel.CareerEntry>();
    public DbSet<Personnel.TalentPoolEntry> TalentPool => Set<Personnel.TalentPoolEntry>();
    public DbSet<Directives.DirectiveSource> DirectiveSources => Set<Directives.DirectiveSource>();
    public DbSet<Directives.Directive> Directives => Set<Directives.Directive>();
    public DbSet<Directives.DirectiveCoOwner> DirectiveCoOwners => Set<Directives.DirectiveCoOwner>();
    public DbSet<Directives.DirectiveMilestone> DirectiveMilestones => Set<Directives.DirectiveMilestone>();
    public DbSet<Directives.DirectiveReport> DirectiveReports => Set<Directives.DirectiveReport>();
    public DbSet<Directives.DirectiveEvent> DirectiveEvents => Set<Directives.DirectiveEvent>();
    public DbSet<Supervision.SupervisionChecklist> SupervisionChecklists => Set<Supervision.SupervisionChecklist>();
    public DbSet<Supervision.SupervisionPlan> SupervisionPlans => Set<Supervision.SupervisionPlan>();
    public DbSet<Supervision.SupervisionFile> SupervisionFiles => Set<Supervision.SupervisionFile>();
    public DbSet<Supervision.SupervisionInspection> SupervisionInspections => Set<Supervision.SupervisionInspection>();
    public DbSet<Supervision.SupervisionFinding> SupervisionFindings => Set<Supervision.SupervisionFinding>();
    public DbSet<Training.TrainingCourse> TrainingCourses => Set<Training.TrainingCourse>();
    public DbSet<Training.TrainingSession> TrainingSessions => Set<Training.TrainingSession>();
    public DbSet<Training.TrainingAttendance> TrainingAttendance => Set<Training.TrainingAttendance>();
    public DbSet<Training.TrainingRequirement> TrainingRequirements => Set<Training.TrainingRequirement>();
    public DbSet<Training.EnforcementCertificate> EnforcementCertificates => Set<Training.EnforcementCertificate>();
    public DbSet<Guidance.GuidanceNote> GuidanceNotes => Set<Guidance.GuidanceNote>();
    public DbSet<Guidance.GuidanceTarget> GuidanceTargets => Set<Guidance.GuidanceTarget>();
    public DbSet<Assessment.AssessmentScheme> AssessmentSchemes => Set<Assessment.AssessmentScheme>();
    public DbSet<Assessment.AssessmentPeriod> AssessmentPeriods => Set<Assessment.AssessmentPeriod>();
    public DbSet<Assessment.AssessmentScore> AssessmentScores => Set<Assessment.AssessmentScore>();
    public DbSet<Assessment.AssessmentAdjustment> AssessmentAdjustments => Set<Assessment.AssessmentAdjustment>();
    public DbSet<Assessment.AssessmentResult> AssessmentResults => Set<Assessment.AssessmentResult>();
    public DbSet<Assessment.AssessmentAppeal> AssessmentAppeals => Set<Assessment.AssessmentAppeal>();
    public DbSet<DistrictReports.DistrictReportTemplate> DistrictReportTemplates => Set<DistrictReports.DistrictReportTemplate>();
    public DbSet<DistrictReports.DistrictReport> DistrictReports => Set<DistrictReports.DistrictReport>();
    public DbSet<Evaluation.EvaluationQuestionnaire> EvaluationQuestionnaires => Set<Evaluation.EvaluationQuestionnaire>();
    public DbSet<Evaluation.EvaluationRound> EvaluationRounds => Set<Evaluation.EvaluationRound>();
    public DbSet<Evaluation.EvaluationCadre> EvaluationCadres => Set<Evaluation.EvaluationCadre>();
    public DbSet<Evaluation.EvaluationRater> EvaluationRaters => Set<Evaluation.EvaluationRater>();
    public DbSet<Evaluation.EvaluationBallot> EvaluationBallots => Set<Evaluation.EvaluationBallot>();
    public DbSet<Evaluation.EvaluationAnswer> EvaluationAnswers => Set<Evaluation.EvaluationAnswer>();
    public DbSet<Evaluation.EvaluationResult> EvaluationResults => Set<Evaluation.EvaluationResult>();

    /// <summary>Cookie and token keys, shared by every app node through the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace != null && !t.Namespace.EndsWith(".Migrations", StringComparison.Ordinal));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Enums are stored as strings so that auditors and SQL reports can read the tables.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
