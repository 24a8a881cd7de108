using System.Data.Common;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Chengguan.Bench.Cases1M;

/// <summary>
/// Rows straight into the app's tables, columns and value conversions taken from the EF model (so
/// the rows are what SaveChanges would write): binary COPY on PostgreSQL, one prepared INSERT
/// reused row by row inside a large transaction on SQLite. Store-generated integer keys are left to the database.
/// </summary>
internal sealed class TableWriter(AppDbContext db)
{
    private readonly Dictionary<Type, DbCommand> _sqlite = [];

    public AppDbContext Db => db;

    private static IProperty[] Columns(IEntityType type) =>
        [.. type.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ClrType == typeof(long) && p.ValueGenerated != ValueGenerated.Never))];

    private static string Quote(string name) => "\"" + name + "\"";

    public async Task WriteAsync<T>(IReadOnlyList<T> rows) where T : class
    {
        IEntityType type = db.Model.FindEntityType(typeof(T))!;
        IProperty[] columns = Columns(type);
        string table = Quote(type.GetTableName()!);
        string names = string.Join(", ", columns.Select(c => Quote(c.GetColumnName())));
        var mappings = columns.Select(c => (RelationalTypeMapping)c.GetTypeMapping()).ToArray();
        var getters = columns.Select(c => c.GetGetter()).ToArray();
        object? Value(int c, T row)
        {
            object? v = getters[c].GetClrValue(row);
            return v is null ? null : mappings[c].Converter?.ConvertToProvider(v) ?? v;
        }
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            // "character varying(24)" → "character varying": COPY names the type, not its modifier.
            string[] types = [.. mappings.Select(m => m.StoreType.Split('(')[0])];
            await using NpgsqlBinaryImporter copy = await conn.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)");
            foreach (T row in rows)
            {
                await copy.StartRowAsync();
                for (int c = 0; c < columns.Length; c++)
                {
                    object? v = Value(c, row);
                    if (v is null)
                    {
                        await copy.WriteNullAsync();
                    }
                    else
                    {
                        await copy.WriteAsync(v, types[c]);
                    }
                }
            }
            await copy.CompleteAsync();
            return;
        }
        if (!_sqlite.TryGetValue(typeof(T), out DbCommand? command))
        {
            command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"INSERT INTO {table} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            for (int c = 0; c < columns.Length; c++)
            {
                command.Parameters.Add(mappings[c].CreateParameter(command, "@p" + c, null, nullable: true));
            }
            _sqlite[typeof(T)] = command;
        }
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        foreach (T row in rows)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                command.Parameters[c].Value = Value(c, row) ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync();
        }
    }
}
