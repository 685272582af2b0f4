using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;

namespace Reinhardt.Http;

/// <summary>
/// Serves the static root with ASP.NET Core's <see cref="StaticFileMiddleware"/> (ETag, Last-Modified,
/// 304 Not Modified, Range requests), with a year of immutable caching for Django's hashed names and
/// revalidation for the others. Nothing outside the root, no directory listings, no dotfiles.
/// </summary>
public static partial class StaticFilesExtensions
{
    /// <summary><c>Cache-Control</c> for a hashed name (<c>site.0123456789ab.css</c>): its content never changes.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary><c>Cache-Control</c> for any other name: cache, but revalidate (a cheap 304) every time.</summary>
    public const string RevalidateCacheControl = "no-cache";

    /// <summary>
    /// Registers <see cref="StaticFilesOptions"/> (section <c>StaticFiles</c>) and the <see cref="StaticFileUrls"/> service.
    /// </summary>
    public static IServiceCollection AddReinhardtStaticFiles(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<StaticFilesOptions>(configuration.GetSection("StaticFiles"));
        services.AddSingleton(provider => new StaticFileUrls(provider.GetRequiredService<IOptions<StaticFilesOptions>>(), provider.GetRequiredService<IHostEnvironment>()));
        return services;
    }

    /// <summary>
    /// Serves files of <see cref="StaticFilesOptions.Root"/> under <see cref="StaticFilesOptions.Url"/> when
    /// <see cref="StaticFilesOptions.Enabled"/>; any other request under that URL is answered 404.
    /// </summary>
    public static IApplicationBuilder UseReinhardtStaticFiles(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var options = services.GetRequiredService<IOptions<StaticFilesOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var environment = services.GetRequiredService<IWebHostEnvironment>();
        var root = options.RootPath(environment.ContentRootPath);
        var requestPath = options.RequestPath();
        // the physical provider refuses paths that leave the root (.., absolute paths) and, with Sensitive, dotfiles and hidden files
        IFileProvider provider = Directory.Exists(root) ? new PhysicalFileProvider(root, ExclusionFilters.Sensitive) : new NullFileProvider();
        if (provider is IDisposable disposable)
        {
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(disposable.Dispose);
        }

        var staticFileOptions = new StaticFileOptions
        {
            RequestPath = requestPath,
            FileProvider = provider,
            OnPrepareResponse = SetCacheControl,
        };
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        app.Use(next => new StaticFileMiddleware(next, environment, Options.Create(staticFileOptions), loggerFactory).Invoke);
        if (requestPath.HasValue)
        {
            // Django's static view: a name under STATIC_URL that is not a file is 404, never a view
            app.Use(next => context => context.Request.Path.StartsWithSegments(requestPath)
                ? ErrorPages.WriteAsync(context, StatusCodes.Status404NotFound)
                : next(context));
        }

        return app;
    }

    /// <summary>Whether <paramref name="fileName"/> is a hashed name as Django's manifest storage writes them: <c>name.&lt;12 hex&gt;.ext</c>.</summary>
    public static bool IsHashedName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return HashedName().IsMatch(Path.GetFileName(fileName));
    }

    private static void SetCacheControl(StaticFileResponseContext context) =>
        context.Context.Response.Headers[HeaderNames.CacheControl] = IsHashedName(context.File.Name) ? ImmutableCacheControl : RevalidateCacheControl;

    [GeneratedRegex(@"^.+\.[0-9a-f]{12}(\.[^.]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HashedName();
}
