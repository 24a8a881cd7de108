using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Selection;

namespace Chengguan.Personnel;

/// <summary>The people file and the talent pool over HTTP: adapters over <see cref="PersonnelFiles"/>.</summary>
public static class PersonnelEndpoints
{
    public static void MapPersonnelApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/personnel").WithTags("Personnel").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapGet("/people/{id:guid}", (Guid id, PersonnelFiles files, CancellationToken ct) => files.FileAsync(id, ct).ToHttp())
            .WithSummary("人员档案").WithDescription("人员名册信息、职级学历等档案信息、任职经历（含竞争上岗定岗记录）、进出上下与交流次数、人才库记录；近三年培训学时与要求、执法证状态、近五年年度考核得分与等次、中层干部评价历次得分（均取自各业务模块）。限局领导、科室负责人、管理员。");
        g.MapPut("/people/{id:guid}/profile", (Guid id, ProfileRequest req, PersonnelFiles files, CancellationToken ct) => files.SaveProfileAsync(id, req, ct).ToHttp())
            .WithSummary("维护档案信息").WithDescription("职级、参加工作时间、学历和资格证书；任职年限按参加工作时间计算。");
        g.MapPost("/people/{id:guid}/career", (Guid id, CareerRequest req, PersonnelFiles files, CancellationToken ct) => files.AddCareerAsync(id, req, ct).ToHttp())
            .WithSummary("记录任职经历").WithDescription("任职、晋升、降职、轮岗、交流、挂职、调入、调出、退休。新的任职自动结束此前未结束的任职（结束日为新任职前一日），已有记录不改写。");
        g.MapPost("/people/{id:guid}/pool", (Guid id, PoolRequest req, PersonnelFiles files, CancellationToken ct) => files.JoinPoolAsync(id, req, ct).ToHttp())
            .WithSummary("纳入人才库").WithDescription("培养方向、入库理由和日期；同一时间只能有一条在库记录。");
        g.MapPost("/people/{id:guid}/pool/leave", (Guid id, LeavePoolRequest req, PersonnelFiles files, CancellationToken ct) => files.LeavePoolAsync(id, req, ct).ToHttp())
            .WithSummary("移出人才库").WithDescription("出库日期和理由；入库记录保留。");
        g.MapGet("/talent", (Guid? unit, CadreGrade? minGrade, int? minYears, Education? minEducation, string? certificate, bool? inPool, Guid? round, Guid? post,
                double? minHours, string? minBand, decimal? minEvaluation, TalentSort? sort, PersonnelFiles files, CancellationToken ct) =>
                files.TalentAsync(new TalentQuery(unit, minGrade, minYears, minEducation, certificate, inPool, round, post, minHours, minBand, minEvaluation, sort ?? TalentSort.Default), ct).ToHttp())
            .WithSummary("人才库检索").WithDescription("按单位、职级、任职年限、学历、证书、是否在库筛选名册人员，并按本年度培训学时（minHours）、最近一次年度考核等次（minBand：优秀、良好、合格、基本合格、不合格，不低于该等次）、最近一次干部评价得分（minEvaluation）筛选；sort=Hours|Assessment|Evaluation 按该项从高到低排在前；给出竞争上岗的 round 和 post 时按该岗位任职条件判断并列出不符合的条件，符合者在前。");
    }
}
