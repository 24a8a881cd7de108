using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chengguan.Bench;

/// <summary>
/// What the database drivers alone manage on this machine for a hotline order's unit of work (4
/// rows: the case, its first timeline line, two clocks), with no HTTP and no EF Core, committed as durably as the app commits: one
/// transaction per order, and orders batched 200 to a transaction. The intake figures are read as
/// a share of these, measured in the same run.
/// </summary>
public static class RawCeilings
{
    private const int BatchSize = 200;

    public static (double OnePerTransaction, double Batched) Sqlite(int orders)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ceiling-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            // The app's own durability: WAL with SQLite's default synchronous=FULL (the WAL is synced at every commit);
            // NORMAL would measure a ceiling the app, which never lowers it, cannot have.
            Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;" + Schema("TEXT"));
            var insert = Prepare(connection);
            double one = Rate(orders, () =>
            {
                for (int i = 0; i < orders; i++)
                {
                    using SqliteTransaction tx = connection.BeginTransaction();
                    insert(tx, i);
                    tx.Commit();
                }
            });
            double batched = Rate(orders, () =>
            {
                for (int i = 0; i < orders; i += BatchSize)
                {
                    using SqliteTransaction tx = connection.BeginTransaction();
                    for (int j = i; j < Math.Min(orders, i + BatchSize); j++)
                    {
                        insert(tx, orders + j);
                    }
                    tx.Commit();
                }
            });
            return (one, batched);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (string f in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    public static async Task<(double OnePerTransaction, double Batched)> PostgresAsync(string server, int orders, int connections)
    {
        string database = "chengguan_ceiling_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
        }
        string cs = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        try
        {
            await using (var setup = new NpgsqlConnection(cs))
            {
                await setup.OpenAsync();
                await new NpgsqlCommand(Schema("uuid"), setup).ExecuteNonQueryAsync();
            }
            double one = await RateAsync(orders, connections, cs, perTransaction: 1);
            double batched = await RateAsync(orders, connections, cs, perTransaction: BatchSize);
            return (one, batched);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }

    private static string Schema(string idType) => $"""
        CREATE TABLE cases (id {idType} PRIMARY KEY, number TEXT NOT NULL UNIQUE, external TEXT NOT NULL UNIQUE, description TEXT NOT NULL, state INTEGER NOT NULL, reported_at TEXT NOT NULL);
        CREATE TABLE case_events (case_id {idType} NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (case_id, seq));
        CREATE TABLE clocks (id {idType} PRIMARY KEY, subject_id {idType} NOT NULL, kind TEXT NOT NULL, due_at TEXT NOT NULL);
        CREATE INDEX clocks_due ON clocks (due_at);
        """;

    private static Action<SqliteTransaction, int> Prepare(SqliteConnection connection)
    {
        SqliteCommand Command(string sql, params string[] names)
        {
            SqliteCommand c = connection.CreateCommand();
            c.CommandText = sql;
            foreach (string n in names)
            {
                c.Parameters.Add(new SqliteParameter(n, ""));
            }
            return c;
        }
        SqliteCommand kase = Command("INSERT INTO cases VALUES ($id, $n, $e, $d, 1, $at)", "$id", "$n", "$e", "$d", "$at");
        SqliteCommand ev = Command("INSERT INTO case_events VALUES ($id, 1, 'Open', $at)", "$id", "$at");
        SqliteCommand clock = Command("INSERT INTO clocks VALUES ($cid, $id, $k, $at)", "$cid", "$id", "$k", "$at");
        return (tx, i) =>
        {
            string id = Guid.NewGuid().ToString(), at = TimeProvider.System.GetUtcNow().ToString("O");
            foreach (SqliteCommand c in new[] { kase, ev, clock })
            {
                c.Transaction = tx;
            }
            kase.Parameters["$id"].Value = id;
            kase.Parameters["$n"].Value = $"JA-2026-{i:D7}";
            kase.Parameters["$e"].Value = $"GD{i:D9}";
            kase.Parameters["$d"].Value = "夜间施工噪声扰民，请尽快处理";
            kase.Parameters["$at"].Value = at;
            kase.ExecuteNonQuery();
            ev.Parameters["$id"].Value = id;
            ev.Parameters["$at"].Value = at;
            ev.ExecuteNonQuery();
            foreach (string kind in new[] { "accept", "handle" })
            {
                clock.Parameters["$cid"].Value = Guid.NewGuid().ToString();
                clock.Parameters["$id"].Value = id;
                clock.Parameters["$k"].Value = kind;
                clock.Parameters["$at"].Value = at;
                clock.ExecuteNonQuery();
            }
        };
    }

    private static async Task<double> RateAsync(int orders, int connections, string cs, int perTransaction)
    {
        int next = -1;
        string run = Guid.NewGuid().ToString("N")[..6];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(cs);
            await connection.OpenAsync();
            while (true)
            {
                int first = Interlocked.Add(ref next, perTransaction) - perTransaction + 1;
                if (first >= orders)
                {
                    return;
                }
                await using NpgsqlTransaction tx = await connection.BeginTransactionAsync();
                await using var batch = new NpgsqlBatch(connection, tx);
                for (int i = first; i < Math.Min(orders, first + perTransaction); i++)
                {
                    Guid id = Guid.NewGuid();
                    string at = TimeProvider.System.GetUtcNow().ToString("O");
                    batch.BatchCommands.Add(Command("INSERT INTO cases VALUES ($1, $2, $3, $4, 1, $5)", id, $"JA-{run}-{perTransaction}-{i:D7}", $"GD{run}{perTransaction}{i:D9}", "夜间施工噪声扰民，请尽快处理", at));
                    batch.BatchCommands.Add(Command("INSERT INTO case_events VALUES ($1, 1, 'Open', $2)", id, at));
                    batch.BatchCommands.Add(Command("INSERT INTO clocks VALUES ($1, $2, 'accept', $3)", Guid.NewGuid(), id, at));
                    batch.BatchCommands.Add(Command("INSERT INTO clocks VALUES ($1, $2, 'handle', $3)", Guid.NewGuid(), id, at));
                }
                await batch.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }
        }));
        return orders / watch.Elapsed.TotalSeconds;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var c = new NpgsqlBatchCommand(sql);
        foreach (object v in values)
        {
            c.Parameters.Add(new NpgsqlParameter { Value = v });
        }
        return c;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using SqliteCommand c = connection.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }

    private static double Rate(int orders, Action run)
    {
        var watch = Stopwatch.StartNew();
        run();
        return orders / watch.Elapsed.TotalSeconds;
    }
}
