using System.Globalization;
using Chengguan.Data;
using Chengguan.Data.CompiledModels.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Chengguan.Tests.Data;

/// <summary>
/// The bulk writer binds SQLite rows by position itself; every column type of the model must then be
/// stored byte for byte as Microsoft.Data.Sqlite would store it through the model's own parameter, or
/// have no binder (and keep the ordinary command). Compared with SQLite's quote(), which shows the
/// storage class and the exact text, number or blob.
/// </summary>
public sealed class SqliteRowBindingTests
{
    private static readonly Dictionary<Type, object[]> s_samples = new()
    {
        [typeof(string)] = ["", "江宁路 1025 弄", "a'b\"c", new string('长', 300)],
        [typeof(long)] = [0L, -1L, long.MaxValue, long.MinValue],
        [typeof(int)] = [0, 42, int.MinValue, int.MaxValue],
        [typeof(short)] = [(short)0, short.MaxValue, short.MinValue],
        [typeof(byte)] = [(byte)0, byte.MaxValue],
        [typeof(bool)] = [true, false],
        [typeof(double)] = [0d, 1.5, -121.4737011, 31.2304, 1e-300, double.MaxValue, 0.1 + 0.2],
        [typeof(float)] = [0f, 1.25f, -3.3f],
        [typeof(byte[])] = [Array.Empty<byte>(), new byte[] { 0, 1, 255, 7 }],
        [typeof(Guid)] = [Guid.Empty, Guid.Parse("01a251ad-f9c7-77ff-99b9-9084fea1aecd")],
        [typeof(DateTimeOffset)] =
        [
            new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero).AddTicks(1234567),
            new DateTimeOffset(2026, 12, 8, 2, 0, 0, TimeSpan.FromHours(8)).AddMilliseconds(5),
            new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
        ],
        [typeof(DateOnly)] = [new DateOnly(2026, 12, 7), new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31)],
    };

    [Fact]
    public void Every_column_the_raw_binder_takes_is_stored_as_Microsoft_Data_Sqlite_stores_it()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        int compared = 0;
        var seen = new HashSet<(Type, SqliteType, string)>();
        foreach (IProperty property in SqliteAppDbContextModel.Instance.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            Type provider = mapping.Converter?.ProviderClrType ?? property.ClrType;
            Type plain = Nullable.GetUnderlyingType(provider) ?? provider;
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT quote(@p0)";
            // As the bulk writer does: the model's parameter, then only its value set row by row.
            var parameter = (SqliteParameter)mapping.CreateParameter(command, "@p0", null, property.IsNullable);
            command.Parameters.Add(parameter);
            if (SqliteRowBinding.For(mapping, property.ClrType, command) is not { } binder || !seen.Add((plain, parameter.SqliteType, mapping.GetType().Name)))
            {
                continue;
            }
            s_samples.TryGetValue(plain, out object[]? values);
            Assert.True(values is not null, $"{property.DeclaringType.ClrType.Name}.{property.Name}: the raw binder takes {plain.Name} but this test has no sample of it");
            foreach (object value in values!)
            {
                parameter.Value = value;
                string expected = (string)command.ExecuteScalar()!;
                Assert.Equal(expected, RawQuote(connection, binder, value));
                compared++;
            }
        }
        Assert.True(compared > 10, $"only {compared.ToString(CultureInfo.InvariantCulture)} values compared");
    }

    [Fact]
    public void A_type_it_does_not_know_has_no_binder_so_the_ordinary_command_is_kept()
    {
        Assert.Null(SqliteRowBinding.For(typeof(TimeSpan), SqliteType.Text));
        Assert.Null(SqliteRowBinding.For(typeof(decimal), SqliteType.Text));
        Assert.Null(SqliteRowBinding.For(typeof(DateTimeOffset), SqliteType.Real));
        Assert.Null(SqliteRowBinding.For(typeof(Guid), SqliteType.Blob));
    }

    [Fact]
    public void A_failing_row_raises_the_SQLite_error_and_the_statement_is_released()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (SqliteCommand create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }
        SqliteRowBinding.Binder[] binders = [SqliteRowBinding.For(typeof(long), SqliteType.Integer)!, SqliteRowBinding.For(typeof(string), SqliteType.Text)!];
        object?[][] rows = [[1L, "甲"], [2L, null]];
        SqliteException e = Assert.Throws<SqliteException>(() =>
            SqliteRowBinding.Execute(connection, "INSERT INTO t (id, name) VALUES (?1, ?2)", rows.Length, 2, (r, c) => rows[r][c], binders, CancellationToken.None));
        Assert.Equal(19, e.SqliteErrorCode); // SQLITE_CONSTRAINT
        using SqliteCommand count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t";
        Assert.Equal(1L, count.ExecuteScalar());
    }

    private static string RawQuote(SqliteConnection connection, SqliteRowBinding.Binder binder, object value)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle!, "SELECT quote(?1)", out sqlite3_stmt statement));
        using (statement)
        {
            Assert.Equal(raw.SQLITE_OK, binder(statement, 1, value));
            Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(statement));
            return raw.sqlite3_column_text(statement, 0).utf8_to_string();
        }
    }
}
