using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chengguan.Tests.Api;

/// <summary>
/// A .http file as VS Code REST Client and Visual Studio read it: <c>@name = value</c> variables, requests separated by
/// <c>###</c>, <c># @name x</c> to name a request whose JSON answer later requests use as <c>{{x.response.body.$.a.b}}</c>.
/// The documentation's promise is a comment: <c># @expect 201</c> and <c># @expect-contains text</c>.
/// </summary>
public sealed record HttpFileRequest(string Title, string? Name, string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, string? Body, int Expect, IReadOnlyList<string> Contains);

public static partial class HttpFile
{
    public static (Dictionary<string, string> Variables, List<HttpFileRequest> Requests) Parse(string text)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var requests = new List<HttpFileRequest>();
        string[] blocks = Regex.Split(text.Replace("\r\n", "\n", StringComparison.Ordinal), @"^###", RegexOptions.Multiline);
        for (int b = 0; b < blocks.Length; b++)
        {
            string[] lines = blocks[b].Split('\n');
            string title = lines[0].Trim();
            string? name = null;
            int? expect = null;
            var contains = new List<string>();
            // The part before the first ### has no title line: variables and comments.
            int i = b == 0 ? 0 : 1;
            string? requestLine = null;
            for (; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0)
                {
                    continue;
                }
                if (VariableLine().Match(line) is { Success: true } v)
                {
                    variables[v.Groups[1].Value] = v.Groups[2].Value.Trim();
                }
                else if (line.StartsWith("# @name ", StringComparison.Ordinal))
                {
                    name = line["# @name ".Length..].Trim();
                }
                else if (line.StartsWith("# @expect-contains ", StringComparison.Ordinal))
                {
                    contains.Add(line["# @expect-contains ".Length..].Trim());
                }
                else if (line.StartsWith("# @expect ", StringComparison.Ordinal))
                {
                    expect = int.Parse(line["# @expect ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }
                else
                {
                    requestLine = line;
                    i++;
                    break;
                }
            }
            if (requestLine is null)
            {
                continue;
            }
            var headers = new List<(string, string)>();
            for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
            {
                int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                headers.Add((lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
            }
            string body = string.Join('\n', lines.Skip(i)).Trim();
            string[] parts = requestLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            requests.Add(new HttpFileRequest(title, name, parts[0], parts[1], headers, body.Length == 0 ? null : body,
                expect ?? throw new InvalidOperationException($"request “{title}” has no # @expect"), contains));
        }
        return (variables, requests);
    }

    /// <summary>Replaces {{variable}} and {{request.response.body.$.path}} until nothing is left to replace.</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, JsonElement> answers) =>
        Reference().Replace(text, m =>
        {
            string key = m.Groups[1].Value.Trim();
            if (variables.TryGetValue(key, out string? value))
            {
                return Substitute(value, variables, answers);
            }
            string[] parts = key.Split('.');
            if (parts.Length >= 5 && parts[1] == "response" && parts[2] == "body" && parts[3] == "$" && answers.TryGetValue(parts[0], out JsonElement json))
            {
                foreach (string p in parts[4..])
                {
                    json = json.GetProperty(p);
                }
                return json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetRawText();
            }
            throw new InvalidOperationException($"unknown reference {{{{{key}}}}}");
        });

    public static HttpRequestMessage ToMessage(HttpFileRequest r, IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, JsonElement> answers)
    {
        var message = new HttpRequestMessage(new HttpMethod(r.Method), Substitute(r.Url, variables, answers));
        string? contentType = null;
        foreach ((string name, string value) in r.Headers)
        {
            string v = Substitute(value, variables, answers);
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = v;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, v);
            }
        }
        if (r.Body is { } body)
        {
            message.Content = new StringContent(Substitute(body, variables, answers), Encoding.UTF8);
            message.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }
        return message;
    }

    [GeneratedRegex(@"^@([A-Za-z_][\w]*)\s*=\s*(.*)$")]
    private static partial Regex VariableLine();

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex Reference();
}
