using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Chengguan.Infrastructure;

namespace Chengguan.Demolition.Rivers;

[RequestModel]
public sealed record RiverInput(
    [property: Required(ErrorMessage = "河道编码不能为空"), MaxLength(32, ErrorMessage = "河道编码不能超过 32 个字符")] string? Code,
    [property: Required(ErrorMessage = "河道名称不能为空"), MaxLength(100, ErrorMessage = "河道名称不能超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "河道级别不能为空")] RiverLevel? Level,
    [property: Required(ErrorMessage = "河道中心线（GeoJSON LineString/MultiLineString）不能为空")] JsonElement? Geometry,
    [property: Required(ErrorMessage = "完成年度不能为空"), Range(2000, 2100, ErrorMessage = "年度须为 2000–2100")] int? TargetYear,
    [property: MaxLength(50, ErrorMessage = "河长姓名不能超过 50 个字符")] string? ChiefName = null,
    [property: MaxLength(30, ErrorMessage = "河长电话不能超过 30 个字符")] string? ChiefPhone = null);

[RequestModel]
public sealed record ReachInput(
    [property: Required(ErrorMessage = "河段名称不能为空"), MaxLength(100, ErrorMessage = "河段名称不能超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "所属街镇不能为空")] Guid? StreetId,
    [property: Required(ErrorMessage = "河段中心线（GeoJSON LineString/MultiLineString）不能为空")] JsonElement? Geometry,
    [property: MaxLength(50, ErrorMessage = "河长姓名不能超过 50 个字符")] string? ChiefName = null,
    [property: MaxLength(30, ErrorMessage = "河长电话不能超过 30 个字符")] string? ChiefPhone = null);

[RequestModel]
public sealed record CensusAttachInput(
    [property: Required(ErrorMessage = "违法建筑不能为空"), MinLength(1, ErrorMessage = "违法建筑不能为空"), MaxLength(500, ErrorMessage = "一次最多 500 处")] Guid[]? ItemIds);

public sealed record ReachDto(Guid Id, string Name, Guid StreetId, string StreetName, double LengthM, string? ChiefName, string? ChiefPhone, JsonElement Line);

public sealed record RiverSummary(
    Guid Id, string Code, string Name, RiverLevel Level, double LengthM, string? ChiefName, string? ChiefPhone, int TargetYear, DateTimeOffset Deadline,
    int Reaches, ProgressRow Progress);

public sealed record RiverDetail(RiverSummary River, JsonElement Line, IReadOnlyList<ReachDto> Reaches);

/// <summary>A structure near the line: its distance, whether it is in the river's census, and its place in the hardest-first order.</summary>
public sealed record CensusItem(
    Guid Id, string Number, string Address, Guid? StreetId, string? StreetName, DemolitionState State, double Area, double? DemolishedArea,
    double DistanceM, bool Attached, int? Priority);

public sealed record CensusReport(Guid RiverId, double Metres, IReadOnlyList<CensusItem> Items);

/// <summary>Progress of a river's census against the year-end deadline, per street and in total (the ledger's formulas).</summary>
public sealed record RiverProgress(
    Guid RiverId, string Name, int TargetYear, DateTimeOffset Deadline, int DaysLeft, decimal ElapsedShare, bool Overdue,
    IReadOnlyList<ProgressRow> Streets, ProgressRow Total, IReadOnlyList<CensusItem> HardestFirst);
