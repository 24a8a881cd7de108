using Chengguan.Personnel;
using Chengguan.Selection;

namespace Chengguan.Tests.Personnel;

public sealed class PersonnelRulesTests
{
    private static CareerStep Step(string from, CareerKind kind, string? until = null, int recorded = 0) =>
        new(DateOnly.Parse(from), until is null ? null : DateOnly.Parse(until), kind, PersonnelRules.KindText(kind), "单位", "岗位", "档案记录", null,
            DateTimeOffset.UnixEpoch.AddMinutes(recorded));

    [Theory]
    [InlineData("2010-03-15", "2026-03-14", 15)]
    [InlineData("2010-03-15", "2026-03-15", 16)]
    [InlineData("2010-03-15", "2010-03-15", 0)]
    [InlineData("2026-12-08", "2026-12-07", 0)]
    [InlineData("2000-02-29", "2001-02-27", 0)]
    [InlineData("2000-02-29", "2001-02-28", 1)]
    [InlineData("2000-02-29", "2001-03-01", 1)]
    [InlineData("2000-02-29", "2004-02-29", 4)]
    public void Service_years_count_only_anniversaries_reached(string since, string asOf, int years) =>
        Assert.Equal(years, PersonnelRules.ServiceYears(DateOnly.Parse(since), DateOnly.Parse(asOf)));

    [Fact]
    public void The_career_is_oldest_first_and_same_day_steps_keep_their_recording_order()
    {
        List<CareerStep> ordered = PersonnelRules.InOrder([Step("2020-01-01", CareerKind.Rotation, recorded: 2), Step("2015-06-01", CareerKind.TransferIn), Step("2020-01-01", CareerKind.Promotion, recorded: 1)]);
        Assert.Equal([CareerKind.TransferIn, CareerKind.Promotion, CareerKind.Rotation], ordered.Select(s => s.Kind));
    }

    [Fact]
    public void The_current_step_is_the_last_begun_and_not_ended_and_none_after_leaving()
    {
        List<CareerStep> career = PersonnelRules.InOrder([Step("2015-06-01", CareerKind.TransferIn, "2019-12-31"), Step("2020-01-01", CareerKind.Promotion)]);
        Assert.Equal(CareerKind.Promotion, PersonnelRules.Current(career, DateOnly.Parse("2026-12-07"))!.Kind);
        Assert.Equal(CareerKind.TransferIn, PersonnelRules.Current(career, DateOnly.Parse("2018-01-01"))!.Kind);
        Assert.Null(PersonnelRules.Current(career, DateOnly.Parse("2015-05-31")));
        Assert.Null(PersonnelRules.Current([Step("2015-06-01", CareerKind.Secondment, "2016-06-01")], DateOnly.Parse("2017-01-01")));
        Assert.Null(PersonnelRules.Current([.. career, Step("2026-01-01", CareerKind.TransferOut)], DateOnly.Parse("2026-12-07")));
        Assert.Null(PersonnelRules.Current([.. career, Step("2026-01-01", CareerKind.Retirement)], DateOnly.Parse("2026-12-07")));
    }

    [Fact]
    public void Movement_counts_each_kind_and_exchanges_include_secondments()
    {
        Movement m = PersonnelRules.Count([Step("2010-01-01", CareerKind.TransferIn), Step("2012-01-01", CareerKind.Promotion), Step("2014-01-01", CareerKind.Rotation),
            Step("2016-01-01", CareerKind.Exchange), Step("2017-01-01", CareerKind.Secondment), Step("2018-01-01", CareerKind.Demotion),
            Step("2019-01-01", CareerKind.Promotion), Step("2020-01-01", CareerKind.TransferOut), Step("2021-01-01", CareerKind.Appointment)]);
        Assert.Equal(new Movement(Promotions: 2, Demotions: 1, Rotations: 1, Exchanges: 2, TransfersIn: 1, TransfersOut: 1), m);
    }

    [Theory]
    [InlineData(CareerKind.Appointment, true, false)]
    [InlineData(CareerKind.Promotion, true, false)]
    [InlineData(CareerKind.Demotion, true, false)]
    [InlineData(CareerKind.Rotation, true, false)]
    [InlineData(CareerKind.Exchange, true, false)]
    [InlineData(CareerKind.Secondment, true, false)]
    [InlineData(CareerKind.TransferIn, true, false)]
    [InlineData(CareerKind.TransferOut, false, true)]
    [InlineData(CareerKind.Retirement, false, true)]
    public void Every_kind_either_holds_a_post_or_leaves_and_has_a_chinese_name(CareerKind kind, bool holds, bool leaves)
    {
        Assert.Equal(holds, PersonnelRules.HoldsPost(kind));
        Assert.Equal(leaves, PersonnelRules.Leaves(kind));
        Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", PersonnelRules.KindText(kind));
    }

    [Fact]
    public void Every_kind_is_covered_by_the_table_above() => Assert.Equal(9, Enum.GetValues<CareerKind>().Length);

    [Fact]
    public void The_talent_order_puts_the_eligible_then_the_pool_then_grade_service_and_education_first()
    {
        Guid a = Guid.Parse("00000000-0000-0000-0000-00000000000a"), b = Guid.Parse("00000000-0000-0000-0000-00000000000b");
        TalentKey[] keys =
        [
            new(false, true, CadreGrade.DeputyDivision, 30, Education.Doctor, "甲", a),
            new(true, false, CadreGrade.Clerk, 1, Education.HighSchool, "乙", a),
            new(true, true, CadreGrade.Clerk, 1, Education.HighSchool, "丙", a),
            new(true, true, CadreGrade.Staff, 1, Education.HighSchool, "丁", a),
            new(true, true, CadreGrade.Staff, 2, Education.HighSchool, "戊", a),
            new(true, true, CadreGrade.Staff, 2, Education.Bachelor, "己", a),
            new(true, true, CadreGrade.Staff, 2, Education.Bachelor, "己", b),
        ];
        List<TalentKey> ranked = PersonnelRules.Rank(keys.Reverse(), k => k);
        Assert.Equal(["己", "己", "戊", "丁", "丙", "乙", "甲"], ranked.Select(k => k.Name));
        Assert.Equal(a, ranked[0].Id);
    }
}
