namespace Reinhardt.Http;

/// <summary>
/// Django's staticfiles settings, bound from the <c>StaticFiles</c> configuration section
/// (e.g. <c>StaticFiles:Url</c>).
/// </summary>
public sealed class StaticFilesOptions
{
    /// <summary>The URL prefix static files are served under (<c>STATIC_URL</c>); must start and end with <c>/</c>.</summary>
    public string Url { get; set; } = "/static/";

    /// <summary>
    /// The folder served, relative to the content root unless absolute (<c>STATIC_ROOT</c>); <c>collectstatic</c>
    /// writes to it and its <c>staticfiles.json</c> manifest maps names to hashed names.
    /// </summary>
    public string Root { get; set; } = "static";

    /// <summary>Whether the app serves <see cref="Root"/> itself; turn off when a web server or CDN serves it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The folders <c>collectstatic</c> copies from, relative to the content root unless absolute (<c>STATICFILES_DIRS</c>).</summary>
    public List<string> SourceDirectories { get; set; } = [];

    /// <summary><see cref="Root"/> as a full path, resolved against <paramref name="contentRoot"/>.</summary>
    public string RootPath(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, Root));

    /// <summary>The request path prefix for the middleware: <see cref="Url"/> without its trailing slash.</summary>
    public PathString RequestPath()
    {
        if (!Url.StartsWith('/') || !Url.EndsWith('/'))
        {
            throw new InvalidOperationException("StaticFiles:Url must start and end with '/', e.g. /static/; it is '" + Url + "'.");
        }

        return new PathString(Url.TrimEnd('/'));
    }
}
