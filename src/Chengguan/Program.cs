using Chengguan.Evaluation;
using Chengguan.Audit;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Communities;
using Chengguan.Data;
using Chengguan.Data.Seeding;
using Chengguan.Demolition;
using Chengguan.Evidence;
using Chengguan.Grids;
using Chengguan.Hotline;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Infrastructure.OpenApi;
using Chengguan.Infrastructure.Telemetry;
using Chengguan.Kpis;
using Chengguan.Surveys;
using Chengguan.Rectification;
using Chengguan.Selection;
using Chengguan.Assessment;
using Chengguan.Directives;
using Chengguan.DistrictReports;
using Chengguan.Supervision;
using Chengguan.Training;
using Chengguan.Guidance;
using Chengguan.Notifications;
using Chengguan.Open311;
using Chengguan.Organisation;
using Chengguan.Overview;
using Chengguan.Personnel;
using Chengguan.Ui;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

// `chengguan backup|restore|verify …` run a maintenance command and exit (Operations/README.md); anything else starts the server.
if (await Chengguan.Operations.OperationsCommands.RunAsync(args, Console.Out) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}
var startup = System.Diagnostics.Stopwatch.StartNew();
// Content (appsettings, static assets) comes from the build output, so the app runs from any working directory;
// relative data paths (./data/chengguan.db) stay relative to where it was started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5080");
// The console's assets (_content/MudBlazor, wwwroot) come from the build output's manifest in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();
builder.Logging.AddChengguanLogging(builder.Configuration);

// First registered, first started: the database is migrated before any other hosted service
// (data-protection keys, the grid index refresher) touches it.
builder.Services.AddSingleton<StartupReport>();
builder.Services.AddHostedService<DatabaseInitializer>();
// Kestrel starts beside the migration instead of after it; requests wait on the readiness gate.
builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ChineseProblems.Apply);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
    o.SerializerOptions.Converters.Add(new NetTopologySuite.IO.Converters.GeoJsonConverterFactory());
});
builder.Services.AddChengguanOpenApi();
builder.Services.AddAntiforgery();
builder.Services.AddDataProtection().SetApplicationName("Chengguan").PersistKeysToDbContext<AppDbContext>();
// The key ring is read on first use rather than at start-up, when the keys table may not exist yet.
builder.Services.RemoveDataProtectionWarmUp();
builder.Services.AddChengguanDatabase(builder.Configuration);
// One pair per capability: its services here (Capabilities.Add, shared with the benches), its routes below.
Chengguan.Capabilities.Add(builder.Services, builder.Configuration);
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddChengguanTelemetry();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseReadinessGate();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseConsoleLocalization();
app.UseRouting();
app.UseBodyLimits();
app.UseRateLimiter();
app.UseAuthentication();
app.UseCookieWriteProtection();
app.UseAuthorization();
app.UseMetricsEndpoint(app.Configuration);
app.UseSqliteWriteGate(app.Configuration);
app.UseAntiforgery();

app.MapOpenApi().AllowAnonymous();
app.MapChengguanApiReference().AllowAnonymous();
app.MapHealth();
app.MapIdentity();
app.MapOrganisation();
app.MapGrids();
app.MapAudit();
app.MapClocks();
app.MapCases();
app.MapEvidence();
app.MapHotline();
app.MapOpen311();
app.MapKpis();
app.MapDemolition();
app.MapSurveys();
app.MapCommunities();
app.MapRectification();
app.MapSelection();
app.MapEvaluation();
app.MapDirectives();
app.MapSupervision();
app.MapTraining();
app.MapGuidance();
app.MapPersonnel();
app.MapAssessment();
app.MapDistrictReports();
app.MapNotifications();
app.MapConsole();

await app.StartAsync();
IReadOnlyList<DemoAccount> demo = app.Services.GetRequiredService<StartupReport>().DemoAccounts;
var urls = string.Join(", ", app.Urls);
app.Logger.LogInformation("Chengguan ready in {Ms} ms at {Urls} ({Provider})", startup.ElapsedMilliseconds, urls, DatabaseSetup.ProviderFrom(app.Configuration));
if (demo.Count > 0)
{
    // Printed once, when the demo district is first created; never logged with a configured database.
    Console.WriteLine();
    Console.WriteLine($"演示数据已创建 (demo district seeded). 打开 / open: {urls}");
    Console.WriteLine($"演示账号 (demo accounts), 密码 / password: {DemoDistrict.DemoPassword}");
    foreach (DemoAccount a in demo)
    {
        Console.WriteLine($"  {a.UserName,-14} {a.Role,-20} {a.Description}");
    }
    Console.WriteLine();
}
else
{
    Console.WriteLine($"Chengguan listening on {urls}");
}
await app.WaitForShutdownAsync();

public partial class Program;
