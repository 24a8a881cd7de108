using System.Text.Json;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Grids.Spatial;
using Chengguan.Infrastructure;
using Chengguan.Infrastructure.Workflow;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

/// <summary>
/// Cases on the shared workflow engine (<see cref="WorkflowApplier{TSubject, TState, TAction, TInput}"/>):
/// <see cref="CaseWorkflow"/> is the table; here are each action's own rules and changes, which
/// clock a row's clock name is, the timeline's <see cref="CaseEvent"/> rows and, for hotline
/// cases, what goes back to the platform. The caller saves once.
/// </summary>
public sealed class CaseTransitions(AppDbContext db, ClockService clocks, TimeProvider time, IConfiguration config)
    : WorkflowApplier<Case, CaseState, CaseAction, CaseActionInput>(db, clocks, time)
{
    private static readonly JsonSerializerOptions s_json = WorkflowJson.Options;

    protected override string ClockSubjectType => CaseIntake.SubjectType;
    protected override string Noun => "案件";
    protected override bool ClocksFollowUnit => true;

    protected override IWorkflowTransition<CaseState, CaseAction>? Find(Case c, CaseAction action) => CaseWorkflow.Find(c.Route, c.State, action);
    protected override CaseState StateOf(Case c) => c.State;
    protected override string StateName(CaseState state) => CaseLabels.State(state);
    protected override string ActionName(CaseAction action) => CaseLabels.Action(action);
    protected override string FieldName(CaseAction action, string field) => CaseLabels.Field(action, field);
    protected override void SetState(Case c, CaseState state) => c.State = state;
    protected override CaseState? PreviousStateOf(Case c) => c.StateBeforeSuspension;
    protected override bool Has(CaseActionInput input, string field) => input.Has(field);
    protected override string? ReasonOf(CaseActionInput input) => CaseActionInput.Text(input.Reason);

    protected override string? NoteOf(CaseActionInput input) =>
        CaseActionInput.Text(input.Reason) ?? CaseActionInput.Text(input.Result) ?? CaseActionInput.Text(input.Reply) ?? CaseActionInput.Text(input.Note);

    protected override Guid? UnitOf(Case c) => c.UnitId;

    protected override Task<Clock> StartClockAsync(Case c, string policy, string? actor, CancellationToken ct) =>
        Clocks.StartAsync(CaseIntake.SubjectType, c.Id, policy, c.UnitId, actor, ct);

    protected override string? PolicyOf(WorkflowMove<Case, CaseState, CaseAction, CaseActionInput> move, string clock) => clock switch
    {
        CaseClocks.Accept => ClockPolicies.HotlineAccept,
        CaseClocks.OnSite => ClockPolicies.HotlineOnSite,
        CaseClocks.Preliminary => ClockPolicies.HotlinePreliminary,
        CaseClocks.Handling => move.Subject.HandlingPolicy,
        CaseClocks.Disposal => move.Subject.DisposalPolicy,
        _ => null,
    };

    /// <summary>
    /// A clock the move cancelled while it ran, or started afresh, is named on the timeline line with the
    /// move's reason, so that no running clock ends silently.
    /// </summary>
    protected override string? TimelineNote(WorkflowMove<Case, CaseState, CaseAction, CaseActionInput> move)
    {
        string? Names(ClockOp op) => move.ClockChanges.Where(x => x.Op == op).Select(x => x.Clock.Policy?.Name ?? x.Clock.Kind).ToList() is { Count: > 0 } names
            ? string.Join("、", names) : null;
        List<string> lines = [];
        if (move.Note is { } note)
        {
            lines.Add(note);
        }
        if (Names(ClockOp.Cancel) is { } cancelled)
        {
            lines.Add($"已取消计时：{cancelled}（{move.Transition.Timeline}{(move.ClockReason is { } why ? "：" + why : "")}）");
        }
        if (Names(ClockOp.Start) is { } restarted)
        {
            lines.Add($"重新计时：{restarted}（{move.Transition.Timeline}）");
        }
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    // An urge's line has never carried data.
    protected override object? TimelineData(WorkflowMove<Case, CaseState, CaseAction, CaseActionInput> move) => move.Action == CaseAction.Urge ? null : move.Data;

    protected override void AddEvent(Case c, TimelineLine<CaseState> line) => Db.CaseEvents.Add(new CaseEvent
    {
        CaseId = line.SubjectId, Seq = line.Seq, Action = line.Action, Label = line.Label, FromState = line.From, ToState = line.To, At = line.At,
        ActorId = line.ActorId, ActorName = line.ActorName, Note = line.Note, DataJson = line.DataJson,
    });

    /// <summary>Each action's own rules, checked before anything moves, and its changes to the case.</summary>
    protected override async Task<Outcome<Case>?> BeforeAsync(WorkflowMove<Case, CaseState, CaseAction, CaseActionInput> move, CancellationToken ct)
    {
        (Case c, CaseAction action, CaseActionInput input, Dictionary<string, object?> data) = (move.Subject, move.Action, move.Input, move.Data);
        switch (action)
        {
            case CaseAction.Dispatch or CaseAction.Reassign:
                if (input.UnitId is not { } unitId || !await Db.Units.AnyAsync(u => u.Id == unitId && u.Active, ct))
                {
                    return Invalid("unitId", "承办单位不存在或已停用");
                }
                c.UnitId = unitId;
                data["unitId"] = unitId;
                break;
            case CaseAction.File:
                string category = CaseActionInput.Text(input.CategoryCode)!;
                string condition = CaseActionInput.Text(input.ConditionCode) ?? "01";
                CategoryCondition? found = await Categories.FindAsync(Db, category, condition, ct);
                if (found is null)
                {
                    return Invalid("categoryCode", "案件类别或立案条件不在现行事部件字典中");
                }
                (c.CategoryCode, c.ConditionCode) = (category, condition);
                c.DisposalPolicy = Categories.DisposalPolicyCode(found.LimitAmount, found.LimitKind);
                await Categories.EnsureDisposalPoliciesAsync(Db, [found], move.Now, ct);
                data["category"] = $"{found.SmallName}：{found.Condition}（{found.LimitAmount} {found.LimitKind}）";
                break;
            case CaseAction.CheckIn:
                return await CheckInAsync(move, ct);
            case CaseAction.Callback or CaseAction.Rehandle:
                if (input.Satisfaction is not { } s || (s == Satisfaction.Dissatisfied) != (action == CaseAction.Rehandle))
                {
                    return Invalid("satisfaction", action == CaseAction.Rehandle ? "重办须为不满意（Dissatisfied）" : "满意度须为 Satisfied 或 BasicallySatisfied（不满意请走重办）");
                }
                c.Satisfaction = s;
                c.Resolved = input.Resolved ?? c.Resolved;
                data["satisfaction"] = s;
                data["resolved"] = c.Resolved;
                break;
            case CaseAction.RequestExtension:
                if (c.ExtensionRequested is not null)
                {
                    return Conflict(move.From, action, "已有待审批的延期申请");
                }
                if (input.Amount is not (>= 1 and <= 100))
                {
                    return Invalid("amount", "延期数值须为 1–100（按时限的单位计）");
                }
                c.ExtensionRequested = input.Amount;
                data["amount"] = c.ExtensionRequested;
                break;
            case CaseAction.ApproveExtension or CaseAction.RejectExtension:
                if (c.ExtensionRequested is not { } requested)
                {
                    return Conflict(move.From, action, "没有待审批的延期申请");
                }
                move.Extension = action == CaseAction.ApproveExtension ? requested : 0;
                data["amount"] = requested;
                c.ExtensionRequested = null;
                break;
            case CaseAction.Suspend:
                c.StateBeforeSuspension = c.State;
                break;
            case CaseAction.Return when CaseActionInput.Text(input.Department) is { } department:
                // Optional: a unit may return an order for another unit of the bureau; when it names the district
                // department that answers for it instead, the code must be one of the dictionary's active ones.
                if (await Db.CaseDepartments.AsNoTracking().FirstOrDefaultAsync(d => d.Code == department && d.Active, ct) is not { } named)
                {
                    return Invalid("department", "责任部门不在部门字典中或已停用");
                }
                (c.DepartmentCode, c.DepartmentAt) = (named.Code, move.Now);
                data["department"] = named.Code;
                data["departmentName"] = named.Name;
                break;
            case CaseAction.Supervise:
                if (input.Deadline is not { } deadline || deadline <= move.Now)
                {
                    return Invalid("deadline", "督办期限须为将来的时间（ISO 8601）");
                }
                c.Supervised = true;
                c.SuperviseDeadline = deadline.ToUniversalTime();
                data["deadline"] = c.SuperviseDeadline;
                break;
            case CaseAction.Merge:
                if (input.ParentId is not { } parentId || parentId == c.Id
                    || await Db.Cases.AsNoTracking().FirstOrDefaultAsync(p => p.Id == parentId, ct) is not { } parent
                    || parent.ParentId is not null || !CaseWorkflow.IsOpen(parent.Route, parent.State))
                {
                    return Invalid("parentId", "主案件不存在、已办结或本身已被合并");
                }
                c.ParentId = parentId;
                data["parent"] = parent.Number;
                break;
            case CaseAction.Evaluate:
                if (input.Rating is not (>= 1 and <= 5))
                {
                    return Invalid("rating", "评价须为 1–5 分");
                }
                c.Rating = input.Rating;
                break;
            case CaseAction.Reply:
                if (NeedsApproval(c) && !CaseWorkflow.ReplyApprovers.Any(move.IsInRole))
                {
                    return Conflict(move.From, action, $"该工单的答复须经领导审批：请使用“{CaseLabels.Action(CaseAction.SubmitReply)}”");
                }
                data["checklist"] = input.Checklist;
                break;
            case CaseAction.SubmitReply:
                c.PendingReply = JsonSerializer.Serialize(new { reply = CaseActionInput.Text(input.Reply), checklist = input.Checklist }, s_json);
                c.PendingReplyBy = move.ActorName;
                data["checklist"] = input.Checklist;
                break;
            case CaseAction.ApproveReply or CaseAction.RejectReply:
                if (c.PendingReply is not { } pending)
                {
                    return Conflict(move.From, action, "没有待审批的答复");
                }
                if (action == CaseAction.ApproveReply)
                {
                    using JsonDocument doc = JsonDocument.Parse(pending);
                    move.Note = doc.RootElement.GetProperty("reply").GetString();
                    data["reply"] = JsonSerializer.Deserialize<object>(pending);
                    data["writtenBy"] = c.PendingReplyBy;
                }
                (c.PendingReply, c.PendingReplyBy) = (null, null);
                break;
            case CaseAction.Urge:
                c.UrgeCount++;
                break;
        }
        return null;
    }

    private async Task<Outcome<Case>?> CheckInAsync(WorkflowMove<Case, CaseState, CaseAction, CaseActionInput> move, CancellationToken ct)
    {
        (Case c, CaseActionInput input, Dictionary<string, object?> data) = (move.Subject, move.Input, move.Data);
        if (Point(input.Location) is not { } at)
        {
            return Invalid("location", "签到位置须含 lon、lat（可选 crs：wgs84、gcj02、bd09）");
        }
        data["location"] = new { lon = at.Lon, lat = at.Lat };
        // Check-in photos are evidence already uploaded to this case.
        List<Guid> photos = [.. (input.Photos ?? []).Take(50)];
        int uploaded = await Db.Evidence.CountAsync(e => photos.Contains(e.Id) && e.SubjectType == CaseIntake.SubjectType && e.SubjectId == c.Id
            && e.Kind == Evidence.EvidenceKind.Photo, ct);
        if (photos.Count == 0 || uploaded != photos.Distinct().Count() || photos.Contains(Guid.Empty))
        {
            return Invalid("photos", "到场照片须为已上传到本案件的照片编号");
        }
        data["photos"] = photos;
        if (c.Lon is { } lon && c.Lat is { } lat)
        {
            double distance = GeoMeasure.DistanceMeters(lon, lat, at.Lon, at.Lat);
            double radius = config.GetValue("Cases:CheckInRadiusMeters", 200.0);
            data["distanceMeters"] = Math.Round(distance, 1);
            // Far from the case point is recorded and flagged, never silently accepted.
            data["flagged"] = distance > radius;
            if (distance > radius)
            {
                move.Note = $"签到位置距案件地点 {distance:F0} 米，超出 {radius:F0} 米范围";
            }
        }
        return null;
    }

    /// <summary>{ lon, lat, crs? } converted to WGS 84; null when out of range or in an unknown system.</summary>
    private static (double Lon, double Lat)? Point(CheckInLocation? location)
    {
        if (location is not { Lon: { } lon, Lat: { } lat } || lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            return null;
        }
        Crs crs = Crs.Wgs84;
        if (location.Crs is not null && !ChinaCoordinates.TryParseCrs(location.Crs, out crs))
        {
            return null;
        }
        return ChinaCoordinates.ToWgs84(lon, lat, crs);
    }

    /// <summary>The case's counters and dates after the move, then what the hotline platform and merged duplicates hear.</summary>
    protected override async Task AfterAsync(WorkflowMove<Case, CaseState, CaseAction, CaseActionInput> move, CancellationToken ct)
    {
        (Case c, CaseAction action, DateTimeOffset now, string? note) = (move.Subject, move.Action, move.Now, move.Note);
        if (action == CaseAction.Resume)
        {
            c.StateBeforeSuspension = null;
        }
        if (action is CaseAction.Rework or CaseAction.Rehandle)
        {
            c.ReworkCount++;
        }
        if (action == CaseAction.ReplyReturned)
        {
            c.ReplyReturnedCount++;
        }
        c.ClosedAt = c.State == CaseState.Closed ? now : c.State == CaseState.Evaluated ? c.ClosedAt : null;
        if (action == CaseAction.Urge)
        {
            Db.EnqueueOutbox("case.urged", new { caseId = c.Id, caseNumber = c.Number, unitId = c.UnitId, count = c.UrgeCount, reason = move.Note }, now);
        }
        if (c.Route == CaseRoute.Hotline && action is CaseAction.Reply or CaseAction.ApproveReply or CaseAction.Return or CaseAction.RecordPreliminary or CaseAction.Handle or CaseAction.Accept)
        {
            QueueForPlatform(c, action == CaseAction.ApproveReply ? CaseAction.Reply : action, note, now);
        }
        if (action is CaseAction.Reply or CaseAction.ApproveReply or CaseAction.Close or CaseAction.Callback or CaseAction.FeedBack)
        {
            // Merged duplicates follow their parent: each channel hears the parent's result.
            foreach (Case child in await Db.Cases.Where(x => x.ParentId == c.Id).ToListAsync(ct))
            {
                Append(child, "ParentResult", "主案件结果", child.State, child.State, now, move.ActorId, move.ActorName, $"主案件 {c.Number}（{move.Transition.Timeline}）：{note}", null);
                if (child.Route == CaseRoute.Hotline)
                {
                    QueueForPlatform(child, action, $"已并入 {c.Number} 办理：{note}", now);
                }
            }
        }
    }

    /// <summary>
    /// 催办 from the hotline platform: the table's Urge row (any open state, the state stays), saved
    /// here. A closed or withdrawn order and a concurrent move answer 409 in the platform's words.
    /// </summary>
    public async Task<Outcome<Case>> UrgeAsync(Case c, string? reason, Func<string, bool> isInRole, string? actorId, string? actorName, CancellationToken ct)
    {
        CaseState before = c.State;
        Outcome<Case> outcome = await ApplyAsync(c, CaseAction.Urge, new CaseActionInput(Reason: reason), isInRole, actorId, actorName, ct);
        if (outcome is Outcome<Case>.Conflict)
        {
            return Conflict(before, CaseAction.Urge, "工单已办结或已撤销，不能催办");
        }
        if (outcome is not Outcome<Case>.Done)
        {
            return outcome;
        }
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return Conflict(before, CaseAction.Urge, "工单正被他人处理，请重试");
        }
        return outcome;
    }

    /// <summary>Which hotline replies need a leader's approval: by request type, `Hotline:ReplyApprovalFor` (default complaints and reports).</summary>
    private bool NeedsApproval(Case c)
    {
        string types = config["Hotline:ReplyApprovalFor"] ?? "Complaint,Report";
        return c.RequestType is { } t && types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(t.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Replies, results and returns go back to the hotline platform through the outbox (webhook topic "hotline.*").
    /// The channel is the platform's own text ("12345", "12319"), as in its order, its receipt and the urge path, so the
    /// platform finds its order by the pair it sent; action and state are enum names, as everywhere in the API.
    /// </summary>
    private void QueueForPlatform(Case c, CaseAction action, string? text, DateTimeOffset now) =>
        Db.EnqueueOutbox("hotline." + action.ToString().ToLowerInvariant(), new
        {
            channel = HotlineChannelText.Of(c.Channel), orderNumber = c.ExternalNumber, caseNumber = c.Number, action = action.ToString(), state = c.State.ToString(), text, at = now,
        }, now, s_json);
}
