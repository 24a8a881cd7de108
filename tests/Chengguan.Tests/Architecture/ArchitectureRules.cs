using System.Reflection;
using Chengguan.Data;
using Chengguan.Data.CompiledModels.Sqlite;
using Microsoft.AspNetCore.Components;

namespace Chengguan.Tests.Architecture;

/// <summary>
/// The rules of "One front door per capability" (decision 0009) as checks over the scanned references.
/// A violation is one line, "rule | from -> to", so that the baseline in <see cref="ArchitectureTests"/> can list them.
/// </summary>
public static class ArchitectureRules
{
    public const string Endpoints = "endpoints";
    public const string Layering = "layering";
    public const string PageDb = "page-db";
    public const string ForeignWrite = "foreign-write";
    public const string PageLocator = "page-locator";

    public static readonly Assembly Product = typeof(Program).Assembly;

    private static readonly Lazy<IReadOnlyList<Reference>> LazyReferences = new(() => IlScanner.Scan(Product.Location));

    public static IReadOnlyList<Reference> References => LazyReferences.Value;

    /// <summary>The capabilities that the others build on; they must not know the workflows above them.</summary>
    private static readonly HashSet<string> Foundations = ["Clocks", "Grids", "Organisation", "Evidence"];

    private static readonly HashSet<string> Workflows = ["Cases", "Demolition", "Kpis"];

    private static readonly HashSet<string> DbSetWrites = ["Add", "AddAsync", "AddRange", "AddRangeAsync", "Remove", "RemoveRange", "Update", "UpdateRange", "Attach", "AttachRange"];

    /// <summary>
    /// Writers allowed to touch any capability's rows, and why:
    /// the demo district's seeding builds a whole district at once before any service runs (it is data, not a use case);
    /// the audit interceptor records every change of every capability, which is its purpose.
    /// </summary>
    private static bool ExemptWriter(string from) =>
        from.StartsWith("Chengguan.Data.Seeding.", StringComparison.Ordinal) || from == "Chengguan.Audit.AuditInterceptor";

    /// <summary>The second segment of a product namespace (Chengguan.Cases.Pages.X → Cases); null outside the product's namespaces.</summary>
    public static string? Capability(string typeName)
    {
        string[] parts = typeName.Split('+')[0].Split('.');
        return parts.Length >= 3 && parts[0] == "Chengguan" ? parts[1] : null;
    }

    private static string TopLevel(string typeName) => typeName.Split('+')[0];

    private static bool IsEndpoints(string typeName) =>
        Capability(typeName) is not null && TopLevel(typeName).EndsWith("Endpoints", StringComparison.Ordinal);

    /// <summary>Console code: the Ui folder, a capability's Pages folder, or any Blazor component.</summary>
    private static bool IsPage(string from)
    {
        string[] parts = from.Split('.');
        return (parts.Length >= 3 && parts[0] == "Chengguan" && (parts[1] == "Ui" || parts[2] == "Pages"))
            || Product.GetType(from)?.IsSubclassOf(typeof(ComponentBase)) == true;
    }

    private static bool IsDbContext(string typeName) =>
        Capability(typeName) == "Data" && Product.GetType(typeName) is { } t && typeof(AppDbContext).IsAssignableFrom(t);

    private static readonly Lazy<Dictionary<string, string>> EntityCapabilities = new(() =>
        SqliteAppDbContextModel.Instance.GetEntityTypes()
            .Where(e => !e.HasSharedClrType && e.ClrType.FullName is not null && Capability(e.ClrType.FullName) is not null)
            .Select(e => e.ClrType.FullName!).Distinct()
            .ToDictionary(n => n, n => Capability(n)!));

    /// <summary>Every entity type of the model (owned types included) and the capability whose namespace declares it.</summary>
    public static IReadOnlyDictionary<string, string> Entities => EntityCapabilities.Value;

    public static SortedSet<string> Violations() => Violations(References);

    public static SortedSet<string> Violations(IEnumerable<Reference> references)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Reference r in references)
        {
            string? from = Capability(r.From);
            string? to = Capability(r.To);

            // 1. Endpoint classes are adapters for HTTP only; everything else goes through the capability's service.
            // Mapping routes is their one public use: Program calls MapX, and a capability's Setup or endpoints compose their own MapX.
            if (IsEndpoints(r.To) && TopLevel(r.To) != r.From
                && !(r.Member?.StartsWith("Map", StringComparison.Ordinal) == true && (r.From == "Program" || from == to)))
            {
                found.Add($"{Endpoints} | {r.From} -> {TopLevel(r.To)}");
            }

            // 2. The foundations do not know the workflows built on them.
            if (from is not null && to is not null && Foundations.Contains(from) && Workflows.Contains(to))
            {
                found.Add($"{Layering} | {r.From} -> {TopLevel(r.To)}");
            }

            // 3. Pages go through services, never to the database themselves.
            if (IsPage(r.From) && IsDbContext(r.To))
            {
                found.Add($"{PageDb} | {r.From} -> {TopLevel(r.To)}");
            }

            // 3b. Nor do they pick services out of a provider: they name the door (ConsoleSession.RunAsync<TService, T>),
            // so what a page may call is visible in its signature. The session itself is that adapter.
            if (IsPage(r.From) && r.From != "Chengguan.Ui.ConsoleSession"
                && r.To == "Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions" && r.Member is "GetRequiredService" or "GetService")
            {
                found.Add($"{PageLocator} | {r.From} -> {r.To}::{r.Member}");
            }
            // 4. A capability writes only its own entities.
            if (WrittenEntity(r) is { } written && Entities.TryGetValue(written.Entity, out string? owner) && owner != from && !ExemptWriter(r.From))
            {
                found.Add($"{ForeignWrite} | {r.From} -> {written.Entity}::{written.How}");
            }
        }
        return found;
    }

    /// <summary>The bulk writer's generic methods (Data/BulkWrite): Insert&lt;T&gt; and Update&lt;T&gt; write rows of T outside the change tracker.</summary>
    private const string BulkWrite = "Chengguan.Data.BulkWrite";

    private static readonly HashSet<string> BulkWrites = ["Insert", "Update"];

    /// <summary>
    /// The entity a reference writes, if it is a write: DbSet/DbContext Add…Attach, ExecuteUpdate/ExecuteDelete,
    /// BulkWrite.Insert/Update, or a property setter.
    /// </summary>
    public static (string Entity, string How)? WrittenEntity(Reference r)
    {
        if (r.Member is not { } member)
        {
            return null;
        }
        if (r.To == "Microsoft.EntityFrameworkCore.DbSet`1" && DbSetWrites.Contains(member) && r.TypeArgs.Length > 0)
        {
            return (r.TypeArgs[0], "DbSet." + member);
        }
        if ((r.To == "Microsoft.EntityFrameworkCore.DbContext" || IsDbContext(r.To)) && DbSetWrites.Contains(member) && r.TypeArgs.Length > 0)
        {
            return (r.TypeArgs[^1], "DbContext." + member);
        }
        if ((member.StartsWith("ExecuteUpdate", StringComparison.Ordinal) || member.StartsWith("ExecuteDelete", StringComparison.Ordinal)) && r.TypeArgs.Length > 0)
        {
            return (r.TypeArgs[0], member);
        }
        if (r.To == BulkWrite && BulkWrites.Contains(member) && r.TypeArgs.Length > 0)
        {
            return (r.TypeArgs[0], "BulkWrite." + member);
        }
        if (member.StartsWith("set_", StringComparison.Ordinal) && Entities.ContainsKey(r.To))
        {
            return (r.To, member);
        }
        return null;
    }
}
