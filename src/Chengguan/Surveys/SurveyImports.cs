using System.Globalization;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Surveys;

/// <summary>
/// The two imports of a survey's data, from rows already read out of a CSV or .xlsx upload. Every row is checked
/// first; when any row is wrong the answer names each row's errors (<c>rows[N].field</c>, N the sheet's row number)
/// and nothing is written. Respondents go in with one bulk insert (a hundred thousand rows in seconds); a survey
/// holds respondents or summaries, not both, so that its analysis has one source.
/// </summary>
public sealed class SurveyImports(AppDbContext db, CurrentUser current, TimeProvider time, SurveyFiguresCache cache)
{
    /// <summary>Rows whose errors are listed; beyond this a file is plainly the wrong one and one more line says how many more.</summary>
    private const int MaxRowsReported = 200;

    /// <summary>A respondent file's caps: 100,000 respondents, 2,000,000 answers (e.g. 100,000 × 20 or 20,000 × 100).</summary>
    public static readonly TabularLimits ResponseLimits = TabularLimits.Default with
    {
        MaxFileBytes = 48 * 1024 * 1024, MaxUnpackedBytes = 512L * 1024 * 1024, MaxRows = 100_000, MaxCells = 2_100_000, MaxTotalChars = 40_000_000,
    };

    public async Task<Outcome<SurveyImportReport>> ImportResponsesAsync(Guid surveyId, IReadOnlyList<TabularRow> rows, bool dryRun, CancellationToken ct)
    {
        if (await TargetAsync(surveyId, ct) is { } refused)
        {
            return refused;
        }
        Survey survey = await db.Set<Survey>().AsNoTracking().Include(s => s.Indicators).FirstAsync(s => s.Id == surveyId, ct);
        if (await db.Set<SurveySummary>().AnyAsync(s => s.SurveyId == surveyId, ct))
        {
            return new Outcome<SurveyImportReport>.Conflict("本测评已导入汇总数据，不能再导入受访者数据");
        }
        StreetLookup streets = await StreetLookup.LoadAsync(db, ct);
        List<SurveyIndicator> indicators = [.. survey.Indicators.OrderBy(i => i.Position)];
        var known = new HashSet<string>(indicators.Select(i => i.Code), StringComparer.OrdinalIgnoreCase) { "respondent", "street", SurveyRules.Overall };
        var existing = new HashSet<string>(await db.Set<SurveyResponse>().Where(r => r.SurveyId == surveyId).Select(r => r.Respondent).ToListAsync(ct), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new RowErrors();
        var responses = new List<SurveyResponse>(rows.Count);
        var answers = new float[indicators.Count];
        var unknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (TabularRow row in rows)
        {
            errors.Row = row.RowNumber;
            // Named once, at the first row that fills the column: the header is wrong, not every row.
            foreach (string column in row.Cells.Keys.Where(k => !known.Contains(k) && unknown.Add(k)))
            {
                errors.Add("file", $"未知的列 {column}（表头须为 respondent、street、overall 和本测评的指标编码）");
            }
            string? respondent = row.Get("respondent");
            if (respondent is null || respondent.Length > 64)
            {
                errors.Add("respondent", "受访者编号不能为空且不能超过 64 个字符");
            }
            else if (!seen.Add(respondent))
            {
                errors.Add("respondent", $"文件中受访者编号 {respondent} 重复");
            }
            else if (existing.Contains(respondent))
            {
                errors.Add("respondent", $"受访者 {respondent} 已导入");
            }
            Guid? street = streets.Find(row.Get("street"), errors);
            double? overall = Score(row.Get(SurveyRules.Overall), SurveyRules.Overall, survey, errors);
            for (int i = 0; i < indicators.Count; i++)
            {
                answers[i] = Score(row.Get(indicators[i].Code), indicators[i].Code, survey, errors) is { } v ? (float)v : float.NaN;
            }
            if (!errors.RowHasErrors && !errors.Any)
            {
                responses.Add(new SurveyResponse { SurveyId = surveyId, Respondent = respondent!, StreetId = street!.Value, Overall = overall, Answers = SurveyAnswers.Pack(answers) });
            }
        }
        if (errors.Any)
        {
            return new Outcome<SurveyImportReport>.Invalid(errors.Done());
        }
        if (!dryRun)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await new BulkWrite(db, time).Insert(responses).ExecuteAsync($"导入满意度测评受访者数据 {survey.Period}", current.Name, ct);
            await tx.CommitAsync(ct);
            cache.Forget(surveyId);
        }
        return new SurveyImportReport(dryRun, rows.Count, dryRun ? 0 : responses.Count);
    }

    public async Task<Outcome<SurveyImportReport>> ImportSummariesAsync(Guid surveyId, IReadOnlyList<TabularRow> rows, bool dryRun, CancellationToken ct)
    {
        if (await TargetAsync(surveyId, ct) is { } refused)
        {
            return refused;
        }
        Survey survey = await db.Set<Survey>().AsNoTracking().Include(s => s.Indicators).FirstAsync(s => s.Id == surveyId, ct);
        if (await db.Set<SurveyResponse>().AnyAsync(s => s.SurveyId == surveyId, ct))
        {
            return new Outcome<SurveyImportReport>.Conflict("本测评已导入受访者数据，不能再导入汇总数据");
        }
        StreetLookup streets = await StreetLookup.LoadAsync(db, ct);
        var codes = survey.Indicators.Select(i => i.Code).Append(SurveyRules.Overall).ToDictionary(c => c, StringComparer.OrdinalIgnoreCase);
        var existing = (await db.Set<SurveySummary>().Where(s => s.SurveyId == surveyId).Select(s => new { s.StreetId, s.Indicator }).ToListAsync(ct))
            .Select(s => (s.StreetId, s.Indicator)).ToHashSet();
        var seen = new HashSet<(Guid, string)>();
        var errors = new RowErrors();
        var summaries = new List<SurveySummary>();
        foreach (TabularRow row in rows)
        {
            errors.Row = row.RowNumber;
            Guid? street = streets.Find(row.Get("street"), errors);
            string? text = row.Get("indicator");
            string? code = text is null ? null : codes.GetValueOrDefault(text);
            if (code is null)
            {
                errors.Add("indicator", text is null ? "指标不能为空" : $"本测评没有指标 {text}（或 overall 总体满意度）");
            }
            double? mean = Score(row.Get("mean"), "mean", survey, errors);
            if (mean is null && row.Get("mean") is null)
            {
                errors.Add("mean", "平均分不能为空");
            }
            int n = 0;
            if (!int.TryParse(row.Get("n"), NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < 1)
            {
                errors.Add("n", "样本量须为正整数");
            }
            double? sd = null;
            if (row.Get("sd") is { } sdText)
            {
                if (double.TryParse(sdText, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s >= 0 && double.IsFinite(s))
                {
                    sd = s;
                }
                else
                {
                    errors.Add("sd", "标准差须为非负数");
                }
            }
            if (street is { } st && code is not null)
            {
                if (!seen.Add((st, code)))
                {
                    errors.Add("indicator", "文件中该街镇该指标重复");
                }
                else if (existing.Contains((st, code)))
                {
                    errors.Add("indicator", "该街镇该指标已导入");
                }
            }
            if (!errors.RowHasErrors && !errors.Any)
            {
                summaries.Add(new SurveySummary { SurveyId = surveyId, StreetId = street!.Value, Indicator = code!, Mean = mean!.Value, N = n, Sd = sd });
            }
        }
        if (errors.Any)
        {
            return new Outcome<SurveyImportReport>.Invalid(errors.Done());
        }
        if (!dryRun)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await new BulkWrite(db, time).Insert(summaries).ExecuteAsync($"导入满意度测评汇总数据 {survey.Period}", current.Name, ct);
            await tx.CommitAsync(ct);
            cache.Forget(surveyId);
        }
        return new SurveyImportReport(dryRun, rows.Count, dryRun ? 0 : summaries.Count);
    }

    /// <summary>
    /// A whole file as the console uploads it: read under the import's caps (a file that cannot be read is an error on
    /// <c>file</c>), then imported as <paramref name="level"/> (<c>responses</c> or <c>summaries</c>).
    /// </summary>
    public async Task<Outcome<SurveyImportReport>> ImportFileAsync(Guid surveyId, string level, byte[] content, bool dryRun, CancellationToken ct)
    {
        IReadOnlyList<TabularRow> rows;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            rows = Tabular.Read(stream, level == "responses" ? ResponseLimits : TabularLimits.Default);
        }
        catch (TabularException e)
        {
            return new Outcome<SurveyImportReport>.Invalid(new FieldErrors().Add("file", e.Message));
        }
        if (rows.Count == 0)
        {
            return new Outcome<SurveyImportReport>.Invalid(new FieldErrors().Add("file", "文件中没有数据行"));
        }
        return level == "responses" ? await ImportResponsesAsync(surveyId, rows, dryRun, ct) : await ImportSummariesAsync(surveyId, rows, dryRun, ct);
    }

    private async Task<Outcome<SurveyImportReport>?> TargetAsync(Guid surveyId, CancellationToken ct)
    {
        if (!SurveyRoles.Manages(current.Principal))
        {
            return new Outcome<SurveyImportReport>.Forbidden("只有局领导、科长或系统管理员可以导入测评数据");
        }
        return await db.Set<Survey>().AnyAsync(s => s.Id == surveyId, ct) ? null : new Outcome<SurveyImportReport>.NotFound("没有该测评");
    }

    /// <summary>A score on the survey's scale; blank is no answer (无法评价).</summary>
    private static double? Score(string? text, string field, Survey survey, RowErrors errors)
    {
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            errors.Add(field, $"评分须为数字（留空表示无法评价）：{Cut(text)}");
            return null;
        }
        if (v < survey.ScaleMin || v > survey.ScaleMax)
        {
            errors.Add(field, $"评分须在 {survey.ScaleMin.ToString(CultureInfo.InvariantCulture)}–{survey.ScaleMax.ToString(CultureInfo.InvariantCulture)} 之间");
            return null;
        }
        return v;
    }

    private static string Cut(string text) => text.Length > 20 ? text[..20] + "…" : text;

    /// <summary>Streets and towns by name or unit code, as files name them.</summary>
    private sealed class StreetLookup(Dictionary<string, Guid> byKey)
    {
        public static async Task<StreetLookup> LoadAsync(AppDbContext db, CancellationToken ct)
        {
            var streets = await db.Units.AsNoTracking().Where(u => u.Active && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town))
                .Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
            var byKey = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
            foreach (var s in streets)
            {
                byKey[s.Name] = s.Id;
                byKey[s.Code] = s.Id;
            }
            return new StreetLookup(byKey);
        }

        public Guid? Find(string? text, RowErrors errors)
        {
            if (text is null)
            {
                errors.Add("street", "街镇不能为空");
                return null;
            }
            if (byKey.TryGetValue(text, out Guid id))
            {
                return id;
            }
            errors.Add("street", $"没有街镇 {Cut(text)}（填写街镇名称或单位编码）");
            return null;
        }
    }

    /// <summary>Field errors by row (<c>rows[N].field</c>), the first <see cref="MaxRowsReported"/> rows listed and the rest counted.</summary>
    private sealed class RowErrors
    {
        private readonly FieldErrors _errors = new();
        private int _rows, _lastRow = -1;

        public int Row { get; set; }

        public bool Any => _rows > 0;

        public bool RowHasErrors => _lastRow == Row;

        public void Add(string field, string message)
        {
            if (_lastRow != Row)
            {
                _lastRow = Row;
                _rows++;
            }
            if (_rows <= MaxRowsReported)
            {
                _errors.Add($"rows[{Row.ToString(CultureInfo.InvariantCulture)}].{field}", message);
            }
        }

        public FieldErrors Done()
        {
            if (_rows > MaxRowsReported)
            {
                _errors.Add("file", $"共 {_rows} 行有误，仅列出前 {MaxRowsReported} 行");
            }
            return _errors;
        }
    }
}
