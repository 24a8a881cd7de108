using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Audit;

public sealed record AuditVerification(bool Intact, long RowsChecked, long? FirstBrokenSeq, string? Reason);

public static class AuditChain
{
    /// <summary>Walks the chain in order, recomputing each row's hash and its link to the previous row.</summary>
    public static async Task<AuditVerification> VerifyAsync(AppDbContext db, CancellationToken ct)
    {
        const int batch = 2000;
        string prev = AuditEntry.GenesisHash;
        long expectedSeq = 1;
        long checkedRows = 0;
        while (true)
        {
            long from = expectedSeq;
            List<AuditEntry> rows = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Seq >= from)
                .OrderBy(a => a.Seq)
                .Take(batch)
                .ToListAsync(ct);
            foreach (AuditEntry row in rows)
            {
                if (row.Seq != expectedSeq)
                {
                    return new(false, checkedRows, expectedSeq, $"第 {expectedSeq} 条审计记录缺失");
                }
                if (row.PrevHash != prev)
                {
                    return new(false, checkedRows, row.Seq, "与上一条记录的哈希链接不符");
                }
                if (row.ComputeHash() != row.Hash)
                {
                    return new(false, checkedRows, row.Seq, "记录内容与其哈希不符");
                }
                prev = row.Hash;
                expectedSeq++;
                checkedRows++;
            }
            if (rows.Count < batch)
            {
                return new(true, checkedRows, null, null);
            }
        }
    }
}
