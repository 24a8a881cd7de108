using System.Text.Json;
using System.Text.Unicode;

namespace Chengguan.Infrastructure;

/// <summary>
/// Caps for a JSON document uploaded whole (a GeoJSON layer): checked by one pass of
/// <see cref="Utf8JsonReader"/> over the bytes, which allocates nothing, before any deserializer
/// builds objects for it. A document within the byte cap can still ask for millions of objects
/// (every "[]" is one); the value count bounds that.
/// </summary>
public sealed record JsonLimits(int MaxDepth, long MaxValues, int MaxStringBytes)
{
    /// <summary>The first thing wrong with the document (Chinese, for the <c>body</c> field), or null when it is within the caps.</summary>
    public string? Check(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            return "请求体不是有效的 UTF-8 文本";
        }
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            // One more than ours, so that our own message names the depth.
            MaxDepth = MaxDepth + 1,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        long values = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= MaxDepth:
                        return $"JSON 嵌套超过 {MaxDepth} 层";
                    case JsonTokenType.PropertyName or JsonTokenType.String when reader.ValueSpan.Length > MaxStringBytes:
                        return $"JSON 中有超过 {MaxStringBytes} 字节的字符串";
                    case JsonTokenType.PropertyName or JsonTokenType.Comment or JsonTokenType.EndObject or JsonTokenType.EndArray:
                        continue;
                }
                if (++values > MaxValues)
                {
                    return $"JSON 中的值超过 {MaxValues} 个";
                }
            }
        }
        catch (JsonException e)
        {
            return $"不是有效的 JSON（第 {e.LineNumber + 1} 行）";
        }
        return null;
    }
}
