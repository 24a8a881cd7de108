using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Training;

/// <summary>Unified training (统一培训) over HTTP: adapters over <see cref="TrainingDesk"/>, <see cref="TrainingFigures"/> and <see cref="Certificates"/>.</summary>
public static class TrainingEndpoints
{
    public static void MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/training").WithTags("Training").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapGet("/courses", async (TrainingDesk d, CancellationToken ct) => TypedResults.Ok(await d.CoursesAsync(ct)))
            .WithSummary("培训课程").WithDescription("课程名称、类别（Law 法律法规、Procedure 执法程序、Skills 业务技能、Integrity 廉政、Other 其他）、默认学时与合格分数线。");
        g.MapPost("/courses", (CourseRequest req, TrainingDesk d, CancellationToken ct) => d.AddCourseAsync(req, ct).ToCreated(c => $"/api/training/courses/{c.Id}"))
            .WithSummary("新增培训课程").WithDescription("限局领导、科室负责人、管理员。");
        g.MapGet("/sessions", async (DateOnly? from, DateOnly? to, TrainingDesk d, CancellationToken ct) => TypedResults.Ok(await d.SessionsAsync(from, to, ct)))
            .WithSummary("培训班次").WithDescription("from、to 为上海时间的日期（含两端）；最新的在前。");
        g.MapPost("/sessions", (SessionRequest req, TrainingDesk d, CancellationToken ct) => d.AddSessionAsync(req, ct).ToCreated(s => $"/api/training/sessions/{s.Session.Id}"))
            .WithSummary("安排培训班次").WithDescription("课程、时间（带时区的 ISO 时间，按 UTC 保存）、地点、授课人、学时（默认取课程学时）、容纳人数、主办单位。限局领导、科室负责人、管理员。");
        g.MapGet("/sessions/{id:guid}", (Guid id, TrainingDesk d, CancellationToken ct) => d.SessionAsync(id, ct).ToHttp())
            .WithSummary("培训班次及出勤").WithDescription("出勤名单只含本人管辖范围内的人员。");
        g.MapPut("/sessions/{id:guid}/attendance", (Guid id, AttendanceRequest req, TrainingDesk d, CancellationToken ct) => d.RecordAsync(id, req, ct).ToHttp())
            .WithSummary("登记出勤与成绩").WithDescription("entries：personId、attended、hours（默认本班次学时，不得超过）、score（0–100）、passed（不填则按课程合格线判定）。已登记的人员按新值更正。限培训管理人员和中队长（只能登记本单位人员）。");
        g.MapGet("/requirements", async (TrainingDesk d, CancellationToken ct) => TypedResults.Ok(await d.RequirementsAsync(ct)))
            .WithSummary("年度学时要求各版本").WithDescription("持执法证人员每年须完成的培训学时；某年适用该年 12 月 31 日有效的版本。");
        g.MapPost("/requirements", (RequirementRequest req, TrainingDesk d, CancellationToken ct) => d.SetRequirementAsync(req, ct).ToCreated(r => $"/api/training/requirements/{r.Id}"))
            .WithSummary("设定年度学时要求（新增版本）").WithDescription("effectiveFrom 起生效的学时要求。限局领导、科室负责人、管理员。");
        g.MapGet("/hours", async (int? year, bool? shortfall, TrainingFigures f, CancellationToken ct) => TypedResults.Ok(await f.HoursAsync(year, shortfall == true, ct)))
            .WithSummary("年度培训学时").WithDescription("本人管辖范围内每人当年（上海时间自然年）的学时、全年要求、按日折算的应完成学时与差额；shortfall=true 只列未达全年要求的持证人员。");
        g.MapGet("/coverage", (DateOnly? from, DateOnly? to, TrainingFigures f, CancellationToken ct) => f.CoverageAsync(from, to, ct).ToHttp())
            .WithSummary("各单位培训覆盖率").WithDescription("from–to 期间：各单位持证人员中按日折算达到当年学时要求的比例，以及期间至少参加一次培训的比例。");
        g.MapGet("/people/{id:guid}", (Guid id, int? year, TrainingFigures f, CancellationToken ct) => f.PersonAsync(id, year, ct).ToHttp())
            .WithSummary("个人培训档案").WithDescription("当年学时与要求、执法证、参加的班次；管辖范围外的人员答复 404。");
        g.MapGet("/certificates", async (ExpiryBand? band, Certificates c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(band, ct)))
            .WithSummary("执法证登记").WithDescription("本人管辖范围内的执法证及到期状态（None 有效、Within90 90 日内到期、Within30 30 日内到期、Expired 已过期）；band 只看某一档及更紧迫的。");
        g.MapGet("/certificates/{id:guid}", (Guid id, Certificates c, CancellationToken ct) => c.GetAsync(id, ct).ToHttp())
            .WithSummary("一张执法证").WithDescription("管辖范围外的答复 404。");
        g.MapPost("/certificates", (CertificateRequest req, Certificates c, CancellationToken ct) => c.CreateAsync(req, ct).ToCreated(r => $"/api/training/certificates/{r.Id}"))
            .WithSummary("登记执法证").WithDescription("每人一证；证号不填则取人员登记的执法证号。限局领导、科室负责人、管理员。");
        g.MapPut("/certificates/{id:guid}", (Guid id, CertificateRequest req, Certificates c, CancellationToken ct) => c.UpdateAsync(id, req, ct).ToHttp())
            .WithSummary("换证或更改执法证").WithDescription("新的有效期重新计算到期提醒。限局领导、科室负责人、管理员。");
    }
}
