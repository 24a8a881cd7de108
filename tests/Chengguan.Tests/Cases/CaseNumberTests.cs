using Chengguan.Infrastructure;
using Chengguan.Privacy;
using Chengguan.Cases;

namespace Chengguan.Tests.Cases;

public sealed class CaseNumberTests
{
    private static readonly TimeZoneInfo s_shanghai = ShanghaiTime.Zone;

    [Fact]
    public void Numbers_carry_the_district_year_and_six_digits()
    {
        Assert.Equal("JA-2026-000123", CaseNumber.For("JA", new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero), s_shanghai, 123).ToString());
    }

    [Fact]
    public void The_year_is_the_local_year_of_intake()
    {
        // 31 Dec 2025 17:30 UTC is already 1 Jan 2026 in Shanghai.
        Assert.Equal(2026, CaseNumber.For("JA", new DateTimeOffset(2025, 12, 31, 17, 30, 0, TimeSpan.Zero), s_shanghai, 1).Year);
        Assert.Equal(2025, CaseNumber.For("JA", new DateTimeOffset(2025, 12, 31, 15, 59, 0, TimeSpan.Zero), s_shanghai, 1).Year);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_000)]
    public void Sequences_outside_one_to_999999_are_refused(int sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseNumber.For("JA", DateTimeOffset.UnixEpoch, s_shanghai, sequence));

    [Theory]
    [InlineData("JA-2026-000001", true)]
    [InlineData(" JA-2026-999999 ", true)]
    [InlineData("ja-2026-000001", false)]
    [InlineData("JA-26-000001", false)]
    [InlineData("JA-2026-1", false)]
    [InlineData("JA-2026-000000", false)]
    [InlineData("JA-2026-00000１", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Parsing_accepts_only_the_canonical_form(string? text, bool valid)
    {
        Assert.Equal(valid, CaseNumber.TryParse(text, out CaseNumber? n));
        if (valid)
        {
            Assert.Equal(text!.Trim(), n!.Value.ToString());
        }
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("138-1234-5678", "138****5678")]
    [InlineData("021-62471234", "*******1234")]
    [InlineData("110", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Phones_are_masked(string? phone, string masked) => Assert.Equal(masked, ReporterMask.Phone(phone));

    [Theory]
    [InlineData("张三丰", "张**")]
    [InlineData("李四", "李*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("王", "*")]
    [InlineData(" ", "")]
    public void Names_are_masked(string? name, string masked) => Assert.Equal(masked, ReporterMask.Name(name));
}
