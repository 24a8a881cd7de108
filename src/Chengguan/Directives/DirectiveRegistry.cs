using System.Globalization;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Directives;

/// <summary>
/// The directives' front door for the register as a whole, for the API and the console alike:
/// sources, registering a directive (its deadline clock started), the lists and boards (per leader,
/// per unit) in the caller's scope, and the month's report for the supervision office.
/// </summary>
public sealed class DirectiveRegistry(AppDbContext db, CurrentUser user, DirectiveProcedure procedure, DirectiveQueries queries, DirectiveDesk desk, TimeProvider time)
{
    private const string IssuersOnly = "只有局领导、科室负责人、督查或管理员可以登记督办事项";

    private bool IsIssuer => DirectiveWorkflow.Issuers.Any(user.Principal.IsInRole);

    public async Task<List<SourceDto>> SourcesAsync(CancellationToken ct) =>
        await db.DirectiveSources.AsNoTracking().Where(s => s.Active).OrderBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Select(s => new SourceDto(s.Id, s.Code, s.Name)).ToListAsync(ct);

    /// <summary>A new source (e.g. 市城管执法局); the list is data, not code.</summary>
    public async Task<Outcome<SourceDto>> AddSourceAsync(SourceRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<SourceDto>.Invalid(errors);
        }
        if (!IsIssuer)
        {
            return new Outcome<SourceDto>.Forbidden(IssuersOnly);
        }
        string code = req.Code!;
        if (await db.DirectiveSources.AnyAsync(s => s.Code == code, ct))
        {
            return new Outcome<SourceDto>.Conflict($"来源编码 {code} 已存在");
        }
        int order = await db.DirectiveSources.MaxAsync(s => (int?)s.SortOrder, ct) ?? 0;
        var source = new DirectiveSource { Code = code, Name = req.Name!.Trim(), SortOrder = order + 1 };
        db.DirectiveSources.Add(source);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<SourceDto>.Conflict($"来源编码 {code} 已存在");
        }
        return new SourceDto(source.Id, source.Code, source.Name);
    }

    /// <summary>What the creation form offers: the sources, the bureau's active units, and the people who lead (局长、副局长、科长).</summary>
    public async Task<DirectiveChoices> ChoicesAsync(CancellationToken ct)
    {
        List<UnitName> units = await db.Units.AsNoTracking().Where(u => u.Active && u.Kind != Organisation.UnitKind.Committee && u.Kind != Organisation.UnitKind.District)
            .OrderBy(u => u.SortOrder).Select(u => new UnitName(u.Id, u.Name)).ToListAsync(ct);
        string[] posts = ["JZ", "FJZ", "KZ"];
        List<UnitName> leaders = await db.People.AsNoTracking().Where(p => p.Active && p.Post != null && posts.Contains(p.Post.Code))
            .OrderBy(p => p.Post!.SortOrder).ThenBy(p => p.Name).Select(p => new UnitName(p.Id, p.Name)).ToListAsync(ct);
        return new DirectiveChoices(await SourcesAsync(ct), units, leaders);
    }

    public async Task<Outcome<DirectiveDetail>> CreateAsync(DirectiveRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        DateOnly today = ShanghaiTime.Today(time);
        if (req.Deadline is null && req.WorkingDays is null)
        {
            errors.Add("deadline", "须填写完成时限（日期或工作日数）");
        }
        else if (req.Deadline is not null && req.WorkingDays is not null)
        {
            errors.Add("workingDays", "完成时限填日期或工作日数，二者选一");
        }
        if (req.Asap && req.Deadline is null)
        {
            errors.Add("deadline", "“尽快”须设定目标日期");
        }
        if (req.Deadline is { } deadline && deadline <= today)
        {
            errors.Add("deadline", "完成时限须晚于今天");
        }
        for (int i = 0; i < (req.Milestones?.Length ?? 0); i++)
        {
            if (req.Milestones![i] is not { } m)
            {
                continue;
            }
            if (m.Due is { } due && (due < today || req.Deadline is { } end && due > end))
            {
                errors.Add($"milestones[{i}].due", "节点日期须在今天与完成时限之间");
            }
        }
        if (errors.Any)
        {
            return new Outcome<DirectiveDetail>.Invalid(errors);
        }
        if (!IsIssuer)
        {
            return new Outcome<DirectiveDetail>.Forbidden(IssuersOnly);
        }
        if (!await db.DirectiveSources.AnyAsync(s => s.Id == req.SourceId && s.Active, ct))
        {
            errors.Add("sourceId", "督办来源不存在");
        }
        if (!await db.Units.AnyAsync(u => u.Id == req.OwnerUnitId && u.Active, ct))
        {
            errors.Add("ownerUnitId", "责任单位不存在或已停用");
        }
        Guid[] coOwners = [.. (req.CoOwnerUnitIds ?? []).Distinct()];
        if (coOwners.Contains(req.OwnerUnitId!.Value))
        {
            errors.Add("coOwnerUnitIds", "协办单位不能与责任单位相同");
        }
        if (coOwners.Length > 0 && await db.Units.CountAsync(u => coOwners.Contains(u.Id) && u.Active, ct) != coOwners.Length)
        {
            errors.Add("coOwnerUnitIds", "协办单位不存在或已停用");
        }
        if (!await db.People.AnyAsync(p => p.Id == req.LeaderPersonId && p.Active, ct))
        {
            errors.Add("leaderPersonId", "分管领导不存在");
        }
        if (errors.Any)
        {
            return new Outcome<DirectiveDetail>.Invalid(errors);
        }

        DateTimeOffset now = time.GetUtcNow();
        string? me = await queries.MyNameAsync(ct);
        DeadlineKind kind = req.WorkingDays is null ? DeadlineKind.NaturalDays : DeadlineKind.WorkingDays;
        int days = req.WorkingDays ?? req.Deadline!.Value.DayNumber - today.DayNumber;
        // Policies are reference data committed on their own, before the directive.
        await procedure.EnsurePolicyAsync(days, kind, now, ct);
        int number = (await db.Directives.MaxAsync(d => (int?)d.Number, ct) ?? 0) + 1;
        var d = new Directive
        {
            Number = number, SourceId = req.SourceId!.Value, Reference = req.Reference?.Trim() is { Length: > 0 } r ? r : null, Text = req.Text!.Trim(),
            OwnerUnitId = req.OwnerUnitId!.Value, LeaderPersonId = req.LeaderPersonId!.Value, DeadlineKind = kind, Asap = req.Asap,
            Deadline = req.Deadline ?? today, StartedAt = now, CreatedAt = now, CreatedBy = me, UpdatedAt = now,
        };
        db.Directives.Add(d);
        db.DirectiveCoOwners.AddRange(coOwners.Select(u => new DirectiveCoOwner { DirectiveId = d.Id, UnitId = u }));
        int seq = 0;
        foreach (MilestoneInput m in (req.Milestones ?? []).OrderBy(m => m.Due))
        {
            db.DirectiveMilestones.Add(new DirectiveMilestone { DirectiveId = d.Id, Seq = ++seq, Title = m.Title!.Trim(), Due = m.Due!.Value });
        }
        await procedure.StartDeadlineAsync(d, days, me, ct);
        string deadlineText = d.Asap ? $"尽快（目标 {Day(d.Deadline)}）" : Day(d.Deadline);
        procedure.Append(d, "Issue", "登记督办事项", null, DirectiveState.Issued, now, user.UserId, me, $"完成时限：{deadlineText}", null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            // Two registrations at once took the same number: the unique index keeps one; the other is asked to retry.
            return new Outcome<DirectiveDetail>.Conflict("督办编号冲突，请重试");
        }
        return await desk.GetAsync(d.Id, ct);
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public Task<List<DirectiveRow>> ListAsync(DirectiveFilter filter, CancellationToken ct) => queries.RowsAsync(filter, ct);

    /// <summary>The board: the caller's directives grouped per leader in charge or per unit (owned or co-owned).</summary>
    public async Task<Outcome<List<BoardGroup>>> BoardAsync(string? by, DirectiveFilter filter, CancellationToken ct)
    {
        if (by is not ("leader" or "unit"))
        {
            return new Outcome<List<BoardGroup>>.Invalid(new FieldErrors().Add("by", "看板须按 leader（分管领导）或 unit（单位）分组"));
        }
        return DirectiveQueries.Group(await queries.RowsAsync(filter, ct), by == "leader");
    }

    /// <summary>
    /// The month's report (yyyy-MM): every directive registered by the month's end and not closed before it
    /// began, with its state and light as of now, and the progress reports dated in the month.
    /// </summary>
    public async Task<Outcome<MonthlyReport>> MonthlyAsync(string? month, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly first))
        {
            return new Outcome<MonthlyReport>.Invalid(new FieldErrors().Add("month", "月份须为 yyyy-MM，如 2026-10"));
        }
        DateOnly next = first.AddMonths(1);
        DateTimeOffset from = ShanghaiTime.StartOf(first), to = ShanghaiTime.StartOf(next);
        IQueryable<Directive> q = (await queries.VisibleAsync(ct)).Where(d => d.CreatedAt < to && (d.ClosedAt == null || d.ClosedAt >= from));
        List<DirectiveRow> rows = await queries.RowsOfAsync(await q.OrderBy(d => d.Number).ToListAsync(ct), ct);
        List<Guid> ids = [.. rows.Select(r => r.Id)];
        List<DirectiveReportDto> reports = await db.DirectiveReports.AsNoTracking().Where(r => ids.Contains(r.DirectiveId) && r.On >= first && r.On < next)
            .OrderBy(r => r.On).ThenBy(r => r.At).Select(r => new DirectiveReportDto(r.Id, r.DirectiveId, r.On, r.Text, r.Percent, r.ByName, r.At)).ToListAsync(ct);
        return new MonthlyReport(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), time.GetUtcNow(), rows, reports);
    }

    public async Task<Outcome<DirectiveFile>> ExportMonthlyAsync(string? month, bool xlsx, CancellationToken ct)
    {
        Outcome<MonthlyReport> monthly = await MonthlyAsync(month, ct);
        if (monthly is not Outcome<MonthlyReport>.Done { Value: var report })
        {
            return monthly.Refusal<MonthlyReport, DirectiveFile>();
        }
        string name = $"督办事项月报-{report.Month}";
        return xlsx
            ? new DirectiveFile(DirectiveExport.Excel(report), DirectiveExport.XlsxType, name + ".xlsx")
            : new DirectiveFile(DirectiveExport.Pdf(report), "application/pdf", name + ".pdf");
    }
}
