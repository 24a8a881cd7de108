namespace Chengguan.Selection;

/// <summary>The Chinese words for the selection's machine values, for rule texts and the console.</summary>
public static class SelectionText
{
    public static string Grade(CadreGrade g) => g switch
    {
        CadreGrade.Clerk => "办事员",
        CadreGrade.Staff => "科员",
        CadreGrade.DeputySection => "副科级",
        CadreGrade.Section => "正科级",
        CadreGrade.DeputyDivision => "副处级",
        _ => g.ToString(),
    };

    public static string Education(Education e) => e switch
    {
        Selection.Education.HighSchool => "高中（中专）",
        Selection.Education.College => "大专",
        Selection.Education.Bachelor => "本科",
        Selection.Education.Master => "硕士研究生",
        Selection.Education.Doctor => "博士研究生",
        _ => e.ToString(),
    };

    public static string TieBreak(TieBreak t) => t switch
    {
        Selection.TieBreak.WrittenThenServiceThenApplied => "综合成绩相同时，笔试成绩高者优先，其次任职年限长者，其次报名早者",
        Selection.TieBreak.InterviewThenServiceThenApplied => "综合成绩相同时，面试成绩高者优先，其次任职年限长者，其次报名早者",
        _ => t.ToString(),
    };

    public static string State(RoundState s) => s switch
    {
        RoundState.Open => "报名中",
        RoundState.Matched => "已匹配",
        RoundState.Published => "公示中",
        RoundState.Confirmed => "已定岗",
        _ => s.ToString(),
    };

    public static string Reason(ExplanationReason r) => r switch
    {
        ExplanationReason.NotEligible => "不符合任职条件",
        ExplanationReason.NotRanked => "成绩不全，未进入排名",
        ExplanationReason.RankedBelowCutoff => "排名在末位录取名次之后",
        ExplanationReason.NoSeats => "该岗位无职数",
        _ => r.ToString(),
    };
}
