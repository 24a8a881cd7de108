using System.Globalization;
using System.Text.Json;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Grids.Spatial;
using Chengguan.Infrastructure;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

public enum MoveOutcome
{
    Done,
    InvalidState,
    Forbidden,
    Invalid,
    Conflict,
}

public sealed record MoveResult(MoveOutcome Outcome, Case? Case = null, FieldErrors? Errors = null, string? Detail = null);

/// <summary>
/// Applies one action of <see cref="CaseWorkflow"/> to a loaded case: checks state and role, the
/// required fields and the action's own rules, moves the clocks, appends the timeline line and,
/// for hotline cases, queues what goes back to the platform. The caller saves once; a concurrent
/// move of the same case fails on the version token.
/// </summary>
public sealed class CaseTransitions(AppDbContext db, ClockService clocks, TimeProvider time, IConfiguration config)
{
    // Timeline data and messages stay readable in Chinese in the database and on the wire.
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerOptions.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<MoveResult> ApplyAsync(Case c, CaseAction action, JsonElement body, Func<string, bool> isInRole, string? actorId, string? actorName, CancellationToken ct)
    {
        TransitionVerdict verdict = CaseWorkflow.Check(c.Route, c.State, action, isInRole, out Transition? t);
        if (verdict == TransitionVerdict.InvalidState)
        {
            return new(MoveOutcome.InvalidState, c, Detail: $"案件当前状态为 {c.State}，不能执行 {action}");
        }
        if (verdict == TransitionVerdict.Forbidden)
        {
            return new(MoveOutcome.Forbidden, c, Detail: $"当前角色不能对该案件执行 {action}");
        }
        var fields = new Fields(body);
        var errors = new FieldErrors();
        foreach (string name in t!.RequiredFields)
        {
            if (!fields.Has(name))
            {
                errors.Add(name, $"执行 {action} 须提供 {name}");
            }
        }
        string? reason = fields.Text("reason");
        if (reason is { Length: > 1000 })
        {
            errors.Add("reason", "原因不能超过 1000 个字符");
        }
        if (errors.Any)
        {
            return new(MoveOutcome.Invalid, c, errors);
        }
        DateTimeOffset now = time.GetUtcNow();
        string? note = reason ?? fields.Text("result") ?? fields.Text("reply") ?? fields.Text("note");
        var data = new Dictionary<string, object?>();
        int extensionAmount = 0;
        switch (action)
        {
            case CaseAction.Dispatch or CaseAction.Reassign:
                if (!Guid.TryParse(fields.Text("unitId"), out Guid unitId) || !await db.Units.AnyAsync(u => u.Id == unitId && u.Active, ct))
                {
                    return Invalid("unitId", "承办单位不存在或已停用");
                }
                c.UnitId = unitId;
                data["unitId"] = unitId;
                break;
            case CaseAction.File:
                string category = fields.Text("categoryCode")!;
                string condition = fields.Text("conditionCode") ?? "01";
                CategoryCondition? found = await Categories.FindAsync(db, category, condition, ct);
                if (found is null)
                {
                    return Invalid("categoryCode", "案件类别或立案条件不在现行事部件字典中");
                }
                (c.CategoryCode, c.ConditionCode) = (category, condition);
                c.DisposalPolicy = Categories.DisposalPolicyCode(found.LimitAmount, found.LimitKind);
                await Categories.EnsureDisposalPoliciesAsync(db, [found], now, ct);
                data["category"] = $"{found.SmallName}：{found.Condition}（{found.LimitAmount} {found.LimitKind}）";
                break;
            case CaseAction.CheckIn:
                if (fields.Point("location") is not { } at)
                {
                    return Invalid("location", "签到位置须含 lon、lat（可选 crs：wgs84、gcj02、bd09）");
                }
                data["location"] = new { lon = at.Lon, lat = at.Lat };
                // Check-in photos are evidence already uploaded to this case.
                List<Guid> photos = [.. fields.Strings("photos").Select(p => Guid.TryParse(p, out Guid g) ? g : Guid.Empty)];
                int uploaded = await db.Evidence.CountAsync(e => photos.Contains(e.Id) && e.SubjectType == CaseIntake.SubjectType && e.SubjectId == c.Id
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
                        note = $"签到位置距案件地点 {distance:F0} 米，超出 {radius:F0} 米范围";
                    }
                }
                break;
            case CaseAction.Callback or CaseAction.Rehandle:
                if (!Enum.TryParse(fields.Text("satisfaction"), ignoreCase: true, out Satisfaction s) || int.TryParse(fields.Text("satisfaction"), out _)
                    || (s == Satisfaction.Dissatisfied) != (action == CaseAction.Rehandle))
                {
                    return Invalid("satisfaction", action == CaseAction.Rehandle ? "重办须为不满意（Dissatisfied）" : "满意度须为 Satisfied 或 BasicallySatisfied（不满意请走重办）");
                }
                c.Satisfaction = s;
                c.Resolved = fields.Bool("resolved") ?? c.Resolved;
                data["satisfaction"] = s;
                data["resolved"] = c.Resolved;
                break;
            case CaseAction.RequestExtension:
                if (fields.Int("amount") is not (>= 1 and <= 100) || c.ExtensionRequested is not null)
                {
                    return c.ExtensionRequested is not null
                        ? new(MoveOutcome.InvalidState, c, Detail: "已有待审批的延期申请")
                        : Invalid("amount", "延期数值须为 1–100（按时限的单位计）");
                }
                c.ExtensionRequested = fields.Int("amount");
                data["amount"] = c.ExtensionRequested;
                break;
            case CaseAction.ApproveExtension or CaseAction.RejectExtension:
                if (c.ExtensionRequested is not { } requested)
                {
                    return new(MoveOutcome.InvalidState, c, Detail: "没有待审批的延期申请");
                }
                extensionAmount = action == CaseAction.ApproveExtension ? requested : 0;
                data["amount"] = requested;
                c.ExtensionRequested = null;
                break;
            case CaseAction.Suspend:
                c.StateBeforeSuspension = c.State;
                break;
            case CaseAction.Supervise:
                if (!DateTimeOffset.TryParse(fields.Text("deadline"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset deadline) || deadline <= now)
                {
                    return Invalid("deadline", "督办期限须为将来的时间（ISO 8601）");
                }
                c.Supervised = true;
                c.SuperviseDeadline = deadline.ToUniversalTime();
                data["deadline"] = c.SuperviseDeadline;
                break;
            case CaseAction.Merge:
                if (!Guid.TryParse(fields.Text("parentId"), out Guid parentId) || parentId == c.Id
                    || await db.Cases.AsNoTracking().FirstOrDefaultAsync(p => p.Id == parentId, ct) is not { } parent
                    || parent.ParentId is not null || !CaseWorkflow.IsOpen(parent.Route, parent.State))
                {
                    return Invalid("parentId", "主案件不存在、已办结或本身已被合并");
                }
                c.ParentId = parentId;
                data["parent"] = parent.Number;
                break;
            case CaseAction.Evaluate:
                if (fields.Int("rating") is not (>= 1 and <= 5))
                {
                    return Invalid("rating", "评价须为 1–5 分");
                }
                c.Rating = fields.Int("rating");
                break;
            case CaseAction.Reply:
                if (NeedsApproval(c) && !CaseWorkflow.ReplyApprovers.Any(isInRole))
                {
                    return new(MoveOutcome.InvalidState, c, Detail: "该工单的答复须经领导审批：请提交答复待审（SubmitReply）");
                }
                data["checklist"] = fields.Raw("checklist");
                break;
            case CaseAction.SubmitReply:
                c.PendingReply = JsonSerializer.Serialize(new { reply = fields.Text("reply"), checklist = fields.Raw("checklist") }, s_json);
                c.PendingReplyBy = actorName;
                data["checklist"] = fields.Raw("checklist");
                break;
            case CaseAction.ApproveReply or CaseAction.RejectReply:
                if (c.PendingReply is not { } pending)
                {
                    return new(MoveOutcome.InvalidState, c, Detail: "没有待审批的答复");
                }
                if (action == CaseAction.ApproveReply)
                {
                    using JsonDocument doc = JsonDocument.Parse(pending);
                    note = doc.RootElement.GetProperty("reply").GetString();
                    data["reply"] = JsonSerializer.Deserialize<object>(pending);
                    data["writtenBy"] = c.PendingReplyBy;
                }
                (c.PendingReply, c.PendingReplyBy) = (null, null);
                break;
        }

        CaseState from = c.State;
        c.State = t.Target(c.State, c.StateBeforeSuspension);
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
        await ApplyClocksAsync(c, t, extensionAmount, actorName, reason, ct);
        Append(c, action.ToString(), t.Timeline, from, c.State, now, actorId, actorName, note, data);
        if (c.Route == CaseRoute.Hotline && action is CaseAction.Reply or CaseAction.ApproveReply or CaseAction.Return or CaseAction.RecordPreliminary or CaseAction.Handle or CaseAction.Accept)
        {
            QueueForPlatform(c, action == CaseAction.ApproveReply ? CaseAction.Reply : action, note, now);
        }
        if (action is CaseAction.Reply or CaseAction.ApproveReply or CaseAction.Close or CaseAction.Callback or CaseAction.FeedBack)
        {
            // Merged duplicates follow their parent: each channel hears the parent's result.
            foreach (Case child in await db.Cases.Where(x => x.ParentId == c.Id).ToListAsync(ct))
            {
                Append(child, "ParentResult", "主案件结果", child.State, child.State, now, actorId, actorName, $"主案件 {c.Number}（{t.Timeline}）：{note}", null);
                if (child.Route == CaseRoute.Hotline)
                {
                    QueueForPlatform(child, action, $"已并入 {c.Number} 办理：{note}", now);
                }
            }
        }
        return new(MoveOutcome.Done, c);

        MoveResult Invalid(string field, string message) => new(MoveOutcome.Invalid, c, new FieldErrors().Add(field, message));
    }

    /// <summary>Appends a timeline line and bumps the version token (every line is a change of the case).</summary>
    public void Append(Case c, string action, string label, CaseState? from, CaseState? to, DateTimeOffset at, string? actorId, string? actorName, string? note, object? data)
    {
        c.Version++;
        c.UpdatedAt = at;
        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = c.Id, Seq = c.Version, Action = action, Label = label, FromState = from, ToState = to, At = at,
            ActorId = actorId, ActorName = actorName, Note = note is { Length: > 2000 } ? note[..2000] : note,
            DataJson = data is null ? null : JsonSerializer.Serialize(data, s_json),
        });
    }

    private async Task ApplyClocksAsync(Case c, Transition t, int extension, string? actor, string? reason, CancellationToken ct)
    {
        if (t.Clocks.Count == 0)
        {
            return;
        }
        List<Clock> existing = await db.Clocks.Include(k => k.Ledger).Include(k => k.Policy)
            .Where(k => k.SubjectType == CaseIntake.SubjectType && k.SubjectId == c.Id).ToListAsync(ct);
        foreach (ClockEffect e in t.Clocks)
        {
            IEnumerable<Clock> targets = e.Clock == CaseClocks.All ? existing : existing.Where(k => k.Kind == PolicyOf(c, e.Clock));
            switch (e.Op)
            {
                case ClockOp.Start or ClockOp.Rework:
                    if (PolicyOf(c, e.Clock) is { } policy)
                    {
                        Clock started = await clocks.StartAsync(CaseIntake.SubjectType, c.Id, policy, c.UnitId, actor, ct);
                        if (!existing.Contains(started))
                        {
                            existing.Add(started);
                        }
                    }
                    break;
                case ClockOp.Stop:
                    foreach (Clock k in targets.ToList()) { await clocks.StopAsync(k, actor, ct); }
                    break;
                case ClockOp.Cancel:
                    foreach (Clock k in targets.Where(k => k.StoppedAt is null).ToList()) { await clocks.CancelAsync(k, actor, reason, ct); }
                    break;
                case ClockOp.Pause:
                    foreach (Clock k in targets.ToList()) { await clocks.PauseAsync(k, actor, reason, ct); }
                    break;
                case ClockOp.Resume:
                    foreach (Clock k in targets.ToList()) { await clocks.ResumeAsync(k, actor, ct); }
                    break;
                case ClockOp.Extend when extension > 0:
                    foreach (Clock k in targets.Where(k => k.StoppedAt is null).ToList()) { await clocks.ExtendAsync(k, extension, actor, actor ?? "system", reason ?? "延期批准", ct); }
                    break;
            }
        }
        foreach (Clock k in existing)
        {
            k.UnitId = c.UnitId ?? k.UnitId;
        }
    }

    /// <summary>Which hotline replies need a leader's approval: by request type, `Hotline:ReplyApprovalFor` (default complaints and reports).</summary>
    private bool NeedsApproval(Case c)
    {
        string types = config["Hotline:ReplyApprovalFor"] ?? "Complaint,Report";
        return c.RequestType is { } t && types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(t.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    private static string? PolicyOf(Case c, string clock) => clock switch
    {
        CaseClocks.Accept => ClockPolicies.HotlineAccept,
        CaseClocks.OnSite => ClockPolicies.HotlineOnSite,
        CaseClocks.Preliminary => ClockPolicies.HotlinePreliminary,
        CaseClocks.Handling => c.HandlingPolicy,
        CaseClocks.Disposal => c.DisposalPolicy,
        _ => null,
    };

    /// <summary>Replies, results and returns go back to the hotline platform through the outbox (webhook topic "hotline.*").</summary>
    private void QueueForPlatform(Case c, CaseAction action, string? text, DateTimeOffset now) =>
        db.EnqueueOutbox("hotline." + action.ToString().ToLowerInvariant(), new
        {
            channel = c.Channel, orderNumber = c.ExternalNumber, caseNumber = c.Number, action = action.ToString(), state = c.State.ToString(), text, at = now,
        }, now, s_json);
}
