using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases.Search;

/// <summary>
/// The free-text condition of the case list, on each engine's full-text index: FTS5 on SQLite, a
/// GIN index over the tokens as a tsvector on PostgreSQL. Every term of the query must match.
/// <para>
/// The list is ordered by report time, and a full-text index knows nothing of that order, so the
/// plan depends on how many cases match. The index is asked first (for the selective terms, see
/// <see cref="IndexTerms"/>), for at most <see cref="ListLimit"/> + 1 matches. Fewer than that: the
/// list is those cases, the other terms checked on their tokens, with the other filters and the
/// cursor applied by the database. More: the term is common, and walking the cases
/// newest first (on the same indexes as the other filters) and checking each row's tokens reaches a
/// full page after a few hundred rows, where sorting every match would read them all. Both plans
/// return exactly the same rows.
/// </para>
/// </summary>
public static class CaseTextSearch
{
    public const int ListLimit = 1000;

    public static Task<IQueryable<Case>> ApplyAsync(IQueryable<Case> cases, IReadOnlyList<SearchTerm> terms, AppDbContext db, CancellationToken ct) =>
        ApplyAsync(cases, terms, db, ListLimit, ct);

    /// <summary>As above, with the switch between the two plans at <paramref name="listLimit"/> matches (tests compare the plans).</summary>
    public static async Task<IQueryable<Case>> ApplyAsync(IQueryable<Case> cases, IReadOnlyList<SearchTerm> terms, AppDbContext db, int listLimit, CancellationToken ct)
    {
        IReadOnlyList<SearchTerm> indexed = IndexTerms(terms);
        List<Guid> ids = await MatchesAsync(db, indexed, listLimit + 1, ct);
        if (ids.Count <= listLimit)
        {
            // The index proposes, the document decides: every term is checked on the candidates' tokens,
            // so the list is exact even if the full-text index and the documents ever drift apart.
            return Matching(cases.Where(c => ids.Contains(c.Id)), db, terms);
        }
        return Matching(cases, db, terms);
    }

    /// <summary>
    /// The cases whose document holds every term, checked row by row. A scalar subquery (LIMIT 1)
    /// rather than EXISTS: PostgreSQL turns EXISTS into a semi-join that reads every document
    /// (2 s over 1M cases), where the check should run only on the rows the newest-first walk reaches.
    /// </summary>
    private static IQueryable<Case> Matching(IQueryable<Case> cases, AppDbContext db, IReadOnlyList<SearchTerm> terms)
    {
        IQueryable<CaseSearchDocument> docs = Documents(db, terms);
        return cases.Where(c => docs.Where(d => d.CaseId == c.Id).Select(d => 1).FirstOrDefault() == 1);
    }

    /// <summary>
    /// The terms the full-text index is asked for: every bigram and the longest word of three or more
    /// characters. Short prefixes (号, ja, a year like 2026 beside a case number) match most documents
    /// and cost the index a merge of huge lists for nothing; they are checked on the candidates'
    /// tokens instead. A query made only of short prefixes goes to the index as it is.
    /// </summary>
    public static IReadOnlyList<SearchTerm> IndexTerms(IReadOnlyList<SearchTerm> terms)
    {
        SearchTerm? word = terms.Where(t => t.Prefix && t.Text.Length >= 3).MaxBy(t => t.Text.Length);
        SearchTerm[] chosen = [.. terms.Where(t => !t.Prefix || ReferenceEquals(t, word))];
        return chosen.Length > 0 ? chosen : terms;
    }

    /// <summary>Documents holding every term: " token " is a whole token, " prefix" a token's start.</summary>
    private static IQueryable<CaseSearchDocument> Documents(AppDbContext db, IReadOnlyList<SearchTerm> terms)
    {
        IQueryable<CaseSearchDocument> docs = db.CaseSearchDocuments;
        foreach (SearchTerm term in terms)
        {
            string pattern = " " + term.Text + (term.Prefix ? "" : " ");
            docs = docs.Where(d => (" " + d.Text + " ").Contains(pattern));
        }
        return docs;
    }

    /// <summary>Up to <paramref name="limit"/> matching cases, in no particular order, from the full-text index.</summary>
    public static Task<List<Guid>> MatchesAsync(AppDbContext db, IReadOnlyList<SearchTerm> terms, int limit, CancellationToken ct) =>
        db.Provider == DatabaseProvider.Postgres
            ? db.Database.SqlQuery<Guid>($"""
                SELECT "CaseId" AS "Value" FROM case_search
                WHERE array_to_tsvector(string_to_array("Text", ' ')) @@ {TsQuery(terms)}::tsquery LIMIT {limit}
                """).ToListAsync(ct)
            : db.Database.SqlQuery<Guid>($"""
                SELECT s."CaseId" AS "Value" FROM case_fts JOIN case_search s ON s."Id" = case_fts.rowid
                WHERE case_fts MATCH {Fts5Query(terms)} LIMIT {limit}
                """).ToListAsync(ct);

    /// <summary>FTS5: <c>"占道" "道经" "路"*</c>, an implicit AND of quoted tokens.</summary>
    public static string Fts5Query(IReadOnlyList<SearchTerm> terms) =>
        string.Join(' ', terms.Select(t => "\"" + t.Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (t.Prefix ? "*" : "")));

    /// <summary>PostgreSQL: <c>'占道' &amp; '道经' &amp; '路':*</c>.</summary>
    public static string TsQuery(IReadOnlyList<SearchTerm> terms) =>
        string.Join(" & ", terms.Select(t => "'" + t.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'" + (t.Prefix ? ":*" : "")));
}
