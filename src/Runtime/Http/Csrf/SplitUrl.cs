using System.Net;
using System.Net.Sockets;

namespace Reinhardt.Http;

/// <summary>
/// A URL split the way Python's <c>urllib.parse.urlsplit</c> splits it, so that <c>Origin</c> and <c>Referer</c> checks
/// accept and reject exactly what Django's do (<see cref="Uri"/> is stricter and normalises more).
/// </summary>
internal readonly record struct SplitUrl(string Scheme, string Netloc, string Path, string Query, string Fragment)
{
    /// <summary>Splits <paramref name="url"/>; false where <c>urlsplit</c> raises <c>ValueError</c> (an unbalanced or invalid IPv6 bracket).</summary>
    public static bool TryParse(string url, out SplitUrl result)
    {
        result = default;
        // WHATWG: leading C0 controls and spaces are dropped, tabs and newlines removed anywhere
        url = url.TrimStart(C0ControlOrSpace);
        if (url.AsSpan().IndexOfAny('\t', '\r', '\n') >= 0)
        {
            url = url.Replace("\t", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        }

        var scheme = "";
        var netloc = "";
        var query = "";
        var fragment = "";
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && char.IsAsciiLetter(url[0]) && url.AsSpan(0, colon).IndexOfAnyExcept(SchemeChars) < 0)
        {
            scheme = url[..colon].ToLowerInvariant();
            url = url[(colon + 1)..];
        }

        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            var end = url.IndexOfAny(['/', '?', '#'], 2);
            if (end < 0)
            {
                end = url.Length;
            }

            netloc = url[2..end];
            url = url[end..];
            var open = netloc.Contains('[', StringComparison.Ordinal);
            var close = netloc.Contains(']', StringComparison.Ordinal);
            if (open != close || (open && !IsValidBracketedNetloc(netloc)))
            {
                return false;
            }
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = url[(hash + 1)..];
            url = url[..hash];
        }

        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = url[(question + 1)..];
            url = url[..question];
        }

        result = new SplitUrl(scheme, netloc, url, query, fragment);
        return true;
    }

    /// <summary>The URL put back together (Python's <c>geturl()</c>), as Django quotes it in a rejection reason.</summary>
    public string ToUrl()
    {
        var url = Path;
        if (Netloc.Length > 0)
        {
            if (url.Length > 0 && url[0] != '/')
            {
                url = "/" + url;
            }

            url = "//" + Netloc + url;
        }

        if (Scheme.Length > 0)
        {
            url = Scheme + ":" + url;
        }

        if (Query.Length > 0)
        {
            url += "?" + Query;
        }

        if (Fragment.Length > 0)
        {
            url += "#" + Fragment;
        }

        return url;
    }

    private const string SchemeChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";

    private static readonly char[] C0ControlOrSpace = [.. Enumerable.Range(0, 33).Select(c => (char)c)];

    // urlsplit's _check_bracketed_netloc: nothing before '[', only a port after ']', and an IPv6 address (or IPvFuture) inside
    private static bool IsValidBracketedNetloc(string netloc)
    {
        var hostAndPort = netloc[(netloc.LastIndexOf('@') + 1)..];
        var open = hostAndPort.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return true;
        }

        if (open > 0)
        {
            return false;
        }

        var bracketed = hostAndPort[1..];
        var close = bracketed.IndexOf(']', StringComparison.Ordinal);
        var host = close < 0 ? bracketed : bracketed[..close];
        var port = close < 0 ? "" : bracketed[(close + 1)..];
        if (port.Length > 0 && port[0] != ':')
        {
            return false;
        }

        if (host.StartsWith('v'))
        {
            // IPvFuture: v<hex>.<anything>
            var dot = host.IndexOf('.', StringComparison.Ordinal);
            return dot > 1 && dot < host.Length - 1 && !host.AsSpan(1, dot - 1).ContainsAnyExcept("0123456789abcdefABCDEF");
        }

        return IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }
}
