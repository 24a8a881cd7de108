using System.Text.Json;
using Chengguan.Clocks.Calendar;
using Chengguan.Identity;

namespace Chengguan.Clocks;

/// <summary>The policies every installation starts with (domain.md, Clocks).</summary>
public static class ClockPolicies
{
    public const string HotlineAccept = "hotline.accept";
    public const string HotlineOnSite = "hotline.on-site";
    public const string HotlinePreliminary = "hotline.preliminary";
    public const string HotlineHandlingConsult = "hotline.handling.consult";
    public const string HotlineHandlingGeneral = "hotline.handling.general";
    public const string HotlineHandlingComplex = "hotline.handling.complex";
    public const string HotlineHandlingSupervised = "hotline.handling.supervised";
    public const string PenaltyCase = "penalty.case";

    private static readonly string s_escalations = JsonSerializer.Serialize(
        new[] { new EscalationStep(Roles.SquadLeader, 0), new EscalationStep(Roles.SectionChief, 120) }, JsonSerializerOptions.Web);

    public static IEnumerable<ClockPolicy> Seed(DateTimeOffset now)
    {
        ClockPolicy P(string code, string name, string start, string stop, TimeLimitKind kind, int amount, ReworkMode rework = ReworkMode.Restart) => new()
        {
            Code = code, Name = name, StartEvent = start, StopEvent = stop, Kind = kind, Amount = amount,
            Rework = rework, EscalationsJson = s_escalations, CreatedAt = now,
        };

        // The bureau's "3个2": accept in 20 minutes, on site with evidence in 2 hours, a preliminary result in 24 hours.
        yield return P(HotlineAccept, "签收时限（20分钟）", "received", "accepted", TimeLimitKind.NaturalMinutes, 20);
        yield return P(HotlineOnSite, "到场取证时限（2小时）", "accepted", "checked-in", TimeLimitKind.NaturalMinutes, 120);
        yield return P(HotlinePreliminary, "初步结果时限（24小时）", "accepted", "preliminary-result", TimeLimitKind.NaturalMinutes, 24 * 60);
        // The city's handling limits by request type.
        yield return P(HotlineHandlingConsult, "办理时限：咨询、建议（1个工作日）", "received", "replied", TimeLimitKind.WorkingDays, 1);
        yield return P(HotlineHandlingGeneral, "办理时限：一般求助、投诉（5个工作日）", "received", "replied", TimeLimitKind.WorkingDays, 5);
        yield return P(HotlineHandlingComplex, "办理时限：复杂事项（15个工作日，须审批）", "received", "replied", TimeLimitKind.WorkingDays, 15);
        yield return P(HotlineHandlingSupervised, "办理时限：督办、回访复核（3个工作日）", "received", "replied", TimeLimitKind.WorkingDays, 3);
        // Disposal limits by filing condition; the category dictionary picks one (and adds any it lacks).
        foreach (int hours in new[] { 1, 2, 4, 8 })
        {
            yield return Disposal(hours, TimeLimitKind.WorkingHours, now);
        }
        foreach (int days in new[] { 1, 3, 5, 10, 15 })
        {
            yield return Disposal(days, TimeLimitKind.WorkingDays, now);
        }
        foreach (int hours in new[] { 1, 2, 4 })
        {
            yield return Disposal(hours, TimeLimitKind.UrgentHours, now);
        }
        yield return P(PenaltyCase, "行政处罚案件办理时限（90日）", "filed", "decided", TimeLimitKind.NaturalDays, 90);
    }

    /// <summary>The code of the disposal policy for a limit, e.g. disposal.4wh.</summary>
    public static string DisposalCode(int amount, TimeLimitKind kind) => kind switch
    {
        TimeLimitKind.WorkingHours => $"disposal.{amount}wh",
        TimeLimitKind.WorkingDays => $"disposal.{amount}wd",
        TimeLimitKind.UrgentHours => $"disposal.{amount}uh",
        TimeLimitKind.NaturalDays => $"disposal.{amount}nd",
        _ => $"disposal.{amount}nm",
    };

    /// <summary>A disposal limit (处置时限): starts at dispatch, stops at feedback, continues after rework.</summary>
    public static ClockPolicy Disposal(int amount, TimeLimitKind kind, DateTimeOffset now) => new()
    {
        Code = DisposalCode(amount, kind),
        Name = kind switch
        {
            TimeLimitKind.WorkingHours => $"处置时限（{amount}个工作时）",
            TimeLimitKind.WorkingDays => $"处置时限（{amount}个工作日）",
            TimeLimitKind.UrgentHours => $"紧急处置时限（{amount}个紧急工作时）",
            TimeLimitKind.NaturalDays => $"处置时限（{amount}个自然日）",
            _ => $"处置时限（{amount}分钟）",
        },
        StartEvent = "dispatched", StopEvent = "fed-back", Kind = kind, Amount = amount,
        Rework = ReworkMode.Continue, EscalationsJson = s_escalations, CreatedAt = now,
    };
}
