using System.Text.Json;
using System.Text.Json.Serialization;
using Chengguan.Infrastructure;

namespace Chengguan.Cases;

/// <summary>
/// The body of POST /api/cases/{id}/actions/{action}. Every field is optional here; which ones an
/// action needs is the transition table's <c>RequiredFields</c> (<see cref="CaseWorkflow"/>), and a
/// missing one is answered "执行 {action} 须提供 {field}". An empty body is an empty input.
/// </summary>
/// <param name="Reason">原因（≤ 1000 字）. Required by Return, Void, Rework, Withdraw, Suspend, Reassign, RejectReply, RejectExtension,
/// ReplyReturned, Rehandle, Reopen, RequestExtension and Urge; the timeline note of any move.</param>
/// <param name="Result">处置/核实结果. Required by Verify, RecordPreliminary, Handle, FeedBack, Check.</param>
/// <param name="Reply">答复内容. Required by Reply and SubmitReply.</param>
/// <param name="Checklist">答复质量清单. All five items required by Reply and SubmitReply.</param>
/// <param name="Note">说明. Required by Supervise; optional elsewhere.</param>
/// <param name="UnitId">承办单位（在用）. Required by Dispatch and Reassign.</param>
/// <param name="CategoryCode">事部件类别（现行字典）. Required by File.</param>
/// <param name="ConditionCode">立案条件, default "01". File.</param>
/// <param name="Location">签到位置. Required by CheckIn.</param>
/// <param name="Photos">到场照片：已上传到本案件的照片编号（≤ 50）. Required by CheckIn.</param>
/// <param name="Satisfaction">回访满意度：Satisfied、BasicallySatisfied (Callback) or Dissatisfied (Rehandle; a dissatisfied Callback is a Rehandle). Required by both.</param>
/// <param name="Resolved">问题是否解决. Required by Callback.</param>
/// <param name="Amount">延期数值 1–100, in the clock's unit. Required by RequestExtension.</param>
/// <param name="Deadline">督办期限, a future time (ISO 8601). Required by Supervise.</param>
/// <param name="ParentId">主案件（未办结、未被合并）. Required by Merge.</param>
/// <param name="Rating">评价 1–5 分. Required by Evaluate.</param>
/// <param name="Department">责任部门：部门字典（case_departments）中在用部门的编码. Optional on Return (退单、退回派遣): the district
/// department that answers for a case outside city management; the district report counts it.</param>
[RequestModel]
public sealed record CaseActionInput(
    string? Reason = null,
    string? Result = null,
    string? Reply = null,
    ReplyChecklist? Checklist = null,
    string? Note = null,
    Guid? UnitId = null,
    string? CategoryCode = null,
    string? ConditionCode = null,
    CheckInLocation? Location = null,
    Guid[]? Photos = null,
    [property: JsonConverter(typeof(EnumNamesOnly<Satisfaction>))] Satisfaction? Satisfaction = null,
    bool? Resolved = null,
    int? Amount = null,
    DateTimeOffset? Deadline = null,
    Guid? ParentId = null,
    int? Rating = null,
    string? Department = null)
{
    /// <summary>Whether the input carries the field the table names ("checklist.x" for an item of the checklist).</summary>
    public bool Has(string field) => field switch
    {
        "reason" => Present(Reason),
        "result" => Present(Result),
        "reply" => Present(Reply),
        "note" => Present(Note),
        "unitId" => UnitId is not null,
        "categoryCode" => Present(CategoryCode),
        "conditionCode" => Present(ConditionCode),
        "location" => Location is not null,
        "photos" => Photos is { Length: > 0 },
        "satisfaction" => Satisfaction is not null,
        // "resolved": false is an answer.
        "resolved" => Resolved is not null,
        "amount" => Amount is not null,
        "deadline" => Deadline is not null,
        "parentId" => ParentId is not null,
        "rating" => Rating is not null,
        "department" => Present(Department),
        _ when field.StartsWith("checklist.", StringComparison.Ordinal) => Checklist?.Has(field["checklist.".Length..]) == true,
        _ => false,
    };

    /// <summary>Text fields as the timeline and the case keep them: trimmed, blank as none.</summary>
    public static string? Text(string? value) => Present(value) ? value!.Trim() : null;

    private static bool Present(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>The console's form values (dotted keys nested) read as this record, as the API reads a JSON body.</summary>
    public static CaseActionInput From(IReadOnlyDictionary<string, object?> body) =>
        JsonSerializer.Deserialize<CaseActionInput>(JsonSerializer.SerializeToElement(body), s_read) ?? new();

    private static readonly JsonSerializerOptions s_read = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };
}

/// <summary>
/// The reply's quality checklist: facts found, action taken, legal basis, result, contact with the
/// citizen. Each item is a text or true; false or blank is an item not done.
/// </summary>
public sealed record ReplyChecklist(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? FactsFound = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? ActionTaken = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? LegalBasis = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Result = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? CitizenContacted = null)
{
    public bool Has(string item) => (item switch
    {
        "factsFound" => FactsFound,
        "actionTaken" => ActionTaken,
        "legalBasis" => LegalBasis,
        "result" => Result,
        "citizenContacted" => CitizenContacted,
        _ => null,
    }) is { } v && v.ValueKind switch
    {
        JsonValueKind.String => !string.IsNullOrWhiteSpace(v.GetString()),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.Object => true,
        JsonValueKind.Array => v.GetArrayLength() > 0,
        _ => false,
    };
}

/// <summary>A check-in position: WGS 84 unless <see cref="Crs"/> says gcj02 or bd09.</summary>
public sealed record CheckInLocation(double? Lon = null, double? Lat = null, string? Crs = null);

/// <summary>An enum read by name only: a number is refused, as the workflow always refused it.</summary>
public sealed class EnumNamesOnly<T>() : JsonStringEnumConverter<T>(namingPolicy: null, allowIntegerValues: false)
    where T : struct, Enum;
