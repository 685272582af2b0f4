namespace Reinhardt.Http;

/// <summary>
/// Adds Django's default security headers to every response (<c>X-Frame-Options</c>,
/// <c>X-Content-Type-Options</c>, <c>Referrer-Policy</c>, <c>Cross-Origin-Opener-Policy</c>), leaving any a
/// handler set itself. HSTS and the HTTPS redirect are the platform's middleware, configured from the same options.
/// </summary>
public sealed class SecurityHeadersMiddleware
{
    private readonly RequestDelegate _next;
    private readonly SecurityOptions _options;
    private readonly Func<object, Task> _addHeaders;

    /// <summary>Creates the middleware.</summary>
    public SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityOptions> options)
    {
        _next = next;
        _options = options.Value;
        _addHeaders = AddHeaders;
    }

    /// <summary>Registers the headers to be added when the response starts, then calls the next middleware.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(_addHeaders, context);
        return _next(context);
    }

    private Task AddHeaders(object state)
    {
        var headers = ((HttpContext)state).Response.Headers;
        if (_options.FrameOptions.Length > 0 && !headers.ContainsKey("X-Frame-Options"))
        {
            headers.XFrameOptions = _options.FrameOptions;
        }

        if (_options.ContentTypeNosniff && !headers.ContainsKey("X-Content-Type-Options"))
        {
            headers.XContentTypeOptions = "nosniff";
        }

        if (_options.ReferrerPolicy.Length > 0 && !headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = _options.ReferrerPolicy;
        }

        if (_options.CrossOriginOpenerPolicy.Length > 0 && !headers.ContainsKey("Cross-Origin-Opener-Policy"))
        {
            headers["Cross-Origin-Opener-Policy"] = _options.CrossOriginOpenerPolicy;
        }

        return Task.CompletedTask;
    }
}
