using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Hotline;

public sealed record HotlineImportRow(int Row, string? OrderNumber, string Status, string? CaseNumber, IReadOnlyDictionary<string, string[]>? Errors);
public sealed record HotlineImportReport(bool DryRun, int Rows, int Created, int Duplicates, int Invalid, IReadOnlyList<HotlineImportRow> Results);

/// <summary>
/// A day's orders from the platform's spreadsheet (CSV or .xlsx), for when the interface was down:
/// each row is created, recognised as already received, or reported with its field errors; the
/// valid rows are written together, the invalid ones change nothing.
/// </summary>
public static class HotlineImport
{
    private static readonly Dictionary<string, RequestType> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["咨询"] = RequestType.Consultation, ["求助"] = RequestType.Help, ["投诉"] = RequestType.Complaint, ["建议"] = RequestType.Suggestion, ["举报"] = RequestType.Report,
    };

    private static readonly Dictionary<string, Urgency> s_urgencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["一般"] = Urgency.Normal, ["紧急"] = Urgency.Urgent, ["特急"] = Urgency.Critical,
    };

    public static void MapHotlineImport(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/hotline/imports", Import).WithTags("Hotline").RequireAuthorization(Policies.Staff)
            .WithBodyLimit(Tabular.MaxUploadBytes).DisableAntiforgery()
            .WithSummary("批量导入一天的热线工单（CSV 或 Excel），逐行报告：新建、已存在或错误")
            .WithDescription("接口中断时补录当天的工单：上传 CSV 或 Excel（列名中文或英文），dryRun=true 只校验。每行报告为新建、重复或错误（带字段错误）；有效行在一个事务中开立。");

    private static async Task<Results<Ok<HotlineImportReport>, ValidationProblem, ProblemHttpResult>> Import(
        IFormFile? file, [FromQuery] bool? dryRun, AppDbContext db, CaseIntake intake, CurrentUser user, CancellationToken ct)
    {
        if (!user.Principal.IsInRole(Roles.Dispatcher) && !user.Principal.IsInRole(Roles.SectionChief))
        {
            return TypedResults.Problem("只有派遣员或科长可以导入热线工单", statusCode: StatusCodes.Status403Forbidden, title: "无权执行该操作");
        }
        (IReadOnlyList<TabularRow>? rows, ProblemHttpResult? problem) = await Tabular.ReadUploadAsync(file, ct);
        if (problem is not null)
        {
            return problem;
        }
        var results = new List<HotlineImportRow>();
        var toCreate = new List<(int Row, CaseInput Input)>();
        var seen = new HashSet<(CaseChannel, string)>();
        foreach (TabularRow row in rows!)
        {
            var errors = new FieldErrors();
            string channelText = (row.Get("channel", "渠道") ?? "12345").Trim();
            if (!HotlineChannels.TryParse(channelText, out CaseChannel channel))
            {
                errors.Add("channel", "渠道须为 12345 或 12319");
                channel = CaseChannel.Hotline12345;
            }
            string? number = row.Get("order_number", "工单编号")?.Trim();
            RequestType? type = Parse(row.Get("request_type", "诉求类型"), s_types, errors, "requestType", "诉求类型须为 咨询、求助、投诉、建议 或 举报");
            Urgency? urgency = Parse(row.Get("urgency", "紧急程度"), s_urgencies, errors, "urgency", "紧急程度须为 一般、紧急 或 特急");
            double? lon = Number(row.Get("lon", "经度"), errors, "lon"), lat = Number(row.Get("lat", "纬度"), errors, "lat");
            var input = new CaseInput(channel, number, type, urgency, Blank(row.Get("category_code", "类别")), Blank(row.Get("condition_code", "立案条件")),
                row.Get("description", "诉求内容"), Blank(row.Get("address", "地址")), lon, lat, Blank(row.Get("crs", "坐标系")),
                Blank(row.Get("reporter_name", "诉求人")), Blank(row.Get("reporter_phone", "联系电话")), null);
            foreach (var (field, messages) in (await intake.ValidateAsync(input, ct)).ToDictionary())
            {
                foreach (string m in messages)
                {
                    errors.Add(field == "externalNumber" ? "orderNumber" : field, m);
                }
            }
            if (errors.Any)
            {
                results.Add(new HotlineImportRow(row.RowNumber, number, "invalid", null, errors.ToDictionary()));
                continue;
            }
            Case? existing = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Channel == channel && c.ExternalNumber == number, ct);
            if (existing is not null || !seen.Add((channel, number!)))
            {
                results.Add(new HotlineImportRow(row.RowNumber, number, "duplicate", existing?.Number, null));
                continue;
            }
            toCreate.Add((row.RowNumber, input));
        }
        if (dryRun != true && toCreate.Count > 0)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach ((int row, CaseInput input) in toCreate)
            {
                Case c = await intake.OpenAsync(input, user.UserId, user.Name, ct);
                results.Add(new HotlineImportRow(row, input.ExternalNumber, "created", c.Number, null));
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        else
        {
            results.AddRange(toCreate.Select(x => new HotlineImportRow(x.Row, x.Input.ExternalNumber, "valid", null, null)));
        }
        results.Sort((a, b) => a.Row.CompareTo(b.Row));
        return TypedResults.Ok(new HotlineImportReport(dryRun == true, rows!.Count, results.Count(r => r.Status == "created"),
            results.Count(r => r.Status == "duplicate"), results.Count(r => r.Status == "invalid"), results));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static T? Parse<T>(string? text, Dictionary<string, T> names, FieldErrors errors, string field, string message) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        if (names.TryGetValue(text, out T v) || (Enum.TryParse(text, ignoreCase: true, out v) && !int.TryParse(text, out _)))
        {
            return v;
        }
        errors.Add(field, message);
        return null;
    }

    private static double? Number(string? text, FieldErrors errors, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d))
        {
            return d;
        }
        errors.Add(field, "须为数字");
        return null;
    }
}
