using Chengguan.Grids.Spatial;

namespace Chengguan.Tests.Grids.Spatial;

public sealed class GridCodeTests
{
    [Fact]
    public void TryParse_SplitsAValidCodeIntoItsParts()
    {
        Assert.True(GridCode.TryParse("310101002003015", out GridCode code, out string? error));

        Assert.Null(error);
        Assert.Equal("310101", code.District);
        Assert.Equal("002", code.Street);
        Assert.Equal("003", code.Community);
        Assert.Equal("015", code.Sequence);
        Assert.Equal(15, code.SequenceNumber);
        Assert.Equal("310101002", code.StreetCode);
        Assert.Equal("310101002003", code.CommunityCode);
        Assert.Equal("310101002003015", code.ToString());
    }

    [Theory]
    [InlineData(null, "网格编码不能为空")]
    [InlineData("", "网格编码不能为空")]
    [InlineData("31010100200301", "网格编码必须为15位数字")]
    [InlineData("3101010020030150", "网格编码必须为15位数字")]
    [InlineData("31010100200301A", "网格编码必须为15位数字")]
    [InlineData("３１０１０１００２００３０１５", "网格编码必须为15位数字")]
    [InlineData("310101002003000", "网格编码的序号（第13–15位）不能为000")]
    [InlineData("990101002003001", "网格编码的前两位“99”不是有效的省级行政区划代码（GB/T 2260）")]
    [InlineData("310100002003001", "网格编码的前六位“310100”不是县级行政区划代码（GB/T 2260，末两位不能为00）")]
    [InlineData("310101000003001", "网格编码的街道代码（第7–9位）不能为000")]
    [InlineData("310101002000001", "网格编码的社区代码（第10–12位）不能为000")]
    public void TryParse_RejectsMalformedCodesWithAChineseMessage(string? input, string expected)
    {
        Assert.False(GridCode.TryParse(input, out GridCode code, out string? error));

        Assert.Equal(expected, error);
        Assert.Equal(default, code);
    }

    [Fact]
    public void Parse_ThrowsFormatExceptionWithTheMessage()
    {
        var ex = Assert.Throws<FormatException>(() => GridCode.Parse("123"));
        Assert.Equal("网格编码必须为15位数字", ex.Message);
    }

    [Fact]
    public void Create_PadsTheSequence()
    {
        Assert.Equal("110101001002007", GridCode.Create("110101001002", 7).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => GridCode.Create("110101001002", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GridCode.Create("110101001002", 1000));
        Assert.Throws<ArgumentException>(() => GridCode.Create("1101010010", 1));
    }

    [Fact]
    public void StreetAndCommunityCodes_AreValidatedToo()
    {
        Assert.Null(GridCode.ValidateStreetCode("310101002"));
        Assert.Equal("街道编码必须为9位数字", GridCode.ValidateStreetCode("3101010020"));
        Assert.Null(GridCode.ValidateCommunityCode("310101002003"));
        Assert.Equal("社区编码的社区代码（第10–12位）不能为000", GridCode.ValidateCommunityCode("310101002000"));
    }

    [Fact]
    public void Codes_CompareOrdinallyAndByValue()
    {
        GridCode a = GridCode.Parse("310101002003001");
        GridCode b = GridCode.Parse("310101002003002");

        Assert.True(a.CompareTo(b) < 0);
        Assert.Equal(a, GridCode.Parse("310101002003001"));
        Assert.NotEqual(a, b);
        Assert.Equal(string.Empty, default(GridCode).ToString());
        Assert.Equal(string.Empty, default(GridCode).District);
    }
}
