namespace Reinhardt.Http;

/// <summary>
/// Django's CSRF settings (<c>CSRF_COOKIE_*</c>, <c>CSRF_HEADER_NAME</c>, <c>CSRF_TRUSTED_ORIGINS</c>), bound from
/// the <c>Csrf</c> configuration section (e.g. <c>Csrf:CookieSecure</c>, <c>Csrf:TrustedOrigins:0</c>). The defaults are Django's.
/// The secret is always kept in a cookie (Django's <c>CSRF_USE_SESSIONS = False</c>).
/// </summary>
public sealed class CsrfOptions
{
    /// <summary>The name of the cookie holding the CSRF secret (<c>CSRF_COOKIE_NAME</c>).</summary>
    public string CookieName { get; set; } = "csrftoken";

    /// <summary>
    /// The cookie's lifetime in seconds (<c>CSRF_COOKIE_AGE</c>, a year by default); 0 or less sends a
    /// browser-session cookie (Django's <c>None</c>).
    /// </summary>
    public int CookieAge { get; set; } = 31449600;

    /// <summary>The cookie's <c>Domain</c> (<c>CSRF_COOKIE_DOMAIN</c>), e.g. <c>.example.com</c>; null for the request host only.</summary>
    public string? CookieDomain { get; set; }

    /// <summary>The cookie's <c>Path</c> (<c>CSRF_COOKIE_PATH</c>).</summary>
    public string CookiePath { get; set; } = "/";

    /// <summary>Send the cookie over HTTPS only (<c>CSRF_COOKIE_SECURE</c>).</summary>
    public bool CookieSecure { get; set; }

    /// <summary>
    /// Hide the cookie from JavaScript (<c>CSRF_COOKIE_HTTPONLY</c>). Off, as in Django: the secret is not a
    /// credential, and scripts that send <see cref="HeaderName"/> read it from the cookie.
    /// </summary>
    public bool CookieHttpOnly { get; set; }

    /// <summary>The cookie's <c>SameSite</c> (<c>CSRF_COOKIE_SAMESITE</c>); <see cref="SameSiteMode.Unspecified"/> omits the attribute.</summary>
    public SameSiteMode CookieSameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>The request header that may carry the token instead of the form field (<c>CSRF_HEADER_NAME</c>).</summary>
    public string HeaderName { get; set; } = "X-CSRFToken";

    /// <summary>
    /// Origins trusted for unsafe requests besides the request's own (<c>CSRF_TRUSTED_ORIGINS</c>): each with its
    /// scheme, e.g. <c>https://admin.example.com</c>, or <c>https://*.example.com</c> for the domain and all its subdomains.
    /// </summary>
    public IList<string> TrustedOrigins { get; set; } = new List<string>();

    /// <summary>
    /// Reject an unsafe request at once when the browser says it is cross-site (<c>Sec-Fetch-Site: cross-site</c>) and its
    /// <c>Origin</c> is not trusted. Not in Django; <c>same-origin</c>, <c>same-site</c>, <c>none</c> or no header go on to Django's checks.
    /// </summary>
    public bool FetchMetadataCheck { get; set; } = true;
}
