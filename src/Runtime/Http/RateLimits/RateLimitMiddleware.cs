using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Reinhardt.Views;

namespace Reinhardt.Http;

/// <summary>
/// The fixed-window limiters of every <see cref="RateLimitAttribute"/> endpoint, one per (endpoint, client key):
/// a <see cref="PartitionedRateLimiter{TResource}"/> over the request. The endpoint is the partition's identity,
/// so a route table must hand out one <see cref="Endpoint"/> instance per route (as routing does). A singleton;
/// disposing it (the container does at shutdown) disposes every window.
/// </summary>
public sealed class EndpointRateLimiter : IDisposable, IAsyncDisposable
{
    private readonly ConcurrentDictionary<RateLimitAttribute, RateLimitRate> _rates = new();
    private readonly PartitionedRateLimiter<HttpContext> _limiter;

    /// <summary>Creates the limiters.</summary>
    public EndpointRateLimiter() => _limiter = PartitionedRateLimiter.Create<HttpContext, PartitionKey>(Partition);

    /// <summary>The rate-limit metadata of the request's endpoint, or <see langword="null"/> when it is not limited.</summary>
    public static RateLimitAttribute? Metadata(HttpContext context) => context is null ? null : Views.RequestEndpoint.Of(context)?.Metadata.GetMetadata<RateLimitAttribute>();

    /// <summary>
    /// Takes a permit for the request from its endpoint's window (the request's endpoint must carry a
    /// <see cref="RateLimitAttribute"/>). The lease is not acquired when the window is used up; its
    /// <see cref="MetadataName.RetryAfter"/> says when the next window opens.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint's rate is not a valid rate.</exception>
    public RateLimitLease AttemptAcquire(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metadata = Metadata(context) ?? throw new InvalidOperationException("The endpoint has no [RateLimit].");
        _ = Rate(context, metadata);
        return _limiter.AttemptAcquire(context);
    }

    /// <summary>The rate of <paramref name="metadata"/>, parsed once.</summary>
    public RateLimitRate Rate(HttpContext context, RateLimitAttribute metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (_rates.TryGetValue(metadata, out var rate))
        {
            return rate;
        }

        if (!RateLimitRate.TryParse(metadata.Rate, out rate, out var error))
        {
            // a mistake in the app, not in the request
            throw new InvalidOperationException("[RateLimit] on " + (context?.GetEndpoint()?.DisplayName ?? "an endpoint") + ": " + error);
        }

        return _rates.GetOrAdd(metadata, rate);
    }

    /// <summary>The client key requests are counted by: the IP address, the user name (the IP for anonymous users), or one key for all.</summary>
    public static string ClientKey(HttpContext context, RateLimitKey by)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        var ip = address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return by switch
        {
            RateLimitKey.Global => "global",
            RateLimitKey.User when context.User.Identity is { IsAuthenticated: true, Name: { } name } => "user:" + name,
            _ => "ip:" + ip,
        };
    }

    private RateLimitPartition<PartitionKey> Partition(HttpContext context)
    {
        var endpoint = context.GetEndpoint()!;
        var metadata = endpoint.Metadata.GetMetadata<RateLimitAttribute>()!;
        var rate = Rate(context, metadata);
        return RateLimitPartition.GetFixedWindowLimiter(new PartitionKey(endpoint, ClientKey(context, metadata.By)), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rate.Count,
            Window = rate.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _limiter.DisposeAsync();

    private readonly record struct PartitionKey(Endpoint Endpoint, string Client);
}

/// <summary>
/// Answers 429 with <c>Retry-After</c> (in seconds) and a reason page when a <see cref="RateLimitAttribute"/>
/// endpoint's window for the client is used up; other requests pass untouched. Runs after routing.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, EndpointRateLimiter limiter, ILogger<RateLimitMiddleware> logger)
{
    /// <summary>Takes a permit for a limited endpoint, then calls the next middleware, or refuses the request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // most endpoints declare no limit: no state machine for them
        var metadata = EndpointRateLimiter.Metadata(context);
        return metadata is null ? next(context) : LimitAsync(context, metadata);
    }

    private async Task LimitAsync(HttpContext context, RateLimitAttribute metadata)
    {
        using var lease = limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limiter.Rate(context, metadata).Window;
        var seconds = Math.Max(1L, (long)Math.Ceiling(retryAfter.TotalSeconds));
        logger.LogWarning("Rate limit {Rate} reached on {Endpoint} for {Client}", metadata.Rate, context.GetEndpoint()?.DisplayName, EndpointRateLimiter.ClientKey(context, metadata.By));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // Django REST framework's throttling message
        await ErrorPages.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            "Request was throttled. Expected available in " + seconds.ToString(CultureInfo.InvariantCulture) + (seconds == 1 ? " second." : " seconds.")).ConfigureAwait(false);
    }
}

/// <summary>Registers and adds per-endpoint rate limiting.</summary>
public static class RateLimitExtensions
{
    /// <summary>Registers the <see cref="EndpointRateLimiter"/> singleton (disposed with the container).</summary>
    public static IServiceCollection AddReinhardtRateLimits(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(_ => new EndpointRateLimiter());
        return services;
    }

    /// <summary>Adds <see cref="RateLimitMiddleware"/>; place it after routing, so the endpoint's metadata is known.</summary>
    public static IApplicationBuilder UseReinhardtRateLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var limiter = services.GetRequiredService<EndpointRateLimiter>();
        var logger = services.GetRequiredService<ILogger<RateLimitMiddleware>>();
        app.Use(next => new RateLimitMiddleware(next, limiter, logger).InvokeAsync);
        return app;
    }
}
