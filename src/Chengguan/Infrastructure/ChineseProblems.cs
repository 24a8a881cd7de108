using Microsoft.AspNetCore.WebUtilities;

namespace Chengguan.Infrastructure;

/// <summary>
/// Every problem document leaves with a Chinese title and detail. The framework writes some itself (the
/// status code pages for 401/403/404/405/415…, the authentication handlers' challenges, model binding's
/// 400) with English defaults such as "Unauthorized"; those defaults are replaced here, titles a
/// capability chose (already Chinese) are kept.
/// </summary>
public static class ChineseProblems
{
    private static readonly Dictionary<int, (string Title, string Detail)> s_texts = new()
    {
        [400] = ("请求有误", "请求的格式或参数无法识别"),
        [401] = ("未登录或凭据无效", "请先登录，或在请求中提供有效的访问令牌（Authorization: Bearer）或接口密钥（X-Api-Key）"),
        [403] = ("无权执行该操作", "当前账号的角色或数据范围不允许访问该资源"),
        [404] = ("未找到", "请求的地址或资源不存在"),
        [405] = ("请求方法不被允许", "该地址不支持此请求方法"),
        [406] = ("无法提供所需格式", "服务器无法按请求的 Accept 格式作答"),
        [408] = ("请求超时", "请求未能在规定时间内完成"),
        [409] = ("状态冲突", "资源当前的状态不允许此操作"),
        [411] = ("缺少内容长度", "请求须注明 Content-Length"),
        [413] = ("请求内容过大", "请求内容超过允许的大小"),
        [414] = ("请求地址过长", "请求地址超过允许的长度"),
        [415] = ("不支持的内容类型", "请求的 Content-Type 不被该接口接受"),
        [422] = ("无法处理的请求", "请求内容无法处理"),
        [429] = ("请求过于频繁", "请稍后再试"),
        [500] = ("服务器内部错误", "处理请求时发生错误，请稍后重试或联系管理员"),
        [503] = ("服务暂不可用", "服务正在启动或维护，请稍后再试"),
    };

    /// <summary>The framework's English default titles (ProblemDetailsDefaults and the status code phrases).</summary>
    private static bool IsDefault(string? title, int status) =>
        title is null || title.Length == 0
        || string.Equals(title, ReasonPhrases.GetReasonPhrase(status), StringComparison.Ordinal)
        || title.Equals("An error occurred while processing your request.", StringComparison.Ordinal)
        || title.Equals("One or more validation errors occurred.", StringComparison.Ordinal);

    private static bool IsLatinOnly(string text) => text.All(ch => ch < 0x2E80);

    /// <summary>For <c>AddProblemDetails(o => o.CustomizeProblemDetails = ChineseProblems.Apply)</c>.</summary>
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        int status = problem.Status ?? context.HttpContext.Response.StatusCode;
        (string Title, string Detail) text = s_texts.TryGetValue(status, out var known)
            ? known
            : status >= 500 ? s_texts[500] : ("请求未能完成", $"请求未能完成（状态码 {status}）");
        if (IsDefault(problem.Title, status) || IsLatinOnly(problem.Title!))
        {
            problem.Title = status == 400 && problem is Microsoft.AspNetCore.Mvc.ValidationProblemDetails ? "请求参数有误" : text.Title;
        }
        if (string.IsNullOrEmpty(problem.Detail) || IsLatinOnly(problem.Detail))
        {
            problem.Detail = text.Detail;
        }
    }
}
