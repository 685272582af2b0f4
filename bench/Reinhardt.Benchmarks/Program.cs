using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

if (args is ["--profile-insert"])
{
    // a steady loop for a sampling profiler (dotnet-trace): not a measurement
    var benchmarks = new Reinhardt.Benchmarks.InsertBenchmarks();
    benchmarks.Setup();
    var until = DateTime.UtcNow.AddSeconds(12);
    while (DateTime.UtcNow < until)
    {
        await benchmarks.Insert1000_Reinhardt();
    }

    benchmarks.Cleanup();
    return;
}

if (args is ["--fixture-load", ..])
{
    // issue 4: a 100,000-object fixture in Django's format, loaded into a fresh SQLite file
    await Reinhardt.Benchmarks.FixtureLoad.RunAsync(objects: 100_000, rounds: 3);
    return;
}

if (args is ["--routing-parity"])
{
    // the check every routing benchmark runs in its setup, on its own
    using var pipelines = new Reinhardt.Benchmarks.Routing.RoutingPipelines();
    pipelines.CheckParity();
    Console.WriteLine($"Parity: both routers agree on {Reinhardt.Benchmarks.Routing.RouteList.Pool.Length} pooled and {Reinhardt.Benchmarks.Routing.RouteList.Mix.Length} mixed requests.");
    return;
}

// BenchmarkDotNet 0.14 predates net10: run in-process (see ../shared/BENCHMARKING.md).
// A short job keeps a full run within minutes on 2 shared cores; pass --job default for more precision.
var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithIterationCount(15).WithWarmupCount(5);
var config = DefaultConfig.Instance
    .AddJob(job)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator)
    .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
    .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
BenchmarkSwitcher.FromAssembly(typeof(Reinhardt.Benchmarks.OrmBenchmarks).Assembly).Run(args, config);
