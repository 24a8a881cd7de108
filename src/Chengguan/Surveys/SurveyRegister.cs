using System.Text;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Surveys;

/// <summary>
/// The door to surveys: their kinds, set-up, listing and import templates. Leaders, section chiefs and administrators
/// set surveys up (<see cref="SurveyRoles.Manages"/>); the readers of the analysis may list and read them.
/// </summary>
public sealed class SurveyRegister(AppDbContext db, CurrentUser current, TimeProvider time)
{
    public async Task<Outcome<IReadOnlyList<SurveyKindDto>>> KindsAsync(CancellationToken ct)
    {
        if (!SurveyRoles.Reads(current.Principal))
        {
            return new Outcome<IReadOnlyList<SurveyKindDto>>.Forbidden("无权查看满意度测评");
        }
        return await db.Set<SurveyKind>().AsNoTracking().OrderBy(k => k.SortOrder).ThenBy(k => k.Code)
            .Select(k => new SurveyKindDto(k.Code, k.Name)).ToListAsync(ct);
    }

    public async Task<Outcome<SurveyKindDto>> AddKindAsync(SurveyKindInput input, CancellationToken ct)
    {
        if (!SurveyRoles.Manages(current.Principal))
        {
            return new Outcome<SurveyKindDto>.Forbidden("只有局领导、科长或系统管理员可以设置测评");
        }
        FieldErrors errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return new Outcome<SurveyKindDto>.Invalid(errors);
        }
        if (await db.Set<SurveyKind>().AnyAsync(k => k.Code == input.Code || k.Name == input.Name, ct))
        {
            return new Outcome<SurveyKindDto>.Conflict("已有同编码或同名称的测评类型");
        }
        int order = await db.Set<SurveyKind>().MaxAsync(k => (int?)k.SortOrder, ct) ?? 0;
        db.Set<SurveyKind>().Add(new SurveyKind { Code = input.Code!, Name = input.Name!.Trim(), SortOrder = order + 1 });
        await db.SaveChangesAsync(ct);
        return new SurveyKindDto(input.Code!, input.Name!.Trim());
    }

    public async Task<Outcome<SurveyDto>> CreateAsync(SurveyInput input, CancellationToken ct)
    {
        if (!SurveyRoles.Manages(current.Principal))
        {
            return new Outcome<SurveyDto>.Forbidden("只有局领导、科长或系统管理员可以设置测评");
        }
        FieldErrors errors = RequestValidation.Validate(input);
        if (!errors.Any)
        {
            SurveyRules.Check(input, errors);
        }
        SurveyKind? kind = input.Kind is null ? null
            : await db.Set<SurveyKind>().AsNoTracking().FirstOrDefaultAsync(k => k.Code == input.Kind || k.Name == input.Kind, ct);
        if (input.Kind is not null && kind is null)
        {
            errors.Add("kind", $"没有测评类型 {input.Kind}");
        }
        if (errors.Any)
        {
            return new Outcome<SurveyDto>.Invalid(errors);
        }
        if (await db.Set<Survey>().AnyAsync(s => s.KindId == kind!.Id && s.Period == input.Period, ct))
        {
            return new Outcome<SurveyDto>.Conflict($"{kind!.Name} {input.Period} 已存在");
        }
        var survey = new Survey
        {
            KindId = kind!.Id, Period = input.Period!, ScaleMin = input.ScaleMin!.Value, ScaleMax = input.ScaleMax!.Value,
            CreatedAt = time.GetUtcNow(), CreatedBy = current.Name,
        };
        for (int i = 0; i < input.Indicators!.Count; i++)
        {
            IndicatorInput ind = input.Indicators[i];
            survey.Indicators.Add(new SurveyIndicator
            {
                SurveyId = survey.Id, Code = ind.Code!, Name = ind.Name!.Trim(), ParentCode = string.IsNullOrWhiteSpace(ind.Parent) ? null : ind.Parent, Position = i,
            });
        }
        survey.IndicatorVersion = await VersionOfAsync(kind.Id, survey.Indicators, ct);
        db.Set<Survey>().Add(survey);
        await db.SaveChangesAsync(ct);
        return Dto(survey, kind, 0, 0);
    }

    /// <summary>The kind's current tree version when the tree repeats its latest survey's, else the next.</summary>
    private async Task<int> VersionOfAsync(Guid kindId, List<SurveyIndicator> tree, CancellationToken ct)
    {
        Survey? latest = await db.Set<Survey>().AsNoTracking().Include(s => s.Indicators).Where(s => s.KindId == kindId)
            .OrderByDescending(s => s.IndicatorVersion).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return 1;
        }
        static string Shape(IEnumerable<SurveyIndicator> t) => string.Join("\n", t.OrderBy(i => i.Position).Select(i => $"{i.Code}|{i.Name}|{i.ParentCode}"));
        return Shape(latest.Indicators) == Shape(tree) ? latest.IndicatorVersion : latest.IndicatorVersion + 1;
    }

    public async Task<Outcome<IReadOnlyList<SurveySummaryDto>>> ListAsync(CancellationToken ct)
    {
        if (!SurveyRoles.Reads(current.Principal))
        {
            return new Outcome<IReadOnlyList<SurveySummaryDto>>.Forbidden("无权查看满意度测评");
        }
        Dictionary<Guid, SurveyKind> kinds = await db.Set<SurveyKind>().AsNoTracking().ToDictionaryAsync(k => k.Id, ct);
        var surveys = await db.Set<Survey>().AsNoTracking()
            .Select(s => new { s.Id, s.KindId, s.Period, s.ScaleMin, s.ScaleMax, s.IndicatorVersion, Count = s.Indicators.Count }).ToListAsync(ct);
        return surveys.OrderBy(s => kinds[s.KindId].SortOrder).ThenByDescending(s => s.Period, StringComparer.Ordinal)
            .Select(s => new SurveySummaryDto(s.Id, kinds[s.KindId].Code, kinds[s.KindId].Name, s.Period, s.ScaleMin, s.ScaleMax, s.IndicatorVersion, s.Count)).ToList();
    }

    public async Task<Outcome<SurveyDto>> GetAsync(Guid id, CancellationToken ct)
    {
        if (!SurveyRoles.Reads(current.Principal))
        {
            return new Outcome<SurveyDto>.Forbidden("无权查看满意度测评");
        }
        Survey? survey = await db.Set<Survey>().AsNoTracking().Include(s => s.Indicators).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return new Outcome<SurveyDto>.NotFound("没有该测评");
        }
        SurveyKind kind = await db.Set<SurveyKind>().AsNoTracking().FirstAsync(k => k.Id == survey.KindId, ct);
        int respondents = await db.Set<SurveyResponse>().CountAsync(r => r.SurveyId == id, ct);
        int summaries = await db.Set<SurveySummary>().CountAsync(r => r.SurveyId == id, ct);
        return Dto(survey, kind, respondents, summaries);
    }

    /// <summary>The CSV template of an import (<c>responses</c> or <c>summaries</c>) with the survey's own indicator columns and one example row.</summary>
    public async Task<Outcome<SurveyTemplate>> TemplateAsync(Guid id, string level, CancellationToken ct)
    {
        Outcome<SurveyDto> got = await GetAsync(id, ct);
        if (got is not Outcome<SurveyDto>.Done { Value: var survey })
        {
            return got.Refusal<SurveyDto, SurveyTemplate>();
        }
        string? street = await db.Units.AsNoTracking().Where(u => u.Active && (u.Kind == Organisation.UnitKind.Street || u.Kind == Organisation.UnitKind.Town))
            .OrderBy(u => u.SortOrder).Select(u => u.Name).FirstOrDefaultAsync(ct);
        string mid = Format((survey.ScaleMin + survey.ScaleMax) / 2);
        var csv = new StringBuilder("\uFEFF");
        switch (level)
        {
            case "responses":
                csv.Append("respondent,street,overall");
                foreach (IndicatorDto i in survey.Indicators)
                {
                    csv.Append(',').Append(i.Code);
                }
                csv.Append("\r\nR0001,").Append(street ?? "").Append(',').Append(mid);
                for (int i = 0; i < survey.Indicators.Count; i++)
                {
                    csv.Append(',').Append(i == 0 ? "" : mid);
                }
                csv.Append("\r\n");
                break;
            case "summaries":
                csv.Append("street,indicator,mean,n,sd\r\n");
                csv.Append(street).Append(",overall,").Append(mid).Append(",100,\r\n");
                csv.Append(street).Append(',').Append(survey.Indicators[0].Code).Append(',').Append(mid).Append(",100,10\r\n");
                break;
            default:
                return new Outcome<SurveyTemplate>.NotFound("模板须为 responses 或 summaries");
        }
        return new SurveyTemplate(Encoding.UTF8.GetBytes(csv.ToString()), $"{survey.Kind}-{survey.Period}-{level}-template.csv");
    }

    private static string Format(double v) => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static SurveyDto Dto(Survey s, SurveyKind kind, int respondents, int summaries) =>
        new(s.Id, kind.Code, kind.Name, s.Period, s.ScaleMin, s.ScaleMax, s.IndicatorVersion,
            [.. s.Indicators.OrderBy(i => i.Position).Select(i => new IndicatorDto(i.Code, i.Name, i.ParentCode))], respondents, summaries, s.CreatedAt);
}
