using System.Threading.RateLimiting;
using Chengguan.Audit;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Data.Seeding;
using Chengguan.Demolition;
using Chengguan.Evidence;
using Chengguan.Grids;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Kpis;
using Chengguan.Notifications;
using Chengguan.Organisation;
using Chengguan.Overview;
using Chengguan.Ui;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

var startup = System.Diagnostics.Stopwatch.StartNew();
// Content (appsettings, static assets) comes from the build output, so the app runs from any working directory;
// relative data paths (./data/chengguan.db) stay relative to where it was started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5080");
// The console's assets (_content/MudBlazor, wwwroot) come from the build output's manifest in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();
if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
{
    builder.Logging.ClearProviders().AddJsonConsole(o => o.UseUtcTimestamp = true);
}

// First registered, first started: the database is migrated before any other hosted service
// (data-protection keys, the grid index refresher) touches it.
builder.Services.AddSingleton<StartupReport>();
builder.Services.AddHostedService<DatabaseInitializer>();
// Kestrel starts beside the migration instead of after it; requests wait on the readiness gate.
builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
    o.SerializerOptions.Converters.Add(new NetTopologySuite.IO.Converters.GeoJsonConverterFactory());
});
builder.Services.AddOpenApi();
builder.Services.AddAntiforgery();
builder.Services.AddDataProtection().SetApplicationName("Chengguan").PersistKeysToDbContext<AppDbContext>();
// The key ring is read on first use rather than at start-up, when the keys table may not exist yet.
builder.Services.RemoveDataProtectionWarmUp();
builder.Services.AddChengguanDatabase(builder.Configuration);
builder.Services.AddChengguanIdentity(builder.Configuration);
builder.Services.AddAudit();
builder.Services.AddOrganisation();
builder.Services.AddSingleton<GridDirectory>();
builder.Services.AddGrids().AddKpis().AddOverview();
builder.Services.AddClocks();
builder.Services.AddEvidence();
builder.Services.AddCases();
builder.Services.AddSingleton<Chengguan.Hotline.HotlineIntakeQueue>();
builder.Services.AddSingleton<Chengguan.Open311.Open311Publication>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Chengguan.Hotline.HotlineIntakeQueue>());
builder.Services.AddDemolition(builder.Configuration);
builder.Services.AddNotifications();
builder.Services.AddHostedService<GridDirectoryRefresher>();
builder.Services.AddConsole();
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    // Only the configured proxies are believed. ASP.NET Core's default trusts loopback, which let any
    // local caller pick its own address for the sign-in limiter; and with both lists empty the
    // middleware believes everyone, so without a configured proxy the headers are not read at all.
    o.KnownIPNetworks.Clear();
    o.KnownProxies.Clear();
    foreach (string proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
    {
        o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }
    o.ForwardedHeaders = o.KnownProxies.Count > 0 ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
});
builder.Services.AddRateLimiter(o =>
{
    int permits = builder.Configuration.GetValue("Security:SignInPermitsPerMinute", 20);
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.AddPolicy(AuthEndpoints.SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? "local",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    o.OnRejected = async (ctx, ct) =>
    {
        var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx.HttpContext,
            ProblemDetails = { Status = 429, Title = "请求过于频繁", Detail = "登录尝试过于频繁，请一分钟后再试" },
        });
    };
});

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
app.UseSqliteWriteGate(app.Configuration);
app.UseAntiforgery();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapGet("/healthz", () => TypedResults.Ok(new { status = "live" })).AllowAnonymous().WithTags("Health");
app.MapGet("/readyz", async Task<IResult> (AppDbContext db, HttpContext http, CancellationToken ct) =>
{
    DatabaseHealth.Report report = await DatabaseHealth.ProbeAsync(db, ct);
    if (report.Writable)
    {
        return TypedResults.Ok(new { status = "ready", writable = true });
    }
    http.Response.Headers.RetryAfter = DatabaseFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    return TypedResults.Problem(report.Reason, statusCode: 503, title: "未就绪",
        extensions: new Dictionary<string, object?> { ["reachable"] = report.Reachable, ["writable"] = false });
}).AllowAnonymous().WithTags("Health").WithSummary("就绪检查：数据库可连接且可写入");
app.MapAuth();
app.MapAccounts();
app.MapPasswords();
app.MapOrganisation();
app.MapGrids();
app.MapAudit();
app.MapClocks();
Chengguan.Cases.CasesEndpoints.MapCases(app);
Chengguan.Cases.CategoriesEndpoints.MapCategories(app);
app.MapEvidence();
Chengguan.Hotline.HotlineEndpoints.MapHotline(app);
Chengguan.Hotline.HotlineImport.MapHotlineImport(app);
Chengguan.Open311.Open311Endpoints.MapOpen311(app);
Chengguan.Kpis.KpisEndpoints.MapKpis(app);
app.MapDemolition();
Chengguan.Notifications.NotificationsEndpoints.MapNotifications(app);
Chengguan.Notifications.WebhookEndpoints.MapWebhooks(app);
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
