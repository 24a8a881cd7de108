using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Demolition;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Chengguan.Supervision;

/// <summary>
/// The population of a plan, read (never written) from the cases and the demolition ledger: the files
/// closed in the plan's days (Asia/Shanghai) that name a street, as (id, street) pairs streamed once into
/// the sampler; the chosen few are then read in full for their number and summary. A closed case is one
/// closed (结案) or, on the grid loop, closed and then evaluated (评价): both are finished files.
/// </summary>
public sealed class SupervisionPopulation(AppDbContext db)
{
    public const string CaseFile = "case", DemolitionFile = "demolition";

    public sealed record Drawn(int Population, List<SupervisionFile> Files);

    public async Task<Drawn> DrawAsync(SupervisionPlan plan, IReadOnlyList<(Guid Id, string Code, string Name)> streets, CancellationToken ct)
    {
        DateTimeOffset from = ShanghaiTime.StartOf(plan.From), to = ShanghaiTime.StartOf(plan.To.AddDays(1));
        int population = 0;
        var kinds = new Dictionary<Guid, string>();
        async IAsyncEnumerable<StratifiedSampler.Member> Members()
        {
            if (plan.Cases)
            {
                // Covered by IX_cases_supervision_draw: an index range scan with no row look-ups. Read with EF's own
                // command through a plain data reader: a million rows through EF's async materializer cost a second.
                await using System.Data.Common.DbCommand command = db.Cases.AsNoTracking()
                    .Where(c => (c.State == CaseState.Closed || c.State == CaseState.Evaluated) && c.ClosedAt >= from && c.ClosedAt < to && c.StreetId != null)
                    .Select(c => new { c.Id, c.StreetId }).CreateDbCommand();
                await db.Database.OpenConnectionAsync(ct);
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                try
                {
                    await using System.Data.Common.DbDataReader reader = await command.ExecuteReaderAsync(ct);
                    int id = reader.GetOrdinal("Id"), street = reader.GetOrdinal("StreetId");
                    while (await reader.ReadAsync(ct))
                    {
                        population++;
                        yield return new(reader.GetGuid(id), reader.GetGuid(street));
                    }
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            }
            if (plan.Demolition)
            {
                await foreach (var d in db.IllegalBuildings.AsNoTracking()
                    .Where(d => d.State == DemolitionState.Closed && d.ClosedAt >= from && d.ClosedAt < to && d.StreetId != null)
                    .Select(d => new { d.Id, d.StreetId }).AsAsyncEnumerable().WithCancellation(ct))
                {
                    population++;
                    kinds[d.Id] = DemolitionFile;
                    yield return new(d.Id, d.StreetId!.Value);
                }
            }
        }
        var members = new List<StratifiedSampler.Member>();
        await foreach (StratifiedSampler.Member m in Members())
        {
            members.Add(m);
        }
        Dictionary<Guid, List<StratifiedSampler.Pick>> picks = StratifiedSampler.Draw(members, plan.PerStreet, plan.Seed);
        List<StratifiedSampler.Pick> chosen = [.. streets.SelectMany(s => picks.GetValueOrDefault(s.Id) ?? [])];
        List<Guid> caseIds = [.. chosen.Where(p => !kinds.ContainsKey(p.Id)).Select(p => p.Id)];
        List<Guid> itemIds = [.. chosen.Where(p => kinds.ContainsKey(p.Id)).Select(p => p.Id)];
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.Description, c.ClosedAt }).ToDictionaryAsync(c => c.Id, ct);
        var items = await db.IllegalBuildings.AsNoTracking().Where(d => itemIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Number, d.Address, d.ClosedAt }).ToDictionaryAsync(d => d.Id, ct);
        int seq = 0;
        List<SupervisionFile> files = [.. chosen.Select(p => cases.TryGetValue(p.Id, out var c)
            ? new SupervisionFile
            {
                PlanId = plan.Id, Seq = ++seq, StreetId = p.Stratum, SubjectType = CaseFile, SubjectId = p.Id, Reference = c.Number,
                Summary = Cut(c.Description), ClosedAt = c.ClosedAt,
            }
            : new SupervisionFile
            {
                PlanId = plan.Id, Seq = ++seq, StreetId = p.Stratum, SubjectType = DemolitionFile, SubjectId = p.Id, Reference = items[p.Id].Number,
                Summary = Cut("违法建筑：" + items[p.Id].Address), ClosedAt = items[p.Id].ClosedAt,
            })];
        return new Drawn(population, files);
    }

    private static string Cut(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
