namespace Reinhardt.Views;

/// <summary>
/// Resolves the request against the generated route table and sets the endpoint (so later middleware,
/// such as CSRF and rate limiting, sees the handler's metadata), or answers Django's <c>APPEND_SLASH</c>
/// redirect when only the path with a trailing slash matches.
/// </summary>
public sealed class ViewRoutingMiddleware(RequestDelegate next, IRouteTable routes, IOptions<ViewOptions> options)
{
    private readonly bool _appendSlash = options.Value.AppendSlash;

    /// <summary>Matches the request, then calls the next middleware.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (routes.Match(context) is { } endpoint)
        {
            context.SetEndpoint(endpoint);
            return next(context);
        }

        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (_appendSlash && !path.EndsWith('/') && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && routes.MatchesPath(path + "/"))
        {
            // Django's CommonMiddleware: a permanent redirect, keeping the query string
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = request.PathBase + request.Path + "/" + request.QueryString;
            return Task.CompletedTask;
        }

        return next(context);
    }
}

/// <summary>Runs the matched endpoint, or answers 404 when none matched.</summary>
public sealed class ViewEndpointMiddleware(RequestDelegate next)
{
    /// <summary>Invokes the endpoint's handler.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (RequestEndpoint.Of(context)?.RequestDelegate is { } handler)
        {
            return handler(context);
        }

        _ = next;
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}

/// <summary>Routing settings, bound from the <c>Views</c> configuration section.</summary>
public sealed class ViewOptions
{
    /// <summary>Redirect a URL without a trailing slash to the one with it when only that matches (Django's <c>APPEND_SLASH</c>).</summary>
    public bool AppendSlash { get; set; } = true;
}

/// <summary>
/// The request's endpoint through the feature collection's indexer: <c>GetEndpoint()</c> calls the generic
/// <c>Features.Get&lt;T&gt;()</c>, a generic virtual call that is a slow lookup under Native AOT, and the
/// middleware after routing asks on every request.
/// </summary>
internal static class RequestEndpoint
{
    public static Endpoint? Of(HttpContext context) =>
        context.Features[typeof(Microsoft.AspNetCore.Http.Features.IEndpointFeature)] is Microsoft.AspNetCore.Http.Features.IEndpointFeature feature ? feature.Endpoint : null;
}
