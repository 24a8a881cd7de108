using Chengguan.Notifications;

namespace Chengguan.Cases;

/// <summary>Registers the cases capability's services and the console page of a case, which notifications about a case link to.</summary>
public static class CasesSetup
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddScoped<CaseIntake>().AddScoped<CaseBatchIntake>().AddScoped<CaseTransitions>();
        services.AddSubjectLink(CaseIntake.SubjectType, id => $"/cases/{id}");
        services.AddCaseEvidence();
        return services;
    }
}
