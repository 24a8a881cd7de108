using BenchmarkDotNet.Running;
using Chengguan.Bench;

// Micro-benchmarks run through BenchmarkDotNet (`-- micro --filter '*GridLookup*'`); the HTTP load
// generator and the start-up timer drive the real app as a separate process over loopback.
return args.FirstOrDefault() switch
{
    "micro" => RunMicro(args[1..]),
    "locate-load" => await LocateLoad.RunAsync(args[1..]),
    "cold-start" => await ColdStart.RunAsync(args[1..]),
    "clock-sweep" => await ClockSweepBench.RunAsync(args[1..]),
    "clock-recompute" => await ClockSweepBench.RecomputeAsync(args[1..]),
    "hotline-load" => await HotlineLoad.RunAsync(args[1..]),
    "cases-1m" => await Chengguan.Bench.Cases1M.Cases1MBench.RunAsync(args[1..]),
    "demolition-200k" => await Chengguan.Bench.Demolition200K.Demolition200KBench.RunAsync(args[1..]),
    "supervision-sample" => await Chengguan.Bench.Supervision.SupervisionSampleBench.RunAsync(args[1..]),
    "district-report" => await Chengguan.Bench.DistrictReports.DistrictReportBench.RunAsync(args[1..]),
    "satisfaction" => await Chengguan.Bench.Surveys.SurveysBench.RunAsync(args[1..]),
    "assessment-year" => await Chengguan.Bench.Assessment.AssessmentYearBench.RunAsync(args[1..]),
    "selection-match" => await Chengguan.Bench.Selection.SelectionMatchBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int RunMicro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(AppProcess).Assembly).Run(args);
    return 0;
}

static int Usage()
{
    Console.WriteLine("""
        usage: dotnet run -c Release --project bench/Chengguan.Bench -- <command>
          micro [BenchmarkDotNet args]   e.g. micro --filter '*GridLookup*'
          locate-load [--rate 2000] [--seconds 20] [--warmup 10]
                                         GET /api/grids/locate at a fixed rate against the app on loopback
          cold-start [--runs 5] [--no-history]  time from process start to /readyz with a new demo database
          clock-sweep [--postgres] [--small]  claim and record the due 1% of 100,000 and 1,000,000 running clocks (--small: 3,000)
          clock-recompute [--postgres]   move 100,000 running working-time clocks onto a new calendar version
          hotline-load [--orders 5000] [--concurrency 16] [--postgres]
                                         POST /api/hotline/orders over loopback, full path, sustained rate and latency
          cases-1m [--postgres] [--cases 1000000] [--samples 200] [--warmup 20] [--keep] [--seed-only] [--reuse <db>]
                                         seed N cases (not through the API), then case search, free text,
                                         KPIs and server memory over HTTP
          demolition-200k [--postgres] [--items 200000] [--cases 0] [--samples 20]
                                         seed N ledger items (and M cases), then street progress, district
                                         briefings (Excel + PDF), area, river and map reads over HTTP
          supervision-sample [--postgres] [--cases 1000000] [--runs 7] [--per-street 20] [--reuse <db>] [--keep]
                                         seed N cases (as cases-1m), then draw a stratified sample (14 streets × 20)
                                         from every closed case through POST /api/supervision/plans/{id}/draw (< 1 s)
          district-report [--postgres] [--cases 1000000] [--runs 5] [--reuse <db>] [--keep]
                                         seed N cases (as cases-1m), then generate last month's district report
                                         (Word + PDF, stored) through POST /api/district-reports (< 3 s)
          satisfaction [--postgres] [--rows 100000] [--respondents 20000] [--samples 30]
                                         import 100,000 respondent rows (target < 10 s), then the analysis of
                                         14 streets × 40 indicators × 20,000 respondents with a previous period (< 200 ms)
          assessment-year [--postgres] [--cases 1000000] [--runs 7] [--year <yyyy>] [--reuse <db>] [--keep]
                                         seed N cases (as cases-1m), then compute the yearly assessment of every unit and
                                         officer through GET /api/assessment/periods/{id}/results (< 2 s)
          selection-match [--candidates 2000] [--posts 300] [--choices 5] [--runs 200] [--seed 19]
                                         deferred-acceptance matching of a seeded competitive selection in process (< 100 ms)
        """);
    return 2;
}
