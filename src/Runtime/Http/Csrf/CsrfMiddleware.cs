using System.Globalization;
using Reinhardt.Views;

namespace Reinhardt.Http;

/// <summary>
/// Django's <c>CsrfViewMiddleware</c> (4.2/5.x, secret in a cookie). Every request gets its CSRF state, so
/// <see cref="CsrfToken.GetToken"/> works in any view; an unsafe request (not <c>GET</c>, <c>HEAD</c>, <c>OPTIONS</c>
/// or <c>TRACE</c>) to an endpoint without <see cref="CsrfExemptAttribute"/> must then pass, in Django's order, the
/// <c>Origin</c> check (or, on HTTPS without <c>Origin</c>, the strict <c>Referer</c> check) and carry a token, in the
/// <c>csrfmiddlewaretoken</c> form field or the <see cref="CsrfOptions.HeaderName"/> header, that matches the secret in
/// the CSRF cookie. Otherwise it is answered 403 with the reason, and logged as Django logs it. Place it after routing,
/// so that endpoint metadata is known.
/// </summary>
public sealed class CsrfMiddleware
{
    private const string NoReferer = "Referer checking failed - no Referer.";
    private const string MalformedReferer = "Referer checking failed - Referer is malformed.";
    private const string InsecureReferer = "Referer checking failed - Referer is insecure while host is secure.";
    private const string NoCookie = "CSRF cookie not set.";
    private const string TokenMissing = "CSRF token missing.";
    private const string CrossSite = "Fetch metadata checking failed - Sec-Fetch-Site is cross-site and the Origin is not trusted.";

    private static readonly Action<ILogger, string, string, Exception?> LogRejected =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(1, "CsrfRejected"), "Forbidden ({Reason}): {Path}");

    private readonly RequestDelegate _next;
    private readonly CsrfOptions _options;
    private readonly ILogger<CsrfMiddleware> _logger;
    private readonly CsrfTrustedOrigins _trustedOrigins;
    private readonly string _headerSource;
    private readonly Func<object, Task> _sendCookie;

    /// <summary>Creates the middleware.</summary>
    /// <exception cref="ArgumentException">A trusted origin has no scheme.</exception>
    public CsrfMiddleware(RequestDelegate next, IOptions<CsrfOptions> options, ILogger<CsrfMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _options = options.Value;
        _logger = logger;
        _trustedOrigins = new CsrfTrustedOrigins(_options.TrustedOrigins);
        // Django names the header as HttpHeaders.parse_header_name spells its META key: X-CSRFToken is 'X-Csrftoken'
        _headerSource = "the '" + TitleCase(_options.HeaderName) + "' HTTP header";
        _sendCookie = SendCookie;
    }

    /// <summary>
    /// Checks an unsafe request; a request that needs no check gets its CSRF state only if the view asks for a token
    /// (so a plain GET costs no state object or response hook).
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // no endpoint: a 404 follows, as Django resolves the URL before its process_view
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method)
            || Views.RequestEndpoint.Of(context) is not { } endpoint
            || endpoint.Metadata.GetMetadata<CsrfExemptAttribute>() is not null)
        {
            if (context.Request.Headers.Cookie.Count > 0 && context.Request.Cookies[_options.CookieName] is { } cookie && CsrfToken.FormatError(cookie) is not null)
            {
                // a malformed cookie is replaced whatever the view does
                Attach(context);
            }

            return _next(context);
        }

        Attach(context);
        return CheckThenNextAsync(context);
    }

    /// <summary>The request's CSRF state, from its cookie, with the hook that sends the cookie if the state changes.</summary>
    internal CsrfRequestState Attach(HttpContext context)
    {
        var state = new CsrfRequestState();
        var cookie = context.Request.Cookies[_options.CookieName];
        if (cookie is not null)
        {
            if (CsrfToken.FormatError(cookie) is null)
            {
                // a cookie masked by Django before 4.1 is kept unmasked from now on, when it is next sent
                state.Secret = cookie.Length == CsrfToken.TokenLength ? CsrfToken.Unmask(cookie) : cookie;
            }
            else
            {
                state.Secret = CsrfToken.NewSecret();
                state.NeedsUpdate = true;
            }
        }

        context.Features.Set(state);
        context.Response.OnStarting(_sendCookie, context);
        return state;
    }

    private async Task CheckThenNextAsync(HttpContext context)
    {
        var reason = OriginFailure(context.Request) ?? await TokenFailureAsync(context).ConfigureAwait(false);
        if (reason is null)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        LogRejected(_logger, reason, context.Request.PathBase.Add(context.Request.Path).Value ?? "/", null);
        await ErrorPages.WriteAsync(context, StatusCodes.Status403Forbidden, "CSRF verification failed. Request aborted. " + reason).ConfigureAwait(false);
    }

    // Fetch metadata, then Django's Origin check, or its Referer check for HTTPS requests without Origin
    private string? OriginFailure(HttpRequest request)
    {
        var hasOrigin = request.Headers.TryGetValue("Origin", out var originHeader);
        var origin = originHeader.ToString();
        if (_options.FetchMetadataCheck
            && string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase)
            && !(hasOrigin && IsOriginVerified(request, origin)))
        {
            return CrossSite;
        }

        if (hasOrigin)
        {
            return IsOriginVerified(request, origin) ? null : "Origin checking failed - " + origin + " does not match any trusted origins.";
        }

        // Over HTTPS a man in the middle of plain HTTP can plant both cookie and token, so the Referer must be ours too
        return request.IsHttps ? RefererFailure(request) : null;
    }

    private bool IsOriginVerified(HttpRequest request, string origin)
    {
        if (request.Host.HasValue && origin == (request.IsHttps ? "https://" : "http://") + request.Host.Value)
        {
            return true;
        }

        return _trustedOrigins.IsTrustedOrigin(origin);
    }

    private string? RefererFailure(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("Referer", out var header))
        {
            return NoReferer;
        }

        if (!SplitUrl.TryParse(header.ToString(), out var referer) || referer.Scheme.Length == 0 || referer.Netloc.Length == 0)
        {
            return MalformedReferer;
        }

        if (referer.Scheme != "https")
        {
            return InsecureReferer;
        }

        if (_trustedOrigins.IsTrustedHost(referer.Netloc))
        {
            return null;
        }

        string goodReferer;
        if (!string.IsNullOrEmpty(_options.CookieDomain))
        {
            // the cookie's domain and its subdomains, on the port the client used
            var port = request.Host.Port;
            goodReferer = port is null or 443 or 80 ? _options.CookieDomain : _options.CookieDomain + ":" + port.Value.ToString(CultureInfo.InvariantCulture);
        }
        else if (request.Host.HasValue)
        {
            goodReferer = request.Host.Value;
        }
        else
        {
            goodReferer = "";
        }

        return CsrfTrustedOrigins.IsSameDomain(referer.Netloc, goodReferer)
            ? null
            : "Referer checking failed - " + referer.ToUrl() + " does not match any trusted origins.";
    }

    private async Task<string?> TokenFailureAsync(HttpContext context)
    {
        var request = context.Request;
        var cookie = request.Cookies[_options.CookieName];
        if (cookie is null)
        {
            // no cookie, no entry: this is what stops login CSRF too
            return NoCookie;
        }

        if (CsrfToken.FormatError(cookie) is { } cookieError)
        {
            return "CSRF cookie " + cookieError + ".";
        }

        var secret = cookie.Length == CsrfToken.TokenLength ? CsrfToken.Unmask(cookie) : cookie;
        var token = "";
        var source = "POST";
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            // the request limits apply (413/400 with their reasons) before any token is looked at
            var form = await RequestForms.ReadFormAsync(context, context.RequestAborted).ConfigureAwait(false);

            // like QueryDict.get, the last value of a repeated field
            var values = form[CsrfToken.FieldName];
            token = values.Count > 0 ? values[values.Count - 1] ?? "" : "";
        }

        if (token.Length == 0)
        {
            if (!request.Headers.TryGetValue(_options.HeaderName, out var header))
            {
                return TokenMissing;
            }

            token = header.ToString();
            source = _headerSource;
        }

        if (CsrfToken.FormatError(token) is { } tokenError)
        {
            return "CSRF token from " + source + " " + tokenError + ".";
        }

        return CsrfToken.Matches(token, secret) ? null : "CSRF token from " + source + " incorrect.";
    }

    private Task SendCookie(object arg)
    {
        var context = (HttpContext)arg;
        if (context.Features.Get<CsrfRequestState>() is { NeedsUpdate: true, Secret: { } secret } state)
        {
            var cookie = new CookieOptions
            {
                Domain = string.IsNullOrEmpty(_options.CookieDomain) ? null : _options.CookieDomain,
                Path = _options.CookiePath,
                Secure = _options.CookieSecure,
                HttpOnly = _options.CookieHttpOnly,
                SameSite = _options.CookieSameSite,
            };
            if (_options.CookieAge > 0)
            {
                cookie.MaxAge = TimeSpan.FromSeconds(_options.CookieAge);
                cookie.Expires = DateTimeOffset.UtcNow.AddSeconds(_options.CookieAge);
            }

            context.Response.Cookies.Append(_options.CookieName, secret, cookie);
            AddVaryCookie(context.Response.Headers);
            state.NeedsUpdate = false;
        }

        return Task.CompletedTask;
    }

    // Django's patch_vary_headers(response, ("Cookie",)): the page differs per cookie, so caches must key on it
    private static void AddVaryCookie(IHeaderDictionary headers)
    {
        var vary = headers.Vary.ToString();
        if (string.IsNullOrWhiteSpace(vary))
        {
            headers.Vary = "Cookie";
            return;
        }

        foreach (var entry in vary.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry == "*" || entry.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        headers.Vary = vary + ", Cookie";
    }

    // Python's str.title(): a letter is upper-cased after a non-letter and lower-cased after a letter
    private static string TitleCase(string name) =>
        string.Create(name.Length, name, static (chars, source) =>
        {
            var previousLetter = false;
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                chars[i] = char.IsLetter(c) ? (previousLetter ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : c;
                previousLetter = char.IsLetter(c);
            }
        });
}
