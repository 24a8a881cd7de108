using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Selection;

/// <summary>
/// The selection's matching door: run the match (stored whole, re-runnable), read it with each
/// candidate's explanation, publish it (公示) with its appeal window, record and decide appeals, list
/// the unmatched for adjustment (调剂) or a second round, and confirm — which writes each matched
/// person's change of post as a new history row.
/// </summary>
public sealed class SelectionMatches(AppDbContext db, CurrentUser user, SelectionData data, TimeProvider time)
{
    private bool Manager => SelectionRoles.Manages(user.Principal);

    /// <summary>Ranks every post, runs deferred acceptance and stores the run (input and result). Re-running before publication replaces nothing: each run is a new row.</summary>
    public async Task<Outcome<MatchDto>> RunAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<MatchDto>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await data.LoadAsync(roundId, ct) is not { } d)
        {
            return new Outcome<MatchDto>.NotFound("竞争上岗不存在");
        }
        if (d.Round.State is not (RoundState.Open or RoundState.Matched))
        {
            return new Outcome<MatchDto>.Conflict("已公示或已定岗的竞争上岗不能重新匹配", d.Round.State.ToString(), "Match");
        }
        if (d.Posts.Count == 0 || d.Candidates.Count == 0)
        {
            return new Outcome<MatchDto>.Conflict("须先设置岗位并有人报名，才能匹配", d.Round.State.ToString(), "Match");
        }
        Dictionary<Guid, PostRanking> rankings = d.Rankings();
        (List<MatchPost> posts, List<MatchCandidate> candidates) = d.MatchInput(rankings);
        MatchResult result = DeferredAcceptance.Run(posts, candidates);
        List<string[]> ineligible = [.. rankings.SelectMany(r => r.Value.Left.Where(l => l.Value == Unranked.NotEligible).Select(l => new[] { l.Key, r.Key.ToString() }))];
        int seq = await db.SelectionRuns.Where(r => r.RoundId == roundId).MaxAsync(r => (int?)r.Seq, ct) ?? 0;
        var run = new SelectionRun
        {
            RoundId = roundId, Seq = seq + 1, RunAt = time.GetUtcNow(), RunBy = user.Name,
            InputJson = JsonSerializer.Serialize(new SelectionData.RunInput(posts, candidates, ineligible), SelectionData.Json),
            ResultJson = JsonSerializer.Serialize(result, SelectionData.Json),
        };
        db.SelectionRuns.Add(run);
        SelectionRound round = await db.SelectionRounds.FirstAsync(r => r.Id == roundId, ct);
        round.State = RoundState.Matched;
        round.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<MatchDto>.Conflict("另一人刚刚运行了匹配，请刷新后再试");
        }
        return MatchOf(d, run, result);
    }

    public async Task<Outcome<MatchDto>> GetAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<MatchDto>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await data.LoadAsync(roundId, ct) is not { } d)
        {
            return new Outcome<MatchDto>.NotFound("竞争上岗不存在");
        }
        if (await data.LatestRunAsync(roundId, ct) is not { } latest)
        {
            return new Outcome<MatchDto>.NotFound("尚未运行匹配");
        }
        return MatchOf(d, latest.Run, latest.Stored.Result);
    }

    /// <summary>The newest run's exact input and result, as the what-if endpoint takes and answers them.</summary>
    public async Task<Outcome<StoredRun>> StoredAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<StoredRun>.Forbidden(SelectionRoles.ManagersOnly);
        }
        return await data.LatestRunAsync(roundId, ct) is { } latest ? latest.Stored : new Outcome<StoredRun>.NotFound("尚未运行匹配");
    }

    /// <summary>Every candidate's explanation (for one candidate when <paramref name="candidateId"/> is given).</summary>
    public async Task<Outcome<List<ExplanationDto>>> ExplainAsync(Guid roundId, Guid? candidateId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<List<ExplanationDto>>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await data.LoadAsync(roundId, ct) is not { } d)
        {
            return new Outcome<List<ExplanationDto>>.NotFound("竞争上岗不存在");
        }
        if (await data.LatestInputAsync(roundId, ct) is not { } input || await data.LatestRunAsync(roundId, ct) is not { } latest)
        {
            return new Outcome<List<ExplanationDto>>.NotFound("尚未运行匹配");
        }
        if (candidateId is { } only && !input.Candidates.Any(c => c.Id == only.ToString()))
        {
            return new Outcome<List<ExplanationDto>>.NotFound("报名人员不在本次匹配中");
        }
        var posts = input.Posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var ineligible = input.Ineligible.Select(x => (x[0], x[1])).ToHashSet();
        var names = d.Candidates.ToDictionary(c => c.Id.ToString(), d.Name);
        return input.Candidates.Where(c => candidateId is null || c.Id == candidateId.ToString()).Select(c =>
        {
            Explanation e = Explanations.For(c, latest.Stored.Result, posts, ineligible);
            return new ExplanationDto(Guid.Parse(c.Id), names.GetValueOrDefault(c.Id, ""), e.Post is null ? null : Guid.Parse(e.Post), e.Post is null ? null : d.PostName(Guid.Parse(e.Post)),
                e.ResultChoice, [.. e.Above.Select(l => new ExplanationRow(l.Choice, Guid.Parse(l.Post), d.PostName(Guid.Parse(l.Post)), l.LastAdmittedRank, l.OwnRank, l.Reason, SelectionText.Reason(l.Reason)))]);
        }).ToList();
    }

    /// <summary>Publishes (公示) the newest run: the appeal window runs from now for the round's number of days.</summary>
    public async Task<Outcome<RoundSummary>> PublishAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<RoundSummary>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await db.SelectionRounds.FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return new Outcome<RoundSummary>.NotFound("竞争上岗不存在");
        }
        if (round.State != RoundState.Matched)
        {
            return new Outcome<RoundSummary>.Conflict("只有已匹配的结果可以公示", round.State.ToString(), "Publish");
        }
        DateTimeOffset now = time.GetUtcNow();
        round.State = RoundState.Published;
        round.PublishedAt = now;
        round.AppealUntil = now.AddDays(round.AppealDays);
        round.Version++;
        return await SaveAsync(round, ct);
    }

    /// <summary>Records an appeal of a candidate during the appeal window.</summary>
    public async Task<Outcome<AppealDto>> AppealAsync(Guid roundId, AppealRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<AppealDto>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<AppealDto>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await db.SelectionRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return new Outcome<AppealDto>.NotFound("竞争上岗不存在");
        }
        if (!await db.SelectionCandidates.AnyAsync(c => c.Id == req.CandidateId && c.RoundId == roundId, ct))
        {
            return new Outcome<AppealDto>.Invalid(new FieldErrors().Add("candidateId", "申诉人不是本次竞争上岗的报名人员"));
        }
        DateTimeOffset now = time.GetUtcNow();
        if (round.State != RoundState.Published || now >= round.AppealUntil)
        {
            return new Outcome<AppealDto>.Conflict("不在公示期内，不能提出申诉", round.State.ToString(), "Appeal");
        }
        var appeal = new SelectionAppeal { RoundId = roundId, CandidateId = req.CandidateId!.Value, Text = req.Text!.Trim(), FiledAt = now, FiledBy = user.Name };
        db.SelectionAppeals.Add(appeal);
        await db.SaveChangesAsync(ct);
        return (await AppealsAsync(roundId, ct)) is Outcome<List<AppealDto>>.Done { Value: var all } ? all.First(a => a.Id == appeal.Id) : throw new InvalidOperationException();
    }

    /// <summary>
    /// Decides an appeal. Upholding it sends the round back to open (报名中): the scores are corrected,
    /// and the match is run and published again; rejecting it keeps the publication.
    /// </summary>
    public async Task<Outcome<AppealDto>> DecideAsync(Guid roundId, Guid appealId, AppealDecisionRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<AppealDto>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<AppealDto>.Forbidden(SelectionRoles.ManagersOnly);
        }
        SelectionAppeal? appeal = await db.SelectionAppeals.FirstOrDefaultAsync(a => a.Id == appealId && a.RoundId == roundId, ct);
        if (appeal is null)
        {
            return new Outcome<AppealDto>.NotFound("申诉不存在");
        }
        if (appeal.Upheld is not null)
        {
            return new Outcome<AppealDto>.Conflict("该申诉已处理");
        }
        SelectionRound round = await db.SelectionRounds.FirstAsync(r => r.Id == roundId, ct);
        if (round.State != RoundState.Published)
        {
            return new Outcome<AppealDto>.Conflict("只有公示中的竞争上岗可以处理申诉", round.State.ToString(), "Decide");
        }
        appeal.Upheld = req.Upheld;
        appeal.DecisionNote = req.Note!.Trim();
        appeal.DecidedAt = time.GetUtcNow();
        appeal.DecidedBy = user.Name;
        if (req.Upheld == true)
        {
            round.State = RoundState.Open;
            round.PublishedAt = null;
            round.AppealUntil = null;
            round.Version++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Outcome<AppealDto>.Conflict("竞争上岗刚被他人更改，请刷新后再试");
        }
        return (await AppealsAsync(roundId, ct)) is Outcome<List<AppealDto>>.Done { Value: var all } ? all.First(a => a.Id == appealId) : throw new InvalidOperationException();
    }

    public async Task<Outcome<List<AppealDto>>> AppealsAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<List<AppealDto>>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (!await db.SelectionRounds.AnyAsync(r => r.Id == roundId, ct))
        {
            return new Outcome<List<AppealDto>>.NotFound("竞争上岗不存在");
        }
        return await db.SelectionAppeals.AsNoTracking().Where(a => a.RoundId == roundId).OrderBy(a => a.FiledAt).ThenBy(a => a.Id)
            .Join(db.SelectionCandidates, a => a.CandidateId, c => c.Id, (a, c) => new { a, c.PersonId })
            .Join(db.People, x => x.PersonId, p => p.Id, (x, p) => new AppealDto(
                x.a.Id, x.a.CandidateId, p.Name, x.a.Text, x.a.FiledAt, x.a.FiledBy, x.a.Upheld, x.a.DecisionNote, x.a.DecidedAt, x.a.DecidedBy))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Confirms (定岗) a published round once its appeal window is over and every appeal is decided:
    /// each matched person gets a new post-change row (from their register post to the selected post).
    /// </summary>
    public async Task<Outcome<List<PostChangeDto>>> ConfirmAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<List<PostChangeDto>>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await data.LoadAsync(roundId, ct) is not { } d)
        {
            return new Outcome<List<PostChangeDto>>.NotFound("竞争上岗不存在");
        }
        DateTimeOffset now = time.GetUtcNow();
        if (d.Round.State != RoundState.Published)
        {
            return new Outcome<List<PostChangeDto>>.Conflict("只有公示中的竞争上岗可以定岗", d.Round.State.ToString(), "Confirm");
        }
        if (now < d.Round.AppealUntil)
        {
            return new Outcome<List<PostChangeDto>>.Conflict($"公示期至 {ShanghaiTime.Minutes(d.Round.AppealUntil!.Value)} 结束，届满后才能定岗", d.Round.State.ToString(), "Confirm");
        }
        if (await db.SelectionAppeals.AnyAsync(a => a.RoundId == roundId && a.Upheld == null, ct))
        {
            return new Outcome<List<PostChangeDto>>.Conflict("还有未处理的申诉", d.Round.State.ToString(), "Confirm");
        }
        (_, StoredRun stored) = (await data.LatestRunAsync(roundId, ct))!.Value;
        var byId = d.Candidates.ToDictionary(c => c.Id.ToString());
        List<Guid> personIds = [.. d.Candidates.Select(c => c.PersonId)];
        var current = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.UnitId, Post = p.Post != null ? p.Post.Name : null }).ToDictionaryAsync(p => p.Id, ct);
        DateOnly on = ShanghaiTime.DateOf(now);
        foreach (MatchAssignment a in stored.Result.Assignments.Where(a => a.Post is not null))
        {
            SelectionCandidate c = byId[a.Candidate];
            SelectionPost post = d.Posts.First(p => p.Id.ToString() == a.Post);
            var was = current.GetValueOrDefault(c.PersonId);
            db.PostChanges.Add(new PostChange
            {
                PersonId = c.PersonId, FromUnitId = was?.UnitId, FromPost = was?.Post, ToUnitId = post.UnitId, ToPost = post.Title,
                EffectiveOn = on, RoundId = roundId, RecordedAt = now, RecordedBy = user.Name,
            });
        }
        SelectionRound round = await db.SelectionRounds.FirstAsync(r => r.Id == roundId, ct);
        round.State = RoundState.Confirmed;
        round.ConfirmedAt = now;
        round.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Outcome<List<PostChangeDto>>.Conflict("竞争上岗刚被他人更改，请刷新后再试");
        }
        return await ChangesAsync(roundId, null, ct);
    }

    /// <summary>Post-change history, newest first, of a round or of a person.</summary>
    public async Task<Outcome<List<PostChangeDto>>> ChangesAsync(Guid? roundId, Guid? personId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<List<PostChangeDto>>.Forbidden(SelectionRoles.ManagersOnly);
        }
        IQueryable<PostChange> q = db.PostChanges.AsNoTracking();
        if (roundId is { } r)
        {
            q = q.Where(c => c.RoundId == r);
        }
        if (personId is { } p)
        {
            q = q.Where(c => c.PersonId == p);
        }
        return await q.OrderByDescending(c => c.EffectiveOn).ThenByDescending(c => c.RecordedAt)
            .Join(db.People, c => c.PersonId, p => p.Id, (c, p) => new { c, p.Name })
            .Join(db.Units, x => x.c.ToUnitId, u => u.Id, (x, u) => new PostChangeDto(x.c.Id, x.c.PersonId, x.Name, x.c.FromPost, x.c.ToUnitId, u.Name, x.c.ToPost, x.c.EffectiveOn, x.c.RecordedAt))
            .ToListAsync(ct);
    }

    /// <summary>The newest run's unmatched candidates, each with the posts left with free seats that they are eligible for (调剂 options).</summary>
    public async Task<Outcome<List<UnmatchedDto>>> UnmatchedAsync(Guid roundId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<List<UnmatchedDto>>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await data.LoadAsync(roundId, ct) is not { } d)
        {
            return new Outcome<List<UnmatchedDto>>.NotFound("竞争上岗不存在");
        }
        if (await data.LatestRunAsync(roundId, ct) is not { } latest)
        {
            return new Outcome<List<UnmatchedDto>>.NotFound("尚未运行匹配");
        }
        List<SelectionPost> open = FreeSeats(d, latest.Stored.Result).Where(x => x.Free > 0).Select(x => x.Post).ToList();
        var byId = d.Candidates.ToDictionary(c => c.Id.ToString());
        return latest.Stored.Result.Assignments.Where(a => a.Post is null && byId.ContainsKey(a.Candidate)).Select(a => byId[a.Candidate]).Select(c => new UnmatchedDto(
            c.Id, d.Name(c), [.. open.Where(p => SelectionRules.Eligible(RoundData.Rules(p), RoundData.Profile(c))).Select((p, i) => new ChoiceDto(i + 1, p.Id, d.PostName(p.Id)))]))
            .OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>A second round (第二轮) of a confirmed round: its posts with the seats left free, same rules; the unmatched apply again.</summary>
    public async Task<Outcome<RoundSummary>> SecondRoundAsync(Guid roundId, SecondRoundRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<RoundSummary>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<RoundSummary>.Forbidden(SelectionRoles.ManagersOnly);
        }
        if (await data.LoadAsync(roundId, ct) is not { } d)
        {
            return new Outcome<RoundSummary>.NotFound("竞争上岗不存在");
        }
        if (d.Round.State != RoundState.Confirmed)
        {
            return new Outcome<RoundSummary>.Conflict("定岗后才能组织第二轮", d.Round.State.ToString(), "SecondRound");
        }
        string name = req.Name!.Trim();
        if (await db.SelectionRounds.AnyAsync(r => r.Name == name, ct))
        {
            return new Outcome<RoundSummary>.Invalid(new FieldErrors().Add("name", $"已有名为“{name}”的竞争上岗"));
        }
        (_, StoredRun stored) = (await data.LatestRunAsync(roundId, ct))!.Value;
        List<(SelectionPost Post, int Free)> left = [.. FreeSeats(d, stored.Result).Where(x => x.Free > 0)];
        if (left.Count == 0)
        {
            return new Outcome<RoundSummary>.Conflict("所有岗位均已选满，无需第二轮");
        }
        SelectionRound r0 = d.Round;
        var round = new SelectionRound
        {
            Name = name, MaxChoices = r0.MaxChoices, WeightWritten = r0.WeightWritten, WeightInterview = r0.WeightInterview, WeightAssessment = r0.WeightAssessment,
            WeightEvaluation = r0.WeightEvaluation, TieBreak = r0.TieBreak, AppealDays = r0.AppealDays, State = RoundState.Open, CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        db.SelectionRounds.Add(round);
        int order = 0;
        foreach ((SelectionPost p, int free) in left)
        {
            db.SelectionPosts.Add(new SelectionPost
            {
                RoundId = round.Id, UnitId = p.UnitId, Title = p.Title, Seats = free, MinGrade = p.MinGrade, MinYears = p.MinYears, MinEducation = p.MinEducation,
                Certificates = p.Certificates, SortOrder = ++order,
            });
        }
        await db.SaveChangesAsync(ct);
        return SelectionRounds.Summary(round, left.Count, left.Sum(x => x.Free), 0);
    }

    private static IEnumerable<(SelectionPost Post, int Free)> FreeSeats(RoundData d, MatchResult result)
    {
        var taken = result.Assignments.Where(a => a.Post is not null).GroupBy(a => a.Post!).ToDictionary(g => g.Key, g => g.Count());
        return d.Posts.Select(p => (p, p.Seats - taken.GetValueOrDefault(p.Id.ToString())));
    }

    private async Task<Outcome<RoundSummary>> SaveAsync(SelectionRound round, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Outcome<RoundSummary>.Conflict("竞争上岗刚被他人更改，请刷新后再试");
        }
        RoundData d = (await data.LoadAsync(round.Id, ct))!;
        return SelectionRounds.Detail(d).Round;
    }

    private static MatchDto MatchOf(RoundData d, SelectionRun run, MatchResult result)
    {
        var byId = d.Candidates.ToDictionary(c => c.Id.ToString());
        var cutoffs = result.Cutoffs.ToDictionary(c => c.Post);
        var admitted = result.Assignments.Where(a => a.Post is not null).GroupBy(a => a.Post!).ToDictionary(g => g.Key, g => g.Count());
        return new MatchDto(run.Id, run.Seq, run.RunAt, run.RunBy,
            [.. result.Assignments.Where(a => byId.ContainsKey(a.Candidate)).Select(a =>
            {
                SelectionCandidate c = byId[a.Candidate];
                Guid? post = a.Post is null ? null : Guid.Parse(a.Post);
                int? choice = post is null ? null : d.Choices[c.Id].FirstOrDefault(ch => ch.PostId == post)?.Preference;
                return new ResultRow(c.Id, d.Name(c), post, post is { } p ? d.PostName(p) : null, choice);
            })],
            [.. d.Posts.Select(p => new CutoffRow(p.Id, d.PostName(p.Id), p.Seats, admitted.GetValueOrDefault(p.Id.ToString()),
                cutoffs.TryGetValue(p.Id.ToString(), out MatchCutoff? c) ? c.LastAdmittedRank : null))]);
    }
}
