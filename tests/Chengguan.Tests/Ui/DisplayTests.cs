using Chengguan.Ui;

namespace Chengguan.Tests.Ui;

public sealed class DisplayTests
{
    [Fact]
    public void A_help_text_marks_its_quoted_names_as_code_and_escapes_the_rest()
    {
        Assert.Equal("属性 <code>code</code>（15 位）&lt;b&gt;", Display.Verbatim("属性 `code`（15 位）<b>").Value);
        Assert.Equal("没有代码", Display.Verbatim("没有代码").Value);
    }

    [Fact]
    public void An_actor_reads_as_the_person_system_work_as_系统_and_anything_else_as_stored()
    {
        var names = new Dictionary<string, string> { ["dispatcher"] = "刘晓东" };
        Assert.Equal("刘晓东", Display.Actor("dispatcher", names));
        Assert.Equal("系统", Display.Actor("system", names));
        Assert.Equal("演示数据", Display.Actor("演示数据", null));
        Assert.Null(Display.Actor(null, names));
    }
}
