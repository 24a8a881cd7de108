using System.Globalization;
using Chengguan.Infrastructure;
using Chengguan.Ui.Admin;

namespace Chengguan.Demolition.Pages;

/// <summary>What a demolition form shows for a door's outcome: done, or why not (the message, and field errors by camelCase field, in Chinese as the API gives them).</summary>
public sealed record DemolitionFormResult(bool Done, string? Message = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    /// <summary>Field errors when the door found the request invalid; otherwise the outcome's message (null when done).</summary>
    public static DemolitionFormResult From<T>(Outcome<T> outcome) => outcome switch
    {
        Outcome<T>.Done => new(true),
        Outcome<T>.Invalid => new(false, null, AdminForms.From(outcome)),
        _ => new(false, outcome.Message),
    };
}

/// <summary>How the demolition pages show numbers; the pages read and write through the capability's doors (<see cref="Ledger"/>, <see cref="TaskBatches"/>…).</summary>
public static class DemolitionConsole
{
    public const int PageSize = 20;

    /// <summary>A rate (0.8125) as the tables show it (81.3%); none as a dash.</summary>
    public static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
