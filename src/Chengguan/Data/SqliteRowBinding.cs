using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Chengguan.Data;

/// <summary>
/// Writes rows through one prepared SQLite statement bound by position with SQLitePCL's raw API.
/// Microsoft.Data.Sqlite, for every execution, looks each parameter up by name and opens a data
/// reader; over the demo history's 230,000 rows that was a fifth of the write. Each binder stores a
/// value exactly as Microsoft.Data.Sqlite stores it for the same parameter (a test compares the two
/// for every column type of the model); a type this class does not know has no binder, and the
/// caller keeps the ordinary command for that table.
/// </summary>
internal static class SqliteRowBinding
{
    public delegate int Binder(sqlite3_stmt statement, int index, object value);

    /// <summary>
    /// The binder for a column: from its provider type and the SQLite type of the parameter its mapping makes
    /// (made without a value, so that the type is the mapping's own and not the first row's), or null.
    /// </summary>
    public static Binder? For(RelationalTypeMapping mapping, Type clrType, SqliteCommand command) =>
        For(mapping.Converter?.ProviderClrType ?? clrType, ((SqliteParameter)mapping.CreateParameter(command, "@binding", null, true)).SqliteType);

    /// <summary>
    /// The binder for a provider value of <paramref name="type"/>, or null. Microsoft.Data.Sqlite binds by the
    /// value's runtime type unless the parameter was given a SQLite type; a parameter made without a value
    /// reports Text when none was given, so Text or the type's own storage class means "by the value".
    /// </summary>
    public static Binder? For(Type type, SqliteType sqliteType)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        (Binder binder, SqliteType natural)? known =
            t == typeof(string) ? ((s, i, v) => raw.sqlite3_bind_text(s, i, (string)v), SqliteType.Text)
            : t == typeof(long) ? ((s, i, v) => raw.sqlite3_bind_int64(s, i, (long)v), SqliteType.Integer)
            : t == typeof(int) ? ((s, i, v) => raw.sqlite3_bind_int64(s, i, (int)v), SqliteType.Integer)
            : t == typeof(short) ? ((s, i, v) => raw.sqlite3_bind_int64(s, i, (short)v), SqliteType.Integer)
            : t == typeof(byte) ? ((s, i, v) => raw.sqlite3_bind_int64(s, i, (byte)v), SqliteType.Integer)
            : t == typeof(bool) ? ((s, i, v) => raw.sqlite3_bind_int64(s, i, (bool)v ? 1 : 0), SqliteType.Integer)
            : t == typeof(double) ? ((s, i, v) => raw.sqlite3_bind_double(s, i, (double)v), SqliteType.Real)
            : t == typeof(float) ? ((s, i, v) => raw.sqlite3_bind_double(s, i, (float)v), SqliteType.Real)
            : t == typeof(byte[]) ? ((s, i, v) => raw.sqlite3_bind_blob(s, i, (byte[])v), SqliteType.Blob)
            : t == typeof(Guid) ? ((s, i, v) => raw.sqlite3_bind_text(s, i, ((Guid)v).ToString().ToUpperInvariant()), SqliteType.Text)
            : t == typeof(DateTimeOffset) ? ((s, i, v) => raw.sqlite3_bind_text(s, i, ((DateTimeOffset)v).ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)), SqliteType.Text)
            : t == typeof(DateOnly) ? ((s, i, v) => raw.sqlite3_bind_text(s, i, ((DateOnly)v).ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)), SqliteType.Text)
            : null;
        return known is { } k && (sqliteType == k.natural || sqliteType == SqliteType.Text) ? k.binder : null;
    }

    /// <summary>Prepares <paramref name="sql"/> once on the connection (inside its open transaction) and runs it for every row.</summary>
    public static void Execute(SqliteConnection connection, string sql, int rows, int columns, Func<int, int, object?> value, Binder[] binders, CancellationToken ct)
    {
        sqlite3 handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        int rc = raw.sqlite3_prepare_v2(handle, sql, out sqlite3_stmt statement);
        SqliteException.ThrowExceptionForRC(rc, handle);
        using (statement)
        {
            for (int r = 0; r < rows; r++)
            {
                if ((r & 1023) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                for (int c = 0; c < columns; c++)
                {
                    object? v = value(r, c);
                    rc = v is null ? raw.sqlite3_bind_null(statement, c + 1) : binders[c](statement, c + 1, v);
                    SqliteException.ThrowExceptionForRC(rc, handle);
                }
                rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, handle);
                }
                rc = raw.sqlite3_reset(statement);
                SqliteException.ThrowExceptionForRC(rc, handle);
            }
        }
    }
}
