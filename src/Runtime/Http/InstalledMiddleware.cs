namespace Reinhardt.Http;

/// <summary>
/// The app's instance of a middleware that attaches its per-request state only when a view first asks for it
/// (the session, the CSRF state, the message storage), found through the request's services. A request that
/// never asks pays nothing: no allocation, no feature lookup, no response hook.
/// </summary>
internal sealed class InstalledMiddleware<TMiddleware>
    where TMiddleware : class
{
    public TMiddleware? Instance { get; set; }

    public static TMiddleware? Of(HttpContext context) =>
        context.RequestServices?.GetService<InstalledMiddleware<TMiddleware>>()?.Instance;
}
