using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Chengguan.Evidence;

/// <summary>A case's evidence over HTTP: adapters over <see cref="Attachments"/>, which checks, stores and answers.</summary>
public static class EvidenceEndpoints
{
    public static void MapEvidence(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases/{id:guid}/evidence").WithTags("Evidence").RequireAuthorization(Policies.Staff);
        group.MapPost("/", (Guid id, IFormFile? file, [FromForm] string? purpose, [FromForm] Guid? supersedes, Attachments attachments, CancellationToken ct) =>
                attachments.AttachToCaseAsync(id, IncomingFile.From(file), purpose, supersedes, ct).ToCreated(e => $"/api/cases/{id}/evidence/{e.Id}/content"))
            .WithBodyLimit(Attachments.MaxUpload).DisableAntiforgery()
            .WithSummary("上传照片、视频或文件（按内容识别类型；读取 EXIF 时间与位置；以 SHA-256 存储，永不覆盖；更正为新版本）")
            .WithDescription("以 multipart/form-data 上传一个文件（file）及用途（purpose，如 CheckIn、Before、After）。按内容识别类型，读取 EXIF 时间与位置；文件以 SHA-256 存储，永不覆盖，更正生成新版本。文件过大答 413，类型不允许答 415。");
        group.MapGet("/", (Guid id, Attachments attachments, CancellationToken ct) => attachments.ListForCaseAsync(id, ct).ToHttp())
            .WithSummary("案件的证据材料与处置前后照片对比")
            .WithDescription("列出案件的证据材料，以及处置前后照片的对比配对。");
        group.MapGet("/{evidenceId:guid}/content", (Guid id, Guid evidenceId, string? copy, Attachments attachments, CancellationToken ct) =>
                attachments.OpenForCaseAsync(id, evidenceId, copy, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName, enableRangeProcessing: true)))
            .WithSummary("下载证据：original 为原件，public 为去除 EXIF/GPS 的公开副本")
            .WithDescription("下载证据文件。copy=original 为原件，copy=public 为去除 EXIF/GPS 的公开副本。");
    }
}
