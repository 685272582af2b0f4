namespace Reinhardt.Http;

/// <summary>
/// The <c>AllowedHosts</c> setting (ASP.NET Core's semicolon-separated list) read with Django's
/// <c>ALLOWED_HOSTS</c> meaning: <c>.example.com</c> is the domain and its subdomains, <c>*</c> is any
/// host, and an empty list in Development allows <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>.
/// </summary>
public static class AllowedHosts
{
    /// <summary>The host patterns for ASP.NET Core's host filtering.</summary>
    public static string[] Parse(string? setting, bool development)
    {
        var entries = (setting ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            // Django with DEBUG and empty ALLOWED_HOSTS; outside Development nothing is allowed (every request is 400)
            return development ? ["localhost", "127.0.0.1", "[::1]"] : ["reinhardt-no-allowed-hosts.invalid"];
        }

        var hosts = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.StartsWith('.'))
            {
                hosts.Add(entry[1..]);
                hosts.Add("*" + entry);
            }
            else
            {
                hosts.Add(entry);
            }
        }

        return [.. hosts];
    }

    /// <summary>Whether <paramref name="host"/> (without port) is allowed by the parsed patterns, as host filtering decides.</summary>
    public static bool IsAllowed(IReadOnlyList<string> patterns, string host)
    {
        foreach (var pattern in patterns)
        {
            if (pattern == "*" || string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
