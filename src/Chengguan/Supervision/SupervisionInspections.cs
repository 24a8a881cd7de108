using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Rectification;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Supervision;

/// <summary>
/// On-site supervision (现场督查) and the findings of every kind: an inspection of a street team's work
/// (date, place, inspectors from the people register, what was found), its photos through Evidence's
/// <see cref="Attachments"/>, and its findings put into Rectification's loop like a file review's. A street
/// team sees the inspections and findings of its own units; another's answers 404.
/// </summary>
public sealed class SupervisionInspections(AppDbContext db, CurrentUser user, SupervisionQueries queries, RectificationPlans rectification,
    Attachments attachments, TimeProvider time)
{
    public const string SubjectType = "supervision-inspection";

    private const string Missing = "督查记录不存在";

    public async Task<Outcome<InspectionDto>> CreateAsync(InspectionRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (req.On is { } on && on > ShanghaiTime.Today(time))
        {
            errors.Add("on", "督查日期不能晚于今天");
        }
        if (errors.Any)
        {
            return new Outcome<InspectionDto>.Invalid(errors);
        }
        if (!queries.IsManager)
        {
            return new Outcome<InspectionDto>.Forbidden("只有督查人员、科室负责人、局领导或管理员可以登记现场督查");
        }
        Guid street = req.StreetId!.Value;
        if (!await db.Units.AnyAsync(u => u.Id == street && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town), ct))
        {
            errors.Add("streetId", "街镇不存在");
        }
        Guid? team = await queries.TeamOfAsync(street, ct);
        if (team is null && !errors.Any)
        {
            errors.Add("streetId", "该街镇没有在用的街镇城管中队");
        }
        List<Guid> ids = [.. req.InspectorIds!.Distinct()];
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Active).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, ct);
        for (int i = 0; i < req.InspectorIds!.Length; i++)
        {
            if (!people.ContainsKey(req.InspectorIds[i]))
            {
                errors.Add($"inspectorIds[{i}]", "人员不存在或已停用");
            }
        }
        if (errors.Any)
        {
            return new Outcome<InspectionDto>.Invalid(errors);
        }
        DateTimeOffset now = time.GetUtcNow();
        var inspection = new SupervisionInspection
        {
            StreetId = street, OwnerUnitId = team!.Value, On = req.On!.Value, Place = req.Place!.Trim(),
            Inspectors = string.Join("、", ids.Select(id => people[id].Name)), InspectorIds = string.Join(",", ids),
            Summary = string.IsNullOrWhiteSpace(req.Summary) ? null : req.Summary.Trim(), CreatedAt = now, CreatedBy = user.Name,
        };
        db.SupervisionInspections.Add(inspection);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        string[] texts = [.. (req.Findings ?? []).Select(f => f.Text!.Trim())];
        if (texts.Length > 0)
        {
            string source = $"现场督查：{inspection.On:yyyy-MM-dd} {inspection.Place}";
            Outcome<List<ItemRow>> raised = await rectification.RaiseAsync(
                [.. texts.Select(t => new RaisedFinding(street, $"现场督查（{inspection.Place}）：{t}", source))], req.Days ?? SupervisionPlans.DefaultDays, ct);
            if (raised is not Outcome<List<ItemRow>>.Done { Value: var items })
            {
                return raised.Refusal<List<ItemRow>, InspectionDto>();
            }
            for (int i = 0; i < items.Count; i++)
            {
                db.SupervisionFindings.Add(new SupervisionFinding
                {
                    InspectionId = inspection.Id, StreetId = street, OwnerUnitId = team.Value, Text = texts[i], RectificationItemId = items[i].Id,
                    CreatedAt = now, CreatedBy = user.Name,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(inspection.Id, ct);
    }

    public async Task<List<InspectionDto>> ListAsync(CancellationToken ct)
    {
        List<Guid> ids = await (await queries.VisibleInspectionsAsync(ct)).OrderByDescending(i => i.On).ThenByDescending(i => i.CreatedAt)
            .Select(i => i.Id).Take(200).ToListAsync(ct);
        List<InspectionDto> list = [];
        foreach (Guid id in ids)
        {
            if (await GetAsync(id, ct) is Outcome<InspectionDto>.Done { Value: var dto })
            {
                list.Add(dto);
            }
        }
        return list;
    }

    /// <summary>
    /// For the district report (managers only): per street, the inspections held from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive) and the findings they raised, counted in the database.
    /// </summary>
    public async Task<Outcome<List<StreetInspections>>> PerStreetAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (!queries.IsManager)
        {
            return new Outcome<List<StreetInspections>>.Forbidden("只有督查、科室负责人、局领导或管理员可以查看督查统计");
        }
        IQueryable<SupervisionInspection> held = db.SupervisionInspections.AsNoTracking().Where(i => i.On >= from && i.On <= to);
        Dictionary<Guid, int> inspections = await held.GroupBy(i => i.StreetId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Dictionary<Guid, int> findings = await db.SupervisionFindings.AsNoTracking().Where(f => f.InspectionId != null && held.Any(i => i.Id == f.InspectionId))
            .GroupBy(f => f.StreetId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Dictionary<Guid, string> names = await queries.NamesAsync(inspections.Keys, ct);
        return inspections.Select(kv => new StreetInspections(kv.Key, names.GetValueOrDefault(kv.Key, ""), kv.Value, findings.GetValueOrDefault(kv.Key)))
            .OrderBy(s => s.Street, StringComparer.Ordinal).ToList();
    }

    public async Task<Outcome<InspectionDto>> GetAsync(Guid id, CancellationToken ct)
    {
        if (await (await queries.VisibleInspectionsAsync(ct)).FirstOrDefaultAsync(i => i.Id == id, ct) is not { } i)
        {
            return new Outcome<InspectionDto>.NotFound(Missing);
        }
        Dictionary<Guid, string> names = await queries.NamesAsync([i.StreetId, i.OwnerUnitId], ct);
        return new InspectionDto(i.Id, i.StreetId, names.GetValueOrDefault(i.StreetId, ""), i.OwnerUnitId, names.GetValueOrDefault(i.OwnerUnitId, ""), i.On, i.Place,
            i.Inspectors, i.Summary, i.CreatedAt, i.CreatedBy, await queries.FindingsAsync(db.SupervisionFindings.Where(f => f.InspectionId == id), ct),
            await attachments.ListForSubjectAsync(SubjectType, id, ct));
    }

    /// <summary>A photo of what was found on site (inspectors only); the street team sees it on the inspection.</summary>
    public async Task<Outcome<EvidenceDto>> AttachAsync(Guid id, IncomingFile? file, string? purpose, CancellationToken ct)
    {
        if (!queries.IsManager)
        {
            return await (await queries.VisibleInspectionsAsync(ct)).AnyAsync(i => i.Id == id, ct)
                ? new Outcome<EvidenceDto>.Forbidden("只有督查人员可以上传现场督查照片")
                : new Outcome<EvidenceDto>.NotFound(Missing);
        }
        return await attachments.AttachToSubjectAsync(SubjectType, id, file, purpose ?? "Other", Missing, ct);
    }

    public Task<Outcome<EvidenceFile>> OpenAsync(Guid id, Guid evidenceId, string? copy, CancellationToken ct) =>
        attachments.OpenForSubjectAsync(SubjectType, id, evidenceId, copy, ct);

    /// <summary>The findings the caller may see (a street team its own), newest last; one finding by id answers 404 outside the scope.</summary>
    public async Task<List<FindingDto>> FindingsAsync(CancellationToken ct) => await queries.FindingsAsync(await queries.VisibleFindingsAsync(ct), ct);

    public async Task<Outcome<FindingDto>> FindingAsync(Guid id, CancellationToken ct) =>
        (await queries.FindingsAsync((await queries.VisibleFindingsAsync(ct)).Where(f => f.Id == id), ct)).FirstOrDefault() is { } f
            ? f : new Outcome<FindingDto>.NotFound("督查发现的问题不存在");
}
