using Microsoft.Extensions.Primitives;

namespace Reinhardt.Http;

/// <summary>
/// Adds Django's default security headers to every response (<c>X-Frame-Options</c>,
/// <c>X-Content-Type-Options</c>, <c>Referrer-Policy</c>, <c>Cross-Origin-Opener-Policy</c>). They are set before the
/// view runs, so a handler that sets one itself wins; the error page middleware sets them again on the pages it
/// writes after clearing a failed response. HSTS and the HTTPS redirect are the platform's middleware, configured
/// from the same options.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityOptions> options)
{
    private readonly SecurityHeaders _headers = new(options.Value);

    /// <summary>Sets the headers, then calls the next middleware.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        _headers.Apply(context.Response);
        return next(context);
    }
}

/// <summary>The configured security headers, as values ready to set (no allocation per response).</summary>
public sealed class SecurityHeaders
{
    private readonly StringValues _frameOptions;
    private readonly StringValues _referrerPolicy;
    private readonly StringValues _openerPolicy;
    private readonly bool _nosniff;

    /// <summary>Prepares the headers of <paramref name="options"/>.</summary>
    public SecurityHeaders(SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _frameOptions = options.FrameOptions;
        _referrerPolicy = options.ReferrerPolicy;
        _openerPolicy = options.CrossOriginOpenerPolicy;
        _nosniff = options.ContentTypeNosniff;
    }

    private static readonly StringValues Nosniff = "nosniff";

    /// <summary>Sets the headers on <paramref name="response"/>; empty settings are omitted.</summary>
    public void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        if (_frameOptions.Count > 0 && _frameOptions[0]!.Length > 0)
        {
            headers.XFrameOptions = _frameOptions;
        }

        if (_nosniff)
        {
            headers.XContentTypeOptions = Nosniff;
        }

        if (_referrerPolicy[0]!.Length > 0)
        {
            headers["Referrer-Policy"] = _referrerPolicy;
        }

        if (_openerPolicy[0]!.Length > 0)
        {
            headers["Cross-Origin-Opener-Policy"] = _openerPolicy;
        }
    }
}
