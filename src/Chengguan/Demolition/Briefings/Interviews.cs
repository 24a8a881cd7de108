using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition.Briefings;

/// <summary>
/// The one way into interviews (约谈) with lagging streets, for the API and the console alike: propose, record (with
/// commitments on natural-day clocks that warn and breach into the street team's inbox), dismiss, and mark commitments
/// done. Each method validates its input (<see cref="RequestValidation"/>, commitment rows included, and the interviews'
/// rules) and answers with an <see cref="Outcome{T}"/>.
/// </summary>
public sealed class Interviews(AppDbContext db, DemolitionProcedure procedure, ClockService clocks, CurrentUser user, TimeProvider time)
{
    /// <summary>The subject type of a commitment's clock and of its notifications' links.</summary>
    public const string CommitmentSubject = "commitment";

    private const string IssuersOnly = "只有局领导、科长可以安排和记录约谈";

    private IQueryable<Interview> InScope(IQueryable<Interview> q, DataScope s) =>
        s.DistrictWide ? q : q.Where(i => db.Units.Any(u => u.Id == i.StreetId && u.Path.StartsWith(s.RootPath!)));

    /// <summary>The latest interviews of streets in the user's scope (in one state if named), newest first.</summary>
    public async Task<List<InterviewDto>> ListAsync(InterviewState? state, CancellationToken ct)
    {
        IQueryable<Interview> q = InScope(db.Interviews.AsNoTracking(), await user.GetScopeAsync(ct));
        q = state is { } s ? q.Where(i => i.State == s) : q;
        List<Interview> rows = await q.Include(i => i.Commitments).OrderByDescending(i => i.ProposedAt).Take(200).ToListAsync(ct);
        var result = new List<InterviewDto>();
        foreach (Interview i in rows)
        {
            result.Add(await DtoAsync(i, ct));
        }
        return result;
    }

    public async Task<Outcome<InterviewDto>> GetAsync(Guid id, CancellationToken ct) =>
        await InScope(db.Interviews.AsNoTracking().Include(i => i.Commitments), await user.GetScopeAsync(ct)).FirstOrDefaultAsync(i => i.Id == id, ct) is { } i
            ? await DtoAsync(i, ct)
            : new Outcome<InterviewDto>.NotFound("约谈不存在");

    /// <summary>Proposes an interview with a street by hand (briefings propose theirs by the interview rule).</summary>
    public async Task<Outcome<InterviewDto>> ProposeAsync(InterviewInput input, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<InterviewDto>.Invalid(invalid);
        }
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<InterviewDto>.Forbidden(IssuersOnly);
        }
        if (!await db.Units.AnyAsync(u => u.Id == input.StreetId && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town), ct))
        {
            return new Outcome<InterviewDto>.Invalid(new FieldErrors().Add("streetId", "不是街道或镇"));
        }
        var interview = new Interview { StreetId = input.StreetId!.Value, State = InterviewState.Proposed, Reason = input.Reason!.Trim(), ProposedAt = time.GetUtcNow() };
        db.Interviews.Add(interview);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(interview, ct);
    }

    /// <summary>Records a proposed interview as held: date, participants, summary, and commitments each with its own clock.</summary>
    public async Task<Outcome<InterviewDto>> RecordAsync(Guid id, InterviewRecordInput input, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return new Outcome<InterviewDto>.Invalid(errors);
        }
        DateTimeOffset now = time.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now);
        if (input.HeldOn > today)
        {
            errors.Add("heldOn", "约谈日期不能晚于今天");
        }
        for (int i = 0; i < input.Commitments!.Length; i++)
        {
            if (input.Commitments[i].Deadline <= today)
            {
                errors.Add($"commitments[{i}].deadline", "完成期限须晚于今天");
            }
        }
        if (input.Participants!.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 50))
        {
            errors.Add("participants", "参加人员姓名须为 1–50 个字符");
        }
        if (errors.Any)
        {
            return new Outcome<InterviewDto>.Invalid(errors);
        }
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<InterviewDto>.Forbidden(IssuersOnly);
        }
        if (await db.Interviews.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } found)
        {
            return new Outcome<InterviewDto>.NotFound("约谈不存在");
        }
        if (found.State != InterviewState.Proposed)
        {
            return new Outcome<InterviewDto>.Conflict($"约谈当前状态为“{Ui.Labels.Text("Dm_IS_" + found.State)}”，不能记录", found.State.ToString(), "Record");
        }
        // Policies first: a missing one is committed on its own before anything else changes.
        var days = input.Commitments.Select(c => c.Deadline!.Value.DayNumber - today.DayNumber).Distinct().ToList();
        foreach (int d in days)
        {
            await procedure.EnsurePolicyAsync(CommitmentSubject, d, now, ct);
        }
        Interview interview = await db.Interviews.FirstAsync(i => i.Id == id, ct);
        Guid? team = await db.Units.Where(u => u.ParentId == interview.StreetId && u.Kind == UnitKind.StreetTeam).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        (interview.State, interview.HeldOn, interview.Participants, interview.Summary, interview.RecordedBy) =
            (InterviewState.Held, input.HeldOn, string.Join("、", input.Participants!.Select(p => p.Trim())), input.Summary?.Trim(), user.Name);
        foreach (CommitmentInput c in input.Commitments)
        {
            var commitment = new InterviewCommitment { InterviewId = id, Text = c.Text!.Trim(), Deadline = c.Deadline!.Value };
            db.InterviewCommitments.Add(commitment);
            await clocks.StartAsync(CommitmentSubject, commitment.Id, DemolitionClocks.PolicyCode(CommitmentSubject, c.Deadline.Value.DayNumber - today.DayNumber), team ?? interview.StreetId, user.Name, ct);
        }
        await db.SaveChangesAsync(ct);
        return await DtoAsync(await db.Interviews.AsNoTracking().Include(i => i.Commitments).FirstAsync(i => i.Id == id, ct), ct);
    }

    /// <summary>Dismisses a proposed interview, saying why.</summary>
    public async Task<Outcome<InterviewDto>> DismissAsync(Guid id, NoteInput input, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<InterviewDto>.Invalid(invalid);
        }
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<InterviewDto>.Forbidden(IssuersOnly);
        }
        if (await db.Interviews.Include(i => i.Commitments).FirstOrDefaultAsync(i => i.Id == id, ct) is not { } interview)
        {
            return new Outcome<InterviewDto>.NotFound("约谈不存在");
        }
        if (interview.State != InterviewState.Proposed)
        {
            return new Outcome<InterviewDto>.Conflict($"约谈当前状态为“{Ui.Labels.Text("Dm_IS_" + interview.State)}”，不能撤销", interview.State.ToString(), "Dismiss");
        }
        (interview.State, interview.Summary, interview.RecordedBy) = (InterviewState.Dismissed, input.Note!.Trim(), user.Name);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(interview, ct);
    }

    /// <summary>Marks a commitment of an interview in the user's scope done, stopping its clock.</summary>
    public async Task<Outcome<InterviewDto>> DoneAsync(Guid id, Guid commitmentId, NoteInput input, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<InterviewDto>.Invalid(invalid);
        }
        Interview? interview = await InScope(db.Interviews.Include(i => i.Commitments), await user.GetScopeAsync(ct)).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (interview?.Commitments.FirstOrDefault(c => c.Id == commitmentId) is not { } commitment)
        {
            return new Outcome<InterviewDto>.NotFound("整改承诺不存在");
        }
        if (commitment.DoneAt is not null)
        {
            return new Outcome<InterviewDto>.Conflict("该整改承诺已完成", "Done", "Done");
        }
        (commitment.DoneAt, commitment.DoneNote) = (time.GetUtcNow(), input.Note!.Trim());
        if (await db.Clocks.Include(k => k.Ledger).Include(k => k.Policy).FirstOrDefaultAsync(k => k.SubjectType == CommitmentSubject && k.SubjectId == commitmentId, ct) is { } clock)
        {
            await clocks.StopAsync(clock, user.Name, ct);
        }
        await db.SaveChangesAsync(ct);
        return await DtoAsync(interview, ct);
    }

    private async Task<InterviewDto> DtoAsync(Interview i, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        string street = await db.Units.Where(u => u.Id == i.StreetId).Select(u => u.Name).FirstAsync(ct);
        List<Guid> ids = [.. i.Commitments.Select(c => c.Id)];
        Dictionary<Guid, Clock> byCommitment = ids.Count == 0 ? []
            : await db.Clocks.AsNoTracking().Where(k => k.SubjectType == CommitmentSubject && ids.Contains(k.SubjectId)).ToDictionaryAsync(k => k.SubjectId, ct);
        return new InterviewDto(i.Id, i.StreetId, street, i.BasisKey, i.BriefingId, i.State, i.Reason, i.ProposedAt, i.HeldOn, i.Participants, i.Summary,
            [.. i.Commitments.OrderBy(c => c.Deadline).Select(c =>
            {
                Clock? k = byCommitment.GetValueOrDefault(c.Id);
                return new CommitmentDto(c.Id, c.Text, c.Deadline, c.DoneAt, c.DoneNote, k?.State, k?.DueAt, c.DoneAt is null && k?.DueAt <= now);
            })]);
    }
}
