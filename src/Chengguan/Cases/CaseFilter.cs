using System.Globalization;
using Chengguan.Cases.Search;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

/// <summary>The case list's filters, parsed from the query string with field errors, and the keyset cursor.</summary>
public static class CaseFilter
{
    public sealed record Parsed(
        FieldErrors Errors, CaseState[] States, CaseChannel[] Channels, Urgency[] Urgencies, ClockState? ClockState, string? Category,
        string? Grid, Guid? Street, Guid? Unit, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<SearchTerm> Terms, (DateTimeOffset At, Guid Id)? After, int Limit);

    public static Parsed Parse(IQueryCollection query)
    {
        var errors = new FieldErrors();
        T[] Enums<T>(string name) where T : struct, Enum
        {
            var list = new List<T>();
            foreach (string part in (query[name].ToString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Enum.TryParse(part, ignoreCase: true, out T v) && !int.TryParse(part, out _))
                {
                    list.Add(v);
                }
                else
                {
                    errors.Add(name, $"未知取值：{part}（可选：{string.Join("、", Enum.GetNames<T>())}）");
                }
            }
            return [.. list];
        }
        Guid? Id(string name)
        {
            string? text = query[name];
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }
            if (Guid.TryParse(text, out Guid g))
            {
                return g;
            }
            errors.Add(name, "须为 GUID");
            return null;
        }
        DateTimeOffset? Instant(string name)
        {
            string? text = query[name];
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset d))
            {
                return d.ToUniversalTime();
            }
            errors.Add(name, "须为 ISO 8601 时间");
            return null;
        }
        ClockState[] clockStates = Enums<ClockState>("clockState");
        int limit = 50;
        if (!string.IsNullOrEmpty(query["limit"]) && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 200))
        {
            errors.Add("limit", "每页条数须为 1–200");
        }
        (DateTimeOffset, Guid)? after = null;
        if (query["after"].ToString() is { Length: > 0 } cursor)
        {
            string[] parts = cursor.Split('_');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(parts[1], out Guid id))
            {
                after = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
            else
            {
                errors.Add("after", "游标无效");
            }
        }
        string? text = query["q"].ToString() is { Length: > 0 } q ? q.Trim() : null;
        IReadOnlyList<SearchTerm> terms = SearchText.Query(text);
        if (text is { Length: > 100 })
        {
            errors.Add("q", "检索词不能超过 100 个字符");
        }
        else if (text is not null && terms.Count == 0)
        {
            errors.Add("q", "检索词须含汉字、字母或数字");
        }
        return new Parsed(errors, Enums<CaseState>("state"), Enums<CaseChannel>("channel"), Enums<Urgency>("urgency"),
            clockStates.Length > 0 ? clockStates[0] : null, query["category"].ToString() is { Length: > 0 } cat ? cat : null,
            query["grid"].ToString() is { Length: > 0 } grid ? grid : null, Id("street"), Id("unit"), Instant("from"), Instant("to"), terms, after, limit);
    }

    /// <summary>Every filter but the text, which needs the full-text index first (<see cref="CaseTextSearch"/>).</summary>
    public static IQueryable<Case> Apply(IQueryable<Case> q, Parsed p, AppDbContext db)
    {
        if (p.States.Length > 0)
        {
            q = q.Where(c => p.States.Contains(c.State));
        }
        if (p.Channels.Length > 0)
        {
            q = q.Where(c => p.Channels.Contains(c.Channel));
        }
        if (p.Urgencies.Length > 0)
        {
            q = q.Where(c => p.Urgencies.Contains(c.Urgency));
        }
        if (p.ClockState is { } cs)
        {
            q = q.Where(c => db.Clocks.Any(k => k.SubjectType == CaseIntake.SubjectType && k.SubjectId == c.Id && k.State == cs));
        }
        if (p.Category is { } cat)
        {
            q = q.Where(c => c.CategoryCode == cat);
        }
        if (p.Grid is { } grid)
        {
            q = q.Where(c => c.GridCode == grid);
        }
        if (p.Street is { } street)
        {
            q = q.Where(c => c.StreetId == street);
        }
        if (p.Unit is { } unit)
        {
            q = q.Where(c => c.UnitId == unit);
        }
        if (p.From is { } from)
        {
            q = q.Where(c => c.ReportedAt >= from);
        }
        if (p.To is { } to)
        {
            q = q.Where(c => c.ReportedAt < to);
        }
        if (p.After is { } after)
        {
            q = q.Where(c => c.ReportedAt < after.At || (c.ReportedAt == after.At && c.Id.CompareTo(after.Id) < 0));
        }
        return q;
    }

    public static string Cursor(Case c) => string.Create(CultureInfo.InvariantCulture, $"{c.ReportedAt.UtcTicks}_{c.Id}");
}
