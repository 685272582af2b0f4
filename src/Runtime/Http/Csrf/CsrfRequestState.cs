namespace Reinhardt.Http;

/// <summary>
/// What the CSRF middleware knows about one request, kept as a request feature (Django's <c>request.META["CSRF_COOKIE"]</c>
/// and <c>CSRF_COOKIE_NEEDS_UPDATE</c>).
/// </summary>
internal sealed class CsrfRequestState
{
    /// <summary>The request's secret: the cookie's (unmasked), or one created for it; null when it has none yet.</summary>
    public string? Secret { get; set; }

    /// <summary>Whether the response must (re)send the cookie: the token was used, rotated, or the cookie was malformed.</summary>
    public bool NeedsUpdate { get; set; }
}
