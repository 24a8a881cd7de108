using System.Text.Json;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition;

public sealed record LedgerItemSummary(
    Guid Id, string Number, string Address, Guid? StreetId, string? StreetName, string? GridCode, BuildingKind Kind, BuildingVintage Vintage,
    double Area, int Storeys, string? Party, LedgerSource Source, Guid? TaskId, DemolitionState State, DemolitionMode? Mode,
    double? DemolishedArea, DateTimeOffset IdentifiedAt, DateTimeOffset? RecheckedAt);

public sealed record TimelineLine(int Seq, string Action, string Label, DemolitionState? From, DemolitionState? To, DateTimeOffset At, string? ActorName, string? Note, JsonElement? Data);

public sealed record WindowClock(Guid Id, string Window, string Name, ClockState State, DateTimeOffset StartedAt, DateTimeOffset? DueAt, DateTimeOffset? StoppedAt, bool Overdue);

public sealed record DocumentDto(Guid Id, DocumentKind Kind, string Title, string Number, long Size, DateTimeOffset CreatedAt, string? CreatedBy, string Url);

public sealed record LedgerItemDetail(
    LedgerItemSummary Item, Guid? CommunityId, Guid? UnitId, double? Lon, double? Lat, JsonElement? Outline, DateOnly? BuiltOn, string? Note,
    DateTimeOffset? DemolishedAt, string? RecheckedBy, DateTimeOffset? ClosedAt, int Version,
    IReadOnlyList<TimelineLine> Timeline, IReadOnlyList<WindowClock> Clocks, IReadOnlyList<DocumentDto> Documents,
    IReadOnlyList<Guid> CaseIds, IReadOnlyList<EvidenceDto> Evidence, IReadOnlyList<DemolitionAction> Actions);

internal static class LedgerMapping
{
    public static IQueryable<IllegalBuilding> InScope(this IQueryable<IllegalBuilding> q, DataScope s, AppDbContext db) =>
        s.DistrictWide ? q : q.Where(i => db.Units.Any(u => u.Id == i.StreetId && u.Path.StartsWith(s.RootPath!)));

    public static LedgerItemSummary Summary(IllegalBuilding i, string? streetName) => new(
        i.Id, i.Number, i.Address, i.StreetId, streetName, i.GridCode, i.Kind, i.Vintage, i.Area, i.Storeys, i.Party, i.Source, i.TaskId,
        i.State, i.Mode, i.DemolishedArea, i.IdentifiedAt, i.RecheckedAt);

    public static async Task<LedgerItemDetail> DetailAsync(AppDbContext db, IllegalBuilding i, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        string? street = i.StreetId is { } sid ? await db.Units.Where(u => u.Id == sid).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        List<DemolitionEvent> events = await db.DemolitionEvents.AsNoTracking().Where(e => e.ItemId == i.Id).OrderBy(e => e.Seq).ToListAsync(ct);
        List<Clock> clocks = await db.Clocks.AsNoTracking().Where(k => k.SubjectType == DemolitionProcedure.SubjectType && k.SubjectId == i.Id)
            .OrderBy(k => k.StartedAt).ToListAsync(ct);
        List<DemolitionDocument> documents = await db.DemolitionDocuments.AsNoTracking().Where(d => d.ItemId == i.Id).OrderBy(d => d.CreatedAt).ToListAsync(ct);
        List<Guid> cases = await db.DemolitionCaseLinks.AsNoTracking().Where(l => l.ItemId == i.Id).Select(l => l.CaseId).ToListAsync(ct);
        List<EvidenceItem> evidence = await db.Evidence.AsNoTracking().Where(e => e.SubjectType == DemolitionProcedure.SubjectType && e.SubjectId == i.Id)
            .OrderBy(e => e.UploadedAt).ToListAsync(ct);
        HashSet<Guid> superseded = [.. evidence.Where(e => e.SupersedesId is not null).Select(e => e.SupersedesId!.Value)];
        return new LedgerItemDetail(
            Summary(i, street), i.CommunityId, i.UnitId, i.Lon, i.Lat,
            i.OutlineGeoJson is null ? null : JsonDocument.Parse(i.OutlineGeoJson).RootElement.Clone(), i.BuiltOn, i.Note,
            i.DemolishedAt, i.RecheckedBy, i.ClosedAt, i.Version,
            [.. events.Select(e => new TimelineLine(e.Seq, e.Action, e.Label, e.FromState, e.ToState, e.At, e.ActorName, e.Note,
                e.DataJson is null ? null : JsonDocument.Parse(e.DataJson).RootElement.Clone()))],
            [.. clocks.Select(k => new WindowClock(k.Id, DemolitionClocks.WindowOf(k.Kind) ?? k.Kind,
                DemolitionClocks.Names.GetValueOrDefault(DemolitionClocks.WindowOf(k.Kind) ?? "", k.Kind), k.State, k.StartedAt, k.DueAt, k.StoppedAt,
                k.StoppedAt is null && k.State != ClockState.Cancelled && k.DueAt <= now))],
            [.. documents.Select(d => new DocumentDto(d.Id, d.Kind, d.Title, d.Number, d.Size, d.CreatedAt, d.CreatedBy, $"/api/demolition/items/{i.Id}/documents/{d.Id}"))],
            cases,
            [.. evidence.Select(e => EvidenceDto.From(e, superseded.Contains(e.Id)))],
            [.. DemolitionWorkflow.Available(i.State, user.Principal.IsInRole)]);
    }
}
