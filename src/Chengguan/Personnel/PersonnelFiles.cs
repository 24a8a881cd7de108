using Chengguan.Assessment;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Selection;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Personnel;

/// <summary>
/// The people file's door, for the API and the console alike: the profile, the career (its own steps and
/// Selection's confirmed results, read through Selection's door), the talent pool, and the talent view that
/// filters and ranks the register by the file (or by a selection post's eligibility rules). The personnel
/// office's (<see cref="SelectionRoles"/>): others get 403.
/// </summary>
public sealed class PersonnelFiles(AppDbContext db, CurrentUser user, People people, Units units, SelectionRounds rounds, SelectionMatches matches, PersonnelSources sources, TimeProvider time)
{
    public const string ManagersOnly = "只有局领导、科室负责人或管理员可以查阅和维护人员档案";

    private bool Manager => SelectionRoles.Manages(user.Principal);

    private DateOnly Today => ShanghaiTime.DateOf(time.GetUtcNow());

    public async Task<Outcome<PersonnelFileDto>> FileAsync(Guid personId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<PersonnelFileDto>.Forbidden(ManagersOnly);
        }
        if (await people.GetAsync(personId, ct) is not Outcome<PersonDto>.Done { Value: var person })
        {
            return new Outcome<PersonnelFileDto>.NotFound("人员不存在");
        }
        PersonnelProfile? profile = await db.PersonnelProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.PersonId == personId, ct);
        List<CareerEntry> own = await db.CareerEntries.AsNoTracking().Where(c => c.PersonId == personId).ToListAsync(ct);
        List<CareerStep> steps = [.. own.Select(c => new CareerStep(c.From, c.Until, c.Kind, PersonnelRules.KindText(c.Kind), c.UnitName, c.Post, "档案记录", c.Note, c.RecordedAt))];
        if (await matches.ChangesAsync(null, personId, ct) is Outcome<List<PostChangeDto>>.Done { Value: var changes })
        {
            steps.AddRange(changes.Select(c => new CareerStep(c.EffectiveOn, null, CareerKind.Appointment, "竞争上岗定岗", c.ToUnit, c.ToPost, "竞争上岗", c.FromPost is null ? null : "原岗位：" + c.FromPost, c.RecordedAt)));
        }
        List<CareerStep> career = PersonnelRules.InOrder(steps);
        List<PoolDto> pool = [.. (await db.TalentPool.AsNoTracking().Where(t => t.PersonId == personId).ToListAsync(ct))
            .OrderByDescending(t => t.AddedOn).Select(t => new PoolDto(t.Id, t.Track, t.Reason, t.AddedOn, t.LeftOn, t.LeftReason, t.LeftOn is null))];
        PersonnelRecord record = await sources.RecordAsync(personId, Today, ct);
        return new PersonnelFileDto(person, profile is null ? null : ProfileOf(profile), PersonnelRules.Current(career, Today), career, PersonnelRules.Count(career), pool, record);
    }

    public async Task<Outcome<PersonnelFileDto>> SaveProfileAsync(Guid personId, ProfileRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        string[] certificates = [.. (req.Certificates ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct()];
        if (certificates.Any(c => c.Length > 40 || c.Contains('、')))
        {
            errors.Add("certificates", "证书名称不能超过 40 个字符，且不能含顿号");
        }
        if (req.ServiceSince is { } since && since > Today)
        {
            errors.Add("serviceSince", "参加工作时间不能晚于今天");
        }
        if (errors.Any)
        {
            return new Outcome<PersonnelFileDto>.Invalid(errors);
        }
        if (await CheckAsync(personId, ct) is { } refused)
        {
            return refused;
        }
        PersonnelProfile? profile = await db.PersonnelProfiles.FirstOrDefaultAsync(p => p.PersonId == personId, ct);
        if (profile is null)
        {
            db.PersonnelProfiles.Add(profile = new PersonnelProfile { PersonId = personId });
        }
        profile.Grade = req.Grade!.Value;
        profile.ServiceSince = req.ServiceSince!.Value;
        profile.Education = req.Education!.Value;
        profile.Certificates = string.Join('、', certificates);
        profile.UpdatedAt = time.GetUtcNow();
        profile.UpdatedBy = user.Name;
        await db.SaveChangesAsync(ct);
        return await FileAsync(personId, ct);
    }

    /// <summary>
    /// Records a career step. A step that gives a post closes the open post-holding steps begun before it (their end is
    /// the day before); leaving the bureau closes them too. Nothing earlier is rewritten otherwise.
    /// </summary>
    public async Task<Outcome<PersonnelFileDto>> AddCareerAsync(Guid personId, CareerRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        string? unitName = req.UnitName?.Trim();
        if (!errors.Any && req.UnitId is { } unitId)
        {
            if (await units.GetAsync(unitId, ct) is Outcome<UnitDto>.Done { Value: var unit })
            {
                unitName = unit.Name;
            }
            else
            {
                errors.Add("unitId", "单位不存在");
            }
        }
        if (errors.Any)
        {
            return new Outcome<PersonnelFileDto>.Invalid(errors);
        }
        if (await CheckAsync(personId, ct) is { } refused)
        {
            return refused;
        }
        DateOnly from = req.From!.Value;
        List<CareerEntry> open = await db.CareerEntries.Where(c => c.PersonId == personId && c.Until == null && c.From < from).ToListAsync(ct);
        foreach (CareerEntry earlier in open.Where(c => PersonnelRules.HoldsPost(c.Kind)))
        {
            earlier.Until = from.AddDays(-1);
        }
        db.CareerEntries.Add(new CareerEntry
        {
            PersonId = personId, Kind = req.Kind!.Value, UnitId = req.UnitId, UnitName = unitName!, Post = req.Post!.Trim(), From = from, Until = req.Until,
            Note = string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim(), RecordedAt = time.GetUtcNow(), RecordedBy = user.Name,
        });
        await db.SaveChangesAsync(ct);
        return await FileAsync(personId, ct);
    }

    public async Task<Outcome<PersonnelFileDto>> JoinPoolAsync(Guid personId, PoolRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<PersonnelFileDto>.Invalid(errors);
        }
        if (await CheckAsync(personId, ct) is { } refused)
        {
            return refused;
        }
        if (await db.TalentPool.AnyAsync(t => t.PersonId == personId && t.LeftOn == null, ct))
        {
            return new Outcome<PersonnelFileDto>.Conflict("此人已在人才库中");
        }
        db.TalentPool.Add(new TalentPoolEntry
        {
            PersonId = personId, Track = req.Track!.Trim(), Reason = req.Reason!.Trim(), AddedOn = req.AddedOn!.Value, RecordedAt = time.GetUtcNow(), RecordedBy = user.Name,
        });
        await db.SaveChangesAsync(ct);
        return await FileAsync(personId, ct);
    }

    public async Task<Outcome<PersonnelFileDto>> LeavePoolAsync(Guid personId, LeavePoolRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<PersonnelFileDto>.Invalid(errors);
        }
        if (await CheckAsync(personId, ct) is { } refused)
        {
            return refused;
        }
        if (await db.TalentPool.FirstOrDefaultAsync(t => t.PersonId == personId && t.LeftOn == null, ct) is not { } entry)
        {
            return new Outcome<PersonnelFileDto>.Conflict("此人不在人才库中");
        }
        if (req.LeftOn!.Value < entry.AddedOn)
        {
            return new Outcome<PersonnelFileDto>.Invalid(new FieldErrors().Add("leftOn", "出库日期不能早于入库日期"));
        }
        entry.LeftOn = req.LeftOn;
        entry.LeftReason = req.Reason!.Trim();
        await db.SaveChangesAsync(ct);
        return await FileAsync(personId, ct);
    }

    /// <summary>
    /// The talent view (人才库): the register filtered by the file (unit, grade, service, education, a certificate, pool
    /// membership) and by the other capabilities' figures (this year's training hours, the latest yearly assessment band, the
    /// latest cadre-evaluation total), ranked by <see cref="PersonnelRules.Rank{T}"/> — first by the figure asked for, if any.
    /// Given a selection round and one of its posts, each person is judged by that post's eligibility rules (with the unmet
    /// rules in words) and the eligible come first.
    /// </summary>
    public async Task<Outcome<List<TalentRow>>> TalentAsync(TalentQuery q, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (q.MinBand is { } band && !Bands.Names.Contains(band.Trim()))
        {
            errors.Add("minBand", "考核等次须为" + string.Join("、", Bands.Names) + "之一");
        }
        if (q.MinHours is < 0 or > 10000)
        {
            errors.Add("minHours", "培训学时须在 0–10000 之间");
        }
        if (q.MinEvaluation is < 0 or > 100)
        {
            errors.Add("minEvaluation", "干部评价得分须在 0–100 之间");
        }
        if (errors.Any)
        {
            return new Outcome<List<TalentRow>>.Invalid(errors);
        }
        if (!Manager)
        {
            return new Outcome<List<TalentRow>>.Forbidden(ManagersOnly);
        }
        EligibilityRules? rules = null;
        if (q.PostId is { } postId)
        {
            if (q.RoundId is not { } roundId || await rounds.GetAsync(roundId, ct) is not Outcome<RoundDetail>.Done { Value: var round }
                || round.Posts.FirstOrDefault(p => p.Id == postId) is not { } post)
            {
                return new Outcome<List<TalentRow>>.NotFound("竞争岗位不存在");
            }
            rules = new EligibilityRules(post.MinGrade, post.MinYears, post.MinEducation, post.Certificates);
        }
        var register = new List<PersonDto>();
        string? after = null;
        do
        {
            Page<PersonDto> page = await people.ListAsync(q.UnitId, null, false, after, 500, ct);
            register.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        Dictionary<Guid, PersonnelProfile> profiles = await db.PersonnelProfiles.AsNoTracking().ToDictionaryAsync(p => p.PersonId, ct);
        Dictionary<Guid, string> pool = (await db.TalentPool.AsNoTracking().Where(t => t.LeftOn == null).Select(t => new { t.PersonId, t.Track }).ToListAsync(ct))
            .ToDictionary(t => t.PersonId, t => t.Track);
        DateOnly today = Today;
        Dictionary<Guid, TalentFigures> figures = await sources.FiguresAsync([.. register.Select(p => p.Id)], today.Year, ct);
        int? minBand = q.MinBand is { } b ? PersonnelRules.BandOrder(b.Trim()) : null;
        var rows = new List<(TalentRow Row, TalentKey Key)>();
        foreach (PersonDto p in register)
        {
            profiles.TryGetValue(p.Id, out PersonnelProfile? f);
            TalentFigures fig = figures[p.Id];
            string[] certificates = f is null ? [] : RoundData.Split(f.Certificates);
            int? years = f is null ? null : PersonnelRules.ServiceYears(f.ServiceSince, today);
            if (q.MinGrade is { } g && (f is null || f.Grade < g)
                || q.MinYears is { } y && (years is null || years < y)
                || q.MinEducation is { } e && (f is null || f.Education < e)
                || !string.IsNullOrWhiteSpace(q.Certificate) && !certificates.Contains(q.Certificate.Trim())
                || q.InPool == true && !pool.ContainsKey(p.Id)
                || q.MinHours is { } h && fig.Hours < h
                || minBand is { } mb && (fig.AssessmentBand is not { } ab || PersonnelRules.BandOrder(ab) is not { } o || o > mb)
                || q.MinEvaluation is { } me && (fig.EvaluationTotal is not { } et || et < me))
            {
                continue;
            }
            List<string> unmet = rules is null ? [] : f is null ? ["档案未填写职级、学历等信息"]
                : SelectionRules.Unmet(rules, new CandidateProfile(f.Grade, years!.Value, f.Education, certificates));
            bool? eligible = rules is null ? null : unmet.Count == 0;
            var row = new TalentRow(p.Id, p.Name, p.UnitName, p.PostName, f?.Grade, f is null ? null : SelectionText.Grade(f.Grade), years,
                f?.Education, f is null ? null : SelectionText.Education(f.Education), certificates, pool.ContainsKey(p.Id), pool.GetValueOrDefault(p.Id), eligible, unmet, fig);
            rows.Add((row, new TalentKey(eligible ?? false, row.InPool, f?.Grade ?? 0, years ?? -1, f?.Education ?? 0, p.Name, p.Id, PersonnelRules.Lead(q.Sort, fig))));
        }
        return PersonnelRules.Rank(rows, r => r.Key).Select(r => r.Row).ToList();
    }

    private async Task<Outcome<PersonnelFileDto>?> CheckAsync(Guid personId, CancellationToken ct)
    {
        if (!Manager)
        {
            return new Outcome<PersonnelFileDto>.Forbidden(ManagersOnly);
        }
        return await people.GetAsync(personId, ct) is Outcome<PersonDto>.Done ? null : new Outcome<PersonnelFileDto>.NotFound("人员不存在");
    }

    private ProfileDto ProfileOf(PersonnelProfile p) =>
        new(p.Grade, SelectionText.Grade(p.Grade), p.ServiceSince, PersonnelRules.ServiceYears(p.ServiceSince, Today), p.Education, SelectionText.Education(p.Education),
            RoundData.Split(p.Certificates), p.UpdatedAt, p.UpdatedBy);
}

/// <summary>
/// The talent view's filters (all optional; a post needs its round): the file's, then this year's training hours at least
/// <see cref="MinHours"/>, the latest yearly assessment band at least <see cref="MinBand"/> (优秀 best), the latest cadre-evaluation
/// total at least <see cref="MinEvaluation"/>; <see cref="Sort"/> ranks by one of those figures first.
/// </summary>
public sealed record TalentQuery(
    Guid? UnitId, CadreGrade? MinGrade, int? MinYears, Education? MinEducation, string? Certificate, bool? InPool, Guid? RoundId, Guid? PostId,
    double? MinHours = null, string? MinBand = null, decimal? MinEvaluation = null, TalentSort Sort = TalentSort.Default);

/// <summary>What the talent view ranks by first (after eligibility for a post): nothing extra, training hours, assessment total, evaluation total.</summary>
public enum TalentSort
{
    Default,
    Hours,
    Assessment,
    Evaluation,
}
