using System.Text.Json;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Evaluation;

/// <summary>The evaluation's shared reads and JSON shapes (questionnaire items and scale, a result's groups).</summary>
public sealed class EvaluationData(AppDbContext db)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The standard questionnaire: 德、能、勤、绩、廉 on 优秀/称职/基本称职/不称职 (100/80/60/40 points).</summary>
    public static readonly QuestionItem[] StandardItems =
    [
        new("de", "德", "政治品质和职业道德：理想信念坚定，忠诚履职，遵纪守法，作风正派"),
        new("neng", "能", "业务能力：熟悉城管执法业务，组织协调、依法行政和处置突发事件的能力"),
        new("qin", "勤", "工作态度：勤勉敬业，担当作为，工作投入"),
        new("ji", "绩", "工作实绩：完成目标任务的数量、质量、效率和群众满意度"),
        new("lian", "廉", "廉洁自律：遵守廉洁从政规定，秉公执法，不以权谋私"),
    ];

    public static readonly ScaleOption[] StandardScale = [new("优秀", 100), new("称职", 80), new("基本称职", 60), new("不称职", 40)];

    public const string StandardName = "中层干部双月评价表";

    public static QuestionItem[] Items(EvaluationQuestionnaire q) => JsonSerializer.Deserialize<QuestionItem[]>(q.ItemsJson, Json)!;

    public static ScaleOption[] Scale(EvaluationQuestionnaire q) => JsonSerializer.Deserialize<ScaleOption[]>(q.ScaleJson, Json)!;

    public static QuestionnaireDto Dto(EvaluationQuestionnaire q) => new(q.Id, q.Version, q.Name, Items(q), Scale(q), q.CreatedAt);

    public static EvaluationQuestionnaire New(int version, string name, QuestionItem[] items, ScaleOption[] scale, DateTimeOffset at, string? by) => new()
    {
        Version = version, Name = name, ItemsJson = JsonSerializer.Serialize(items, Json), ScaleJson = JsonSerializer.Serialize(scale, Json), CreatedAt = at, CreatedBy = by,
    };

    /// <summary>Who rates whom: leaders and peers every cadre but themselves, subordinates the cadres of their own unit.</summary>
    public static bool Rates(EvaluationRater rater, EvaluationCadre cadre) =>
        rater.PersonId != cadre.PersonId && (rater.Group != RaterGroup.Subordinates || rater.UnitId == cadre.UnitId);

    public static EvaluationRoundSummary Summary(EvaluationRound r, int version, int cadres, int raters, int cast, int due) => new(
        r.Id, r.Name, r.Year, r.Period, new BimonthlyPeriod(r.Year, r.Period).Label, r.State, EvaluationText.State(r.State),
        r.WeightLeaders, r.WeightPeers, r.WeightSubordinates, version, cadres, raters, cast, due, r.CreatedAt, r.OpenedAt, r.ClosedAt);

    public async Task<EvaluationRoundSummary?> SummaryAsync(Guid roundId, CancellationToken ct)
    {
        if (await db.EvaluationRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return null;
        }
        int version = await db.EvaluationQuestionnaires.Where(q => q.Id == round.QuestionnaireId).Select(q => q.Version).FirstAsync(ct);
        List<EvaluationCadre> cadres = await db.EvaluationCadres.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct);
        List<EvaluationRater> raters = await db.EvaluationRaters.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct);
        int cast = await db.EvaluationBallots.CountAsync(b => b.RoundId == roundId, ct);
        return Summary(round, version, cadres.Count, raters.Count, cast, raters.Sum(r => cadres.Count(c => Rates(r, c))));
    }
}
