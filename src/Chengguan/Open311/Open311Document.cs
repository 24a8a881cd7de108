using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Chengguan.Infrastructure;

namespace Chengguan.Open311;

public enum Open311Format
{
    Xml,
    Json,
}

/// <summary>An element with named children, in order: an XML element, a JSON object.</summary>
public sealed class Open311Object : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _fields = [];

    public void Add(string name, object? value) => _fields.Add(new(name, value));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _fields.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A container of repeated children (<c>services/service</c>): always a JSON array, even with one item.</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<object?> Items);

/// <summary>
/// One GeoReport v2 answer, written as XML and as JSON from the same tree by the "Spark"
/// convention: the root element is dropped in JSON, repeated children become arrays, ids and codes
/// stay strings. Values: string, bool, int, double, <see cref="DateTimeOffset"/> (W3C, Shanghai
/// offset, whole seconds), null (an empty element / JSON null), <see cref="Open311Object"/>, <see cref="Open311List"/>.
/// </summary>
public sealed record Open311Document(string Root, object Body)
{

    private static readonly JsonWriterOptions s_json = new()
    {
        Indented = true,
        // Chinese text and the '+' of "+08:00" stay as they are: the answer is served as application/json
        // with nosniff, never embedded in HTML, which is all the stricter default encoder guards against.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly XmlWriterSettings s_xml = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
    };

    /// <summary>W3C date-time with a mandatory zone and no fractional seconds: 2026-03-02T10:00:00+08:00.</summary>
    public static string W3c(DateTimeOffset at)
    {
        DateTimeOffset local = ShanghaiTime.ToShanghai(at);
        return local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    public byte[] ToBytes(Open311Format format) => format == Open311Format.Xml ? ToXml() : ToJson();

    private byte[] ToXml()
    {
        using var buffer = new MemoryStream();
        using (XmlWriter w = XmlWriter.Create(buffer, s_xml))
        {
            w.WriteStartDocument();
            WriteXml(w, Root, Body);
            w.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void WriteXml(XmlWriter w, string name, object? value)
    {
        w.WriteStartElement(name);
        switch (value)
        {
            case Open311Object obj:
                foreach ((string field, object? v) in obj)
                {
                    WriteXml(w, field, v);
                }
                break;
            case Open311List list:
                foreach (object? item in list.Items)
                {
                    WriteXml(w, list.ItemName, item);
                }
                break;
            case null:
                break;
            default:
                w.WriteString(Scalar(value));
                break;
        }
        w.WriteFullEndElement();
    }

    private byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_json))
        {
            WriteJson(w, Body);
        }
        return buffer.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case Open311Object obj:
                w.WriteStartObject();
                foreach ((string field, object? v) in obj)
                {
                    w.WritePropertyName(field);
                    WriteJson(w, v);
                }
                w.WriteEndObject();
                break;
            case Open311List list:
                w.WriteStartArray();
                foreach (object? item in list.Items)
                {
                    WriteJson(w, item);
                }
                w.WriteEndArray();
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case double d:
                w.WriteNumberValue(d);
                break;
            default:
                w.WriteStringValue(Scalar(value));
                break;
        }
    }

    private static string Scalar(object value) => value switch
    {
        string s => Clean(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset at => W3c(at),
        _ => throw new InvalidOperationException($"An Open311 document cannot hold a {value.GetType().Name}."),
    };

    /// <summary>Drops characters XML cannot carry (control characters, lone surrogates) from text written by any channel.</summary>
    private static string Clean(string s)
    {
        int i = 0;
        while (i < s.Length && IsValidAt(s, i, out int width))
        {
            i += width;
        }
        if (i == s.Length)
        {
            return s;
        }
        var sb = new StringBuilder(s.Length);
        for (int j = 0; j < s.Length;)
        {
            bool valid = IsValidAt(s, j, out int width);
            if (valid)
            {
                sb.Append(s, j, width);
            }
            j += width;
        }
        return sb.ToString();
    }

    private static bool IsValidAt(string s, int i, out int width)
    {
        if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            width = 2;
            return true;
        }
        width = 1;
        return XmlConvert.IsXmlChar(s[i]);
    }
}
