using Chengguan.Data;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Training;

/// <summary>
/// Training's front door for courses, sessions, attendance and the yearly requirement, for the API and the console alike.
/// Courses and sessions are the bureau's calendar, open to all staff; the attendance a caller sees and records is that of the
/// people in their scope (Organisation's <see cref="People"/> door), so a street team reads and ticks its own officers only.
/// </summary>
public sealed class TrainingDesk(AppDbContext db, TrainingScope scope, TimeProvider time)
{
    private const string ManagersOnly = "只有局领导、科室负责人或管理员可以管理培训课程、班次和学时要求";
    private const string RecordersOnly = "只有培训管理人员或中队长可以登记出勤";
    private const string NoSession = "培训班次不存在";

    public async Task<List<CourseDto>> CoursesAsync(CancellationToken ct) =>
        await db.TrainingCourses.AsNoTracking().OrderBy(c => c.Category).ThenBy(c => c.Title)
            .Select(c => new CourseDto(c.Id, c.Title, c.Category, c.DefaultHours, c.PassMark)).ToListAsync(ct);

    public async Task<Outcome<CourseDto>> AddCourseAsync(CourseRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (req.DefaultHours is { } h && !TrainingRules.HalfHours(h, 40))
        {
            errors.Add("defaultHours", "学时须以 0.5 学时为单位");
        }
        if (errors.Any)
        {
            return new Outcome<CourseDto>.Invalid(errors);
        }
        if (!scope.Is(TrainingRoles.Managers))
        {
            return new Outcome<CourseDto>.Forbidden(ManagersOnly);
        }
        var course = new TrainingCourse
        {
            Title = req.Title!.Trim(), Category = req.Category!.Value, DefaultHours = req.DefaultHours!.Value, PassMark = req.PassMark ?? 60,
            CreatedAt = time.GetUtcNow(), CreatedBy = await scope.MyNameAsync(ct),
        };
        db.TrainingCourses.Add(course);
        await db.SaveChangesAsync(ct);
        return new CourseDto(course.Id, course.Title, course.Category, course.DefaultHours, course.PassMark);
    }

    /// <summary>Sessions starting on the given Shanghai days (both ends included), newest first.</summary>
    public async Task<List<SessionRow>> SessionsAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        IQueryable<TrainingSession> q = db.TrainingSessions.AsNoTracking();
        if (from is { } f)
        {
            DateTimeOffset start = ShanghaiTime.StartOf(f);
            q = q.Where(s => s.StartsAt >= start);
        }
        if (to is { } t)
        {
            DateTimeOffset end = ShanghaiTime.StartOf(t.AddDays(1));
            q = q.Where(s => s.StartsAt < end);
        }
        return await RowsAsync(q.OrderByDescending(s => s.StartsAt).Take(500), ct);
    }

    private async Task<List<SessionRow>> RowsAsync(IQueryable<TrainingSession> sessions, CancellationToken ct)
    {
        var rows = await sessions.Join(db.TrainingCourses, s => s.CourseId, c => c.Id, (s, c) => new
        {
            s.Id, s.CourseId, c.Title, c.Category, s.StartsAt, s.Place, s.Trainer, s.Hours, s.Capacity, s.OrganiserUnitId,
            Enrolled = db.TrainingAttendance.Count(a => a.SessionId == s.Id),
            Attended = db.TrainingAttendance.Count(a => a.SessionId == s.Id && a.Attended),
        }).ToListAsync(ct);
        Dictionary<Guid, string> units = await scope.UnitNamesAsync(rows.Select(r => r.OrganiserUnitId), ct);
        return [.. rows.OrderByDescending(r => r.StartsAt).Select(r => new SessionRow(r.Id, r.CourseId, r.Title, r.Category, r.StartsAt, r.Place, r.Trainer, r.Hours,
            r.Capacity, r.OrganiserUnitId, units.GetValueOrDefault(r.OrganiserUnitId, ""), r.Enrolled, r.Attended))];
    }

    public async Task<Outcome<SessionDetail>> AddSessionAsync(SessionRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (req.Hours is { } h && !TrainingRules.HalfHours(h, 40))
        {
            errors.Add("hours", "学时须以 0.5 学时为单位");
        }
        if (errors.Any)
        {
            return new Outcome<SessionDetail>.Invalid(errors);
        }
        if (!scope.Is(TrainingRoles.Managers))
        {
            return new Outcome<SessionDetail>.Forbidden(ManagersOnly);
        }
        TrainingCourse? course = await db.TrainingCourses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == req.CourseId, ct);
        if (course is null)
        {
            errors.Add("courseId", "课程不存在");
        }
        if (!(await scope.UnitsAsync(ct)).Contains(req.OrganiserUnitId!.Value))
        {
            errors.Add("organiserUnitId", "主办单位不存在或已停用");
        }
        if (errors.Any)
        {
            return new Outcome<SessionDetail>.Invalid(errors);
        }
        var session = new TrainingSession
        {
            CourseId = course!.Id, StartsAt = req.StartsAt!.Value.ToUniversalTime(), Place = req.Place!.Trim(), Trainer = req.Trainer!.Trim(),
            Hours = req.Hours ?? course.DefaultHours, Capacity = req.Capacity!.Value, OrganiserUnitId = req.OrganiserUnitId!.Value,
            CreatedAt = time.GetUtcNow(), CreatedBy = await scope.MyNameAsync(ct),
        };
        db.TrainingSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return await SessionAsync(session.Id, ct);
    }

    public async Task<Outcome<SessionDetail>> SessionAsync(Guid id, CancellationToken ct)
    {
        SessionRow? row = (await RowsAsync(db.TrainingSessions.AsNoTracking().Where(s => s.Id == id), ct)).FirstOrDefault();
        if (row is null)
        {
            return new Outcome<SessionDetail>.NotFound(NoSession);
        }
        int passMark = await db.TrainingCourses.Where(c => c.Id == row.CourseId).Select(c => c.PassMark).FirstAsync(ct);
        Dictionary<Guid, PersonDto> roster = await scope.RosterAsync(ct);
        List<TrainingAttendance> all = await db.TrainingAttendance.AsNoTracking().Where(a => a.SessionId == id).ToListAsync(ct);
        List<AttendanceRow> rows = [.. all.Where(a => roster.ContainsKey(a.PersonId)).Select(a => (a, p: roster[a.PersonId]))
            .OrderBy(x => x.p.UnitName, StringComparer.Ordinal).ThenBy(x => x.p.Name, StringComparer.Ordinal)
            .Select(x => new AttendanceRow(x.p.Id, x.p.Name, x.p.UnitId, x.p.UnitName ?? "", x.a.Attended, x.a.Hours, x.a.Score, x.a.Passed, x.a.RecordedAt, x.a.RecordedBy))];
        return new SessionDetail(row, passMark, rows, scope.Is(TrainingRoles.Recorders));
    }

    /// <summary>
    /// Records (or corrects) the attendance of people of the caller's scope at a session: present or absent, hours credited
    /// (the session's by default, never more), test score and passed (from the course's pass mark unless told). All or nothing.
    /// </summary>
    public async Task<Outcome<SessionDetail>> RecordAsync(Guid id, AttendanceRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (req.Entries is null)
        {
            return new Outcome<SessionDetail>.Invalid(errors);
        }
        TrainingSession? session = await db.TrainingSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null)
        {
            return new Outcome<SessionDetail>.NotFound(NoSession);
        }
        if (!scope.Is(TrainingRoles.Recorders))
        {
            return new Outcome<SessionDetail>.Forbidden(RecordersOnly);
        }
        int passMark = await db.TrainingCourses.Where(c => c.Id == session.CourseId).Select(c => c.PassMark).FirstAsync(ct);
        Dictionary<Guid, PersonDto> roster = await scope.RosterAsync(ct);
        bool begun = ShanghaiTime.DateOf(session.StartsAt) <= ShanghaiTime.Today(time);
        var seen = new HashSet<Guid>();
        AttendanceEntry[] entries = req.Entries!;
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i] is not { PersonId: { } person } e)
            {
                continue;
            }
            if (!roster.ContainsKey(person))
            {
                errors.Add($"entries[{i}].personId", "人员不存在或不在本人管辖范围内");
            }
            else if (!seen.Add(person))
            {
                errors.Add($"entries[{i}].personId", "同一人员重复登记");
            }
            if (e.Attended && !begun)
            {
                errors.Add($"entries[{i}].attended", "培训尚未开始，不能登记出勤");
            }
            if (e.Attended && e.Hours is { } h && (h > session.Hours || h > 0 && !TrainingRules.HalfHours(h, session.Hours)))
            {
                errors.Add($"entries[{i}].hours", $"认定学时须以 0.5 学时为单位，且不超过本班次的 {session.Hours} 学时");
            }
            if (!e.Attended && (e.Hours is > 0 || e.Score is not null || e.Passed is not null))
            {
                errors.Add($"entries[{i}].attended", "缺席人员不能认定学时或登记成绩");
            }
        }
        if (errors.Any)
        {
            return new Outcome<SessionDetail>.Invalid(errors);
        }
        Dictionary<Guid, TrainingAttendance> existing = await db.TrainingAttendance.Where(a => a.SessionId == id).ToDictionaryAsync(a => a.PersonId, ct);
        int after = existing.Count + seen.Count(p => !existing.ContainsKey(p));
        if (after > session.Capacity)
        {
            return new Outcome<SessionDetail>.Invalid(new FieldErrors().Add("entries", $"超出本班次容纳人数（{session.Capacity} 人）"));
        }
        DateTimeOffset now = time.GetUtcNow();
        string me = await scope.MyNameAsync(ct);
        foreach (AttendanceEntry e in entries)
        {
            if (!existing.TryGetValue(e.PersonId!.Value, out TrainingAttendance? a))
            {
                a = new TrainingAttendance { SessionId = id, PersonId = e.PersonId.Value };
                db.TrainingAttendance.Add(a);
            }
            a.Attended = e.Attended;
            a.Hours = e.Attended ? e.Hours ?? session.Hours : 0;
            a.Score = e.Score;
            a.Passed = e.Attended ? TrainingRules.Passed(e.Passed, e.Score, passMark) : null;
            (a.RecordedAt, a.RecordedBy) = (now, me);
        }
        await db.SaveChangesAsync(ct);
        return await SessionAsync(id, ct);
    }

    public async Task<List<RequirementDto>> RequirementsAsync(CancellationToken ct) =>
        await db.TrainingRequirements.AsNoTracking().OrderByDescending(r => r.EffectiveFrom)
            .Select(r => new RequirementDto(r.Id, r.EffectiveFrom, r.Hours, r.Note, r.SetAt, r.SetBy)).ToListAsync(ct);

    /// <summary>A new version of the yearly requirement from a date on; earlier versions stay for the years they governed.</summary>
    public async Task<Outcome<RequirementDto>> SetRequirementAsync(RequirementRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (req.Hours is { } h && h > 0 && !TrainingRules.HalfHours(h, 400))
        {
            errors.Add("hours", "学时须以 0.5 学时为单位");
        }
        if (errors.Any)
        {
            return new Outcome<RequirementDto>.Invalid(errors);
        }
        if (!scope.Is(TrainingRoles.Managers))
        {
            return new Outcome<RequirementDto>.Forbidden(ManagersOnly);
        }
        DateOnly from = req.EffectiveFrom!.Value;
        if (await db.TrainingRequirements.AnyAsync(r => r.EffectiveFrom == from, ct))
        {
            return new Outcome<RequirementDto>.Conflict($"{from:yyyy-MM-dd} 起生效的学时要求已存在");
        }
        var r = new TrainingRequirement { EffectiveFrom = from, Hours = req.Hours!.Value, Note = string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim(),
            SetAt = time.GetUtcNow(), SetBy = await scope.MyNameAsync(ct) };
        db.TrainingRequirements.Add(r);
        await db.SaveChangesAsync(ct);
        return new RequirementDto(r.Id, r.EffectiveFrom, r.Hours, r.Note, r.SetAt, r.SetBy);
    }
}
