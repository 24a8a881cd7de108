using Chengguan.Cases;
using Chengguan.Directives;
using Chengguan.DistrictReports;
using Chengguan.DistrictReports.Sections;
using Chengguan.Training;

namespace Chengguan.Tests.DistrictReports;

/// <summary>The report's pure rules: periods on the Shanghai calendar, Chinese numerals, placeholders, percentages, masked addresses, section wording.</summary>
public sealed class ReportRulesTests
{
    [Theory]
    [InlineData("2026-11", ReportPeriodKind.Month, 2026, 11)]
    [InlineData("2026-01", ReportPeriodKind.Month, 2026, 1)]
    [InlineData(" 2027-12 ", ReportPeriodKind.Month, 2027, 12)]
    [InlineData("2026-Q1", ReportPeriodKind.Quarter, 2026, 1)]
    [InlineData("2026-Q4", ReportPeriodKind.Quarter, 2026, 4)]
    [InlineData("2026年11月", ReportPeriodKind.Month, 2026, 11)]
    [InlineData("2026年3月", ReportPeriodKind.Month, 2026, 3)]
    [InlineData("2026年第4季度", ReportPeriodKind.Quarter, 2026, 4)]
    [InlineData("2026年1季度", ReportPeriodKind.Quarter, 2026, 1)]
    public void A_month_or_quarter_is_read(string text, ReportPeriodKind kind, int year, int number) =>
        Assert.Equal(new ReportPeriod(kind, year, number), ReportPeriod.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("2026-q1")]
    [InlineData("2026-1")]
    [InlineData("26-11")]
    [InlineData("1999-11")]
    [InlineData("2026/11")]
    [InlineData("2026-11-01")]
    [InlineData("2026年13月")]
    [InlineData("2026年0月")]
    [InlineData("2026年第5季度")]
    [InlineData("2026年11")]
    public void Anything_else_is_not_a_period(string? text) => Assert.Null(ReportPeriod.Parse(text));

    [Fact]
    public void A_period_is_whole_days_in_Shanghai()
    {
        ReportPeriod november = ReportPeriod.Parse("2026-11")!;
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (november.From, november.To));
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), november.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), november.End);
        Assert.Equal(("2026-11", "2026年11月"), (november.Key, november.Label));
        Assert.Equal(["2026-11"], november.Months);

        ReportPeriod q1 = ReportPeriod.Parse("2028-Q1")!;
        Assert.Equal((new DateOnly(2028, 1, 1), new DateOnly(2028, 3, 31)), (q1.From, q1.To));
        Assert.Equal(("2028-Q1", "2028年第一季度"), (q1.Key, q1.Label));
        Assert.Equal(["2028-01", "2028-02", "2028-03"], q1.Months);
        Assert.Equal(new DateTimeOffset(2027, 12, 31, 16, 0, 0, TimeSpan.Zero), q1.Start);
        Assert.Equal(new DateOnly(2026, 12, 31), ReportPeriod.Parse("2026-Q4")!.To);
    }

    [Fact]
    public void Every_month_and_quarter_of_a_year_tiles_the_year_without_gap_or_overlap()
    {
        for (int year = 2024; year <= 2028; year++)
        {
            DateTimeOffset edge = ReportPeriod.Parse($"{year}-01")!.Start;
            for (int m = 1; m <= 12; m++)
            {
                ReportPeriod p = ReportPeriod.Parse($"{year}-{m:D2}")!;
                Assert.Equal(edge, p.Start);
                edge = p.End;
            }
            Assert.Equal(ReportPeriod.Parse($"{year + 1}-01")!.Start, edge);
            edge = ReportPeriod.Parse($"{year}-Q1")!.Start;
            for (int q = 1; q <= 4; q++)
            {
                ReportPeriod p = ReportPeriod.Parse($"{year}-Q{q}")!;
                Assert.Equal(edge, p.Start);
                Assert.Equal(ReportPeriod.Parse($"{year}-{(q - 1) * 3 + 1:D2}")!.Start, p.Start);
                edge = p.End;
            }
            Assert.Equal(ReportPeriod.Parse($"{year + 1}-Q1")!.Start, edge);
        }
    }

    [Theory]
    [InlineData("2026-12-07", ReportPeriodKind.Month, "2026-11")]
    [InlineData("2026-01-01", ReportPeriodKind.Month, "2025-12")]
    [InlineData("2026-12-07", ReportPeriodKind.Quarter, "2026-Q3")]
    [InlineData("2026-03-31", ReportPeriodKind.Quarter, "2025-Q4")]
    [InlineData("2026-04-01", ReportPeriodKind.Quarter, "2026-Q1")]
    public void The_usual_period_is_the_one_just_ended(string today, ReportPeriodKind kind, string expected) =>
        Assert.Equal(expected, ReportPeriod.Previous(kind, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).Key);

    [Fact]
    public void A_period_not_yet_begun_is_refused()
    {
        ReportPeriod december = ReportPeriod.Parse("2026-12")!;
        Assert.True(december.BegunBy(new DateOnly(2026, 12, 1)));
        Assert.False(december.BegunBy(new DateOnly(2026, 11, 30)));
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(4, "四")]
    [InlineData(9, "九")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(19, "十九")]
    [InlineData(20, "二十")]
    [InlineData(21, "二十一")]
    [InlineData(99, "九十九")]
    public void Headings_count_in_Chinese(int n, string expected) => Assert.Equal(expected, ReportText.Numeral(n));

    [Fact]
    public void Numerals_are_for_1_to_99_only()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportText.Numeral(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportText.Numeral(100));
        Assert.Equal(99, Enumerable.Range(1, 99).Select(ReportText.Numeral).Distinct().Count());
        Assert.Equal("三、督办事项", ReportText.Heading(3, "督办事项"));
    }

    [Theory]
    [InlineData("江宁路 100 号", "江宁路（门牌略）")]
    [InlineData("静安区南京西路1266号3楼", "静安区南京西路（门牌略）")]
    [InlineData("康定路 1000 弄 3 号 502 室", "康定路（门牌略）")]
    [InlineData("大田路129弄", "大田路（门牌略）")]
    [InlineData("彭浦新村 12 号", "彭浦新村（门牌略）")]
    [InlineData("123号", "（地址略）")]
    [InlineData("", "—")]
    [InlineData(null, "—")]
    public void Addresses_lose_their_house_numbers(string? address, string expected) => Assert.Equal(expected, ReportText.MaskAddress(address));

    [Fact]
    public void A_masked_address_never_carries_a_digit()
    {
        var random = new Random(18);
        string[] parts = ["路", "街", "弄", "号", "室", "新村", "小区", " ", "A", "栋"];
        for (int i = 0; i < 2000; i++)
        {
            string address = string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(3) == 0 ? random.Next(1, 2000).ToString(System.Globalization.CultureInfo.InvariantCulture) : parts[random.Next(parts.Length)]));
            Assert.DoesNotContain(ReportText.MaskAddress(address), char.IsDigit);
        }
    }

    [Theory]
    [InlineData(1, 3, "33.3%")]
    [InlineData(2, 3, "66.7%")]
    [InlineData(1, 8, "12.5%")]
    [InlineData(3, 3, "100.0%")]
    [InlineData(0, 5, "0.0%")]
    [InlineData(0, 0, "—")]
    public void Shares_have_one_decimal(int part, int whole, string expected) => Assert.Equal(expected, ReportText.Percent(part, whole));

    [Fact]
    public void Placeholders_are_filled_and_unknown_ones_found()
    {
        var values = new Dictionary<string, string> { ["{期间}"] = "2026年11月", ["{单位}"] = "本局" };
        Assert.Equal("关于2026年11月本局工作的报告（2026年11月）", ReportText.Fill("关于{期间}{单位}工作的报告（{期间}）", values));
        Assert.Equal(["{部门}", "{x}"], ReportText.Unknown("{期间}{部门}{单位}{x}{文号}{日期}{年}"));
        Assert.Empty(ReportText.Unknown("没有占位符 { 也没有闭合"));
        Assert.Equal("静城管报〔2026〕3号", ReportText.Reference(2026, 3));
        Assert.Equal("2026年12月7日", ReportText.Date(new DateOnly(2026, 12, 7)));
    }

    [Fact]
    public void The_departments_section_counts_shares_and_masks_the_examples()
    {
        var at = new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero);
        IReadOnlyList<ReportBlock> blocks = DepartmentsSection.Blocks(
        [
            new DepartmentCases("housing", "区房屋管理局", 1, [new DepartmentCaseExample("JA-2026-000001", "江宁路街道", "江宁路 100 号", at)]),
            new DepartmentCases("market", "区市场监督管理局", 2, [new DepartmentCaseExample("JA-2026-000002", null, null, at)]),
        ]);
        Assert.Equal("本期共有3件案件涉及2个部门，其中较多的是区市场监督管理局2件、区房屋管理局1件。", Assert.IsType<ReportParagraph>(blocks[0]).Text);
        ReportTable counts = Assert.IsType<ReportTable>(blocks[1]);
        Assert.Equal(["1", "区市场监督管理局", "2", "66.7%"], counts.Rows[0]);
        Assert.Equal(["2", "区房屋管理局", "1", "33.3%"], counts.Rows[1]);
        Assert.Equal(["", "合计", "3", "100.0%"], counts.Rows[2]);
        ReportTable examples = Assert.IsType<ReportTable>(blocks[3]);
        Assert.Equal(["区市场监督管理局", "JA-2026-000002", "—", "—", "2026-11-03"], examples.Rows[0]);
        Assert.Equal(["区房屋管理局", "JA-2026-000001", "江宁路街道", "江宁路（门牌略）", "2026-11-03"], examples.Rows[1]);
        Assert.Equal("本期无退单并标注责任部门的案件。", Assert.IsType<ReportParagraph>(Assert.Single(DepartmentsSection.Blocks([]))).Text);
    }

    [Fact]
    public void A_directive_stands_by_its_close_and_due_time()
    {
        var due = new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero);
        DirectiveRow Row(DateTimeOffset? closed) => new(Guid.NewGuid(), 1, Guid.NewGuid(), "区委", null, "事项", Guid.NewGuid(), "单位", [], Guid.NewGuid(), "领导",
            DeadlineKind.NaturalDays, false, new DateOnly(2026, 10, 31), due, closed is null ? DirectiveState.InProgress : DirectiveState.Closed, 50, DirectiveLight.Green, 0, null, closed);
        Assert.Equal("按期销号", DirectivesSection.Standing(Row(due), due.AddDays(9)));
        Assert.Equal("超期销号", DirectivesSection.Standing(Row(due.AddSeconds(1)), due.AddDays(9)));
        Assert.Equal("正在推进", DirectivesSection.Standing(Row(null), due.AddSeconds(-1)));
        Assert.Equal("超期未办结", DirectivesSection.Standing(Row(null), due));
        var blocks = DirectivesSection.Blocks([Row(due), Row(due.AddDays(1)), Row(null), Row(null)], due.AddDays(2));
        Assert.Equal("本期在办及办结督办事项4项：已销号2项（其中超期销号1项），正在按期推进0项，超期未办结2项。", Assert.IsType<ReportParagraph>(blocks[0]).Text);
    }
    [Fact]
    public void The_training_section_counts_sessions_coverage_shortfall_and_expiring_certificates_and_says_so_when_there_is_none()
    {
        var day = new DateOnly(2026, 11, 30);
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        SessionRow Session(int dayOfMonth, int attended) => new(Guid.NewGuid(), Guid.NewGuid(), "行政处罚程序", CourseCategory.Procedure,
            new DateTimeOffset(2026, 11, dayOfMonth, 1, 0, 0, TimeSpan.Zero), "会议室", "法制科", 3, 40, a, "法制科", attended + 1, attended);
        CertificateRow Certificate(Guid unit, string name, ExpiryBand band) => new(Guid.NewGuid(), Guid.NewGuid(), "某人", unit, name, "A0001", day.AddYears(-3), day, "上海市人民政府",
            CertificateStatus.Valid, band, 0);
        IReadOnlyList<ReportBlock> blocks = TrainingSection.Blocks([Session(20, 5), Session(3, 7)], new TrainingDelivered(12, 9, 34.5),
            [new UnitCoverage(a, "江宁路中队", 10, 7, 4, 0.7, 0.4), new UnitCoverage(b, "石门二路中队", 5, 5, 5, 1, 1)],
            [Certificate(a, "江宁路中队", ExpiryBand.Expired), Certificate(a, "江宁路中队", ExpiryBand.Within30), Certificate(b, "石门二路中队", ExpiryBand.Within90)], day);
        Assert.Equal("本期共举办培训2期，参训12人次（9人），认定学时34.5学时。", Assert.IsType<ReportParagraph>(blocks[1]).Text);
        ReportTable sessions = Assert.IsType<ReportTable>(blocks[2]);
        Assert.Equal(["2026年11月3日", "行政处罚程序", "执法程序", "法制科", "3", "7"], sessions.Rows[0]);
        Assert.Equal("截至2026年11月30日，持证执法人员15人，本期参训9人（60.0%）；按年度学时要求的进度达标12人（80.0%），学时不足3人。", Assert.IsType<ReportParagraph>(blocks[4]).Text);
        ReportTable units = Assert.IsType<ReportTable>(blocks[5]);
        Assert.Equal(["江宁路中队", "10", "4", "40.0%", "7", "70.0%", "3"], units.Rows[0]);
        Assert.Equal(["合计", "15", "9", "60.0%", "12", "80.0%", "3"], units.Rows[^1]);
        Assert.Equal("截至报告生成时，执法证已过期1本、30日内到期1本、31至90日内到期1本，已提醒持证人及所在单位及时办理换证。", Assert.IsType<ReportParagraph>(blocks[7]).Text);
        Assert.Equal(new[] { new[] { "江宁路中队", "1", "1", "0" }, new[] { "石门二路中队", "0", "0", "1" } }, Assert.IsType<ReportTable>(blocks[8]).Rows);

        IReadOnlyList<ReportBlock> none = TrainingSection.Blocks([], new TrainingDelivered(0, 0, 0), [], [], day);
        Assert.Equal(["本期未举办统一培训。", "暂无持证执法人员的培训记录。", "截至报告生成时，无已过期或 90 日内到期的执法证。"],
            none.OfType<ReportParagraph>().Select(p => p.Text));
        Assert.Equal(3, none.OfType<ReportSubheading>().Count());
    }
}
