using Chengguan.Assessment;
using Chengguan.Data;
using Chengguan.Evaluation;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Selection;

/// <summary>
/// The selection's set-up door, for the API and the console alike: rounds with their rules, the posts
/// (units from Organisation, asked through its door), applications of people from the register with
/// ranked choices, the scores, and each post's ranking. Everything here is the personnel office's.
/// </summary>
public sealed class SelectionRounds(AppDbContext db, CurrentUser user, Units units, People people, SelectionData data, TimeProvider time, EvaluationResults evaluation, AssessmentResults assessment)
{
    private bool Manager => SelectionRoles.Manages(user.Principal);

    public async Task<Outcome<RoundSummary>> CreateAsync(RoundRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (!errors.Any && req.WeightWritten + req.WeightInterview + req.WeightAssessment + req.WeightEvaluation != 100)
        {
            errors.Add("weightWritten", "笔试、面试、考核、干部评价的权重之和须为 100");
        }
        if (errors.Any)
        {
            return new Outcome<RoundSummary>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<RoundSummary>.Forbidden(SelectionRoles.ManagersOnly);
        }
        string name = req.Name!.Trim();
        if (await db.SelectionRounds.AnyAsync(r => r.Name == name, ct))
        {
            return new Outcome<RoundSummary>.Conflict($"已有名为“{name}”的竞争上岗");
        }
        var round = new SelectionRound
        {
            Name = name, MaxChoices = req.MaxChoices!.Value, WeightWritten = req.WeightWritten!.Value, WeightInterview = req.WeightInterview!.Value,
            WeightAssessment = req.WeightAssessment!.Value, WeightEvaluation = req.WeightEvaluation!.Value,
            TieBreak = req.TieBreak ?? TieBreak.WrittenThenServiceThenApplied, AppealDays = req.AppealDays!.Value,
            State = RoundState.Open, CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        db.SelectionRounds.Add(round);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<RoundSummary>.Conflict($"已有名为“{name}”的竞争上岗");
        }
        return await SummaryAsync(round.Id, ct);
    }

    public async Task<Outcome<List<RoundSummary>>> ListAsync(CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<List<RoundSummary>>.Forbidden(SelectionRoles.ManagersOnly);
        }
        var rows = await db.SelectionRounds.AsNoTracking().OrderByDescending(r => r.CreatedAt).Select(r => new
        {
            Round = r,
            Posts = db.SelectionPosts.Count(p => p.RoundId == r.Id),
            Seats = db.SelectionPosts.Where(p => p.RoundId == r.Id).Sum(p => (int?)p.Seats) ?? 0,
            Candidates = db.SelectionCandidates.Count(c => c.RoundId == r.Id),
        }).ToListAsync(ct);
        return rows.Select(x => Summary(x.Round, x.Posts, x.Seats, x.Candidates)).ToList();
    }

    public async Task<Outcome<RoundDetail>> GetAsync(Guid id, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<RoundDetail>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await data.LoadAsync(id, ct) is not { } d)
        {
            return new Outcome<RoundDetail>.NotFound("竞争上岗不存在");
        }
        return Detail(d);
    }

    public async Task<Outcome<SelectionPostDto>> AddPostAsync(Guid roundId, PostRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        string[] certificates = Certificates(req.Certificates, "certificates", errors);
        if (errors.Any)
        {
            return new Outcome<SelectionPostDto>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<SelectionPostDto>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await db.SelectionRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return new Outcome<SelectionPostDto>.NotFound("竞争上岗不存在");
        }
        if (round.State != RoundState.Open)
        {
            return new Outcome<SelectionPostDto>.Conflict("只有报名中的竞争上岗可以增加岗位", round.State.ToString(), "AddPost");
        }
        if (await units.GetAsync(req.UnitId!.Value, ct) is not Outcome<UnitDto>.Done { Value: { Active: true } unit })
        {
            return new Outcome<SelectionPostDto>.Invalid(new FieldErrors().Add("unitId", "所属单位不存在或已停用"));
        }
        string title = req.Title!.Trim();
        if (await db.SelectionPosts.AnyAsync(p => p.RoundId == roundId && p.UnitId == unit.Id && p.Title == title, ct))
        {
            return new Outcome<SelectionPostDto>.Invalid(new FieldErrors().Add("title", $"{unit.Name}已有“{title}”岗位"));
        }
        int order = await db.SelectionPosts.Where(p => p.RoundId == roundId).MaxAsync(p => (int?)p.SortOrder, ct) ?? 0;
        var post = new SelectionPost
        {
            RoundId = roundId, UnitId = unit.Id, Title = title, Seats = req.Seats!.Value, MinGrade = req.MinGrade, MinYears = req.MinYears,
            MinEducation = req.MinEducation, Certificates = string.Join('、', certificates), SortOrder = order + 1,
        };
        db.SelectionPosts.Add(post);
        await db.SaveChangesAsync(ct);
        return PostDtoOf(post, unit.Name, 0);
    }

    /// <summary>
    /// Records an application: a person of the register (asked of Organisation's door), the profile
    /// the rules read, and up to the round's number of ranked choices, each a post of the round the
    /// person is eligible for, none twice. One application per person and round.
    /// </summary>
    public async Task<Outcome<CandidateDto>> ApplyAsync(Guid roundId, ApplicationRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        string[] certificates = Certificates(req.Certificates, "certificates", errors);
        if (errors.Any)
        {
            return new Outcome<CandidateDto>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<CandidateDto>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await data.LoadAsync(roundId, ct) is not { } d)
        {
            return new Outcome<CandidateDto>.NotFound("竞争上岗不存在");
        }
        if (d.Round.State != RoundState.Open)
        {
            return new Outcome<CandidateDto>.Conflict("报名已截止（已匹配或已公示）", d.Round.State.ToString(), "Apply");
        }
        if (await people.GetAsync(req.PersonId!.Value, ct) is not Outcome<PersonDto>.Done { Value: { Active: true } person })
        {
            errors.Add("personId", "人员不存在或已离岗");
        }
        else if (d.Candidates.Any(c => c.PersonId == person.Id))
        {
            errors.Add("personId", $"{person.Name}已报名本次竞争上岗");
        }
        var profile = new CandidateProfile(req.Grade!.Value, req.ServiceYears!.Value, req.Education!.Value, certificates);
        Guid[] choices = req.Choices!;
        if (choices.Length > d.Round.MaxChoices)
        {
            errors.Add("choices", $"最多填报 {d.Round.MaxChoices} 个志愿");
        }
        var seen = new HashSet<Guid>();
        for (int k = 0; k < choices.Length; k++)
        {
            SelectionPost? post = d.Posts.FirstOrDefault(p => p.Id == choices[k]);
            if (!seen.Add(choices[k]))
            {
                errors.Add($"choices[{k}]", "志愿中的岗位重复");
            }
            else if (post is null)
            {
                errors.Add($"choices[{k}]", "志愿中的岗位不属于本次竞争上岗");
            }
            else if (SelectionRules.Unmet(RoundData.Rules(post), profile) is { Count: > 0 } unmet)
            {
                errors.Add($"choices[{k}]", $"不符合“{d.PostName(post.Id)}”的任职条件：{string.Join("，", unmet)}");
            }
        }
        if (errors.Any)
        {
            return new Outcome<CandidateDto>.Invalid(errors);
        }
        var candidate = new SelectionCandidate
        {
            RoundId = roundId, PersonId = req.PersonId!.Value, Grade = profile.Grade, ServiceYears = profile.ServiceYears, Education = profile.Education,
            Certificates = string.Join('、', certificates), AppliedAt = time.GetUtcNow(),
        };
        db.SelectionCandidates.Add(candidate);
        for (int k = 0; k < choices.Length; k++)
        {
            db.SelectionChoices.Add(new SelectionChoice { CandidateId = candidate.Id, Preference = k + 1, PostId = choices[k] });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<CandidateDto>.Conflict("该人员已报名本次竞争上岗");
        }
        return await CandidateAsync(roundId, candidate.Id, ct);
    }

    /// <summary>Enters scores (only the parts given change). Written and interview come from the marking sheets; see <see cref="ScoresRequest"/>.</summary>
    public async Task<Outcome<CandidateDto>> ScoresAsync(Guid roundId, Guid candidateId, ScoresRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<CandidateDto>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<CandidateDto>.Forbidden(SelectionRoles.ManagersOnly);
        }
        SelectionCandidate? c = await db.SelectionCandidates.FirstOrDefaultAsync(x => x.Id == candidateId && x.RoundId == roundId, ct);
        if (c is null)
        {
            return new Outcome<CandidateDto>.NotFound("报名人员不存在");
        }
        RoundState state = await db.SelectionRounds.Where(r => r.Id == roundId).Select(r => r.State).FirstAsync(ct);
        if (state != RoundState.Open)
        {
            return new Outcome<CandidateDto>.Conflict("已匹配或已公示的竞争上岗不能再改成绩", state.ToString(), "Scores");
        }
        c.Written = req.Written ?? c.Written;
        c.Interview = req.Interview ?? c.Interview;
        c.Assessment = req.Assessment ?? c.Assessment;
        c.Evaluation = req.Evaluation ?? c.Evaluation;
        await db.SaveChangesAsync(ct);
        return await CandidateAsync(roundId, candidateId, ct);
    }

    /// <summary>
    /// Takes every applicant's cadre-evaluation score from the bimonthly evaluation (issue 19 item 2): the total (0–100) of the
    /// latest closed round in which they had one, asked of the evaluation's door. Applicants without one keep what was entered.
    /// </summary>
    public async Task<Outcome<RoundDetail>> EvaluationScoresAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<RoundDetail>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await db.SelectionRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return new Outcome<RoundDetail>.NotFound("竞争上岗不存在");
        }
        if (round.State != RoundState.Open)
        {
            return new Outcome<RoundDetail>.Conflict("已匹配或已公示的竞争上岗不能再改成绩", round.State.ToString(), "Scores");
        }
        List<SelectionCandidate> candidates = await db.SelectionCandidates.Where(c => c.RoundId == roundId).ToListAsync(ct);
        Dictionary<Guid, CadreTotal> totals = await evaluation.LatestTotalsAsync(candidates.Select(c => c.PersonId), ct);
        foreach (SelectionCandidate c in candidates)
        {
            if (totals.TryGetValue(c.PersonId, out CadreTotal? t))
            {
                c.Evaluation = t.Total;
            }
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(roundId, ct);
    }

    /// <summary>How far back an applicant's latest published yearly assessment is looked for (this year and the four before).</summary>
    public const int AssessmentYears = 5;

    /// <summary>
    /// Takes every applicant's assessment score from the performance assessment (issue 19 item 1): the total of their latest
    /// published yearly individual assessment (newest version, after any upheld appeal), asked of the assessment's read door
    /// year by year from this year back <see cref="AssessmentYears"/> years. A total with bonuses above 100 (or deductions below 0)
    /// counts as 100 (or 0), the scale of the other scores. Applicants without one keep what was entered.
    /// </summary>
    public async Task<Outcome<RoundDetail>> AssessmentScoresAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<RoundDetail>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await db.SelectionRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return new Outcome<RoundDetail>.NotFound("竞争上岗不存在");
        }
        if (round.State != RoundState.Open)
        {
            return new Outcome<RoundDetail>.Conflict("已匹配或已公示的竞争上岗不能再改成绩", round.State.ToString(), "Scores");
        }
        List<SelectionCandidate> candidates = await db.SelectionCandidates.Where(c => c.RoundId == roundId).ToListAsync(ct);
        var latest = new Dictionary<Guid, AssessmentBand>();
        int thisYear = ShanghaiTime.Today(time).Year;
        for (int year = thisYear; year > thisYear - AssessmentYears && latest.Count < candidates.Count; year--)
        {
            List<Guid> missing = [.. candidates.Select(c => c.PersonId).Where(p => !latest.ContainsKey(p)).Distinct()];
            foreach ((Guid person, AssessmentBand band) in await assessment.BandsAsync(missing, year, ct))
            {
                latest[person] = band;
            }
        }
        foreach (SelectionCandidate c in candidates)
        {
            if (latest.TryGetValue(c.PersonId, out AssessmentBand? b))
            {
                c.Assessment = Math.Clamp(b.Total, 0m, 100m);
            }
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(roundId, ct);
    }

    /// <summary>A post's strict ranking of its applicants, with those left out and why.</summary>
    public async Task<Outcome<PostRankingDto>> RankingAsync(Guid roundId, Guid postId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<PostRankingDto>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await data.LoadAsync(roundId, ct) is not { } d || d.Posts.FirstOrDefault(p => p.Id == postId) is not { } post)
        {
            return new Outcome<PostRankingDto>.NotFound("岗位不存在");
        }
        return RankingOf(d, post, d.Rankings()[postId]);
    }

    public static PostRankingDto RankingOf(RoundData d, SelectionPost post, PostRanking ranking)
    {
        var byId = d.Candidates.ToDictionary(c => c.Id.ToString());
        return new PostRankingDto(
            PostDtoOf(post, d.UnitNames[post.UnitId], d.Candidates.Count(c => d.Choices[c.Id].Any(ch => ch.PostId == post.Id))),
            [.. ranking.Ranked.Select(r => byId[r.Id] is var c ? new RankingRow(r.Rank, c.Id, d.Name(c), r.Composite, RoundData.ScoresOf(c), c.ServiceYears, c.AppliedAt) : null!)],
            [.. ranking.Left.Select(l => byId[l.Key] is var c ? new UnrankedRow(c.Id, d.Name(c), l.Value, l.Value == Unranked.NotEligible ? "不符合任职条件" : "成绩不全") : null!)
                .OrderBy(u => u.Name, StringComparer.Ordinal)]);
    }

    private async Task<Outcome<RoundSummary>> SummaryAsync(Guid id, CancellationToken ct) =>
        await data.LoadAsync(id, ct) is { } d ? Detail(d).Round : new Outcome<RoundSummary>.NotFound("竞争上岗不存在");

    private async Task<Outcome<CandidateDto>> CandidateAsync(Guid roundId, Guid candidateId, CancellationToken ct)
    {
        RoundData d = (await data.LoadAsync(roundId, ct))!;
        return Detail(d).Candidates.First(c => c.Id == candidateId);
    }

    public static RoundSummary Summary(SelectionRound r, int posts, int seats, int candidates) => new(
        r.Id, r.Name, r.MaxChoices, r.Weights, r.TieBreak, SelectionText.TieBreak(r.TieBreak), r.AppealDays, r.State, SelectionText.State(r.State),
        r.CreatedAt, r.PublishedAt, r.AppealUntil, r.ConfirmedAt, posts, seats, candidates);

    public static RoundDetail Detail(RoundData d)
    {
        Dictionary<Guid, int> applicants = d.Candidates.SelectMany(c => d.Choices[c.Id]).GroupBy(ch => ch.PostId).ToDictionary(g => g.Key, g => g.Count());
        return new RoundDetail(
            Summary(d.Round, d.Posts.Count, d.Posts.Sum(p => p.Seats), d.Candidates.Count),
            [.. d.Posts.Select(p => PostDtoOf(p, d.UnitNames[p.UnitId], applicants.GetValueOrDefault(p.Id)))],
            [.. d.Candidates.Select(c => new CandidateDto(
                c.Id, c.PersonId, d.Name(c), c.Grade, c.ServiceYears, c.Education, RoundData.Split(c.Certificates), c.AppliedAt,
                RoundData.ScoresOf(c), SelectionRules.Composite(RoundData.ScoresOf(c), d.Round.Weights),
                [.. d.Choices[c.Id].OrderBy(ch => ch.Preference).Select(ch => new ChoiceDto(ch.Preference, ch.PostId, d.PostName(ch.PostId)))]))]);
    }

    public static SelectionPostDto PostDtoOf(SelectionPost p, string unitName, int applicants) => new(
        p.Id, p.UnitId, unitName, p.Title, p.Seats, p.MinGrade, p.MinYears, p.MinEducation, RoundData.Split(p.Certificates), RulesText(p), applicants);

    /// <summary>The post's eligibility rules in words: 副科级及以上，任职满 3 年，本科及以上，持有执法证.</summary>
    public static string RulesText(SelectionPost p)
    {
        var parts = new List<string>();
        if (p.MinGrade is { } g)
        {
            parts.Add($"{SelectionText.Grade(g)}及以上");
        }
        if (p.MinYears is { } y)
        {
            parts.Add($"任职满 {y} 年");
        }
        if (p.MinEducation is { } e)
        {
            parts.Add($"{SelectionText.Education(e)}及以上");
        }
        parts.AddRange(RoundData.Split(p.Certificates).Select(c => $"持有{c}"));
        return parts.Count == 0 ? "不限" : string.Join("，", parts);
    }

    private static string[] Certificates(string[]? given, string field, FieldErrors errors)
    {
        var list = new List<string>();
        for (int i = 0; i < (given?.Length ?? 0); i++)
        {
            string c = given![i]?.Trim() ?? "";
            if (c.Length == 0 || c.Length > 40 || c.Contains('、'))
            {
                errors.Add($"{field}[{i}]", "证书名称须为 1–40 个字符，且不含顿号");
            }
            else if (!list.Contains(c))
            {
                list.Add(c);
            }
        }
        return [.. list];
    }
}
