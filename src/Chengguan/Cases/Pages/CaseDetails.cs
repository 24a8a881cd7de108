namespace Chengguan.Cases.Pages;

/// <summary>Addresses the detail page links to.</summary>
public static class CaseDetails
{
    /// <summary>An evidence file of the case as the page shows it: the public copy (without EXIF, GPS and XMP).</summary>
    public static string ContentUrl(Guid caseId, Guid evidenceId) => $"/api/cases/{caseId}/evidence/{evidenceId}/content?copy=public";
}
