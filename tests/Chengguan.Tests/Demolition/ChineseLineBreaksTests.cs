using Chengguan.Demolition.Documents;

namespace Chengguan.Tests.Demolition;

public sealed class ChineseLineBreaksTests
{
    // A line of at most this many characters fits (the PDF measures widths; the rules are the same).
    private static Func<string, bool> AtMost(int n) => line => line.Length <= n;

    public static TheoryData<string, string, int, string[]> Cases() => new()
    {
        // Plain text breaks where the width ends.
        { "一二三四五六七八九", "", 4, ["一二三四", "五六七八", "九"] },
        // A comma never starts a line: the character before it goes down with it.
        { "一二三四，五六七", "", 4, ["一二三", "四，五六", "七"] },
        // A full stop likewise, and two closing marks in a row take one character down together.
        { "一二三四。）五", "", 4, ["一二三", "四。）五"] },
        // An opening bracket never ends a line.
        { "一二三《四五》", "", 4, ["一二三", "《四五》"] },
        // A number stays whole.
        { "面积共计12345平方米", "", 6, ["面积共计", "12345平", "方米"] },
        { "", "\u3000\u3000", 4, ["\u3000\u3000"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lines_follow_the_rules_of_chinese_typesetting(string text, string indent, int width, string[] lines) =>
        Assert.Equal(lines, ChineseLineBreaks.Break(text, indent, AtMost(width)));

    [Theory]
    [InlineData("，，，，", "\u3000\u3000", 4)]
    [InlineData("一，，，，，", "", 2)]
    [InlineData("（（（（（（", "", 3)]
    [InlineData("1234567890123456789012345", "", 5)]
    public void Nothing_is_lost_and_no_line_is_empty_however_many_marks_follow(string text, string indent, int width)
    {
        List<string> lines = ChineseLineBreaks.Break(text, indent, AtMost(width));
        Assert.Equal(indent + text, string.Concat(lines));
        Assert.All(lines, l => Assert.NotEmpty(l));
        Assert.StartsWith(indent, lines[0], StringComparison.Ordinal);
    }
}
