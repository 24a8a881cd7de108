using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Evaluation;

/// <summary>
/// The evaluation's set-up door (the personnel office's): questionnaire versions, rounds over a two-month
/// period with the group weights, the cadres evaluated and the raters (people of the register, asked of
/// Organisation's <see cref="People"/> door, who must have an account: Identity's <see cref="Profiles"/>),
/// opening, closing (results computed and the answers re-written in random order) and progress.
/// </summary>
public sealed class EvaluationRounds(AppDbContext db, CurrentUser user, People people, Profiles profiles, EvaluationData data, TimeProvider time)
{
    private bool Manager => EvaluationRoles.Manages(user.Principal);

    public async Task<Outcome<List<QuestionnaireDto>>> QuestionnairesAsync(CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<List<QuestionnaireDto>>.Forbidden(EvaluationRoles.ManagersOnly);
        }
        List<EvaluationQuestionnaire> all = await db.EvaluationQuestionnaires.AsNoTracking().OrderByDescending(q => q.Version).ToListAsync(ct);
        return all.Select(EvaluationData.Dto).ToList();
    }

    /// <summary>A new version of the questionnaire; earlier versions stay as they were for the rounds that use them.</summary>
    public async Task<Outcome<QuestionnaireDto>> CreateQuestionnaireAsync(QuestionnaireRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (!errors.Any)
        {
            if (req.Items!.Select(i => i.Code!.Trim()).Distinct(StringComparer.Ordinal).Count() != req.Items!.Length)
            {
                errors.Add("items", "评价项目代码不得重复");
            }
            if (req.Scale!.Select(s => s.Label!.Trim()).Distinct(StringComparer.Ordinal).Count() != req.Scale!.Length)
            {
                errors.Add("scale", "评分等次名称不得重复");
            }
            if (req.Scale!.Max(s => s.Points) <= 0)
            {
                errors.Add("scale", "最高等次的分值须大于 0");
            }
        }
        if (errors.Any)
        {
            return new Outcome<QuestionnaireDto>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<QuestionnaireDto>.Forbidden(EvaluationRoles.ManagersOnly);
        }
        int version = (await db.EvaluationQuestionnaires.MaxAsync(q => (int?)q.Version, ct) ?? 0) + 1;
        var q = EvaluationData.New(version, req.Name!.Trim(),
            [.. req.Items!.Select(i => new QuestionItem(i.Code!.Trim(), i.Name!.Trim(), i.Description?.Trim() ?? ""))],
            [.. req.Scale!.Select(s => new ScaleOption(s.Label!.Trim(), s.Points!.Value)).OrderByDescending(s => s.Points)], time.GetUtcNow(), user.Name);
        db.EvaluationQuestionnaires.Add(q);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<QuestionnaireDto>.Conflict("问卷版本号已被同时创建的问卷占用，请重试");
        }
        return EvaluationData.Dto(q);
    }

    public async Task<Outcome<EvaluationRoundSummary>> CreateAsync(EvaluationRoundRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (!errors.Any && req.WeightLeaders + req.WeightPeers + req.WeightSubordinates != 100)
        {
            errors.Add("weightLeaders", "局领导、中层互评、下属评价的权重之和须为 100");
        }
        if (errors.Any)
        {
            return new Outcome<EvaluationRoundSummary>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<EvaluationRoundSummary>.Forbidden(EvaluationRoles.ManagersOnly);
        }
        var period = new BimonthlyPeriod(req.Year!.Value, req.Period!.Value);
        string name = string.IsNullOrWhiteSpace(req.Name) ? $"{period.Year}年第{period.Number}期中层干部双月评价" : req.Name.Trim();
        EvaluationQuestionnaire? q = req.QuestionnaireId is { } qid
            ? await db.EvaluationQuestionnaires.FirstOrDefaultAsync(x => x.Id == qid, ct)
            : await db.EvaluationQuestionnaires.OrderByDescending(x => x.Version).FirstOrDefaultAsync(ct);
        if (req.QuestionnaireId is not null && q is null)
        {
            return new Outcome<EvaluationRoundSummary>.Invalid(new FieldErrors().Add("questionnaireId", "问卷不存在"));
        }
        if (await db.EvaluationRounds.AnyAsync(r => r.Name == name, ct))
        {
            return new Outcome<EvaluationRoundSummary>.Conflict($"已有名为“{name}”的评价");
        }
        DateTimeOffset now = time.GetUtcNow();
        if (q is null)
        {
            // The first round of an installation uses the standard questionnaire as version 1.
            q = EvaluationData.New(1, EvaluationData.StandardName, EvaluationData.StandardItems, EvaluationData.StandardScale, now, user.Name);
            db.EvaluationQuestionnaires.Add(q);
        }
        var round = new EvaluationRound
        {
            Name = name, Year = period.Year, Period = period.Number, QuestionnaireId = q.Id, WeightLeaders = req.WeightLeaders!.Value,
            WeightPeers = req.WeightPeers!.Value, WeightSubordinates = req.WeightSubordinates!.Value, State = EvaluationState.Preparing,
            CreatedAt = now, CreatedBy = user.Name,
        };
        db.EvaluationRounds.Add(round);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<EvaluationRoundSummary>.Conflict($"已有名为“{name}”的评价");
        }
        return (await data.SummaryAsync(round.Id, ct))!;
    }

    public async Task<Outcome<List<EvaluationRoundSummary>>> ListAsync(CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<List<EvaluationRoundSummary>>.Forbidden(EvaluationRoles.ManagersOnly);
        }
        List<Guid> ids = await db.EvaluationRounds.AsNoTracking().OrderByDescending(r => r.Year).ThenByDescending(r => r.Period).ThenByDescending(r => r.CreatedAt)
            .Select(r => r.Id).Take(200).ToListAsync(ct);
        var list = new List<EvaluationRoundSummary>();
        foreach (Guid id in ids)
        {
            list.Add((await data.SummaryAsync(id, ct))!);
        }
        return list;
    }

    public async Task<Outcome<EvaluationRoundDetail>> GetAsync(Guid id, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<EvaluationRoundDetail>.Forbidden(EvaluationRoles.ManagersOnly);
        }
        if (await data.SummaryAsync(id, ct) is not { } summary)
        {
            return new Outcome<EvaluationRoundDetail>.NotFound("评价不存在");
        }
        EvaluationRound round = await db.EvaluationRounds.AsNoTracking().FirstAsync(r => r.Id == id, ct);
        EvaluationQuestionnaire q = await db.EvaluationQuestionnaires.AsNoTracking().FirstAsync(x => x.Id == round.QuestionnaireId, ct);
        List<EvaluationCadre> cadres = await db.EvaluationCadres.AsNoTracking().Where(c => c.RoundId == id).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        List<EvaluationRater> raters = await db.EvaluationRaters.AsNoTracking().Where(c => c.RoundId == id).OrderBy(r => r.Group).ThenBy(r => r.UnitName).ThenBy(r => r.Name).ToListAsync(ct);
        Dictionary<Guid, int> cast = await db.EvaluationBallots.Where(b => b.RoundId == id).GroupBy(b => b.RaterPersonId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return new EvaluationRoundDetail(summary, EvaluationData.Dto(q),
            [.. cadres.Select(c => new EvaluationCadreDto(c.Id, c.PersonId, c.Name, c.UnitName, c.PostName))],
            [.. raters.Select(r => new EvaluationRaterDto(r.Id, r.PersonId, r.Name, r.UnitName, r.Group, EvaluationText.Group(r.Group),
                cadres.Count(c => EvaluationData.Rates(r, c)), cast.GetValueOrDefault(r.PersonId)))]);
    }

    /// <summary>The cadres evaluated, replacing the list (while preparing). Each must be an active person of the register.</summary>
    public async Task<Outcome<EvaluationRoundDetail>> SetCadresAsync(Guid roundId, CadresRequest req, CancellationToken ct)
    {
        if (await PreparingAsync(roundId, RequestValidation.Validate(req), "SetCadres", ct) is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        List<PersonDto> found = await ActivePeopleAsync(req.PersonIds!, "personIds", errors, ct);
        if (errors.Any)
        {
            return new Outcome<EvaluationRoundDetail>.Invalid(errors);
        }
        db.EvaluationCadres.RemoveRange(await db.EvaluationCadres.Where(c => c.RoundId == roundId).ToListAsync(ct));
        db.EvaluationCadres.AddRange(found.Select((p, i) => new EvaluationCadre
        {
            RoundId = roundId, PersonId = p.Id, Name = p.Name, UnitId = p.UnitId, UnitName = p.UnitName ?? "", PostName = p.PostName, SortOrder = i + 1,
        }));
        await db.SaveChangesAsync(ct);
        return await GetAsync(roundId, ct);
    }

    /// <summary>A group's raters, replacing that group's list (while preparing). Each must be an active person with an account, in no other group.</summary>
    public async Task<Outcome<EvaluationRoundDetail>> SetRatersAsync(Guid roundId, RatersRequest req, CancellationToken ct)
    {
        if (await PreparingAsync(roundId, RequestValidation.Validate(req), "SetRaters", ct) is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        List<PersonDto> found = await ActivePeopleAsync(req.PersonIds!, "personIds", errors, ct);
        RaterGroup group = req.Group!.Value;
        if (!errors.Any)
        {
            HashSet<Guid> withAccounts = await profiles.WithAccountsAsync(found.Select(p => p.Id), ct);
            List<string> without = [.. found.Where(p => !withAccounts.Contains(p.Id)).Select(p => p.Name)];
            if (without.Count > 0)
            {
                errors.Add("personIds", $"评价人须有可用的系统账号：{string.Join("、", without.Take(10))}没有账号");
            }
            List<Guid> ids = [.. found.Select(p => p.Id)];
            List<string> elsewhere = await db.EvaluationRaters.Where(r => r.RoundId == roundId && r.Group != group && ids.Contains(r.PersonId)).Select(r => r.Name).ToListAsync(ct);
            if (elsewhere.Count > 0)
            {
                errors.Add("personIds", $"同一人只能在一个评价组：{string.Join("、", elsewhere.Take(10))}已在其他组");
            }
        }
        if (errors.Any)
        {
            return new Outcome<EvaluationRoundDetail>.Invalid(errors);
        }
        db.EvaluationRaters.RemoveRange(await db.EvaluationRaters.Where(r => r.RoundId == roundId && r.Group == group).ToListAsync(ct));
        db.EvaluationRaters.AddRange(found.Select(p => new EvaluationRater { RoundId = roundId, Group = group, PersonId = p.Id, Name = p.Name, UnitId = p.UnitId, UnitName = p.UnitName ?? "" }));
        await db.SaveChangesAsync(ct);
        return await GetAsync(roundId, ct);
    }

    /// <summary>
    /// Draws the subordinates' group from the register: the active people with an account of each cadre's unit,
    /// but the cadres themselves and those already in another group. Replaces the group's list.
    /// </summary>
    public async Task<Outcome<EvaluationRoundDetail>> DrawSubordinatesAsync(Guid roundId, CancellationToken ct)
    {
        if (await PreparingAsync(roundId, new FieldErrors(), "DrawSubordinates", ct) is { } refused)
        {
            return refused;
        }
        List<EvaluationCadre> cadres = await db.EvaluationCadres.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct);
        if (cadres.Count == 0)
        {
            return new Outcome<EvaluationRoundDetail>.Conflict("请先确定被评价干部，再抽取所在单位的评价人");
        }
        HashSet<Guid> excluded = [.. cadres.Select(c => c.PersonId)];
        excluded.UnionWith(await db.EvaluationRaters.Where(r => r.RoundId == roundId && r.Group != RaterGroup.Subordinates).Select(r => r.PersonId).ToListAsync(ct));
        var drawn = new List<PersonDto>();
        foreach (Guid unitId in cadres.Select(c => c.UnitId).Distinct())
        {
            Page<PersonDto> page = await people.ListAsync(unitId, null, false, null, 500, ct);
            drawn.AddRange(page.Items.Where(p => !excluded.Contains(p.Id)));
        }
        HashSet<Guid> withAccounts = await profiles.WithAccountsAsync(drawn.Select(p => p.Id), ct);
        db.EvaluationRaters.RemoveRange(await db.EvaluationRaters.Where(r => r.RoundId == roundId && r.Group == RaterGroup.Subordinates).ToListAsync(ct));
        db.EvaluationRaters.AddRange(drawn.Where(p => withAccounts.Contains(p.Id)).DistinctBy(p => p.Id)
            .Select(p => new EvaluationRater { RoundId = roundId, Group = RaterGroup.Subordinates, PersonId = p.Id, Name = p.Name, UnitId = p.UnitId, UnitName = p.UnitName ?? "" }));
        await db.SaveChangesAsync(ct);
        return await GetAsync(roundId, ct);
    }

    /// <summary>Opens the round for answers: it needs cadres and, for every cadre, somebody to rate them.</summary>
    public async Task<Outcome<EvaluationRoundSummary>> OpenAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<EvaluationRoundSummary>.Forbidden(EvaluationRoles.ManagersOnly);
        }
        if (await db.EvaluationRounds.FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return new Outcome<EvaluationRoundSummary>.NotFound("评价不存在");
        }
        if (round.State != EvaluationState.Preparing)
        {
            return new Outcome<EvaluationRoundSummary>.Conflict("只有准备中的评价可以开始", round.State.ToString(), "Open");
        }
        List<EvaluationCadre> cadres = await db.EvaluationCadres.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct);
        List<EvaluationRater> raters = await db.EvaluationRaters.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct);
        if (cadres.Count == 0 || raters.Count == 0)
        {
            return new Outcome<EvaluationRoundSummary>.Conflict("请先确定被评价干部和评价人", round.State.ToString(), "Open");
        }
        round.State = EvaluationState.Open;
        round.OpenedAt = time.GetUtcNow();
        round.OpenedBy = user.Name;
        round.Version++;
        await db.SaveChangesAsync(ct);
        return (await data.SummaryAsync(roundId, ct))!;
    }

    /// <summary>
    /// Closes the round: no more answers (saved first); then each cadre's result is computed once (groups,
    /// trimming, weighted total, rank) and kept, and the answers are re-written with new random ids in random
    /// order in that second transaction, so that neither their physical order nor their transaction ids follow
    /// the ballots any more.
    /// </summary>
    public async Task<Outcome<EvaluationRoundSummary>> CloseAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<EvaluationRoundSummary>.Forbidden(EvaluationRoles.ManagersOnly);
        }
        if (await db.EvaluationRounds.FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return new Outcome<EvaluationRoundSummary>.NotFound("评价不存在");
        }
        // A round closed whose results were not written (the second save failed) is finished by closing it again.
        bool unfinished = round.State == EvaluationState.Closed && !await db.EvaluationResults.AnyAsync(r => r.RoundId == roundId, ct)
            && await db.EvaluationAnswers.AnyAsync(a => a.RoundId == roundId, ct);
        if (round.State != EvaluationState.Open && !unfinished)
        {
            return new Outcome<EvaluationRoundSummary>.Conflict("只有评价中的评价可以结束", round.State.ToString(), "Close");
        }
        if (!unfinished)
        {
            // First the state, alone: from this commit on every new ballot is refused, so that the answers read next are all there are.
            round.State = EvaluationState.Closed;
            round.ClosedAt = time.GetUtcNow();
            round.ClosedBy = user.Name;
            round.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Outcome<EvaluationRoundSummary>.Conflict("评价已被他人同时更改，请刷新后重试", EvaluationState.Open.ToString(), "Close");
            }
        }
        List<EvaluationCadre> cadres = await db.EvaluationCadres.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct);
        List<EvaluationAnswer> answers = await db.EvaluationAnswers.Where(a => a.RoundId == roundId).ToListAsync(ct);
        int items = EvaluationData.Items(await db.EvaluationQuestionnaires.AsNoTracking().FirstAsync(q => q.Id == round.QuestionnaireId, ct)).Length;
        db.EvaluationResults.AddRange(EvaluationTally.Results(round, cadres, answers, items));
        db.EvaluationAnswers.RemoveRange(answers);
        db.EvaluationAnswers.AddRange(answers.OrderBy(_ => Guid.NewGuid()).Select(a => new EvaluationAnswer
        {
            RoundId = a.RoundId, CadreId = a.CadreId, Group = a.Group, PointsJson = a.PointsJson, Score = a.Score,
        }));
        await db.SaveChangesAsync(ct);
        return (await data.SummaryAsync(roundId, ct))!;
    }

    /// <summary>Per cadre and group: ballots cast against ballots due — counts from ballots_cast, never an answer.</summary>
    public async Task<Outcome<List<CadreProgress>>> ProgressAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<List<CadreProgress>>.Forbidden(EvaluationRoles.ManagersOnly);
        }
        if (!await db.EvaluationRounds.AnyAsync(r => r.Id == roundId, ct))
        {
            return new Outcome<List<CadreProgress>>.NotFound("评价不存在");
        }
        List<EvaluationCadre> cadres = await db.EvaluationCadres.AsNoTracking().Where(c => c.RoundId == roundId).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        List<EvaluationRater> raters = await db.EvaluationRaters.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct);
        var ballots = (await db.EvaluationBallots.AsNoTracking().Where(b => b.RoundId == roundId).Select(b => new { b.RaterPersonId, b.CadreId }).ToListAsync(ct))
            .Select(b => (b.RaterPersonId, b.CadreId)).ToHashSet();
        return cadres.Select(c => new CadreProgress(c.Id, c.Name, c.UnitName, [.. Enum.GetValues<RaterGroup>().Select(g =>
        {
            List<EvaluationRater> due = [.. raters.Where(r => r.Group == g && EvaluationData.Rates(r, c))];
            return new GroupProgress(g, EvaluationText.Group(g), due.Count(r => ballots.Contains((r.PersonId, c.Id))), due.Count);
        })])).ToList();
    }

    private async Task<Outcome<EvaluationRoundDetail>?> PreparingAsync(Guid roundId, FieldErrors errors, string action, CancellationToken ct)
    {
        if (errors.Any)
        {
            return new Outcome<EvaluationRoundDetail>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<EvaluationRoundDetail>.Forbidden(EvaluationRoles.ManagersOnly);
        }
        if (await db.EvaluationRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return new Outcome<EvaluationRoundDetail>.NotFound("评价不存在");
        }
        return round.State != EvaluationState.Preparing
            ? new Outcome<EvaluationRoundDetail>.Conflict("评价已开始，不能再更改被评价干部和评价人", round.State.ToString(), action)
            : null;
    }

    /// <summary>The people asked of the register's door, in the order given; unknown or inactive ones are field errors.</summary>
    private async Task<List<PersonDto>> ActivePeopleAsync(Guid[] ids, string field, FieldErrors errors, CancellationToken ct)
    {
        var found = new List<PersonDto>();
        foreach (Guid id in ids.Distinct())
        {
            if (await people.GetAsync(id, ct) is Outcome<PersonDto>.Done { Value: { Active: true } p })
            {
                found.Add(p);
            }
            else
            {
                errors.Add(field, "人员不存在或已离岗");
                break;
            }
        }
        return found;
    }
}
