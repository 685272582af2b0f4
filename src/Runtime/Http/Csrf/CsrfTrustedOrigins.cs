namespace Reinhardt.Http;

/// <summary>
/// <see cref="CsrfOptions.TrustedOrigins"/> read as Django reads <c>CSRF_TRUSTED_ORIGINS</c>: exact origins, wildcard
/// origins (<c>https://*.example.com</c> trusts <c>example.com</c> and every subdomain, for that scheme only), and the hosts
/// of all of them for HTTPS <c>Referer</c> checks.
/// </summary>
public sealed class CsrfTrustedOrigins
{
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<(string Scheme, string Domain)> _subdomains = [];
    private readonly List<string> _hosts = [];

    /// <summary>Reads the configured origins; each must have a scheme (see <see cref="Validate"/>).</summary>
    public CsrfTrustedOrigins(IEnumerable<string> origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        foreach (var origin in origins)
        {
            if (Validate(origin) is { } error)
            {
                throw new ArgumentException(error, nameof(origins));
            }

            // a malformed entry trusts nothing, as urlparse's result would match nothing
            _ = SplitUrl.TryParse(origin, out var parsed);
            var host = parsed.Netloc.TrimStart('*');
            _hosts.Add(host);
            if (origin.Contains('*', StringComparison.Ordinal))
            {
                _subdomains.Add((parsed.Scheme, host));
            }
            else
            {
                _exact.Add(origin);
            }
        }
    }

    /// <summary>
    /// Why <paramref name="origin"/> is not a valid trusted origin (Django's check 4_0.E001: it has no scheme), or null.
    /// </summary>
    public static string? Validate(string? origin) =>
        origin is not null && origin.Contains("://", StringComparison.Ordinal)
            ? null
            : "The values in Csrf:TrustedOrigins must start with a scheme (usually http:// or https://) but found " + origin + ".";

    /// <summary>Whether an <c>Origin</c> header value is one of the trusted origins or under a trusted wildcard of the same scheme.</summary>
    public bool IsTrustedOrigin(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (_exact.Contains(origin))
        {
            return true;
        }

        if (_subdomains.Count == 0 || !SplitUrl.TryParse(origin, out var parsed))
        {
            return false;
        }

        foreach (var (scheme, domain) in _subdomains)
        {
            if (scheme == parsed.Scheme && IsSameDomain(parsed.Netloc, domain))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a URL's host (with port, as in a <c>Referer</c>) is the host of a trusted origin, or under a trusted wildcard.</summary>
    public bool IsTrustedHost(string netloc)
    {
        ArgumentNullException.ThrowIfNull(netloc);
        foreach (var host in _hosts)
        {
            if (IsSameDomain(netloc, host))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Django's <c>is_same_domain</c>: <paramref name="host"/> equals <paramref name="pattern"/>, or the pattern starts with a
    /// dot and the host is that domain or a subdomain of it. The pattern is compared lower-cased, the host as given.
    /// </summary>
    public static bool IsSameDomain(string host, string? pattern)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }

        pattern = pattern.ToLowerInvariant();
        return (pattern[0] == '.' && (host.EndsWith(pattern, StringComparison.Ordinal) || host == pattern[1..])) || pattern == host;
    }
}
