using System.Globalization;
using Chengguan.Demolition.Briefings;

namespace Chengguan.Demolition.Pages;

/// <summary>One commitment row of the interview form as typed.</summary>
public sealed record CommitmentDraft(string? Text, string? Deadline);

/// <summary>The interview form's typing turned into the request <see cref="Interviews.RecordAsync"/> takes (and validates).</summary>
public static class BriefingsConsole
{
    private static readonly char[] s_separators = [',', '，', '、', ';', '；', '\n'];

    /// <summary>Participants typed as one line: split on commas, 、 and semicolons (either width) or lines; blanks dropped.</summary>
    public static string[] Participants(string? text) =>
        [.. (text ?? "").Split(s_separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The record request from the form: rows with neither text nor date are left out; dates are yyyy-MM-dd.</summary>
    public static InterviewRecordInput RecordInput(string? heldOn, string? participants, string? summary, IEnumerable<CommitmentDraft> commitments)
    {
        static DateOnly? Date(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d) ? d : null;
        CommitmentInput[] rows = [.. commitments.Where(c => !string.IsNullOrWhiteSpace(c.Text) || !string.IsNullOrWhiteSpace(c.Deadline))
            .Select(c => new CommitmentInput(string.IsNullOrWhiteSpace(c.Text) ? null : c.Text.Trim(), Date(c.Deadline)))];
        string[] people = Participants(participants);
        return new InterviewRecordInput(Date(heldOn), people.Length == 0 ? null : people, string.IsNullOrWhiteSpace(summary) ? null : summary.Trim(), rows.Length == 0 ? null : rows);
    }
}
