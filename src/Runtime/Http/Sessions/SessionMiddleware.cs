using Microsoft.Extensions.Primitives;

namespace Reinhardt.Http;

/// <summary>
/// Django's <c>SessionMiddleware</c>: gives each request a lazily loaded <see cref="Session"/> for the key in
/// its cookie and, before the response starts, Django's <c>process_response</c>: deletes the cookie of a
/// session that became empty (flushed); otherwise adds <c>Vary: Cookie</c> when the session was used, and saves
/// a modified (or, with <see cref="ReinhardtSessionOptions.SaveEveryRequest"/>, any) non-empty session and sets its cookie,
/// except on 5xx responses.
/// </summary>
public sealed class SessionMiddleware
{
    /// <summary>Django's <c>SessionInterrupted</c> message, sent with a 400.</summary>
    public const string SessionInterruptedMessage =
        "The request's session was deleted before the request completed. The user may have logged out in a concurrent request, for example.";

    private readonly RequestDelegate _next;
    private readonly SessionStore _store;
    private readonly ReinhardtSessionOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<object, Task> _onStarting;

    /// <summary>Creates the middleware.</summary>
    public SessionMiddleware(RequestDelegate next, SessionStore store, IOptions<ReinhardtSessionOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _next = next;
        _store = store;
        _options = options.Value;
        _time = timeProvider;
        _onStarting = state => ProcessResponseAsync((HttpContext)state);
    }

    /// <summary>
    /// Runs the rest of the pipeline, then saves the session and sets or deletes its cookie. The session is attached
    /// when first asked for (a request that never touches it costs nothing, as in Django, where an unaccessed session
    /// is neither loaded nor saved), or at once with <see cref="ReinhardtSessionOptions.SaveEveryRequest"/>.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_options.SaveEveryRequest)
        {
            Attach(context);
        }

        var next = _next(context);
        if (!next.IsCompletedSuccessfully)
        {
            return AfterAsync(next, context);
        }

        // the indexer, not Features.Get<T>: a generic virtual call is a slow lookup under Native AOT
        return context.Features[typeof(Session)] is null || context.Response.HasStarted ? Task.CompletedTask : ProcessResponseAsync(context);
    }

    private async Task AfterAsync(Task next, HttpContext context)
    {
        await next.ConfigureAwait(false);
        if (!context.Response.HasStarted)
        {
            // here rather than on start, so a failure to save is a clean error page
            await ProcessResponseAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary>The request's session for the key in its cookie, with the hook that saves it before the response starts.</summary>
    internal Session Attach(HttpContext context)
    {
        var session = new Session(_store, _options, _time, context.Request.Cookies[_options.CookieName]);
        context.Features.Set(session);

        // a handler that starts writing before it returns still gets its cookie: headers go out on start
        context.Response.OnStarting(_onStarting, context);
        return session;
    }

    private async Task ProcessResponseAsync(HttpContext context)
    {
        if (context.Features.Get<Session>() is not { ResponseProcessed: false } session)
        {
            return;
        }

        session.ResponseProcessed = true;
        var response = context.Response;

        // a logout's deletion happens whatever the response
        await session.DeleteForgottenAsync(CancellationToken.None).ConfigureAwait(false);

        var accessed = session.Accessed;
        var empty = session.IsEmpty;
        if (empty && context.Request.Cookies.ContainsKey(_options.CookieName))
        {
            var deletion = CookieOptions(context);
            deletion.Expires = DateTimeOffset.UnixEpoch;
            deletion.MaxAge = TimeSpan.Zero;
            deletion.HttpOnly = false;
            response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.SetCookie, deletion.CreateCookieHeader(_options.CookieName, "").ToString());
            AddVaryCookie(response);
            return;
        }

        if (accessed)
        {
            AddVaryCookie(response);
        }

        if (empty || !(session.Modified || _options.SaveEveryRequest) || response.StatusCode >= 500)
        {
            return;
        }

        var options = CookieOptions(context);
        if (!session.ExpireAtBrowserClose)
        {
            var maxAge = session.GetExpiryAge();
            options.MaxAge = TimeSpan.FromSeconds(maxAge);
            options.Expires = _time.GetUtcNow().AddSeconds(maxAge);
        }

        if (!await session.SaveAsync(CancellationToken.None).ConfigureAwait(false))
        {
            throw new BadHttpRequestException(SessionInterruptedMessage, StatusCodes.Status400BadRequest);
        }

        // written as is (Append would percent-encode the ':' of a signed cookie, which Django would not read)
        response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.SetCookie, options.CreateCookieHeader(_options.CookieName, session.SessionKey!).ToString());
    }

    private CookieOptions CookieOptions(HttpContext context) => new()
    {
        Domain = string.IsNullOrEmpty(_options.CookieDomain) ? null : _options.CookieDomain,
        Path = _options.CookiePath,
        Secure = _options.CookieSecure || context.Request.IsHttps,
        HttpOnly = _options.CookieHttpOnly,
        SameSite = _options.CookieSameSite,
    };

    /// <summary>Django's <c>patch_vary_headers(response, ("Cookie",))</c>.</summary>
    private static void AddVaryCookie(HttpResponse response)
    {
        var vary = response.Headers.Vary;
        foreach (var value in vary)
        {
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "*" || part.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }
        }

        response.Headers.Vary = StringValues.Concat(vary, "Cookie");
    }
}

/// <summary>The session of a request.</summary>
public static class SessionHttpContextExtensions
{
    /// <summary>The request's session (loaded synchronously on first use); requires <c>UseReinhardtSessions()</c>.</summary>
    /// <exception cref="InvalidOperationException">The session middleware is not installed.</exception>
    public static Session GetSession(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Session>()
            ?? InstalledMiddleware<SessionMiddleware>.Of(context)?.Attach(context)
            ?? throw new InvalidOperationException("This request has no session: add app.UseReinhardtSessions() (Django's SessionMiddleware) before the code that uses it.");
    }

    /// <summary>The request's session, loaded asynchronously.</summary>
    /// <exception cref="InvalidOperationException">The session middleware is not installed.</exception>
    public static async ValueTask<Session> GetSessionAsync(this HttpContext context, CancellationToken cancellationToken = default)
    {
        var session = GetSession(context);
        await session.LoadAsync(cancellationToken).ConfigureAwait(false);
        return session;
    }
}
