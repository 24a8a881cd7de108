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
}
