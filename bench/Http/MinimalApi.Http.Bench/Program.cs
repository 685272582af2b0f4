using HttpBench;

// The hand-written limit: CreateSlimBuilder, two Minimal API endpoints, the same results and JSON context.
var builder = WebApplication.CreateSlimBuilder(args);
BenchHost.Configure(builder);
var app = builder.Build();
app.MapGet("/plaintext", () => TypedResults.Text(BenchHost.Text));
app.MapGet("/json", () => TypedResults.Json(new Greeting(BenchHost.Text), BenchJsonContext.Default.Greeting));
await app.RunAsync();
