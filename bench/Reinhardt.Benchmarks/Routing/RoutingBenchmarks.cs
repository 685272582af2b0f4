using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reinhardt.Benchmarks.Routing;

/// <summary>
/// The routing step alone: Reinhardt's generated matcher (<c>RouteTable.Instance.Match</c> + <c>SetEndpoint</c>)
/// against ASP.NET Core endpoint routing (<c>UseRouting()</c>'s middleware and its DFA matcher) on the same
/// 200-pattern, 378-route table (<c>BenchViews.cs</c> / <c>RouteList.cs</c>), in the same process, on the
/// same request paths. Each operation is one request; every invocation sends 200 requests.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    /// <summary>Requests per invocation (each category's paths are cycled to this many).</summary>
    public const int RequestsPerInvoke = 200;

    private RoutingPipelines _pipelines = null!;
    private DefaultHttpContext[] _contexts = [];

    /// <summary>
    /// Which requests: <c>Mix</c> (180 hits spread across the table, 6 answered 405, 14 misses) or one
    /// kind (the most specific converter in the matched pattern; <c>miss</c> matches nothing).
    /// </summary>
    [Params("mix", "literal", "int", "slug", "uuid", "str", "path", "miss")]
    public string Requests { get; set; } = "mix";

    [GlobalSetup]
    public void Setup()
    {
        _pipelines = new RoutingPipelines();
        _pipelines.CheckParity();
        var requests = Requests == "mix"
            ? RouteList.Mix
            : RouteList.Pool.Where(r => r.Kind == Requests).ToArray();
        _contexts = Enumerable.Range(0, RequestsPerInvoke)
            .Select(i => _pipelines.CreateContext(requests[i % requests.Length].Method, requests[i % requests.Length].Path))
            .ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _pipelines.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke)]
    public int AspNetCore_EndpointRouting() => Run(_pipelines.AspNetCore);

    [Benchmark(OperationsPerInvoke = RequestsPerInvoke)]
    public int Reinhardt_GeneratedMatcher() => Run(_pipelines.Reinhardt);

    private int Run(RequestDelegate pipeline)
    {
        var contexts = _contexts;
        for (var i = 0; i < contexts.Length; i++)
        {
            var context = contexts[i];
            context.SetEndpoint(null);
            var task = pipeline(context);
            if (!task.IsCompletedSuccessfully)
            {
                task.GetAwaiter().GetResult();
            }
        }

        return _pipelines.Matched;
    }
}

/// <summary>
/// The two routing pipelines over the same table, each ending in the same terminal that reads
/// <see cref="EndpointHttpContextExtensions.GetEndpoint"/>.
/// </summary>
public sealed class RoutingPipelines : IDisposable
{
    private readonly WebApplication _app;

    public RoutingPipelines()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Django's slug converter as an ASP.NET Core constraint, without a regular expression
        builder.Services.Configure<RouteOptions>(options => options.SetParameterPolicy<SlugRouteConstraint>("slug"));
        _app = builder.Build();

        RequestDelegate terminal = context =>
        {
            if (context.GetEndpoint() is not null)
            {
                Matched++;
            }

            return Task.CompletedTask;
        };

        // ASP.NET Core: UseRouting() (EndpointRoutingMiddleware + DfaMatcher), then the terminal
        IApplicationBuilder pipeline = _app;
        pipeline.UseRouting();
        pipeline.Use(_ => terminal);
        RequestDelegate handler = _ => Task.CompletedTask;
        foreach (var (method, template) in RouteList.Routes)
        {
            // the display name is Reinhardt's, so that the parity check can compare the chosen endpoints
            _app.MapMethods(ToAspNetCoreTemplate(template), [method], handler).WithDisplayName(method + " " + template);
        }

        AspNetCore = pipeline.Build();

        // Reinhardt: the generated route table, as ViewRoutingMiddleware uses it, then the same terminal
        var routes = RouteTable.Instance;
        Reinhardt = context =>
        {
            if (routes.Match(context) is { } endpoint)
            {
                context.SetEndpoint(endpoint);
            }

            return terminal(context);
        };
    }

    /// <summary>ASP.NET Core's pipeline: endpoint routing middleware, then the terminal.</summary>
    public RequestDelegate AspNetCore { get; }

    /// <summary>Reinhardt's generated matcher, then the terminal.</summary>
    public RequestDelegate Reinhardt { get; }

    /// <summary>Requests that reached the terminal with an endpoint (keeps the work observable).</summary>
    public int Matched { get; private set; }

    public DefaultHttpContext CreateContext(string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = _app.Services };
        context.Request.Method = method;
        context.Request.Path = path;
        return context;
    }

    /// <summary>
    /// Both routers must choose the same endpoint (the same route, or both their 405 endpoint) for every
    /// pooled request, one per pattern, and both must miss the misses; throws listing every difference.
    /// </summary>
    public void CheckParity()
    {
        var differences = new StringBuilder();
        foreach (var (method, path, kind) in RouteList.Pool.Concat(RouteList.Mix))
        {
            var aspNetCore = Route(AspNetCore, method, path);
            var reinhardt = Route(Reinhardt, method, path);
            var same = kind switch
            {
                "miss" => aspNetCore is null && reinhardt is null,
                "405" => aspNetCore is not null && aspNetCore.StartsWith("405 ", StringComparison.Ordinal)
                    && reinhardt is not null && reinhardt.StartsWith("405 ", StringComparison.Ordinal),
                _ => aspNetCore is not null && aspNetCore == reinhardt && reinhardt.StartsWith(method + " ", StringComparison.Ordinal),
            };
            if (!same)
            {
                differences.Append(method).Append(' ').Append(path).Append(" (").Append(kind).Append("): ASP.NET Core ")
                    .Append(aspNetCore ?? "no endpoint").Append(", Reinhardt ").Append(reinhardt ?? "no endpoint").AppendLine();
            }
        }

        if (differences.Length > 0)
        {
            throw new InvalidOperationException("The routers disagree:" + Environment.NewLine + differences);
        }
    }

    private string? Route(RequestDelegate pipeline, string method, string path)
    {
        var context = CreateContext(method, path);
        pipeline(context).GetAwaiter().GetResult();
        return context.GetEndpoint()?.DisplayName;
    }

    /// <summary>Django-style converters as ASP.NET Core route constraints: int, guid, the slug policy, a catch-all for path.</summary>
    public static string ToAspNetCoreTemplate(string template)
    {
        var segments = template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (!segment.StartsWith('{'))
            {
                continue;
            }

            var inner = segment[1..^1];
            var colon = inner.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? inner : inner[..colon];
            segments[i] = (colon < 0 ? "str" : inner[(colon + 1)..]) switch
            {
                "int" => "{" + name + ":int}",
                "long" => "{" + name + ":long}",
                "uuid" => "{" + name + ":guid}",
                "slug" => "{" + name + ":slug}",
                "path" => "{**" + name + "}",
                _ => "{" + name + "}",
            };
        }

        return string.Join('/', segments);
    }

    public void Dispose() => ((IDisposable)_app).Dispose();
}

/// <summary>Django's <c>slug</c> converter (<c>[-a-zA-Z0-9_]+</c>) as a route constraint, by a character loop.</summary>
public sealed class SlugRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        if (!values.TryGetValue(routeKey, out var value) || value is not string text || text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
