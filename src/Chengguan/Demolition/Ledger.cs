using System.Globalization;
using Chengguan.Cases.Search;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Grids;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition;

/// <summary>
/// The one way into the illegal-building ledger, for the API and the console alike: list, find, register,
/// move through the procedure, link cases, draw it as a map layer, download its files. Each method validates its own input
/// (<see cref="RequestValidation"/> and the ledger's rules), keeps to the caller's scope (outside it is "not found")
/// and answers with an <see cref="Outcome{T}"/>.
/// </summary>
public sealed class Ledger(AppDbContext db, LedgerIntake intake, DemolitionProcedure procedure, EvidenceStore store, CurrentUser user, TimeProvider time, Profiles profiles)
{
    public const int CaseChoices = 10;

    /// <summary>The most features one layer request returns.</summary>
    public const int MaxFeatures = 20_000;

    private static Outcome<T> NotFound<T>() => new Outcome<T>.NotFound("违法建筑不存在");

    /// <summary>Streets (and the town) in the user's scope, for filters and forms.</summary>
    public async Task<List<(Guid Id, string Name)>> StreetsAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        return [.. (await db.Units.AsNoTracking().InScope(scope).Where(u => u.Active && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town))
            .OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(ct)).Select(u => (u.Id, u.Name))];
    }

    /// <summary>The ledger in the user's scope, newest first, <paramref name="take"/> at a time by keyset cursor.</summary>
    public async Task<Outcome<Page<LedgerItemSummary>>> ListAsync(LedgerQuery query, int take, string? cursor, CancellationToken ct)
    {
        if (take is < 1 or > 500)
        {
            return new Outcome<Page<LedgerItemSummary>>.Invalid(new FieldErrors().Add("limit", "每页 1–500 条"));
        }
        if (query.Text is { Length: > 100 })
        {
            return new Outcome<Page<LedgerItemSummary>>.Invalid(new FieldErrors().Add("q", "查询文字不能超过 100 个字符"));
        }
        IQueryable<IllegalBuilding> q = db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db);
        if (cursor is not null)
        {
            string[] parts = cursor.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) || !Guid.TryParse(parts[1], out Guid after)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return new Outcome<Page<LedgerItemSummary>>.Invalid(new FieldErrors().Add("cursor", "游标无效"));
            }
            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            q = q.Where(i => i.CreatedAt < at || (i.CreatedAt == at && i.Id.CompareTo(after) < 0));
        }
        q = query.State is { } s ? q.Where(i => i.State == s) : q;
        q = query.StreetId is { } st ? q.Where(i => i.StreetId == st) : q;
        q = query.TaskId is { } t ? q.Where(i => i.TaskId == t) : q;
        q = query.Kind is { } k ? q.Where(i => i.Kind == k) : q;
        q = query.Source is { } so ? q.Where(i => i.Source == so) : q;
        if (query.Text?.Trim() is { Length: > 0 } text)
        {
            q = q.Where(i => i.Number.Contains(text) || i.Address.Contains(text) || (i.Party != null && i.Party.Contains(text)));
        }
        var rows = await q.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(take + 1)
            .Select(i => new { Item = i, Street = db.Units.Where(u => u.Id == i.StreetId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(ct);
        string? next = rows.Count > take ? $"{rows[take - 1].Item.CreatedAt.UtcTicks}_{rows[take - 1].Item.Id}" : null;
        return new Page<LedgerItemSummary>([.. rows.Take(take).Select(r => LedgerMapping.Summary(r.Item, r.Street))], next);
    }

    /// <summary>The item with its timeline, clocks, documents and allowed moves; not found outside the user's scope.</summary>
    public async Task<Outcome<LedgerItemDetail>> GetAsync(Guid id, CancellationToken ct) =>
        await db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(i => i.Id == id, ct) is { } item
            ? await LedgerMapping.DetailAsync(db, item, user, time, ct)
            : NotFound<LedgerItemDetail>();

    /// <summary>
    /// The people behind an item's timeline and re-check, by the name stored with them (a login): their display names
    /// through Identity, an API key's integration by its name. Names not found (演示数据, system work) are left out.
    /// The API keeps the stored names; the console shows these.
    /// </summary>
    public async Task<Dictionary<string, string>> PeopleAsync(LedgerItemDetail item, CancellationToken ct)
    {
        var actors = await db.DemolitionEvents.AsNoTracking().Where(e => e.ItemId == item.Item.Id && e.ActorId != null && e.ActorName != null)
            .Select(e => new { e.ActorId, e.ActorName }).Distinct().ToListAsync(ct);
        Dictionary<string, string> byId = await profiles.NamesAsync(actors.Select(a => a.ActorId), ct);
        Dictionary<string, string> names = await profiles.NamesByLoginAsync([item.RecheckedBy, .. item.Timeline.Select(t => t.ActorName)], ct);
        foreach (var a in actors.Where(a => byId.ContainsKey(a.ActorId!)))
        {
            names[a.ActorName!] = byId[a.ActorId!];
        }
        return names;
    }

    /// <summary>
    /// The ledger as a map layer (GeoJSON, WGS 84 lon/lat like the grids' export): located items in the user's scope, newest
    /// first, by state, street and bounding box (min lon, min lat, max lon, max lat).
    /// </summary>
    public async Task<Outcome<string>> LayerAsync(DemolitionState? state, Guid? streetId, string? bbox, int? limit, CancellationToken ct)
    {
        int take = limit ?? 5000;
        var errors = new FieldErrors();
        if (take is < 1 or > MaxFeatures)
        {
            errors.Add("limit", $"每次 1–{MaxFeatures} 处");
        }
        double[]? box = null;
        if (bbox is not null)
        {
            string[] parts = bbox.Split(',');
            box = parts.Length == 4 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
                ? [.. parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture))] : null;
            if (box is null || box[0] > box[2] || box[1] > box[3])
            {
                errors.Add("bbox", "范围须为 最小经度,最小纬度,最大经度,最大纬度（WGS84）");
            }
        }
        if (errors.Any)
        {
            return new Outcome<string>.Invalid(errors);
        }
        IQueryable<IllegalBuilding> q = db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).Where(i => i.Lon != null && i.Lat != null);
        q = state is { } s ? q.Where(i => i.State == s) : q;
        q = streetId is { } st ? q.Where(i => i.StreetId == st) : q;
        if (box is [double w, double so, double e, double n])
        {
            q = q.Where(i => i.Lon >= w && i.Lon <= e && i.Lat >= so && i.Lat <= n);
        }
        var rows = await q.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(take)
            .Select(i => new { i.Id, i.Number, i.Address, i.State, i.Kind, i.Area, i.DemolishedArea, i.StreetId, i.Lon, i.Lat, i.OutlineGeoJson })
            .ToListAsync(ct);
        var collection = new FeatureCollection();
        foreach (var i in rows)
        {
            Geometry geometry = DemolitionGeometry.FromGeoJson(i.OutlineGeoJson) ?? DemolitionGeometry.Factory.CreatePoint(new Coordinate(i.Lon!.Value, i.Lat!.Value));
            collection.Add(new Feature(geometry, new AttributesTable
            {
                { "id", i.Id }, { "number", i.Number }, { "address", i.Address }, { "state", i.State.ToString() }, { "kind", i.Kind.ToString() },
                { "area", i.Area }, { "demolishedArea", i.DemolishedArea }, { "streetId", i.StreetId },
            }));
        }
        return GridGeoJson.Serialize(collection);
    }

    /// <summary>Puts a structure on the ledger (located, numbered, its cases linked) in one transaction.</summary>
    public async Task<Outcome<LedgerItemDetail>> RegisterAsync(LedgerItemInput input, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<LedgerItemDetail>.Invalid(invalid);
        }
        if (!DemolitionRoles.MayRegister(user.Principal))
        {
            // A field error rather than 403, as the API has always answered it.
            return new Outcome<LedgerItemDetail>.Invalid(new FieldErrors().Add("role", "当前角色不能登记违法建筑"));
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        (IllegalBuilding? item, FieldErrors errors) = await intake.OpenAsync(input, await user.GetScopeAsync(ct), user.UserId, user.Name, ct);
        if (item is null)
        {
            return new Outcome<LedgerItemDetail>.Invalid(errors);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await LedgerMapping.DetailAsync(db, item, user, time, ct);
    }

    /// <summary>
    /// One move of the procedure (POST …/actions/{action} with no version, the console with the version the page read, which
    /// refuses a move on an item someone else has moved since). A refused move is the engine's answer: a conflict naming
    /// the state and the action, a forbidden role, or field errors.
    /// </summary>
    public async Task<Outcome<LedgerItemDetail>> ActAsync(Guid id, DemolitionAction action, DemolitionActionInput input, int? version, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<LedgerItemDetail>.Invalid(invalid);
        }
        IllegalBuilding? item = await db.IllegalBuildings.InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return NotFound<LedgerItemDetail>();
        }
        DemolitionState before = item.State;
        Outcome<LedgerItemDetail> Stale() => new Outcome<LedgerItemDetail>.Conflict("该违法建筑已被他人处理，请刷新后重试", before.ToString(), action.ToString());
        if (version is { } v && v != item.Version)
        {
            return Stale();
        }
        Outcome<IllegalBuilding> moved = await procedure.ApplyAsync(item, action, input, user.Principal.IsInRole, user.UserId, user.Name, ct);
        if (moved is not Outcome<IllegalBuilding>.Done)
        {
            return moved.Refusal<IllegalBuilding, LedgerItemDetail>();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return Stale();
        }
        return await LedgerMapping.DetailAsync(db, item, user, time, ct);
    }

    /// <summary>Links a case in the user's scope to the item; linking it again changes nothing.</summary>
    public async Task<Outcome<LedgerItemDetail>> LinkCaseAsync(Guid id, CaseLinkInput input, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<LedgerItemDetail>.Invalid(invalid);
        }
        DataScope scope = await user.GetScopeAsync(ct);
        var linked = await db.Cases.AsNoTracking().SeenBy(scope, db).Where(c => c.Id == input.CaseId).Select(c => new { c.Id, c.Number }).FirstOrDefaultAsync(ct);
        if (linked is null)
        {
            return new Outcome<LedgerItemDetail>.Invalid(new FieldErrors().Add("caseId", "案件不存在"));
        }
        IllegalBuilding? item = await db.IllegalBuildings.InScope(scope, db).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return NotFound<LedgerItemDetail>();
        }
        if (!await db.DemolitionCaseLinks.AnyAsync(l => l.ItemId == id && l.CaseId == linked.Id, ct))
        {
            DateTimeOffset now = time.GetUtcNow();
            db.DemolitionCaseLinks.Add(new DemolitionCaseLink { ItemId = id, CaseId = linked.Id, LinkedAt = now });
            procedure.Append(item, "LinkCase", "关联案件", item.State, item.State, now, user.UserId, user.Name, linked.Number, null);
            await db.SaveChangesAsync(ct);
        }
        return await LedgerMapping.DetailAsync(db, item, user, time, ct);
    }

    /// <summary>
    /// The user's cases matching the text, newest first, found as GET /api/cases?q= finds them (the full-text index holds the
    /// number and the description), so the item page offers only cases <see cref="LinkCaseAsync"/> accepts.
    /// </summary>
    public async Task<List<CaseChoice>> FindCasesAsync(string? text, CancellationToken ct)
    {
        IReadOnlyList<SearchTerm> terms = SearchText.Query(text?.Trim());
        if (terms.Count == 0 || text!.Trim().Length > 100)
        {
            return [];
        }
        IQueryable<Cases.Case> q = db.Cases.AsNoTracking().SeenBy(await user.GetScopeAsync(ct), db);
        q = await CaseTextSearch.ApplyAsync(q, terms, db, ct);
        return await q.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id).Take(CaseChoices)
            .Select(c => new CaseChoice(c.Id, c.Number, c.Description, c.State)).ToListAsync(ct);
    }

    /// <summary>The linked cases the user may open (a case outside the scope stays linked but is not shown, as its page would say "not found").</summary>
    public async Task<List<CaseChoice>> LinkedCasesAsync(IReadOnlyList<Guid> caseIds, CancellationToken ct) =>
        caseIds.Count == 0 ? [] : await db.Cases.AsNoTracking().SeenBy(await user.GetScopeAsync(ct), db).Where(c => caseIds.Contains(c.Id))
            .OrderBy(c => c.Number).Select(c => new CaseChoice(c.Id, c.Number, c.Description, c.State)).ToListAsync(ct);

    /// <summary>A photo or other material of an item in the user's scope.</summary>
    public async Task<Outcome<EvidenceFile>> EvidenceAsync(Guid id, Guid evidenceId, CancellationToken ct)
    {
        if (!await db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).AnyAsync(i => i.Id == id, ct)
            || await db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.SubjectType == DemolitionProcedure.SubjectType && e.SubjectId == id, ct) is not { } e
            || !File.Exists(store.PathOf(e.Sha256)))
        {
            return new Outcome<EvidenceFile>.NotFound("材料不存在");
        }
        return new EvidenceFile(store.PathOf(e.Sha256), e.ContentType, e.FileName);
    }

    /// <summary>A generated document (PDF) of an item in the user's scope.</summary>
    public async Task<Outcome<EvidenceFile>> DocumentAsync(Guid id, Guid documentId, CancellationToken ct)
    {
        if (!await db.IllegalBuildings.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).AnyAsync(i => i.Id == id, ct)
            || await db.DemolitionDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ItemId == id, ct) is not { } d
            || !File.Exists(store.PathOf(d.Sha256)))
        {
            return new Outcome<EvidenceFile>.NotFound("文书不存在");
        }
        return new EvidenceFile(store.PathOf(d.Sha256), "application/pdf", $"{d.Title}-{d.Number}.pdf");
    }
}
