using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Communities;

/// <summary>
/// The one way into the visit register (走访反馈登记 and 执法进小区), for the API, the console and the officer's phone:
/// logging a visit with its photos and problems, turning a problem into a case (channel ResidentsCommittee) through
/// Cases' <see cref="CaseIntake"/> in the same save, the feedback given back to the committee, and the monthly norm.
/// A visit is seen when its committee lies in the caller's scope or the caller is its officer; otherwise "not found".
/// </summary>
public sealed class Visits(AppDbContext db, People people, CaseIntake intake, CaseQueries cases, Attachments attachments, CurrentUser user,
    TimeProvider time, IConfiguration config)
{
    /// <summary>The subject type under which a visit's photos are kept by Evidence.</summary>
    public const string SubjectType = EvidenceSubjectTypes.CommunityVisit;

    public const int ListLimit = 500;

    private const string NoVisit = "走访记录不存在";
    private const string NoCommittee = "居委会不存在";

    /// <summary>Visits (走访) each committee should have per month (setting Communities:VisitsPerCommitteePerMonth).</summary>
    public int RequiredPerMonth => Math.Max(1, config.GetValue("Communities:VisitsPerCommitteePerMonth", 1));

    /// <summary>The register, newest first: by street, month ("2026-11"), committee and kind.</summary>
    public async Task<Outcome<List<VisitRow>>> ListAsync(Guid? streetId, string? month, Guid? committeeId, VisitKind? kind, CancellationToken ct)
    {
        IQueryable<CommunityVisit> q = await SeenAsync(ct);
        if (month is not null)
        {
            if (CommunityRules.ParseMonth(month) is not { } first)
            {
                return new Outcome<List<VisitRow>>.Invalid(new FieldErrors().Add("month", "月份格式须为 yyyy-MM，例如 2026-11"));
            }
            DateOnly next = first.AddMonths(1);
            q = q.Where(v => v.Date >= first && v.Date < next);
        }
        if (streetId is { } s)
        {
            q = q.Where(v => v.StreetId == s);
        }
        if (committeeId is { } c)
        {
            q = q.Where(v => v.CommitteeId == c);
        }
        if (kind is { } k)
        {
            q = q.Where(v => v.Kind == k);
        }
        List<CommunityVisit> visits = await q.Include(v => v.Problems).OrderByDescending(v => v.Date).ThenByDescending(v => v.RecordedAt).Take(ListLimit).ToListAsync(ct);
        return await RowsAsync(visits, ct);
    }

    public async Task<Outcome<VisitDetail>> GetAsync(Guid id, CancellationToken ct)
    {
        CommunityVisit? visit = await (await SeenAsync(ct)).Include(v => v.Problems).FirstOrDefaultAsync(v => v.Id == id, ct);
        return visit is null ? new Outcome<VisitDetail>.NotFound(NoVisit) : await DetailAsync(visit, ct);
    }

    /// <summary>
    /// Logs a visit with its photos (checked and stored before anything is written) and its problems; those marked
    /// <see cref="VisitProblemRequest.ToCase"/> are opened as cases in the same transaction. Officers log their own visits
    /// (to committees in their scope or of which they are the liaison); managers and squad leaders anyone's in their scope.
    /// </summary>
    public async Task<Outcome<VisitDetail>> LogAsync(VisitRequest req, IReadOnlyList<IncomingFile> photos, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<VisitDetail>.Invalid(errors);
        }
        Guid? me = await CommunityDirectory.MyPersonAsync(db, user, ct);
        if (await CommitteeForLoggingAsync(req.CommitteeId!.Value, me, ct) is not { } committee)
        {
            return new Outcome<VisitDetail>.NotFound(NoCommittee);
        }
        if (!CommunityRoles.Logs(user.Principal))
        {
            return new Outcome<VisitDetail>.Forbidden("本账号不能登记走访");
        }
        Guid? officerId = req.OfficerId ?? me;
        if (officerId is null)
        {
            errors.Add("officerId", "本账号未关联人员，须指明走访人员");
        }
        else if (officerId != me && !CommunityRoles.LogsForOthers(user.Principal))
        {
            return new Outcome<VisitDetail>.Forbidden("执法队员只能登记本人的走访");
        }
        else if (officerId != me && await people.GetAsync(officerId.Value, ct) is not Outcome<PersonDto>.Done { Value.Active: true })
        {
            errors.Add("officerId", "走访人员不存在、已停用或不在本人管理范围内");
        }
        DateOnly today = ShanghaiTime.Today(time);
        if (req.Date > today)
        {
            errors.Add("date", "日期不能晚于今天");
        }
        List<VisitProblemRequest> problems = req.Problems ?? [];
        if (problems.Count > 20)
        {
            errors.Add("problems", "一次走访最多登记 20 个问题");
        }
        (double Lon, double Lat)? here = await CommitteePointAsync(committee.Id, ct);
        var inputs = new Dictionary<int, CaseInput>();
        for (int i = 0; i < problems.Count && i < 20; i++)
        {
            if (!problems[i].ToCase)
            {
                continue;
            }
            inputs[i] = CaseInputOf(problems[i], committee, here);
            foreach (var (field, messages) in (await intake.ValidateAsync(inputs[i], ct)).ToDictionary())
            {
                foreach (string m in messages)
                {
                    errors.Add($"problems[{i}].{field}", m);
                }
            }
        }
        attachments.CheckReportPhotos(photos, errors);
        if (errors.Any)
        {
            return new Outcome<VisitDetail>.Invalid(errors);
        }
        // The bytes first, outside the transaction; the rows are staged with the visit and saved with it.
        StoredFiles stored = await attachments.StoreAsync(photos, ct);
        DateTimeOffset now = time.GetUtcNow();
        var visit = new CommunityVisit
        {
            Kind = req.Kind ?? VisitKind.Visit, Date = req.Date!.Value, CommitteeId = committee.Id, StreetId = committee.StreetId, OfficerId = officerId!.Value,
            Attendees = req.Attendees?.Trim() ?? "", Topics = req.Topics.Trim(), RecordedAt = now, RecordedBy = user.Name,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (int i = 0; i < problems.Count; i++)
        {
            var problem = new VisitProblem
            {
                VisitId = visit.Id, Seq = i + 1, Description = problems[i].Description.Trim(), Address = Blank(problems[i].Address),
                Lon = problems[i].Lon, Lat = problems[i].Lat,
            };
            if (inputs.TryGetValue(i, out CaseInput? input))
            {
                Case opened = await intake.OpenAsync(input, user.UserId, user.Name, ct);
                (problem.CaseId, problem.CaseNumber, problem.CaseOpenedAt) = (opened.Id, opened.Number, now);
            }
            visit.Problems.Add(problem);
        }
        db.CommunityVisits.Add(visit);
        attachments.StageOn(SubjectType, visit.Id, stored, EvidencePurpose.Other);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await DetailAsync(visit, ct);
    }

    /// <summary>
    /// One tap: the problem becomes a case (channel ResidentsCommittee) opened through <see cref="CaseIntake"/>, linked in the
    /// same save. A problem already turned (also by someone else a moment ago) is a conflict naming its case.
    /// </summary>
    public async Task<Outcome<VisitDetail>> OpenCaseAsync(Guid visitId, Guid problemId, CancellationToken ct)
    {
        CommunityVisit? visit = await (await SeenAsync(ct)).Include(v => v.Problems).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        VisitProblem? problem = visit?.Problems.FirstOrDefault(p => p.Id == problemId);
        if (visit is null || problem is null)
        {
            return new Outcome<VisitDetail>.NotFound(visit is null ? NoVisit : "问题不存在");
        }
        if (await MayWorkOnAsync(visit, ct) is { } refused)
        {
            return new Outcome<VisitDetail>.Forbidden(refused);
        }
        if (problem.CaseNumber is { } number)
        {
            return new Outcome<VisitDetail>.Conflict($"该问题已转为案件 {number}");
        }
        CommitteeRef committee = (await CommunityDirectory.FindAsync(db, visit.CommitteeId, ct))!;
        CaseInput input = CaseInputOf(new VisitProblemRequest(problem.Description, problem.Address, problem.Lon, problem.Lat, true), committee,
            await CommitteePointAsync(committee.Id, ct));
        FieldErrors errors = await intake.ValidateAsync(input, ct);
        if (errors.Any)
        {
            return new Outcome<VisitDetail>.Invalid(errors);
        }
        DateTimeOffset now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Case opened = await intake.OpenAsync(input, user.UserId, user.Name, ct);
        // Claimed in the database, not only in memory: of two taps at once only one links (and opens) a case.
        int claimed = await db.VisitProblems.Where(p => p.Id == problemId && p.CaseId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CaseId, opened.Id).SetProperty(p => p.CaseNumber, opened.Number).SetProperty(p => p.CaseOpenedAt, now), ct);
        if (claimed == 0)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new Outcome<VisitDetail>.Conflict("该问题刚被他人转为案件，请刷新");
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        (problem.CaseId, problem.CaseNumber, problem.CaseOpenedAt) = (opened.Id, opened.Number, now);
        return await DetailAsync(visit, ct);
    }

    /// <summary>The feedback given back to the committee (what became of its problems), with its date; given once.</summary>
    public async Task<Outcome<VisitDetail>> FeedbackAsync(Guid visitId, FeedbackRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<VisitDetail>.Invalid(errors);
        }
        CommunityVisit? visit = await (await SeenAsync(ct)).AsTracking().Include(v => v.Problems).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return new Outcome<VisitDetail>.NotFound(NoVisit);
        }
        if (await MayWorkOnAsync(visit, ct) is { } refused)
        {
            return new Outcome<VisitDetail>.Forbidden(refused);
        }
        if (visit.FeedbackOn is not null)
        {
            return new Outcome<VisitDetail>.Conflict("该走访已登记反馈");
        }
        DateOnly on = req.Date ?? ShanghaiTime.Today(time);
        if (on < visit.Date || on > ShanghaiTime.Today(time))
        {
            return new Outcome<VisitDetail>.Invalid(new FieldErrors().Add("date", "反馈日期须在走访日期和今天之间"));
        }
        (visit.Feedback, visit.FeedbackOn, visit.FeedbackBy) = (req.Text.Trim(), on, user.Name);
        await db.SaveChangesAsync(ct);
        return await DetailAsync(visit, ct);
    }

    /// <summary>A photo added to a visit later (the console's visit page, POST /api/communities/visits/{id}/photos).</summary>
    public async Task<Outcome<EvidenceDto>> AttachPhotoAsync(Guid visitId, IncomingFile? file, CancellationToken ct)
    {
        CommunityVisit? visit = await (await SeenAsync(ct)).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return new Outcome<EvidenceDto>.NotFound(NoVisit);
        }
        if (await MayWorkOnAsync(visit, ct) is { } refused)
        {
            return new Outcome<EvidenceDto>.Forbidden(refused);
        }
        return await attachments.AttachToAsync(SubjectType, visitId, file, NoVisit, ct);
    }

    public Task<Outcome<EvidenceFile>> OpenPhotoAsync(Guid visitId, Guid evidenceId, string? copy, CancellationToken ct) =>
        attachments.OpenForAsync(SubjectType, visitId, evidenceId, copy, ct);

    /// <summary>
    /// The norm per street and month from <paramref name="from"/> to <paramref name="to"/> ("yyyy-MM", default the last three
    /// months), and visits and enforcement operations per committee over those months, within the caller's scope.
    /// </summary>
    public async Task<Outcome<NormsReport>> NormsAsync(string? from, string? to, Guid? streetId, CancellationToken ct)
    {
        DateOnly today = ShanghaiTime.Today(time);
        DateOnly thisMonth = new(today.Year, today.Month, 1);
        var errors = new FieldErrors();
        DateOnly? first = from is null ? thisMonth.AddMonths(-2) : CommunityRules.ParseMonth(from);
        DateOnly? last = to is null ? thisMonth : CommunityRules.ParseMonth(to);
        if (first is null)
        {
            errors.Add("from", "月份格式须为 yyyy-MM，例如 2026-11");
        }
        if (last is null)
        {
            errors.Add("to", "月份格式须为 yyyy-MM，例如 2026-11");
        }
        if (first is { } f && last is { } l && (l < f || f.AddMonths(24) <= l))
        {
            errors.Add("to", "结束月份须不早于开始月份，且跨度不超过 24 个月");
        }
        if (errors.Any)
        {
            return new Outcome<NormsReport>.Invalid(errors);
        }
        DataScope scope = await user.GetScopeAsync(ct);
        List<CommitteeRef> committees = await CommunityDirectory.CommitteesAsync(db, scope, streetId, ct);
        Guid[] ids = [.. committees.Select(c => c.Id)];
        DateOnly start = first!.Value, end = last!.Value.AddMonths(1);
        List<VisitCount> visits = await db.CommunityVisits.AsNoTracking().Where(v => ids.Contains(v.CommitteeId) && v.Date >= start && v.Date < end)
            .Select(v => new VisitCount(v.CommitteeId, v.Kind, v.Date)).ToListAsync(ct);
        Dictionary<Guid, string> streets = committees.GroupBy(c => c.StreetId).ToDictionary(g => g.Key, g => g.First().StreetName);
        List<MonthNorm> norms = CommunityRules.Norms([.. committees.Select(c => new CommitteeKey(c.Id, c.StreetId))], visits, start, last.Value, RequiredPerMonth);
        ILookup<Guid, VisitCount> byCommittee = visits.ToLookup(v => v.CommitteeId);
        return new NormsReport(CommunityRules.MonthOf(start), CommunityRules.MonthOf(last.Value), RequiredPerMonth,
            [.. norms.Select(n => new NormRow(n.StreetId, streets[n.StreetId], n.Month, n.Committees, n.CommitteesMeetingNorm, Math.Round(n.Coverage, 4), n.Visits, n.Enforcements))],
            [.. committees.Select(c => new CommunityCount(c, byCommittee[c.Id].Count(v => v.Kind == VisitKind.Visit), byCommittee[c.Id].Count(v => v.Kind == VisitKind.Enforcement)))]);
    }

    /// <summary>The phone page's choice: the committees the caller is liaison or deputy of first, then the others in scope.</summary>
    public async Task<List<CommitteeRef>> LogChoicesAsync(CancellationToken ct)
    {
        Guid? me = await CommunityDirectory.MyPersonAsync(db, user, ct);
        List<Guid> mine = me is null ? [] : await db.LiaisonAssignments.AsNoTracking().Where(a => a.PersonId == me && a.ValidTo == null).Select(a => a.CommitteeId).ToListAsync(ct);
        List<CommitteeRef> inScope = await CommunityDirectory.CommitteesAsync(db, await user.GetScopeAsync(ct), null, ct);
        var own = new List<CommitteeRef>();
        foreach (Guid id in mine.Where(id => inScope.All(c => c.Id != id)))
        {
            if (await CommunityDirectory.FindAsync(db, id, ct) is { } c)
            {
                own.Add(c);
            }
        }
        return [.. inScope.Where(c => mine.Contains(c.Id)), .. own, .. inScope.Where(c => !mine.Contains(c.Id))];
    }

    /// <summary>The streets in the caller's scope (the register's filter).</summary>
    public async Task<List<(Guid Id, string Name)>> StreetsAsync(CancellationToken ct) => await CommunityDirectory.StreetsAsync(db, await user.GetScopeAsync(ct), ct);

    /// <summary>Visits whose committee lies in the caller's scope, or whose officer the caller is.</summary>
    private async Task<IQueryable<CommunityVisit>> SeenAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        IQueryable<CommunityVisit> q = db.CommunityVisits.AsNoTracking();
        if (scope.DistrictWide)
        {
            return q;
        }
        Guid? me = await CommunityDirectory.MyPersonAsync(db, user, ct);
        IQueryable<Unit> units = db.Units.InScope(scope);
        return q.Where(v => units.Any(u => u.Id == v.CommitteeId) || (me != null && v.OfficerId == me));
    }

    /// <summary>A committee the caller may log a visit to: in their scope, or one they are the active liaison or deputy of.</summary>
    private async Task<CommitteeRef?> CommitteeForLoggingAsync(Guid committeeId, Guid? me, CancellationToken ct)
    {
        CommitteeRef? committee = await CommunityDirectory.FindAsync(db, committeeId, ct);
        if (committee is null)
        {
            return null;
        }
        bool mine = me is not null && await db.LiaisonAssignments.AnyAsync(a => a.CommitteeId == committeeId && a.PersonId == me && a.ValidTo == null, ct);
        return mine || await CommunityDirectory.InScopeAsync(db, await user.GetScopeAsync(ct), committeeId, ct) ? committee : null;
    }

    /// <summary>Null when the caller may turn problems, give feedback and add photos: the visit's officer, or a manager or squad leader.</summary>
    private async Task<string?> MayWorkOnAsync(CommunityVisit visit, CancellationToken ct)
    {
        if (CommunityRoles.LogsForOthers(user.Principal))
        {
            return null;
        }
        return CommunityRoles.Logs(user.Principal) && await CommunityDirectory.MyPersonAsync(db, user, ct) == visit.OfficerId
            ? null : "只有走访人员本人或其领导可以处理该走访";
    }

    /// <summary>
    /// Where a committee's problem is: the officer's point when given, else the centre of the committee's first grid, so that
    /// the case is routed to the committee's grid, street and responsible unit.
    /// </summary>
    private async Task<(double Lon, double Lat)?> CommitteePointAsync(Guid committeeId, CancellationToken ct)
    {
        var grid = await db.Grids.AsNoTracking().Where(g => g.CommunityId == committeeId).OrderBy(g => g.Code)
            .Select(g => new { g.CentroidLon, g.CentroidLat }).FirstOrDefaultAsync(ct);
        return grid is null ? null : (grid.CentroidLon, grid.CentroidLat);
    }

    private static CaseInput CaseInputOf(VisitProblemRequest p, CommitteeRef committee, (double Lon, double Lat)? committeePoint)
    {
        (double? lon, double? lat) = p.Lon is not null || p.Lat is not null ? (p.Lon, p.Lat) : (committeePoint?.Lon, committeePoint?.Lat);
        return new CaseInput(CaseChannel.ResidentsCommittee, null, null, null, null, null, p.Description.Trim(),
            Blank(p.Address) ?? $"{committee.StreetName}{committee.Name}辖区", lon, lat, null, committee.Name, null, ["一人一居"]);
    }

    private async Task<List<VisitRow>> RowsAsync(List<CommunityVisit> visits, CancellationToken ct)
    {
        Dictionary<Guid, LinkedCaseState> states = await cases.LinkedStatesAsync([.. visits.SelectMany(v => v.Problems).Where(p => p.CaseId != null).Select(p => p.CaseId!.Value)], ct);
        Dictionary<Guid, (string Name, string? Badge)> officers = await CommunityDirectory.PeopleAsync(db, visits.Select(v => v.OfficerId), ct);
        Guid[] committeeIds = [.. visits.Select(v => v.CommitteeId).Distinct()];
        Dictionary<Guid, CommitteeRef> committees = await db.Units.AsNoTracking().Where(u => committeeIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new CommitteeRef(u.Id, u.Code, u.Name, u.ParentId ?? Guid.Empty, u.Parent != null ? u.Parent.Name : ""), ct);
        return [.. visits.Select(v => Row(v, committees[v.CommitteeId], officers.GetValueOrDefault(v.OfficerId).Name ?? "", states))];
    }

    private static VisitRow Row(CommunityVisit v, CommitteeRef committee, string officer, Dictionary<Guid, LinkedCaseState> states) =>
        new(v.Id, v.Kind, v.Date, committee, v.OfficerId, officer, v.Topics, v.Problems.Count, v.Problems.Count(p => p.CaseId != null),
            CommunityRules.LoopClosed(v.Problems.Select(p => (p.CaseId != null, p.CaseId is { } id && states.TryGetValue(id, out LinkedCaseState? s) && s.Answered))),
            v.FeedbackOn);

    private async Task<VisitDetail> DetailAsync(CommunityVisit v, CancellationToken ct)
    {
        VisitRow row = (await RowsAsync([v], ct))[0];
        Dictionary<Guid, LinkedCaseState> states = await cases.LinkedStatesAsync([.. v.Problems.Where(p => p.CaseId != null).Select(p => p.CaseId!.Value)], ct);
        List<EvidenceDto> photos = await attachments.ListForAsync(SubjectType, v.Id, NoVisit, ct) is Outcome<List<EvidenceDto>>.Done { Value: var list } ? list : [];
        return new VisitDetail(row, v.Attendees, v.Feedback, v.FeedbackBy, v.RecordedBy, v.RecordedAt,
            [.. v.Problems.OrderBy(p => p.Seq).Select(p =>
            {
                LinkedCaseState? s = p.CaseId is { } id ? states.GetValueOrDefault(id) : null;
                return new VisitProblemDto(p.Id, p.Seq, p.Description, p.Address, p.CaseId, p.CaseNumber, s?.State, s?.Answered ?? false);
            })],
            photos);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
