using System.Text;
using Chengguan.Infrastructure;

namespace Chengguan.Tests.Infrastructure;

public sealed class JsonLimitsTests
{
    private static readonly JsonLimits s_limits = new(MaxDepth: 4, MaxValues: 10, MaxStringBytes: 8);

    [Theory]
    [InlineData("""{"a":[1,2,{"b":null}]}""", null)]
    [InlineData("""[[[["x"]]]]""", null)]
    [InlineData("""[[[[["x"]]]]]""", "JSON 嵌套超过 4 层")]
    [InlineData("""{"a":"123456789"}""", "JSON 中有超过 8 字节的字符串")]
    [InlineData("""{"123456789":1}""", "JSON 中有超过 8 字节的字符串")]
    [InlineData("""[1,2,3,4,5,6,7,8,9,10]""", "JSON 中的值超过 10 个")]
    [InlineData("""[[],[],[],[],[],[],[],[],[],[]]""", "JSON 中的值超过 10 个")]
    [InlineData("""{"a":[1,2""", "不是有效的 JSON（第 1 行）")]
    [InlineData("", "不是有效的 JSON（第 1 行）")]
    [InlineData("{\n\"a\": tru }", "不是有效的 JSON（第 2 行）")]
    public void A_document_is_checked_before_it_is_parsed(string json, string? refusal)
    {
        Assert.Equal(refusal, s_limits.Check(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        Assert.Equal("请求体不是有效的 UTF-8 文本", s_limits.Check([(byte)'"', 0xC3, 0x28, (byte)'"']));
    }
}
