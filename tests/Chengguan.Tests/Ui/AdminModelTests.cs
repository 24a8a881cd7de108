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
        Assert.Empty(AdminForms.Validate(new CreateApiKeyRequest("12345 平台", "hotline-12345")));
        Assert.Contains("integration", AdminForms.Validate(new CreateApiKeyRequest("x", "Hotline 12345")).Keys);
    }
}
