using HttpBench;

// The hand-written limit: CreateSlimBuilder, two Minimal API endpoints, the same results and JSON context.
var builder = WebApplication.CreateSlimBuilder(args);
BenchHost.Configure(builder);
var app = builder.Build();
if (app.Configuration["Bench:SecurityHeaders"] == "true")
{
    // the same four headers Reinhardt sends by default (Django's SecurityMiddleware and XFrameOptionsMiddleware), by hand
    app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    });
}

app.MapGet("/plaintext", () => TypedResults.Text(BenchHost.Text));
app.MapGet("/json", () => TypedResults.Json(new Greeting(BenchHost.Text), BenchJsonContext.Default.Greeting));
await app.RunAsync();
