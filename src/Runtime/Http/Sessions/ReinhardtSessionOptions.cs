namespace Reinhardt.Http;

/// <summary>Where session data is kept (Django's <c>SESSION_ENGINE</c>).</summary>
public enum SessionEngine
{
    /// <summary>
    /// Rows of the <c>django_session</c> table of the app's database; the cookie holds only a random key
    /// (<c>django.contrib.sessions.backends.db</c>, Django's default).
    /// </summary>
    Database,

    /// <summary>
    /// The data itself, signed (not encrypted) in the cookie (<c>django.contrib.sessions.backends.signed_cookies</c>):
    /// no storage, but readable by the client, limited to about 4 kB, and not revocable before it expires.
    /// </summary>
    SignedCookie,
}

/// <summary>
/// Django's session settings (<c>SESSION_*</c>), bound from the <c>Sessions</c> configuration section
/// (e.g. <c>Sessions:CookieAge</c>). The defaults are Django's.
/// </summary>
public sealed class ReinhardtSessionOptions
{
    /// <summary>
    /// Where sessions are stored. Unset, it is Django's default, <see cref="SessionEngine.Database"/>, when the app
    /// registers a database, and <see cref="SessionEngine.SignedCookie"/> when it has none.
    /// </summary>
    public SessionEngine? Engine { get; set; }

    /// <summary>The cookie's name (<c>SESSION_COOKIE_NAME</c>).</summary>
    public string CookieName { get; set; } = "sessionid";

    /// <summary>Seconds a session lives (<c>SESSION_COOKIE_AGE</c>): two weeks.</summary>
    public int CookieAge { get; set; } = 1209600;

    /// <summary>The cookie's domain (<c>SESSION_COOKIE_DOMAIN</c>); none (this host only) by default.</summary>
    public string? CookieDomain { get; set; }

    /// <summary>The cookie's path (<c>SESSION_COOKIE_PATH</c>).</summary>
    public string CookiePath { get; set; } = "/";

    /// <summary>
    /// Mark the cookie <c>Secure</c> (<c>SESSION_COOKIE_SECURE</c>). Unlike Django, a cookie set on an HTTPS
    /// request is marked <c>Secure</c> even when this is false.
    /// </summary>
    public bool CookieSecure { get; set; }

    /// <summary>Mark the cookie <c>HttpOnly</c>, out of reach of scripts (<c>SESSION_COOKIE_HTTPONLY</c>).</summary>
    public bool CookieHttpOnly { get; set; } = true;

    /// <summary>The cookie's <c>SameSite</c> (<c>SESSION_COOKIE_SAMESITE</c>); <c>Unspecified</c> omits the attribute.</summary>
    public SameSiteMode CookieSameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>Save the session, and renew its cookie, on every request (<c>SESSION_SAVE_EVERY_REQUEST</c>).</summary>
    public bool SaveEveryRequest { get; set; }

    /// <summary>A browser-session cookie, without expiry (<c>SESSION_EXPIRE_AT_BROWSER_CLOSE</c>).</summary>
    public bool ExpireAtBrowserClose { get; set; }
}
