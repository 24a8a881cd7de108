using Chengguan.Cases;
using Chengguan.Cases.Pages;
using Chengguan.Clocks;
using Chengguan.Ui.Components;

namespace Chengguan.Tests.Ui;

public sealed class ConsoleModelTests
{
    private static readonly DateTimeOffset s_warn = new(2026, 12, 7, 2, 16, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_due = s_warn.AddMinutes(4);

    [Theory]
    [InlineData(-1, ClockState.Running, null, ClockLight.Green)]
    [InlineData(0, ClockState.Running, null, ClockLight.Yellow)]
    [InlineData(239, ClockState.Running, null, ClockLight.Yellow)]
    [InlineData(240, ClockState.Running, null, ClockLight.Red)]
    [InlineData(-600, ClockState.Breached, null, ClockLight.Red)]
    [InlineData(300, ClockState.Paused, null, ClockLight.Paused)]
    [InlineData(300, ClockState.Met, 1, ClockLight.Stopped)]
    [InlineData(300, ClockState.Breached, 1, ClockLight.Stopped)]
    public void The_countdown_is_green_until_the_warning_yellow_until_due_then_red(int secondsAfterWarn, ClockState state, int? stopped, ClockLight expected)
    {
        var clock = new ClockView("hotline.accept", "签收时限", state, s_due, s_warn, stopped is null ? null : s_warn);
        Assert.Equal(expected, clock.LightAt(s_warn.AddSeconds(secondsAfterWarn)));
    }

    [Fact]
    public void Spans_show_days_then_hours_minutes_seconds()
    {
        Assert.Equal("00:19:56", ClockView.Span(TimeSpan.FromSeconds(19 * 60 + 56), "天"));
        Assert.Equal("5天 17:36:23", ClockView.Span(new TimeSpan(5, 17, 36, 23), "天"));
        Assert.Equal("00:05:00", ClockView.Span(TimeSpan.FromMinutes(-5), "天"));
    }

    [Fact]
    public void Margins_read_in_days_hours_and_minutes_and_a_stopped_clock_is_met_or_late_by_its_margin()
    {
        Assert.Equal("0分钟", ClockView.Minutes(0, "天", "小时", "分钟"));
        Assert.Equal("2小时5分钟", ClockView.Minutes(125, "天", "小时", "分钟"));
        Assert.Equal("1天3小时", ClockView.Minutes(-(1440 + 180), "天", "小时", "分钟"));
        Assert.True(new ClockView("k", "n", ClockState.Met, s_due, s_warn, s_warn, 4).Met);
        Assert.False(new ClockView("k", "n", ClockState.Breached, s_due, s_warn, s_due.AddMinutes(30), -30).Met);
        Assert.Null(new ClockView("k", "n", ClockState.Cancelled, s_due, s_warn, s_warn, 4).Met);
        Assert.Null(new ClockView("k", "n", ClockState.Running, s_due, s_warn, null).Met);
    }

    [Fact]
    public void A_clock_says_which_ledger_line_ended_or_paused_it()
    {
        Clock Clock(ClockState state, DateTimeOffset? stopped, params (LedgerType Type, string? Reason)[] lines) => new()
        {
            SubjectType = "case", Kind = "hotline.on-site", State = state, StoppedAt = stopped,
            Ledger = [.. lines.Select((l, i) => new ClockLedgerEntry { Seq = i + 1, Type = l.Type, Reason = l.Reason })],
        };
        Assert.Equal((LedgerType.Stop, "到场取证"), ClockView.EndingOf(Clock(ClockState.Met, s_due, (LedgerType.Start, null), (LedgerType.Stop, "到场取证"))));
        Assert.Equal((LedgerType.Cancel, "退单：非本局职责"),
            ClockView.EndingOf(Clock(ClockState.Cancelled, s_due, (LedgerType.Start, null), (LedgerType.Pause, "挂起"), (LedgerType.Cancel, "退单：非本局职责"))));
        Assert.Equal((LedgerType.Pause, "等待材料"), ClockView.EndingOf(Clock(ClockState.Paused, null, (LedgerType.Start, null), (LedgerType.Pause, "等待材料"))));
        Assert.Equal(((LedgerType?)null, (string?)null), ClockView.EndingOf(Clock(ClockState.Running, null, (LedgerType.Start, null))));
    }

    [Fact]
    public void A_reply_form_nests_its_checklist_and_leaves_blanks_out()
    {
        IReadOnlyList<FormField> fields = CaseForms.For(CaseAction.Reply);
        var body = CaseForms.Body(fields, new Dictionary<string, string?> { ["reply"] = " 已处理 ", ["checklist.factsFound"] = "属实", ["checklist.legalBasis"] = " " });
        Assert.Equal("已处理", body["reply"]);
        var checklist = Assert.IsType<Dictionary<string, object?>>(body["checklist"]);
        Assert.Equal(["factsFound"], checklist.Keys);
        Assert.True(CaseForms.Required(CaseRoute.Hotline, CaseState.Handled, CaseAction.Reply, fields.Single(f => f.Key == "checklist.legalBasis")));
        Assert.False(CaseForms.Required(CaseRoute.Grid, CaseState.Filed, CaseAction.Dispatch, CaseForms.For(CaseAction.Dispatch).Single(f => f.Key == "note")));
    }
}
