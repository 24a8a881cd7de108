using Chengguan.Cases;

namespace Chengguan.Open311;

/// <summary>How a case's state reads in Open311: open/closed for requests, the FixMyStreet status list for updates.</summary>
public static class Open311Status
{
    public const string Open = "open";
    public const string Closed = "closed";

    /// <summary>States that end a case; everything else is open (a suspended or returned case is still being dealt with).</summary>
    public static readonly CaseState[] ClosedStates = [CaseState.Closed, CaseState.Evaluated, CaseState.Voided, CaseState.Withdrawn, CaseState.Merged];

    public static string Of(CaseState state) => ClosedStates.Contains(state) ? Closed : Open;

    /// <summary>The state in words, for <c>status_notes</c>: never free text, which could carry someone's personal data.</summary>
    public static string Notes(CaseState state) => state switch
    {
        CaseState.Reported => "已上报，待核实",
        CaseState.Verified => "已核实，待立案",
        CaseState.Filed => "已立案，待派遣",
        CaseState.Dispatched => "已派遣，处置中",
        CaseState.FedBack => "已处置并反馈，待核查",
        CaseState.Checked => "已核查，待结案",
        CaseState.Evaluated => "已结案并评价",
        CaseState.Received => "已接收，待签收",
        CaseState.Accepted => "已签收，处置中",
        CaseState.OnSite => "已到场，处置中",
        CaseState.PreliminaryDone => "已反馈初步结果，处置中",
        CaseState.Replied => "已答复，待回访",
        CaseState.Returned => "已退回，待重新派单",
        CaseState.Handled => "已处置",
        CaseState.Closed => "已结案",
        CaseState.Suspended => "已挂起",
        CaseState.Voided => "经核实不予立案",
        CaseState.Withdrawn => "已撤单",
        CaseState.Merged => "已并入其他案件",
        _ => state.ToString(),
    };

    /// <summary>
    /// The status of one timeline line in the lowercase list of the FixMyStreet updates extension:
    /// a reopen reads "reopen", a line that leaves the state as it was "unchanged", otherwise the state reached.
    /// </summary>
    public static string OfUpdate(CaseEvent e)
    {
        if (e.Action == nameof(CaseAction.Reopen))
        {
            return "reopen";
        }
        if (e.ToState is not { } to || (e.FromState == to && e.Action != "Open"))
        {
            return "unchanged";
        }
        return to switch
        {
            CaseState.Reported or CaseState.Received => "open",
            CaseState.Verified => "investigating",
            CaseState.Filed => "planned",
            CaseState.Dispatched => "action_scheduled",
            CaseState.Accepted or CaseState.OnSite or CaseState.PreliminaryDone => "in_progress",
            CaseState.Handled or CaseState.FedBack or CaseState.Checked or CaseState.Replied => "fixed",
            CaseState.Closed or CaseState.Evaluated => "closed",
            CaseState.Returned => "internal_referral",
            CaseState.Voided => "no_further_action",
            CaseState.Withdrawn => "cancelled",
            CaseState.Merged => "duplicate",
            _ => "unchanged",
        };
    }
}
