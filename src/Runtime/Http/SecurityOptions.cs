namespace Reinhardt.Http;

/// <summary>
/// Django's <c>SecurityMiddleware</c> and <c>XFrameOptionsMiddleware</c> settings, bound from the
/// <c>Security</c> configuration section (e.g. <c>Security:HstsSeconds</c>). The defaults are Django's.
/// </summary>
public sealed class SecurityOptions
{
    /// <summary><c>X-Frame-Options</c> (Django's <c>X_FRAME_OPTIONS</c>): <c>DENY</c>, or <c>SAMEORIGIN</c>; empty to omit.</summary>
    public string FrameOptions { get; set; } = "DENY";

    /// <summary>Send <c>X-Content-Type-Options: nosniff</c> (<c>SECURE_CONTENT_TYPE_NOSNIFF</c>).</summary>
    public bool ContentTypeNosniff { get; set; } = true;

    /// <summary><c>Referrer-Policy</c> (<c>SECURE_REFERRER_POLICY</c>); empty to omit.</summary>
    public string ReferrerPolicy { get; set; } = "same-origin";

    /// <summary><c>Cross-Origin-Opener-Policy</c> (<c>SECURE_CROSS_ORIGIN_OPENER_POLICY</c>); empty to omit.</summary>
    public string CrossOriginOpenerPolicy { get; set; } = "same-origin";

    /// <summary><c>Strict-Transport-Security</c> max-age in seconds for HTTPS responses (<c>SECURE_HSTS_SECONDS</c>); 0 sends none.</summary>
    public int HstsSeconds { get; set; }

    /// <summary>Add <c>includeSubDomains</c> to HSTS (<c>SECURE_HSTS_INCLUDE_SUBDOMAINS</c>).</summary>
    public bool HstsIncludeSubdomains { get; set; }

    /// <summary>Add <c>preload</c> to HSTS (<c>SECURE_HSTS_PRELOAD</c>).</summary>
    public bool HstsPreload { get; set; }

    /// <summary>Redirect plain HTTP requests to HTTPS with 301 (<c>SECURE_SSL_REDIRECT</c>).</summary>
    public bool SslRedirect { get; set; }

    /// <summary>The HTTPS port to redirect to, when not 443.</summary>
    public int? SslPort { get; set; }
}
