using System.Text;
using Microsoft.Extensions.Hosting;

namespace Reinhardt.Http;

/// <summary>
/// The URL of a static file by its name, as Django's <c>{% static %}</c> tag and <c>static()</c> give it:
/// the hashed name from <c>staticfiles.json</c> when the manifest has one (so the file can be cached for a
/// year), otherwise the name itself, under <see cref="StaticFilesOptions.Url"/>. A singleton service;
/// templates reach it through <see cref="StaticFileUrlExtensions.StaticUrl(HttpContext, string)"/> or
/// <see cref="From(IServiceProvider)"/>.
/// </summary>
public sealed class StaticFileUrls
{
    private readonly string _baseUrl;

    /// <summary>Creates the service from the app's options, reading the manifest from the static root.</summary>
    public StaticFileUrls(IOptions<StaticFilesOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var value = options.Value;
        _ = value.RequestPath();
        _baseUrl = value.Url;
        Manifest = StaticFilesManifest.Load(value.RootPath(environment.ContentRootPath));
    }

    /// <summary>Creates the service from a base URL (such as <c>/static/</c>) and a manifest.</summary>
    public StaticFileUrls(string baseUrl, StaticFilesManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(manifest);
        _baseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
        Manifest = manifest;
    }

    /// <summary>The manifest read at startup (<see cref="StaticFilesManifest.Empty"/> when the root has none).</summary>
    public StaticFilesManifest Manifest { get; }

    /// <summary>
    /// The URL of <paramref name="name"/> (relative to the static root, e.g. <c>css/site.css</c>):
    /// <c>/static/css/site.0123456789ab.css</c> when the manifest maps it, else <c>/static/css/site.css</c>.
    /// A query or fragment (<c>font.eot?#iefix</c>) is kept; the path is percent-encoded as Django's <c>filepath_to_uri</c> does.
    /// </summary>
    public string Url(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var clean = name.Replace('\\', '/').TrimStart('/');
        var suffixAt = clean.IndexOfAny(['?', '#']);
        var path = suffixAt < 0 ? clean : clean[..suffixAt];
        var suffix = suffixAt < 0 ? string.Empty : clean[suffixAt..];
        var stored = Manifest.HashedName(path.Trim()) ?? path;
        return _baseUrl + Encode(stored) + suffix;
    }

    /// <summary>The service registered by <see cref="StaticFilesExtensions.AddReinhardtStaticFiles"/>.</summary>
    /// <exception cref="InvalidOperationException">Static files were not registered.</exception>
    public static StaticFileUrls From(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService<StaticFileUrls>()
            ?? throw new InvalidOperationException("Static file URLs need services.AddReinhardtStaticFiles(configuration).");
    }

    // Python's quote(path, safe="/~!*()'"), as Django's filepath_to_uri
    private static string Encode(string path)
    {
        var text = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "_.-~/!*()'".Contains(c, StringComparison.Ordinal))
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}

/// <summary>Static file URLs from a request, for templates and handlers.</summary>
public static class StaticFileUrlExtensions
{
    /// <summary>
    /// The URL of the static file <paramref name="name"/> for this request (after the request's path base, when
    /// the app is mounted under one), e.g. <c>/static/css/site.0123456789ab.css</c>.
    /// </summary>
    public static string StaticUrl(this HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.PathBase.ToUriComponent() + StaticFileUrls.From(context.RequestServices).Url(name);
    }
}
