using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Chengguan.Infrastructure;

/// <summary>The one error model: every error leaves as an RFC 9457 problem document.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "未找到");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "无权执行该操作");

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "状态冲突", extensions: extensions);

    public static ValidationProblem Validation(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "请求参数有误");

    public static ValidationProblem Validation(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "请求参数有误");
}

/// <summary>Collects field errors (camelCase field names, Chinese messages) for a validation problem.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;
    public int Count => _errors.Count;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out List<string>? list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public void Required(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{label}不能为空");
        }
    }

    public void MaxLength(string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"{label}不能超过 {max} 个字符");
        }
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
}

/// <summary>
/// Turns unreadable requests (malformed JSON, wrong types, missing body, wrong content type,
/// oversized body) into 400/413/415 problem documents, an unavailable database into a 503 with Retry-After, and anything unexpected into a 500 without internals.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        (int status, string title, string detail) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, "请求体过大", "请求体超过了允许的大小"),
            BadHttpRequestException { StatusCode: 415 } => (415, "不支持的媒体类型", "请以 application/json 提交"),
            BadHttpRequestException { InnerException: JsonException je } => (400, "请求格式有误", JsonDetail(je)),
            BadHttpRequestException bad => (bad.StatusCode, "请求格式有误", bad.Message),
            JsonException je => (400, "请求格式有误", JsonDetail(je)),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "请求已取消", "客户端已断开"),
            _ when Data.DatabaseFailures.Unavailable(exception) is { } reason => (503, "服务暂不可用", reason + "，请稍后重试"),
            _ => (500, "服务器内部错误", "服务器处理请求时出错，请稍后重试"),
        };
        if (status == 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        else if (status == 503)
        {
            logger.LogWarning("Database unavailable for {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
        }
        else
        {
            logger.LogInformation("Rejected {Method} {Path}: {Status} {Reason}", context.Request.Method, context.Request.Path, status, exception.GetType().Name);
        }
        if (context.Response.HasStarted)
        {
            return false;
        }
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = Data.DatabaseFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string JsonDetail(JsonException je) =>
        je.Path is { Length: > 0 } path ? $"JSON 格式或类型有误（位置 {path}）" : "JSON 格式有误";
}
