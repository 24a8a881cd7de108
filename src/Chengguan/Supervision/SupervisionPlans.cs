using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Rectification;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Supervision;

/// <summary>
/// Spot checks and case-file review (抽查、案卷评查), the one door for the API and the console: checklist
/// versions, plans, the reproducible stratified draw, the review of a sampled file against its checklist
/// (failed items become findings and, through Rectification's door, items for the street team), and the
/// scores per street and plan. Only supervisors, section chiefs, bureau leaders and admins come in here;
/// street teams see their findings through <see cref="SupervisionInspections.FindingsAsync"/>.
/// </summary>
public sealed class SupervisionPlans(AppDbContext db, CurrentUser user, SupervisionQueries queries, SupervisionPopulation population,
    RectificationPlans rectification, TimeProvider time)
{
    /// <summary>The deadline of a finding's rectification item unless the review says otherwise.</summary>
    public const int DefaultDays = 30;

    private const string ManagersOnly = "只有督查人员、科室负责人、局领导或管理员可以开展抽查评查";
    private const string MissingPlan = "抽查计划不存在", MissingFile = "抽查案卷不存在";

    /// <summary>The checklist versions, the bureau's first one added when there is none yet.</summary>
    public async Task<Outcome<List<ChecklistDefinition>>> ChecklistsAsync(CancellationToken ct)
    {
        if (!queries.IsManager)
        {
            return new Outcome<List<ChecklistDefinition>>.Forbidden(ManagersOnly);
        }
        await EnsureDefaultAsync(ct);
        return await queries.ChecklistsAsync(ct);
    }

    /// <summary>A new checklist version (the next number); plans keep the version they were made with.</summary>
    public async Task<Outcome<ChecklistDefinition>> AddChecklistAsync(ChecklistRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (!errors.Any)
        {
            errors = ChecklistScoring.Validate(req.Items);
        }
        if (errors.Any)
        {
            return new Outcome<ChecklistDefinition>.Invalid(errors);
        }
        if (!user.Principal.IsInRole(Roles.SectionChief) && !user.Principal.IsInRole(Roles.BureauLeader) && !user.Principal.IsInRole(Roles.Admin))
        {
            return new Outcome<ChecklistDefinition>.Forbidden("只有科室负责人、局领导或管理员可以修订评查标准");
        }
        await EnsureDefaultAsync(ct);
        int version = await db.SupervisionChecklists.MaxAsync(c => (int?)c.Version, ct) ?? 0;
        var row = new SupervisionChecklist
        {
            Version = version + 1, Name = req.Name!.Trim(), ItemsJson = JsonSerializer.Serialize(req.Items!.Select(i => i with { Deductions = i.Deductions ?? [] }), SupervisionQueries.Json),
            CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        db.SupervisionChecklists.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<ChecklistDefinition>.Conflict("评查标准同时被他人修订，请重试");
        }
        return SupervisionQueries.Definition(row);
    }

    /// <summary>Reference data: the first checklist, committed on its own when missing (a racing insert loses to the unique version).</summary>
    public async Task EnsureDefaultAsync(CancellationToken ct)
    {
        if (await db.SupervisionChecklists.AnyAsync(ct))
        {
            return;
        }
        db.SupervisionChecklists.Add(Row(ChecklistScoring.Default, time.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            db.ChangeTracker.Clear();
        }
    }

    public static SupervisionChecklist Row(ChecklistDefinition c, DateTimeOffset now) => new()
    {
        Version = c.Version, Name = c.Name, ItemsJson = JsonSerializer.Serialize(c.Items, SupervisionQueries.Json), CreatedAt = now,
    };

    public async Task<Outcome<PlanDto>> CreateAsync(SupervisionPlanRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (req.From is { } f && req.To is { } t && t < f)
        {
            errors.Add("to", "截止日期不能早于起始日期");
        }
        if (!req.Cases && !req.Demolition)
        {
            errors.Add("cases", "须至少抽查办结案件或拆违事项中的一类");
        }
        if (errors.Any)
        {
            return new Outcome<PlanDto>.Invalid(errors);
        }
        if (!queries.IsManager)
        {
            return new Outcome<PlanDto>.Forbidden(ManagersOnly);
        }
        await EnsureDefaultAsync(ct);
        int version = req.ChecklistVersion ?? await db.SupervisionChecklists.MaxAsync(c => c.Version, ct);
        if (!await db.SupervisionChecklists.AnyAsync(c => c.Version == version, ct))
        {
            return new Outcome<PlanDto>.Invalid(new FieldErrors().Add("checklistVersion", $"第 {version} 版评查标准不存在"));
        }
        var plan = new SupervisionPlan
        {
            Name = req.Name!.Trim(), From = req.From!.Value, To = req.To!.Value, Cases = req.Cases, Demolition = req.Demolition,
            PerStreet = req.PerStreet!.Value, Seed = req.Seed ?? StratifiedSampler.NewSeed(), ChecklistVersion = version,
            CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        db.SupervisionPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return (await queries.PlansAsync(plan.Id, ct))[0];
    }

    public async Task<Outcome<List<PlanDto>>> ListAsync(CancellationToken ct) =>
        queries.IsManager ? await queries.PlansAsync(null, ct) : new Outcome<List<PlanDto>>.Forbidden(ManagersOnly);

    /// <summary>A plan and its sampled files, optionally one street's (the drill-down of the scores).</summary>
    public async Task<Outcome<PlanDetail>> GetAsync(Guid id, Guid? street, CancellationToken ct)
    {
        if (!queries.IsManager)
        {
            return new Outcome<PlanDetail>.Forbidden(ManagersOnly);
        }
        if ((await queries.PlansAsync(id, ct)).FirstOrDefault() is not { } plan)
        {
            return new Outcome<PlanDetail>.NotFound(MissingPlan);
        }
        IQueryable<SupervisionFile> files = db.SupervisionFiles.Where(f => f.PlanId == id);
        if (street is { } s)
        {
            files = files.Where(f => f.StreetId == s);
        }
        return new PlanDetail(plan, await queries.FileRowsAsync(files, ct));
    }

    /// <summary>
    /// Draws the plan's sample once: per street up to the plan's size of the files closed in its days, by the
    /// plan's stored seed (<see cref="StratifiedSampler"/>). The same seed over the same files gives the same sample.
    /// </summary>
    public async Task<Outcome<PlanDetail>> DrawAsync(Guid id, CancellationToken ct)
    {
        if (!queries.IsManager)
        {
            return new Outcome<PlanDetail>.Forbidden(ManagersOnly);
        }
        if (await db.SupervisionPlans.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } plan)
        {
            return new Outcome<PlanDetail>.NotFound(MissingPlan);
        }
        if (plan.DrawnAt is not null)
        {
            return new Outcome<PlanDetail>.Conflict("该抽查计划已抽取样本，不能重复抽取", "Drawn", "Draw");
        }
        int max = (await db.SupervisionChecklists.AsNoTracking().FirstAsync(c => c.Version == plan.ChecklistVersion, ct)) is { } c
            ? SupervisionQueries.Definition(c).Total : 0;
        SupervisionPopulation.Drawn drawn = await population.DrawAsync(plan, await queries.StreetsAsync(ct), ct);
        foreach (SupervisionFile file in drawn.Files)
        {
            file.MaxScore = max;
            db.SupervisionFiles.Add(file);
        }
        (plan.Population, plan.DrawnAt) = (drawn.Population, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            // Two draws of one plan at once: the unique (plan, seq) keeps the first.
            return new Outcome<PlanDetail>.Conflict("该抽查计划已抽取样本，不能重复抽取", "Drawn", "Draw");
        }
        return await GetAsync(id, null, ct);
    }

    public async Task<Outcome<FileDetail>> FileAsync(Guid fileId, CancellationToken ct)
    {
        if (!queries.IsManager)
        {
            return new Outcome<FileDetail>.Forbidden(ManagersOnly);
        }
        if ((await queries.FileRowsAsync(db.SupervisionFiles.Where(f => f.Id == fileId), ct)).FirstOrDefault() is not { } row)
        {
            return new Outcome<FileDetail>.NotFound(MissingFile);
        }
        SupervisionPlan plan = await db.SupervisionPlans.AsNoTracking().FirstAsync(p => p.Id == row.PlanId, ct);
        ChecklistDefinition checklist = SupervisionQueries.Definition(await db.SupervisionChecklists.AsNoTracking().FirstAsync(c => c.Version == plan.ChecklistVersion, ct));
        string? json = await db.SupervisionFiles.AsNoTracking().Where(f => f.Id == fileId).Select(f => f.ResultJson).FirstAsync(ct);
        ScoreResult? result = json is null ? null : JsonSerializer.Deserialize<ScoreResult>(json, SupervisionQueries.Json);
        return new FileDetail(row, plan.Name, checklist, result, await queries.FindingsAsync(db.SupervisionFindings.Where(f => f.FileId == fileId), ct));
    }

    /// <summary>
    /// Scores a sampled file against its plan's checklist version, once. Each failed item becomes a finding and a
    /// rectification item for the street's team with a deadline of <paramref name="req"/>.Days (default 30) on the
    /// clock engine; the score, the findings and the items are saved together.
    /// </summary>
    public async Task<Outcome<FileDetail>> ReviewAsync(Guid fileId, ReviewRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<FileDetail>.Invalid(errors);
        }
        if (!queries.IsManager)
        {
            return new Outcome<FileDetail>.Forbidden(ManagersOnly);
        }
        if (await db.SupervisionFiles.FirstOrDefaultAsync(f => f.Id == fileId, ct) is not { } file)
        {
            return new Outcome<FileDetail>.NotFound(MissingFile);
        }
        if (file.ReviewedAt is not null)
        {
            return new Outcome<FileDetail>.Conflict($"该案卷已由{file.ReviewedBy}评查，不能重复评分", "Reviewed", "Review");
        }
        SupervisionPlan plan = await db.SupervisionPlans.AsNoTracking().FirstAsync(p => p.Id == file.PlanId, ct);
        ChecklistDefinition checklist = SupervisionQueries.Definition(await db.SupervisionChecklists.AsNoTracking().FirstAsync(c => c.Version == plan.ChecklistVersion, ct));
        Outcome<ScoreResult> scored = ChecklistScoring.Score(checklist, req.Marks!);
        if (scored is not Outcome<ScoreResult>.Done { Value: var result })
        {
            return scored.Refusal<ScoreResult, FileDetail>();
        }
        Guid? team = await queries.TeamOfAsync(file.StreetId, ct);
        if (result.Findings.Count > 0 && team is null)
        {
            return new Outcome<FileDetail>.Conflict("该街镇没有在用的街镇城管中队，无法下发整改");
        }
        DateTimeOffset now = time.GetUtcNow();
        (file.Score, file.MaxScore, file.ResultJson, file.ReviewedAt, file.ReviewedBy) =
            (result.Score, result.Max, JsonSerializer.Serialize(result, SupervisionQueries.Json), now, user.Name);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (result.Findings.Count > 0)
        {
            string source = $"案卷评查：{plan.Name}，{file.Reference}";
            Outcome<List<ItemRow>> raised = await rectification.RaiseAsync(
                [.. result.Findings.Select(f => new RaisedFinding(file.StreetId, $"{file.Reference} {f.Text}", source))], req.Days ?? DefaultDays, ct);
            if (raised is not Outcome<List<ItemRow>>.Done { Value: var items })
            {
                return raised.Refusal<List<ItemRow>, FileDetail>();
            }
            for (int i = 0; i < items.Count; i++)
            {
                db.SupervisionFindings.Add(new SupervisionFinding
                {
                    FileId = file.Id, StreetId = file.StreetId, OwnerUnitId = team!.Value, ItemCode = result.Findings[i].ItemCode, Text = result.Findings[i].Text,
                    RectificationItemId = items[i].Id, CreatedAt = now, CreatedBy = user.Name,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await FileAsync(fileId, ct);
    }

    /// <summary>Per plan (its period) and street: files drawn, reviewed, the mean and lowest score, the findings; newest plans first.</summary>
    public async Task<Outcome<List<StreetScore>>> ScoresAsync(int? year, CancellationToken ct)
    {
        if (!queries.IsManager)
        {
            return new Outcome<List<StreetScore>>.Forbidden(ManagersOnly);
        }
        IQueryable<SupervisionPlan> plans = db.SupervisionPlans.AsNoTracking().Where(p => p.DrawnAt != null);
        if (year is { } y)
        {
            plans = plans.Where(p => p.From.Year == y || p.To.Year == y);
        }
        var planRows = await plans.Select(p => new { p.Id, p.Name, p.From, p.To, p.CreatedAt }).ToListAsync(ct);
        List<Guid> ids = [.. planRows.Select(p => p.Id)];
        var files = await db.SupervisionFiles.AsNoTracking().Where(f => ids.Contains(f.PlanId)).Select(f => new { f.Id, f.PlanId, f.StreetId, f.Score }).ToListAsync(ct);
        IQueryable<Guid> fileIds = db.SupervisionFiles.Where(f => ids.Contains(f.PlanId)).Select(f => f.Id);
        Dictionary<Guid, int> findings = await db.SupervisionFindings.AsNoTracking().Where(f => f.FileId != null && fileIds.Contains(f.FileId.Value))
            .GroupBy(f => f.FileId!.Value).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Dictionary<Guid, string> names = await queries.NamesAsync(files.Select(f => f.StreetId), ct);
        List<StreetScore> rows = [.. planRows.OrderByDescending(p => p.From).ThenByDescending(p => p.CreatedAt).SelectMany(p => files.Where(f => f.PlanId == p.Id)
            .GroupBy(f => f.StreetId).OrderBy(g => names.GetValueOrDefault(g.Key, ""), StringComparer.Ordinal).Select(g =>
            {
                List<int> scores = [.. g.Where(f => f.Score != null).Select(f => f.Score!.Value)];
                return new StreetScore(p.Id, p.Name, p.From, p.To, g.Key, names.GetValueOrDefault(g.Key, ""), g.Count(), scores.Count,
                    scores.Count == 0 ? null : Math.Round((decimal)scores.Sum() / scores.Count, 1), scores.Count == 0 ? null : scores.Min(),
                    g.Sum(f => findings.GetValueOrDefault(f.Id)));
            }))];
        return rows;
    }
}
