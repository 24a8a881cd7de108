using Chengguan.Audit.Pages;

namespace Chengguan.Tests.Audit.Pages;

public sealed class AuditDetailsTests
{
    [Fact]
    public void An_update_shows_only_the_fields_that_changed()
    {
        IReadOnlyList<AuditChange> changes = AuditDetails.Changes(
            """{"Id":"1","Name":"王伟","Active":"True","Phone":null}""",
            """{"Id":"1","Name":"王伟","Active":"False","Phone":"13900000000"}""");
        Assert.Equal([new AuditChange("Active", "True", "False"), new AuditChange("Phone", null, "13900000000")], changes);
    }

    [Fact]
    public void A_create_lists_its_non_empty_fields_and_a_delete_what_was_there()
    {
        Assert.Equal([new AuditChange("GridId", null, "g"), new AuditChange("PersonId", null, "p")],
            AuditDetails.Changes(null, """{"GridId":"g","PersonId":"p","Note":null}"""));
        Assert.Equal([new AuditChange("GridId", "g", null)], AuditDetails.Changes("""{"GridId":"g"}""", null));
    }

    [Fact]
    public void A_long_value_is_cut_and_a_summary_that_is_not_an_object_is_shown_as_it_is()
    {
        string wkt = "POLYGON ((" + string.Join(", ", Enumerable.Repeat("121.45 31.25", 20)) + "))";
        AuditChange boundary = Assert.Single(AuditDetails.Changes(null, $$"""{"Boundary":"{{wkt}}"}"""));
        Assert.Equal(AuditDetails.MaxValue + 1, boundary.After!.Length);
        Assert.EndsWith("…", boundary.After, StringComparison.Ordinal);

        Assert.Equal([new AuditChange("", null, "导入 300 个网格")], AuditDetails.Changes(null, "导入 300 个网格"));
    }

    [Fact]
    public void Machine_values_read_in_words_people_by_name_and_codes_stay_as_recorded()
    {
        static string? Known(string value) => value switch { "jnl.leader" => "罗敏", "event:0102" => "占道经营（街面秩序）", _ => null };
        Assert.Equal("罗敏", AuditDetails.Show("DemolitionEvent", "ActorName", "jnl.leader", Known));
        Assert.Equal("系统", AuditDetails.Show("Case", "CreatedBy", "system", Known));
        Assert.Equal("演示数据", AuditDetails.Show("DemolitionEvent", "ActorName", "演示数据", Known));
        Assert.Equal("占道经营（街面秩序）", AuditDetails.Show("Case", "CategoryCode", "event:0102", Known));
        Assert.Equal("自行拆除", AuditDetails.Show("IllegalBuilding", "Mode", "Self", Known));
        Assert.Equal("认定", AuditDetails.Show("DemolitionEvent", "Action", "Identify", Known));
        Assert.Equal("违法建筑", AuditDetails.Show("AreaProblemLink", "Kind", "LedgerItem", Known));
        Assert.Equal("国务院节假日安排", AuditDetails.Show("ClockPolicy", "Calendar", "cn-state-council", Known));
        Assert.Equal("北京时间", AuditDetails.Show("CalendarVersion", "TimeZoneId", "Asia/Shanghai", Known));
        Assert.Equal("（图形，见审计接口）", AuditDetails.Show("River", "Line", "MULTILINESTRING ((121.43 31.30, 121.44 31.31))", Known));
        Assert.Equal("（结构化数据，见审计接口）", AuditDetails.Show("DemolitionEvent", "DataJson", "{\"days\":30}", Known));
        Assert.True(AuditDetails.IsVerbatim("Code"));
        Assert.False(AuditDetails.IsVerbatim("Name"));
    }
}
