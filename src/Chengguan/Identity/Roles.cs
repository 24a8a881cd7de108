namespace Chengguan.Identity;

public static class Roles
{
    public const string Admin = "admin";
    public const string BureauLeader = "bureau_leader";
    public const string SectionChief = "section_chief";
    public const string Dispatcher = "dispatcher";
    public const string SquadLeader = "squad_leader";
    public const string Officer = "officer";
    public const string Supervisor = "supervisor";
    public const string StreetTeamLeader = "street_team_leader";
    public const string StreetTeamOfficer = "street_team_officer";
    public const string Integration = "integration";

    public static readonly IReadOnlyList<string> All =
    [
        Admin, BureauLeader, SectionChief, Dispatcher, SquadLeader, Officer, Supervisor,
        StreetTeamLeader, StreetTeamOfficer, Integration,
    ];

    /// <summary>Roles whose holders see the whole district, whatever their unit.</summary>
    public static readonly IReadOnlyList<string> DistrictWide = [Admin, BureauLeader, SectionChief, Dispatcher, Supervisor];

    /// <summary>Who may read the audit trail: the API's audit policy and the console's audit page both use this list.</summary>
    public static readonly string[] AuditReaders = [Admin, Supervisor, BureauLeader];

    /// <summary><see cref="AuditReaders"/> as an [Authorize(Roles = …)] attribute takes it.</summary>
    public const string AuditReadersText = Admin + "," + Supervisor + "," + BureauLeader;

    /// <summary>Every role held by a member of staff (everything but machine clients).</summary>
    public static readonly string[] Staff = [.. All.Where(r => r != Integration)];

    public static readonly IReadOnlyDictionary<string, string> ChineseNames = new Dictionary<string, string>
    {
        [Admin] = "系统管理员",
        [BureauLeader] = "局领导",
        [SectionChief] = "科长",
        [Dispatcher] = "派遣员",
        [SquadLeader] = "中队长",
        [Officer] = "执法队员",
        [Supervisor] = "督查员",
        [StreetTeamLeader] = "街镇中队长",
        [StreetTeamOfficer] = "街镇执法队员",
        [Integration] = "系统接口",
    };
}
