namespace Reinhardt.Http;

/// <summary>Adds Reinhardt's CSRF protection to the pipeline.</summary>
public static class CsrfApplicationBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="CsrfMiddleware"/>. Place it after <c>UseRouting()</c> (the endpoint's
    /// <see cref="Views.CsrfExemptAttribute"/> must be known) and before the endpoints; requires
    /// <see cref="CsrfServiceCollectionExtensions.AddReinhardtCsrf"/>.
    /// </summary>
    public static IApplicationBuilder UseReinhardtCsrf(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var options = services.GetRequiredService<IOptions<CsrfOptions>>();
        var logger = services.GetRequiredService<ILogger<CsrfMiddleware>>();
        var installed = services.GetRequiredService<InstalledMiddleware<CsrfMiddleware>>();
        return app.Use(next => (installed.Instance = new CsrfMiddleware(next, options, logger)).InvokeAsync);
    }
}
