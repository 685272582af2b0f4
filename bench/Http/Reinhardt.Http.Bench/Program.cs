using HttpBench;
using Microsoft.Extensions.Options;
using Reinhardt.Http;

// Reinhardt's contender: ReinhardtApp's host and UseReinhardt's middleware before the generated route table.
var builder = ReinhardtApp.CreateBuilder(args);
BenchHost.Configure(builder);
var app = builder.Build();

// For profiling only (bench/http-load.sh PROFILE=1): --Bench:Stages=errors,security,csrf,websockets builds
// UseReinhardt's pipeline with only the named stages (routing and the endpoint always), in its order.
var stages = app.Configuration["Bench:Stages"];
if (stages is null)
{
    app.UseReinhardt(RouteTable.Instance);
}
else
{
    var names = stages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var services = app.Services;
    if (names.Contains("errors"))
    {
        app.Use(next => new ErrorPageMiddleware(next, app.Environment, services.GetRequiredService<ILogger<ErrorPageMiddleware>>(), RouteTable.Instance).InvokeAsync);
    }

    if (names.Contains("security"))
    {
        app.Use(next => new SecurityHeadersMiddleware(next, services.GetRequiredService<IOptions<SecurityOptions>>()).InvokeAsync);
    }

    app.Use(next => new ViewRoutingMiddleware(next, RouteTable.Instance, services.GetRequiredService<IOptions<ViewOptions>>()).InvokeAsync);
    if (names.Contains("csrf"))
    {
        app.UseReinhardtCsrf();
    }

    if (names.Contains("websockets"))
    {
        app.UseWebSockets();
    }

    app.Use(next => new ViewEndpointMiddleware(next).InvokeAsync);
}

await app.RunAsync();
