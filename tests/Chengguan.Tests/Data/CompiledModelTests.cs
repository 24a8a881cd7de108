using Chengguan.Data;
using Chengguan.Data.CompiledModels.Postgres;
using Chengguan.Data.CompiledModels.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Chengguan.Tests.Data;

/// <summary>
/// The app starts on compiled EF models (a second faster on a cold start). A compiled model is
/// generated code that goes stale silently when an entity changes, so these tests rebuild the
/// model from the configuration and demand the same shape. When one fails, regenerate with
/// `dotnet ef dbcontext optimize` as shown in docs/operations.md.
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void Sqlite_compiled_model_matches_the_configured_model()
    {
        var built = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.Equal(Shape(built.GetService<IDesignTimeModel>().Model), Shape(SqliteAppDbContextModel.Instance));
    }

    [Fact]
    public void Postgres_compiled_model_matches_the_configured_model()
    {
        var built = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=unused").Options);
        Assert.Equal(Shape(built.GetService<IDesignTimeModel>().Model), Shape(PostgresAppDbContextModel.Instance));
    }

    [Fact]
    public void Migrations_of_both_engines_cover_the_model()
    {
        using var sqlite = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=unused").Options);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: add a migration (see docs/operations.md)");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL: add a migration (see docs/operations.md)");
    }

    // Tables, columns with their store types and nullability, keys, indexes and foreign keys.
    private static string Shape(Microsoft.EntityFrameworkCore.Metadata.IModel model) => string.Join("\n", model.GetEntityTypes()
        .OrderBy(e => e.Name, StringComparer.Ordinal)
        .Select(e => $"{e.GetTableName()}: " +
            string.Join(", ", e.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => $"{p.GetColumnName()} {p.GetColumnType()} {(p.IsNullable ? "null" : "not null")} {p.GetMaxLength()} {p.GetValueConverter()?.GetType().Name}")) +
            " | keys " + string.Join(";", e.GetKeys().Select(k => string.Join("+", k.Properties.Select(p => p.Name)))) +
            " | indexes " + string.Join(";", e.GetIndexes().Select(i => string.Join("+", i.Properties.Select(p => p.Name)) + (i.IsUnique ? "!" : "")).Order(StringComparer.Ordinal)) +
            " | fks " + string.Join(";", e.GetForeignKeys().Select(f => string.Join("+", f.Properties.Select(p => p.Name)) + "->" + f.PrincipalEntityType.Name + ":" + f.DeleteBehavior).Order(StringComparer.Ordinal))));
}
