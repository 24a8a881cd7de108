using System.Security.Claims;
using Chengguan.Identity;

namespace Chengguan.Evaluation;

/// <summary>
/// The personnel office of the evaluation (组织人事): bureau leaders, section chiefs and administrators set
/// rounds up, open and close them and read every result. Any rater answers their own ballots; a cadre reads
/// their own result and letter.
/// </summary>
public static class EvaluationRoles
{
    public static bool Manages(ClaimsPrincipal user) =>
        user.IsInRole(Roles.BureauLeader) || user.IsInRole(Roles.SectionChief) || user.IsInRole(Roles.Admin);

    public static readonly string[] Managers = [Roles.BureauLeader, Roles.SectionChief, Roles.Admin];

    public const string ManagersText = Roles.BureauLeader + "," + Roles.SectionChief + "," + Roles.Admin;

    public const string ManagersOnly = "只有局领导、科室负责人或管理员可以组织干部双月评价";
}

/// <summary>Chinese words for the evaluation's states and groups.</summary>
public static class EvaluationText
{
    public static string State(EvaluationState s) => s switch
    {
        EvaluationState.Preparing => "准备中",
        EvaluationState.Open => "评价中",
        _ => "已结束",
    };

    public static string Group(RaterGroup g) => g switch
    {
        RaterGroup.Leaders => "局领导评价",
        RaterGroup.Peers => "中层干部互评",
        _ => "所在单位干部职工评价",
    };

    public const string TooFew = "人数不足，不显示";
}
