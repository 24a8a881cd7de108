using System.Globalization;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Demolition.Briefings;
using Chengguan.Identity;
using Chengguan.Ui.Admin;

namespace Chengguan.Demolition.Pages;

/// <summary>One commitment row of the interview form as typed.</summary>
public sealed record CommitmentDraft(string? Text, string? Deadline);

/// <summary>The console's interviews (约谈), through the endpoints' own methods in the circuit user's scope.</summary>
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

    /// <summary>Each commitment's own attribute errors keyed as the endpoint keys them (commitments[i].field).</summary>
    public static Dictionary<string, string> Validate(InterviewRecordInput input) => DemolitionConsole.ValidateWithRows(input, "commitments", input.Commitments);

    public static async Task<List<InterviewDto>> InterviewsAsync(IServiceProvider sp, InterviewState? state, CancellationToken ct) =>
        (await InterviewsEndpoints.List(state, sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<CurrentUser>(), sp.GetRequiredService<TimeProvider>(), ct)).Value!;

    public static async Task<DemolitionFormResult> ProposeAsync(IServiceProvider sp, InterviewInput input, CancellationToken ct)
    {
        return await DemolitionConsole.SubmitAsync(input, async () => (await InterviewsEndpoints.Propose(input, sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<CurrentUser>(),
                sp.GetRequiredService<TimeProvider>(), ct)).Result);
    }

    public static async Task<DemolitionFormResult> RecordAsync(IServiceProvider sp, Guid id, InterviewRecordInput input, CancellationToken ct)
    {
        return await DemolitionConsole.SubmitAsync(Validate(input), async () => (await InterviewsEndpoints.Record(id, input, sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<DemolitionProcedure>(),
                sp.GetRequiredService<ClockService>(), sp.GetRequiredService<CurrentUser>(), sp.GetRequiredService<TimeProvider>(), ct)).Result);
    }

    public static async Task<DemolitionFormResult> DoneAsync(IServiceProvider sp, Guid id, Guid commitmentId, string? note, CancellationToken ct)
    {
        var input = new NoteInput(string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        return await DemolitionConsole.SubmitAsync(input, async () => (await InterviewsEndpoints.Done(id, commitmentId, input, sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<ClockService>(),
                sp.GetRequiredService<CurrentUser>(), sp.GetRequiredService<TimeProvider>(), ct)).Result);
    }
}
