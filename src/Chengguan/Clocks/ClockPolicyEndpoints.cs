using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

[RequestModel]
public sealed record EscalationRequest(
    [property: Required(ErrorMessage = "角色不能为空"), MaxLength(40)] string Role,
    [property: Range(0, 100_000, ErrorMessage = "升级时间须为 0–100000 分钟")] int AfterDueMinutes);

[RequestModel]
public sealed record PolicyVersionRequest(
    [property: Required(ErrorMessage = "名称不能为空"), MaxLength(100, ErrorMessage = "名称不能超过 100 个字符")] string Name,
    [property: Required(ErrorMessage = "时限类型不能为空")] TimeLimitKind? Kind,
    [property: Range(1, 100_000, ErrorMessage = "时限数值须为 1–100000")] int Amount,
    [property: Range(1, 99, ErrorMessage = "预警比例须为 1–99（%）")] int WarnPercent,
    [property: Required(ErrorMessage = "升级步骤不能为空（可为空数组）"), MaxLength(10, ErrorMessage = "升级步骤最多 10 个")] EscalationRequest[] Escalations,
    ReworkMode? Rework);

/// <summary>New versions of a clock policy; clocks already running keep the version they started on.</summary>
public static class ClockPolicyEndpoints
{
    public static void MapClockPolicies(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/clocks/policies/{code}/versions", CreateVersion).WithTags("Clocks")
            .RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>()
            .WithSummary("新建时钟策略版本（时限、预警比例、升级步骤）")
            .WithDescription("为时钟策略新建版本：时限（自然或工作时间）、预警比例和逐级升级步骤。新版本只作用于之后启动的计时。");

    private static async Task<Results<Created<ClockPolicyDto>, ValidationProblem, ProblemHttpResult>> CreateVersion(
        string code, PolicyVersionRequest req, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        ClockPolicy? current = await db.ClockPolicies.Where(p => p.Code == code).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (current is null)
        {
            return Problems.NotFound("时钟策略不存在");
        }
        var errors = new FieldErrors();
        for (int i = 0; i < req.Escalations.Length; i++)
        {
            if (!Roles.Staff.Contains(req.Escalations[i].Role))
            {
                errors.Add($"escalations[{i}].role", $"未知角色：{req.Escalations[i].Role}");
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        var next = new ClockPolicy
        {
            Code = code, Version = current.Version + 1, Name = req.Name, StartEvent = current.StartEvent, StopEvent = current.StopEvent,
            Kind = req.Kind!.Value, Amount = req.Amount, WarnPercent = req.WarnPercent, Rework = req.Rework ?? current.Rework, Calendar = current.Calendar,
            EscalationsJson = JsonSerializer.Serialize(req.Escalations.Select(e => new EscalationStep(e.Role, e.AfterDueMinutes)), JsonSerializerOptions.Web),
            CreatedAt = time.GetUtcNow(),
        };
        db.ClockPolicies.Add(next);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/api/clocks/policies", ClockPolicyDto.From(next));
    }
}
