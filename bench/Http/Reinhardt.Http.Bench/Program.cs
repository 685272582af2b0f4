using HttpBench;

// Reinhardt's contender: ReinhardtApp's host and UseReinhardt's middleware before the generated route table.
// Its stages are switched by configuration alone (bench/http-load.sh PROFILE=1), so what is measured is UseReinhardt.
var builder = ReinhardtApp.CreateBuilder(args);
BenchHost.Configure(builder);
var app = builder.Build();
app.UseReinhardt(RouteTable.Instance);
await app.RunAsync();
