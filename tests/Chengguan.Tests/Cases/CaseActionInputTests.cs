using System.Text.Json;
using Chengguan.Cases;

namespace Chengguan.Tests.Cases;

/// <summary>The typed body of a case action: which fields count as given, and how the console's form values are read.</summary>
public sealed class CaseActionInputTests
{
    private static readonly JsonSerializerOptions s_web = new(JsonSerializerDefaults.Web);

    private static CaseActionInput Read(string json) => JsonSerializer.Deserialize<CaseActionInput>(json, s_web)!;

    [Theory]
    [InlineData("{}", "reason", false)]
    [InlineData("{\"reason\":\"  \"}", "reason", false)]
    [InlineData("{\"reason\":\"重复\"}", "reason", true)]
    [InlineData("{\"result\":\"已清运\"}", "result", true)]
    [InlineData("{\"reply\":\"\"}", "reply", false)]
    [InlineData("{\"note\":\"督办\"}", "note", true)]
    [InlineData("{\"unitId\":\"7f000000-0000-0000-0000-000000000001\"}", "unitId", true)]
    [InlineData("{\"categoryCode\":\"event:0101\"}", "categoryCode", true)]
    [InlineData("{\"location\":{\"lon\":121.4,\"lat\":31.2}}", "location", true)]
    [InlineData("{\"photos\":[]}", "photos", false)]
    [InlineData("{\"photos\":[\"7f000000-0000-0000-0000-000000000001\"]}", "photos", true)]
    [InlineData("{\"satisfaction\":\"satisfied\"}", "satisfaction", true)]
    [InlineData("{\"resolved\":false}", "resolved", true)]
    [InlineData("{\"amount\":\"5\"}", "amount", true)]
    [InlineData("{\"deadline\":\"2030-01-01T08:00:00+08:00\"}", "deadline", true)]
    [InlineData("{\"parentId\":\"7f000000-0000-0000-0000-000000000001\"}", "parentId", true)]
    [InlineData("{\"rating\":5}", "rating", true)]
    [InlineData("{\"checklist\":{\"factsFound\":\"属实\"}}", "checklist.factsFound", true)]
    [InlineData("{\"checklist\":{\"citizenContacted\":true}}", "checklist.citizenContacted", true)]
    [InlineData("{\"checklist\":{\"citizenContacted\":false}}", "checklist.citizenContacted", false)]
    [InlineData("{\"checklist\":{\"legalBasis\":\" \"}}", "checklist.legalBasis", false)]
    [InlineData("{\"checklist\":{}}", "checklist.result", false)]
    [InlineData("{\"reason\":\"x\"}", "unknown", false)]
    public void A_field_counts_as_given_as_the_workflow_always_counted_it(string json, string field, bool given) =>
        Assert.Equal(given, Read(json).Has(field));

    [Fact]
    public void Satisfaction_is_read_by_name_only()
    {
        Assert.Equal(Satisfaction.Dissatisfied, Read("{\"satisfaction\":\"dissatisfied\"}").Satisfaction);
        Assert.Throws<JsonException>(() => Read("{\"satisfaction\":2}"));
    }

    [Fact]
    public void The_console_form_values_are_read_as_the_api_reads_a_body()
    {
        var unit = Guid.NewGuid();
        CaseActionInput input = CaseActionInput.From(new Dictionary<string, object?>
        {
            ["unitId"] = unit.ToString(), ["amount"] = 3, ["satisfaction"] = "BasicallySatisfied", ["resolved"] = true,
            ["deadline"] = "2030-01-01T08:00:00.0000000+08:00",
            ["checklist"] = new Dictionary<string, object?> { ["factsFound"] = "属实" },
            ["location"] = new { lon = 121.45, lat = 31.23 }, ["photos"] = new[] { unit },
        });
        Assert.Equal((unit, 3, Satisfaction.BasicallySatisfied, true), (input.UnitId!.Value, input.Amount!.Value, input.Satisfaction!.Value, input.Resolved!.Value));
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), input.Deadline!.Value.ToUniversalTime());
        Assert.True(input.Has("checklist.factsFound"));
        Assert.False(input.Has("checklist.actionTaken"));
        Assert.Equal((121.45, 31.23), (input.Location!.Lon!.Value, input.Location.Lat!.Value));
        Assert.Equal([unit], input.Photos!);
        Assert.Equal(new CaseActionInput(), CaseActionInput.From(new Dictionary<string, object?>()));
    }

    [Fact]
    public void The_checklist_keeps_only_the_items_given_when_written_to_the_timeline()
    {
        CaseActionInput input = Read("{\"checklist\":{\"factsFound\":\"属实\",\"citizenContacted\":true}}");
        Assert.Equal("{\"factsFound\":\"属实\",\"citizenContacted\":true}",
            JsonSerializer.Serialize(input.Checklist, Chengguan.Infrastructure.Workflow.WorkflowJson.Options));
    }
}
