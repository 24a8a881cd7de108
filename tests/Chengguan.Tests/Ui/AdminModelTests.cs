using Chengguan.Identity;
using Chengguan.Organisation;
using Chengguan.Organisation.Pages;
using Chengguan.Ui.Admin;

namespace Chengguan.Tests.Ui;

public sealed class AdminModelTests
{
    [Fact]
    public void The_unit_tree_lists_each_unit_before_its_children_in_sort_order()
    {
        var district = new Unit { Code = "D", Name = "静安区", Kind = UnitKind.District };
        var street = new Unit { Code = "S2", Name = "江宁路街道", Kind = UnitKind.Street, ParentId = district.Id, SortOrder = 2 };
        var bureau = new Unit { Code = "B", Name = "城管执法局", Kind = UnitKind.Bureau, ParentId = district.Id, SortOrder = 1 };
        var team = new Unit { Code = "T", Name = "江宁路街道城管中队", Kind = UnitKind.StreetTeam, ParentId = street.Id };
        List<UnitNode> tree = UnitAdmin.Order([team, street, bureau, district]);
        Assert.Equal(["D", "B", "S2", "T"], tree.Select(n => n.Code));
        Assert.Equal([0, 1, 1, 2], tree.Select(n => n.Depth));
    }

    [Fact]
    public void Request_attributes_give_chinese_messages_per_camel_case_field()
    {
        Dictionary<string, string> errors = AdminForms.Validate(new UnitRequest(null, "有空格 x", "", null));
        Assert.Equal("单位编码须为 1–32 位字母、数字或连字符", errors["code"]);
        Assert.Equal("单位名称不能为空", errors["name"]);
        Assert.Equal("单位类型不能为空", errors["kind"]);
        Assert.Empty(AdminForms.Validate(new CreateApiKeyRequest("12345 平台", "hotline")));
        Assert.Empty(AdminForms.Validate(new CreateApiKeyRequest("FixMyStreet", "open311", "fixmystreet")));
        Assert.StartsWith("未知接口：hotline-12345", AdminForms.Validate(new CreateApiKeyRequest("x", "hotline-12345"))["integration"]);
        // The integration and the name are refused together; an Open311 client needs its client id, the hotline takes none.
        Dictionary<string, string> both = AdminForms.Validate(new CreateApiKeyRequest("", "open311"));
        Assert.Equal(["clientId", "name"], both.Keys.Order());
        Assert.Contains("客户端标识", both["clientId"]);
        Assert.Contains("clientId", AdminForms.Validate(new CreateApiKeyRequest("x", "open311", "Not Valid")).Keys);
        Assert.Contains("clientId", AdminForms.Validate(new CreateApiKeyRequest("x", "hotline", "extra")).Keys);
    }
}
