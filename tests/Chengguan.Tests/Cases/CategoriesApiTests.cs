using System.Net;
using System.Text;
using Chengguan.Cases;
using Chengguan.Clocks.Calendar;
using Chengguan.Tests.Infrastructure;

namespace Chengguan.Tests.Cases;

public abstract class CategoriesApiTests(ChengguanApp app)
{
    private static MultipartFormDataContent Csv(string text)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new("text/csv");
        form.Add(file, "file", "categories.csv");
        return form;
    }

    private const string Header = "kind,big_code,big_name,small_code,small_name,condition_code,condition,limit_amount,limit_kind,closing_condition\n";

    [Fact]
    public async Task The_shipped_dictionary_holds_the_five_event_classes_and_the_component_classes_with_limits()
    {
        HttpClient client = await app.ClientFor("dispatcher");
        CategoryDictionaryDto dict = await (await client.GetAsync("/api/categories")).OkJson<CategoryDictionaryDto>();
        Assert.Equal(["01", "02", "03", "04", "05"], dict.Categories.Where(c => c.Kind == "event").Select(c => c.BigCode).Distinct().Order());
        Assert.Equal(["01", "02", "03", "04", "05", "06"], dict.Categories.Where(c => c.Kind == "component").Select(c => c.BigCode).Distinct().Order());
        CategoryDto garbage = dict.Categories.Single(c => c.Code == "event:0102");
        Assert.Equal("暴露垃圾", garbage.SmallName);
        FilingConditionDto first = garbage.Conditions[0];
        Assert.Equal((4, TimeLimitKind.WorkingHours, "disposal.4wh"), (first.LimitAmount, first.LimitKind, first.DisposalPolicy));
        Assert.True(dict.Categories.Count >= 100);
    }

    [Fact]
    public async Task An_import_with_bad_rows_names_each_one_and_writes_nothing()
    {
        HttpClient admin = await app.ClientFor("admin");
        int before = (await (await admin.GetAsync("/api/categories")).OkJson<CategoryDictionaryDto>()).Version;
        string csv = Header
            + "event,01,市容环境,01,私搭乱建,01,正在搭建,4,WorkingHours,停止施工\n"
            + "thing,1,市容环境,01,私搭乱建,01,正在搭建,0,Weekly,\n"
            + "event,01,市容环境,01,私搭乱建,01,重复,4,WorkingHours,停止施工\n";
        var problem = await (await admin.PostAsync("/api/categories/import", Csv(csv))).Problem(HttpStatusCode.BadRequest);
        foreach (string field in new[] { "rows[3].kind", "rows[3].big_code", "rows[3].limit_amount", "rows[3].limit_kind", "rows[3].closing_condition", "rows[4].condition_code" })
        {
            Assert.NotEmpty(problem.FieldErrors(field));
        }
        Assert.Equal(before, (await (await admin.GetAsync("/api/categories")).OkJson<CategoryDictionaryDto>()).Version);
        HttpResponseMessage officer = await (await app.ClientFor("jnl.officer")).PostAsync("/api/categories/import", Csv(csv));
        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
    }

    [Fact]
    public async Task A_valid_import_makes_a_new_version_and_the_clock_policies_its_limits_need()
    {
        HttpClient admin = await app.ClientFor("admin");
        CategoryDictionaryDto shipped = await (await admin.GetAsync("/api/categories")).OkJson<CategoryDictionaryDto>();
        // Re-import the current dictionary plus one small class whose limit (7 working days) no policy has yet.
        var sb = new StringBuilder(Header);
        foreach (CategoryDto c in shipped.Categories)
        {
            foreach (FilingConditionDto f in c.Conditions)
            {
                sb.Append($"{c.Kind},{c.BigCode},{c.BigName},{c.SmallCode},{c.SmallName},{f.Code},{f.Condition},{f.LimitAmount},{f.LimitKind},{f.ClosingCondition}\n");
            }
        }
        sb.Append("event,05,街面秩序,90,测试小类,01,测试条件,7,WorkingDays,测试结案\n");
        CategoryImportReport dry = await (await admin.PostAsync("/api/categories/import?dryRun=true", Csv(sb.ToString()))).OkJson<CategoryImportReport>();
        Assert.True(dry.DryRun);
        CategoryImportReport report = await (await admin.PostAsync("/api/categories/import", Csv(sb.ToString()))).OkJson<CategoryImportReport>();
        Assert.Equal((shipped.Version + 1, shipped.Categories.Count + 1), (report.Version, report.Categories));
        CategoryDictionaryDto now = await (await admin.GetAsync("/api/categories")).OkJson<CategoryDictionaryDto>();
        Assert.Equal("disposal.7wd", now.Categories.Single(c => c.Code == "event:0590").Conditions[0].DisposalPolicy);
        List<Chengguan.Clocks.ClockPolicyDto> policies = await (await admin.GetAsync("/api/clocks/policies")).OkJson<List<Chengguan.Clocks.ClockPolicyDto>>();
        Assert.Contains(policies, p => p.Code == "disposal.7wd" && p.Amount == 7);
    }
}

public sealed class CategoriesApiTestsOnSqlite(SqliteApp app) : CategoriesApiTests(app);

public sealed class CategoriesApiTestsOnPostgres(PostgresApp app) : CategoriesApiTests(app);
