namespace Chengguan.DistrictReports;

/// <summary>A piece of a section's body: a paragraph, a small heading or a table.</summary>
public abstract record ReportBlock;

public sealed record ReportParagraph(string Text) : ReportBlock;

/// <summary>A heading inside a section, "（一）…" in official style.</summary>
public sealed record ReportSubheading(string Text) : ReportBlock;

/// <summary>A table; <see cref="Weights"/> share the page's width between the columns (the headers wrap, never cut).</summary>
public sealed record ReportTable(string[] Headers, IReadOnlyList<string[]> Rows, double[] Weights) : ReportBlock;

/// <summary>One section as printed: "一、title", the template's intro for it, then its blocks.</summary>
public sealed record ReportSectionText(string Key, string Heading, string Intro, IReadOnlyList<ReportBlock> Blocks);

/// <summary>The whole report as both writers (Word and PDF) set it, so the two cannot say different things.</summary>
public sealed record ReportDocument(
    string Title, string Reference, string Recipients, string Opening, IReadOnlyList<ReportSectionText> Sections, string Closing, string Signature,
    string Date, DateTimeOffset GeneratedAt);

/// <summary>What every section is given: the period and the moment of generation.</summary>
public sealed record ReportContext(ReportPeriod Period, DateTimeOffset Now);

/// <summary>
/// One section of the district report. Implementations are registered in DI (<see cref="DistrictReportsSetup"/>)
/// in their default order; the template names the sections it prints, in its own order, by <see cref="Key"/>.
/// A section reads its data only through other capabilities' doors, bounded by the period.
/// </summary>
public interface IReportSection
{
    /// <summary>Stable key the template stores ("departments", "hotline", …).</summary>
    string Key { get; }

    /// <summary>The heading after "一、" (Chinese).</summary>
    string Title { get; }

    /// <summary>The intro a new template gets for this section; the bureau edits it.</summary>
    string DefaultIntro { get; }

    Task<IReadOnlyList<ReportBlock>> BuildAsync(ReportContext context, CancellationToken ct);
}
