using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;

namespace Reinhardt.Http;

/// <summary>
/// Enforces <see cref="RequestLimitOptions"/> before a handler runs: a body whose <c>Content-Length</c> is
/// over its content type's limit is answered 413 without being read; otherwise the limit is handed to the
/// server (<see cref="IHttpMaxRequestBodySizeFeature"/>), so a chunked body that grows past it fails with 413
/// while it is read. A query string with more parameters than <see cref="RequestLimitOptions.MaxFormFields"/> is 400.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<RequestLimitOptions> options)
{
    private readonly RequestLimitOptions _limits = options.Value;

    /// <summary>Checks the request, then calls the next middleware.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (_limits.Timeout > TimeSpan.Zero && IsUpgrade(context))
        {
            // a WebSocket lives as long as its conversation: no request timeout (its size limits still apply)
            context.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
        }

        if (request.QueryString.HasValue && CountValues(request.Query) > _limits.MaxFormFields)
        {
            return ErrorPages.WriteAsync(context, StatusCodes.Status400BadRequest, _limits.TooManyFields());
        }

        // a request without a body (most GETs) has nothing to limit
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return next(context);
        }

        var (limit, key) = _limits.BodyLimit(request);
        if (request.ContentLength > limit)
        {
            return ErrorPages.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, RequestLimitOptions.BodyTooLarge(key, limit));
        }

        LimitBody(context, limit, key);
        return next(context);
    }

    private static bool IsUpgrade(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true }
        || context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true };

    /// <summary>
    /// Rejects a declared length over <paramref name="limit"/> and has the server enforce it while the body is read.
    /// </summary>
    internal static void LimitBody(HttpContext context, long limit, string key)
    {
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException(RequestLimitOptions.BodyTooLarge(key, limit), StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
    }

    private static int CountValues(IQueryCollection query)
    {
        var count = 0;
        foreach (var (_, values) in query)
        {
            count += Math.Max(values.Count, 1);
        }

        return count;
    }
}

/// <summary>Registers and adds the request limits and the request timeout.</summary>
public static class RequestLimitsExtensions
{
    /// <summary>
    /// Registers <see cref="RequestLimitOptions"/> (section <c>RequestLimits</c>) and ASP.NET Core's request timeouts
    /// with a default policy of <see cref="RequestLimitOptions.Timeout"/> answered 503.
    /// </summary>
    public static IServiceCollection AddReinhardtRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<RequestLimitOptions>(configuration.GetSection("RequestLimits"));
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitOptions>>((timeouts, limits) =>
        {
            var timeout = limits.Value.Timeout;
            timeouts.DefaultPolicy = timeout > TimeSpan.Zero ? TimeoutPolicy(timeout) : null;
        });
        return services;
    }

    /// <summary>
    /// Adds the request timeout and <see cref="RequestLimitsMiddleware"/>. Place it after routing, so an endpoint's
    /// <c>[RequestTimeout]</c> or <c>[DisableRequestTimeout]</c> metadata applies.
    /// </summary>
    public static IApplicationBuilder UseReinhardtRequestLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<RequestLimitOptions>>();
        if (options.Value.Timeout > TimeSpan.Zero)
        {
            app.UseRequestTimeouts();
        }

        app.Use(next => new RequestLimitsMiddleware(next, options).InvokeAsync);
        return app;
    }

    /// <summary>The timeout policy: 503 with a reason page.</summary>
    public static RequestTimeoutPolicy TimeoutPolicy(TimeSpan timeout) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        WriteTimeoutResponse = context =>
        {
            // the timeouts middleware calls this while RequestAborted is still its cancelled token; it restores the original after
            context.RequestAborted = CancellationToken.None;
            return ErrorPages.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                "The request took longer than RequestLimits:Timeout (" + timeout.ToString("c", CultureInfo.InvariantCulture) + ").");
        },
    };
}
