using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chengguan.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Chengguan.Data;

/// <summary>
/// Multi-row INSERTs and keyed UPDATEs for system work over thousands of rows (the clock sweep,
/// recalculation after a notice import), written inside the caller's transaction with one chained
/// audit entry that carries a SHA-256 over every row. Column names, value conversions and
/// parameter types come from the EF model, so the rows are exactly what SaveChanges would write.
/// </summary>
public sealed class BulkWrite(AppDbContext db, TimeProvider time)
{
    private readonly List<Func<CancellationToken, Task>> _steps = [];
    private readonly List<Action> _hashes = [];
    private readonly IncrementalHash _digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly List<Cases.Case> _cases = [];
    private readonly List<Cases.CaseEvent> _caseEvents = [];
    private readonly List<Clocks.Clock> _clocks = [];
    private int _rows;

    public int Rows => _rows;

    public BulkWrite Insert<T>(IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count == 0)
        {
            return this;
        }
        IEntityType type = EntityType<T>();
        IProperty[] columns = [.. type.GetProperties()];
        Record(type, "create", rows, columns);
        // Cases, their timelines and clocks carry KPI facts: the rollups follow them in this transaction (decision 0012).
        switch (rows)
        {
            case IReadOnlyList<Cases.Case> cases:
                _cases.AddRange(cases);
                break;
            case IReadOnlyList<Cases.CaseEvent> events:
                _caseEvents.AddRange(events);
                break;
            case IReadOnlyList<Clocks.Clock> clocks:
                _clocks.AddRange(clocks);
                break;
        }
        string head = $"INSERT INTO {Quote(type.GetTableName()!)} ({string.Join(", ", columns.Select(c => Quote(c.GetColumnName())))}) ";
        if (db.Provider == DatabaseProvider.Postgres)
        {
            _steps.Add(ct => ExecuteUnnestAsync(db, rows, columns, head + "SELECT * FROM " + Unnest(columns.Length), ct));
        }
        else
        {
            // SQLite: one prepared single-row statement, re-bound row by row. Microsoft.Data.Sqlite
            // looks each named parameter up by a linear scan, so a multi-row VALUES list costs
            // quadratic binding time; a prepared row costs only its own columns.
            string one = head + "VALUES (" + string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture))) + ")";
            _steps.Add(ct => ExecutePerRowAsync(db, rows, columns, one, ct));
        }
        return this;
    }

    /// <summary>Sets the named properties of existing rows, matched on the primary key.</summary>
    public BulkWrite Update<T>(IReadOnlyList<T> rows, params string[] properties) where T : class
    {
        if (rows.Count == 0)
        {
            return this;
        }
        // KPI facts depend on a case's filing, key and closure, its timeline, and its stopped clocks; a bulk update may
        // touch running clocks only (the sweep, a recompute), which carry no fact (decision 0012).
        // (A calendar recompute rewrites StoppedAt among its fields, but only of open clocks, which it leaves open.)
        if (typeof(T) == typeof(Cases.Case) || typeof(T) == typeof(Cases.CaseEvent)
            || (typeof(T) == typeof(Clocks.Clock) && (properties.Any(p => p is nameof(Clocks.Clock.Kind) or nameof(Clocks.Clock.SubjectId))
                || (properties.Contains(nameof(Clocks.Clock.StoppedAt)) && rows.Any(r => ((Clocks.Clock)(object)r).StoppedAt is not null)))))
        {
            throw new InvalidOperationException($"A bulk update of {typeof(T).Name} ({string.Join(", ", properties)}) would bypass the KPI rollups.");
        }
        IEntityType type = EntityType<T>();
        IProperty key = type.FindPrimaryKey()!.Properties.Single();
        IProperty[] columns = [key, .. properties.Select(p => type.FindProperty(p) ?? throw new ArgumentException($"{type.ClrType.Name} has no property {p}."))];
        Record(type, "update", rows, columns);
        string names = string.Join(", ", columns.Select((_, i) => "c" + i.ToString(CultureInfo.InvariantCulture)));
        string set = string.Join(", ", columns.Skip(1).Select((c, i) => $"{Quote(c.GetColumnName())} = v.c{(i + 1).ToString(CultureInfo.InvariantCulture)}"));
        string table = Quote(type.GetTableName()!);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // SQLite's planner scans the target for UPDATE … FROM (VALUES …); by primary key, a row at a time.
            string one = $"UPDATE {table} SET {string.Join(", ", columns.Skip(1).Select((c, i) => $"{Quote(c.GetColumnName())} = @p{(i + 1).ToString(CultureInfo.InvariantCulture)}"))} WHERE {Quote(key.GetColumnName())} = @p0";
            _steps.Add(ct => ExecutePerRowAsync(db, rows, columns, one, ct));
        }
        else
        {
            _steps.Add(ct => ExecuteUnnestAsync(db, rows, columns,
                $"UPDATE {table} SET {set} FROM {Unnest(columns.Length)} AS v({names}) WHERE {table}.{Quote(key.GetColumnName())} = v.c0", ct));
        }
        return this;
    }

    /// <summary>Writes everything in the current transaction, then the audit entry for it.</summary>
    public async Task ExecuteAsync(string auditLabel, string? actorName, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bulk write runs inside the caller's transaction.");
        }
        if (_rows == 0)
        {
            return;
        }
        // The digest is computed on another core while SQLite writes (the rows are only read by both);
        // a small batch is hashed in line.
        Kpis.Rollups.RollupDelta? facts = _cases.Count + _caseEvents.Count + _clocks.Count == 0 ? null
            : await Kpis.Rollups.KpiRollupWriter.DeltaOfInsertsAsync(db, _cases, _caseEvents, _clocks, ct);
        Task hashing = _rows >= 1000 ? Task.Run(HashAll, ct) : Task.CompletedTask;
        if (_rows < 1000)
        {
            HashAll();
        }
        try
        {
            foreach (Func<CancellationToken, Task> step in _steps)
            {
                await step(ct);
            }
        }
        finally
        {
            // Never leave while the digest is still being written to.
            await hashing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await hashing;
        string summary = JsonSerializer.Serialize(new { rows = _rows, counts = _counts, sha256 = Convert.ToHexStringLower(_digest.GetHashAndReset()) });
        await AuditInterceptor.AppendBatchEntryAsync(db, time, auditLabel, actorName, summary, ct);
        // After the audit chain's lock, as an EF save adds its rollups at commit after taking that lock in SavingChanges:
        // one lock order for every writer, or two PostgreSQL writers deadlock (chain lock against a rollup row).
        if (facts is not null)
        {
            await Kpis.Rollups.KpiRollupWriter.ApplyAsync(db, facts, ct);
        }
    }

    /// <summary>
    /// Adds each row's <paramref name="countProperty"/> to the row with the same primary key, inserting it when there is
    /// none, in the current transaction and without an audit entry: for counters derived from audited rows and written
    /// beside them (the KPI rollups). The rows' keys must be distinct.
    /// </summary>
    public static async Task AccumulateAsync<T>(AppDbContext db, IReadOnlyList<T> rows, string countProperty, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        IEntityType type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        IProperty[] columns = [.. type.GetProperties()];
        string table = Quote(type.GetTableName()!);
        string count = Quote(type.FindProperty(countProperty)!.GetColumnName());
        string head = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => Quote(c.GetColumnName())))}) ";
        string conflict = $" ON CONFLICT ({string.Join(", ", type.FindPrimaryKey()!.Properties.Select(p => Quote(p.GetColumnName())))}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}";
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await ExecuteUnnestAsync(db, rows, columns, head + "SELECT * FROM " + Unnest(columns.Length) + conflict, ct);
        }
        else
        {
            await ExecutePerRowAsync(db, rows, columns, head + "VALUES (" + string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture))) + ")" + conflict, ct);
        }
    }

    private IEntityType EntityType<T>() =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");

    private void HashAll()
    {
        foreach (Action hash in _hashes)
        {
            hash();
        }
        _hashes.Clear();
    }

    private void Record<T>(IEntityType type, string action, IReadOnlyList<T> rows, IProperty[] columns) where T : class
    {
        string name = type.ClrType.Name + "." + action;
        _counts[name] = _counts.GetValueOrDefault(name) + rows.Count;
        _rows += rows.Count;
        _hashes.Add(() => Hash(name, rows, columns));
    }

    private void Hash<T>(string name, IReadOnlyList<T> rows, IProperty[] columns) where T : class
    {
        // Hashed value by value into one buffer, flushed to the digest when full: this runs for
        // every row of a sweep and of the demo history (hundreds of thousands of rows).
        Span<char> chars = stackalloc char[64];
        byte[] bytes = _buffer;
        int used = 0;
        IClrPropertyGetter[] getters = [.. columns.Select(c => c.GetGetter())];
        foreach (T row in rows)
        {
            Append(name);
            for (int c = 0; c < getters.Length; c++)
            {
                AppendByte((byte)'|');
                switch (getters[c].GetClrValue(row))
                {
                    case null:
                        break;
                    case string text:
                        Append(text);
                        break;
                    case byte[] blob:
                        // Packed values (survey answers): hashed as they are stored, not as their type's name.
                        _digest.AppendData(blob);
                        break;
                    case DateTimeOffset d when d.ToUniversalTime().TryFormat(chars, out int n, "O", CultureInfo.InvariantCulture):
                        Append(chars[..n]);
                        break;
                    case ISpanFormattable f when f.TryFormat(chars, out int n, default, CultureInfo.InvariantCulture):
                        Append(chars[..n]);
                        break;
                    case object other:
                        Append(Format(other));
                        break;
                }
            }
            AppendByte((byte)'\n');
        }
        _digest.AppendData(bytes, 0, used);

        void Append(ReadOnlySpan<char> text)
        {
            int max = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (max > bytes.Length - used)
            {
                _digest.AppendData(bytes, 0, used);
                used = 0;
            }
            if (max <= bytes.Length)
            {
                used += Encoding.UTF8.GetBytes(text, bytes.AsSpan(used));
            }
            else
            {
                _digest.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
            }
        }

        void AppendByte(byte b)
        {
            if (used == bytes.Length)
            {
                _digest.AppendData(bytes, 0, used);
                used = 0;
            }
            bytes[used++] = b;
        }
    }

    private static string Unnest(int columns) =>
        "unnest(" + string.Join(", ", Enumerable.Range(0, columns).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture))) + ")";

    /// <summary>
    /// PostgreSQL: one array parameter a column, whatever the row count; a statement with
    /// thousands of scalar parameters spends its time in parsing and planning.
    /// </summary>
    private static async Task ExecuteUnnestAsync<T>(AppDbContext db, IReadOnlyList<T> rows, IProperty[] columns, string statement, CancellationToken ct)
    {
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = statement;
        command.CommandTimeout = 120;
        for (int c = 0; c < columns.Length; c++)
        {
            IProperty column = columns[c];
            ValueConverter? converter = column.GetTypeMapping().Converter;
            Type element = converter?.ProviderClrType ?? column.ClrType;
            if (element.IsValueType && column.IsNullable && Nullable.GetUnderlyingType(element) is null)
            {
                element = typeof(Nullable<>).MakeGenericType(element);
            }
            Array values = Array.CreateInstance(element, rows.Count);
            IClrPropertyGetter getter = column.GetGetter();
            for (int r = 0; r < rows.Count; r++)
            {
                object? value = getter.GetClrValue(rows[r]!);
                values.SetValue(value is null ? null : converter?.ConvertToProvider(value) ?? value, r);
            }
            command.Parameters.Add(new Npgsql.NpgsqlParameter("p" + c.ToString(CultureInfo.InvariantCulture), values));
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecutePerRowAsync<T>(AppDbContext db, IReadOnlyList<T> rows, IProperty[] columns, string statement, CancellationToken ct)
    {
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = statement;
        bool sqlite = db.Provider == DatabaseProvider.Sqlite;
        var mappings = columns.Select(c => (RelationalTypeMapping)c.GetTypeMapping()).ToArray();
        IClrPropertyGetter[] getters = [.. columns.Select(c => c.GetGetter())];
        // Parameters are made once from the type mappings (types, sizes) and only their values change.
        for (int c = 0; c < columns.Length; c++)
        {
            command.Parameters.Add(mappings[c].CreateParameter(command, "@p" + c.ToString(CultureInfo.InvariantCulture), getters[c].GetClrValue(rows[0]!), columns[c].IsNullable));
        }
        if (sqlite && RawBinders(columns, command) is { } binders)
        {
            ValueConverter?[] converters = [.. mappings.Select(m => m.Converter)];
            SqliteRowBinding.Execute((Microsoft.Data.Sqlite.SqliteConnection)command.Connection!, Positional(statement), rows.Count, columns.Length,
                (r, c) => getters[c].GetClrValue(rows[r]!) is { } v ? converters[c]?.ConvertToProvider(v) ?? v : null, binders, ct);
            return;
        }
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; r > 0 && c < columns.Length; c++)
            {
                object? value = getters[c].GetClrValue(rows[r]!);
                command.Parameters[c].Value = value is null ? DBNull.Value : mappings[c].Converter?.ConvertToProvider(value) ?? value;
            }
            if (sqlite)
            {
                // Microsoft.Data.Sqlite's async methods run synchronously anyway; skip their task per row.
                ct.ThrowIfCancellationRequested();
                command.ExecuteNonQuery();
            }
            else
            {
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>Position binders for every column (provider type and the parameter's SQLite type as the model made them), or null.</summary>
    private static SqliteRowBinding.Binder[]? RawBinders(IProperty[] columns, DbCommand command)
    {
        var binders = new SqliteRowBinding.Binder[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            if (SqliteRowBinding.For((RelationalTypeMapping)columns[c].GetTypeMapping(), columns[c].ClrType, (Microsoft.Data.Sqlite.SqliteCommand)command) is not { } binder)
            {
                return null;
            }
            binders[c] = binder;
        }
        return binders;
    }

    /// <summary>@p0, @p1, … as ?1, ?2, …: SQLite numbers positional parameters from one.</summary>
    private static string Positional(string statement) =>
        System.Text.RegularExpressions.Regex.Replace(statement, @"@p(\d+)\b", m => "?" + (int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
