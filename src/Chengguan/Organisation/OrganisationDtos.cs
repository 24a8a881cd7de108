using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;

namespace Chengguan.Organisation;

public sealed record UnitDto(Guid Id, Guid? ParentId, string Code, string Name, UnitKind Kind, int SortOrder, bool Active, bool IsDemo)
{
    public static UnitDto From(Unit u) => new(u.Id, u.ParentId, u.Code, u.Name, u.Kind, u.SortOrder, u.Active, u.IsDemo);
}

public sealed record PersonDto(Guid Id, string Name, string? BadgeNumber, Guid UnitId, string? UnitName, Guid? PostId, string? PostName, string? Phone, bool Active, bool IsDemo);

public sealed record PostDto(Guid Id, string Code, string Name);

[RequestModel]
public sealed record UnitRequest(
    Guid? ParentId,
    [property: Required(ErrorMessage = "单位编码不能为空"), RegularExpression("^[A-Za-z0-9-]{1,32}$", ErrorMessage = "单位编码须为 1–32 位字母、数字或连字符")] string Code,
    [property: Required(ErrorMessage = "单位名称不能为空"), MaxLength(100, ErrorMessage = "单位名称不能超过 100 个字符")] string Name,
    [property: Required(ErrorMessage = "单位类型不能为空")] UnitKind? Kind,
    [property: Range(0, 100_000, ErrorMessage = "排序号须在 0–100000 之间")] int SortOrder = 0);

[RequestModel]
public sealed record PersonRequest(
    [property: Required(ErrorMessage = "姓名不能为空"), MaxLength(50, ErrorMessage = "姓名不能超过 50 个字符")] string Name,
    [property: RegularExpression("^[A-Za-z0-9]{4,32}$", ErrorMessage = "执法证号须为 4–32 位字母或数字")] string? BadgeNumber,
    [property: Required(ErrorMessage = "所属单位不能为空")] Guid? UnitId,
    Guid? PostId,
    [property: RegularExpression(@"^[0-9+\- ]{5,20}$", ErrorMessage = "电话号码格式有误")] string? Phone);
