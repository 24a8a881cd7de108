using Chengguan.Demolition.Briefings;
using Chengguan.Demolition.Pages;
using Chengguan.Infrastructure;
using Chengguan.Ui.Admin;

namespace Chengguan.Tests.Demolition.Pages;

public sealed class BriefingsConsoleTests
{
    [Fact]
    public void Participants_typed_on_one_line_split_on_commas_and_enumeration_marks_of_either_width()
    {
        Assert.Equal(["吴建华", "罗敏", "张三", "李四"], BriefingsConsole.Participants(" 吴建华、罗敏，张三; 李四 ,"));
        Assert.Empty(BriefingsConsole.Participants(null));
    }

    [Fact]
    public void The_record_form_leaves_empty_rows_out_and_unparsed_dates_empty_so_the_doors_validation_gives_the_requests_own_messages()
    {
        InterviewRecordInput input = BriefingsConsole.RecordInput("2026-11-29", "", "  ",
            [new CommitmentDraft("拆除 3 处", "2026-12-31"), new CommitmentDraft(" ", null), new CommitmentDraft(null, "31/12/2026")]);
        Assert.Equal(new DateOnly(2026, 11, 29), input.HeldOn);
        Assert.Null(input.Participants);
        Assert.Null(input.Summary);
        Assert.Equal(2, input.Commitments!.Length);
        Assert.Equal(new CommitmentInput("拆除 3 处", new DateOnly(2026, 12, 31)), input.Commitments[0]);

        Dictionary<string, string> errors = AdminForms.From(RequestValidation.Validate(input));
        Assert.Equal("参加人员不能为空", errors["participants"]);
        Assert.Equal("承诺内容不能为空", errors["commitments[1].text"]);
        Assert.Equal("完成期限不能为空", errors["commitments[1].deadline"]);
        Assert.DoesNotContain("commitments[0].text", errors.Keys);
    }

    [Fact]
    public void No_commitment_at_all_is_the_requests_own_required_message()
    {
        Dictionary<string, string> errors = AdminForms.From(RequestValidation.Validate(BriefingsConsole.RecordInput(null, "吴建华", null, [])));
        Assert.Equal("约谈日期不能为空", errors["heldOn"]);
        Assert.Equal("整改承诺不能为空", errors["commitments"]);
    }
}
