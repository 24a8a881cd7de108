using System.Text.RegularExpressions;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Organisation;

public sealed record ImportReport(bool DryRun, int Rows, int Created, int Updated);

/// <summary>
/// Bulk import of units and people from CSV or Excel. Every row is checked first; if any row is
/// wrong the answer lists each row's errors (as <c>rows[N].field</c>, N the sheet's row number) and
/// nothing is written. Units are matched by code, people by badge number; both are upserts.
/// The file is read (and, beyond the caps of <see cref="Tabular"/>, refused with 400 or 413) by the endpoint.
/// </summary>
public sealed partial class OrganisationImport(AppDbContext db)
{

    public async Task<Outcome<ImportReport>> ImportUnitsAsync(IReadOnlyList<TabularRow> rows, bool dryRun, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Dictionary<string, Unit> byCode = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int created = 0, updated = 0;
        foreach (TabularRow row in rows)
        {
            string at = $"rows[{row.RowNumber}].";
            string? code = row.Get("编码", "单位编码", "code");
            string? name = row.Get("名称", "单位名称", "name");
            string? kindText = row.Get("类型", "单位类型", "kind");
            string? parentCode = row.Get("上级编码", "上级单位编码", "parentCode");
            string? sortText = row.Get("排序", "sortOrder");
            int before = errors.ToDictionary().Count;
            if (code is null || !UnitCode().IsMatch(code))
            {
                errors.Add(at + "code", "单位编码须为 1–32 位字母、数字或连字符");
            }
            else if (!seen.Add(code))
            {
                errors.Add(at + "code", "文件中单位编码重复");
            }
            if (name is null || name.Length > 100)
            {
                errors.Add(at + "name", "单位名称不能为空且不能超过 100 个字符");
            }
            UnitKind? kind = ParseKind(kindText);
            if (kind is null)
            {
                errors.Add(at + "kind", $"未知单位类型：{kindText}");
            }
            int sort = 0;
            if (sortText is not null && !int.TryParse(sortText, out sort))
            {
                errors.Add(at + "sortOrder", "排序号须为整数");
            }
            Unit? parent = parentCode is null ? null : byCode.GetValueOrDefault(parentCode);
            if (parent is null)
            {
                errors.Add(at + "parentCode", parentCode is null ? "上级编码不能为空" : $"上级单位 {parentCode} 不存在（须已存在或在文件中更靠前）");
            }
            else if (kind is { } k && UnitRules.ParentProblem(parent.Kind, k) is { } rule)
            {
                errors.Add(at + "kind", rule);
            }
            if (errors.ToDictionary().Count != before)
            {
                continue;
            }
            if (byCode.TryGetValue(code!, out Unit? existing))
            {
                if (parent!.Path.StartsWith(existing.Path, StringComparison.Ordinal))
                {
                    errors.Add(at + "parentCode", "不能将单位移到其自身或下级单位之下");
                    continue;
                }
                if (existing.ParentId != parent.Id)
                {
                    errors.Add(at + "parentCode", "导入不移动已有单位，请在单位管理中调整上级");
                    continue;
                }
                existing.Name = name!;
                existing.Kind = kind!.Value;
                existing.SortOrder = sort;
                updated++;
            }
            else
            {
                var unit = new Unit { ParentId = parent!.Id, Code = code!, Name = name!, Kind = kind!.Value, SortOrder = sort };
                unit.Path = Unit.PathOf(parent, unit.Id);
                db.Units.Add(unit);
                byCode[code!] = unit;
                created++;
            }
        }
        return await FinishAsync(errors, dryRun, rows.Count, created, updated, ct);
    }

    public async Task<Outcome<ImportReport>> ImportPeopleAsync(IReadOnlyList<TabularRow> rows, bool dryRun, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Dictionary<string, Guid> units = await db.Units.Where(u => u.Active).ToDictionaryAsync(u => u.Code, u => u.Id, StringComparer.Ordinal, ct);
        List<Post> posts = await db.Posts.ToListAsync(ct);
        Dictionary<string, Person> byBadge = await db.People.Where(p => p.BadgeNumber != null).ToDictionaryAsync(p => p.BadgeNumber!, StringComparer.OrdinalIgnoreCase, ct);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int created = 0, updated = 0;
        foreach (TabularRow row in rows)
        {
            string at = $"rows[{row.RowNumber}].";
            string? name = row.Get("姓名", "name");
            string? badge = row.Get("执法证号", "证号", "badgeNumber");
            string? unitCode = row.Get("单位编码", "所属单位编码", "unitCode");
            string? postText = row.Get("岗位", "post");
            string? phone = row.Get("电话", "手机", "phone");
            int before = errors.ToDictionary().Count;
            if (name is null || name.Length > 50)
            {
                errors.Add(at + "name", "姓名不能为空且不能超过 50 个字符");
            }
            if (badge is not null && !Badge().IsMatch(badge))
            {
                errors.Add(at + "badgeNumber", "执法证号须为 4–32 位字母或数字");
            }
            else if (badge is not null && !seen.Add(badge))
            {
                errors.Add(at + "badgeNumber", "文件中执法证号重复");
            }
            if (unitCode is null || !units.TryGetValue(unitCode, out Guid unitId))
            {
                errors.Add(at + "unitCode", unitCode is null ? "单位编码不能为空" : $"单位 {unitCode} 不存在或已停用");
                unitId = Guid.Empty;
            }
            Post? post = postText is null ? null : posts.FirstOrDefault(p => p.Code == postText || p.Name == postText);
            if (postText is not null && post is null)
            {
                errors.Add(at + "post", $"未知岗位：{postText}");
            }
            if (phone is not null && !Phone().IsMatch(phone))
            {
                errors.Add(at + "phone", "电话号码格式有误");
            }
            if (errors.ToDictionary().Count != before)
            {
                continue;
            }
            if (badge is not null && byBadge.TryGetValue(badge, out Person? existing))
            {
                existing.Name = name!;
                existing.UnitId = unitId;
                existing.PostId = post?.Id ?? existing.PostId;
                existing.Phone = phone ?? existing.Phone;
                existing.Active = true;
                updated++;
            }
            else
            {
                db.People.Add(new Person { Name = name!, BadgeNumber = badge, UnitId = unitId, PostId = post?.Id, Phone = phone });
                created++;
            }
        }
        return await FinishAsync(errors, dryRun, rows.Count, created, updated, ct);
    }

    private async Task<Outcome<ImportReport>> FinishAsync(FieldErrors errors, bool dryRun, int rows, int created, int updated, CancellationToken ct)
    {
        if (errors.Any)
        {
            return new Outcome<ImportReport>.Invalid(errors);
        }
        if (!dryRun)
        {
            await db.SaveChangesAsync(ct);
        }
        return new ImportReport(dryRun, rows, created, updated);
    }

    private static UnitKind? ParseKind(string? text) => text switch
    {
        null => null,
        _ when Enum.TryParse(text, ignoreCase: true, out UnitKind k) && !int.TryParse(text, out _) => k,
        _ => Enum.GetValues<UnitKind>().Cast<UnitKind?>().FirstOrDefault(k => UnitRules.Names.Of(k!.Value) == text),
    };

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$")]
    private static partial Regex UnitCode();

    [GeneratedRegex("^[A-Za-z0-9]{4,32}$")]
    private static partial Regex Badge();

    [GeneratedRegex(@"^[0-9+\- ]{5,20}$")]
    private static partial Regex Phone();
}
