using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Demolition;

/// <summary>Task batches, the three-year plan, "no illegal building" creation, and progress against each: adapters over <see cref="TaskBatches"/> and <see cref="Creations"/>.</summary>
public static class TasksEndpoints
{
    public static void MapDemolitionTasks(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/demolition").WithTags("Demolition").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapPost("/tasks", (TaskInput input, TaskBatches tasks, CancellationToken ct) => tasks.CreateAsync(input, ct).ToCreated(t => $"/api/demolition/tasks/{t.Id}"))
            .WithSummary("下达拆违任务批次（市级或区级；各街镇目标面积、处数和完成期限）")
            .WithDescription("下达一个拆违任务批次（市级或区级），写明各街镇的目标面积、处数和完成期限。");
        g.MapGet("/tasks", async (TaskBatches tasks, CancellationToken ct) => TypedResults.Ok(await tasks.ListAsync(ct))).WithSummary("任务批次列表")
            .WithDescription("列出任务批次及其期限。");
        g.MapPost("/tasks/{id:guid}/items", (Guid id, AttachInput input, TaskBatches tasks, CancellationToken ct) => tasks.AttachAsync(id, input, ct).ToHttp())
            .WithSummary("将违法建筑纳入任务批次")
            .WithDescription("把台账中的违法建筑纳入任务批次，计入完成进度。");
        g.MapGet("/tasks/{id:guid}/progress", (Guid id, TaskBatches tasks, CancellationToken ct) => tasks.ProgressAsync(id, ct).ToHttp())
            .WithSummary("任务批次进度：各街镇完成面积、处数、完成率、差距、按当前进度预计")
            .WithDescription("各街镇的完成面积、处数、完成率和差距，以及按当前进度的预计完成情况。");
        g.MapPost("/plans", (PlanInput input, TaskBatches tasks, CancellationToken ct) => tasks.CreatePlanAsync(input, ct).ToCreated(p => $"/api/demolition/plans/{p.Id}"))
            .WithSummary("三年工作计划：各年度各街镇目标")
            .WithDescription("登记三年工作计划，写明各年度各街镇的目标。");
        g.MapGet("/plans", async (TaskBatches tasks, CancellationToken ct) => TypedResults.Ok(await tasks.ListPlansAsync(ct))).WithSummary("三年工作计划列表")
            .WithDescription("列出三年工作计划。");
        g.MapGet("/plans/{id:guid}/progress", (Guid id, int? year, TaskBatches tasks, CancellationToken ct) => tasks.PlanProgressAsync(id, year, ct).ToHttp())
            .WithSummary("计划年度进度（按复核日期计入年度）")
            .WithDescription("计划各年度的完成进度；违法建筑按复核日期计入年度。");
        g.MapPost("/creations", (CreationInput input, Creations creations, CancellationToken ct) => creations.DeclareAsync(input, ct).ToCreated(c => $"/api/demolition/creations/{c.Id}"))
            .WithSummary("申报无违建居村（街镇）创建")
            .WithDescription("街镇为居村（或本街镇）申报无违建创建，写明年度。");
        g.MapGet("/creations", (int? year, Creations creations, CancellationToken ct) => creations.ListAsync(year, ct).ToHttp())
            .WithSummary("无违建居村（街镇）创建申报列表（本人范围内；可按年度筛选；标准按台账实时计算）")
            .WithDescription("列出调用者范围内的创建申报，可按年度筛选；各项标准按台账实时计算。");
        g.MapGet("/creations/{id:guid}", (Guid id, Creations creations, CancellationToken ct) => creations.GetAsync(id, ct).ToHttp()).WithSummary("创建标准核对（按台账实时计算）")
            .WithDescription("按台账实时核对创建标准的每一项，给出是否达到。");
        g.MapPost("/creations/{id:guid}/assess", (Guid id, Creations creations, CancellationToken ct) => creations.AssessAsync(id, ct).ToHttp())
            .WithSummary("创建验收：按标准判定达标或未达标")
            .WithDescription("验收创建申报：按标准判定达标或未达标，写明意见。");
    }
}
