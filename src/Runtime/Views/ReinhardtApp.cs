using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Reinhardt.Auth;
using Reinhardt.Http;

namespace Reinhardt.Views;

/// <summary>
/// The app host: Kestrel through <see cref="WebApplication.CreateSlimBuilder(string[])"/> (configuration from
/// appsettings.json, appsettings.{Environment}.json, environment variables and the command line; console
/// logging; graceful shutdown), with Reinhardt's services and Django's default middleware.
/// </summary>
/// <example>
/// <code>
/// var builder = ReinhardtApp.CreateBuilder(args);
/// builder.Services.AddDatabase&lt;PollsDb&gt;(builder.Configuration);
/// var app = builder.Build();
/// app.UseReinhardt(RouteTable.Instance);
/// await app.RunAsync();
/// </code>
/// </example>
public static class ReinhardtApp
{
    /// <summary>The address served when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise (Django's runserver default).</summary>
    public const string DefaultUrl = "http://127.0.0.1:8000";

    /// <summary>A slim web application builder with Reinhardt's services registered.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddReinhardt(builder.Configuration, builder.Environment);
        return builder;
    }

    /// <summary>
    /// Registers the options and services of Reinhardt's middleware, bound from configuration sections
    /// <c>Security</c>, <c>Views</c>, <c>Csrf</c>, <c>Sessions</c>, <c>Messages</c>, <c>StaticFiles</c>,
    /// <c>RequestLimits</c>, <c>AllowedHosts</c> and <c>SecretKey</c>.
    /// </summary>
    public static IServiceCollection AddReinhardt(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.Configure<SecurityOptions>(configuration.GetSection("Security"));
        services.Configure<ViewOptions>(configuration.GetSection("Views"));
        services.AddReinhardtCsrf(configuration);
        services.AddReinhardtSessions(configuration);
        services.AddReinhardtStaticFiles(configuration);
        services.AddReinhardtRequestLimits(configuration);
        services.AddReinhardtRateLimits();

        var security = new SecurityOptions();
        configuration.GetSection("Security").Bind(security);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromSeconds(security.HstsSeconds);
            options.IncludeSubDomains = security.HstsIncludeSubdomains;
            options.Preload = security.HstsPreload;
            options.ExcludedHosts.Clear();
        });
        services.AddHttpsRedirection(options =>
        {
            options.RedirectStatusCode = StatusCodes.Status301MovedPermanently;
            options.HttpsPort = security.SslPort;
        });

        // read when first needed, so the app may still set a default after CreateBuilder
        services.AddOptions<HostFilteringOptions>().Configure(options =>
        {
            options.AllowedHosts = AllowedHosts.Parse(configuration["AllowedHosts"], environment.IsDevelopment());
            // the web host puts host filtering first in the pipeline (before our error pages): let it say why
            options.IncludeFailureMessage = true;
        });
        return services;
    }

    /// <summary>
    /// Allowed hosts are checked first, by the web host's own host filtering (configured by <see cref="AddReinhardt"/>).
    /// Then adds Django's default middleware, in Django's order, and the generated route table:
    /// error pages, HTTPS redirect and HSTS (when configured), security headers, static files,
    /// sessions, routing (with <c>APPEND_SLASH</c>), request limits and timeout, rate limits, CSRF, messages, then the matched view.
    /// </summary>
    public static WebApplication UseReinhardt(this WebApplication app, IRouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(routes);
        var services = app.Services;
        var security = services.GetRequiredService<IOptions<SecurityOptions>>();

        var securityHeaders = new SecurityHeaders(security.Value);
        app.Use(next => new ErrorPageMiddleware(next, app.Environment, services.GetRequiredService<ILogger<ErrorPageMiddleware>>(), routes, securityHeaders).InvokeAsync);
        if (security.Value.SslRedirect)
        {
            app.UseHttpsRedirection();
        }

        if (security.Value.HstsSeconds > 0)
        {
            app.UseHsts();
        }

        app.Use(next => new SecurityHeadersMiddleware(next, security).InvokeAsync);
        // static files before routing: the platform's middleware skips requests that already have an endpoint
        app.UseReinhardtStaticFiles();
        app.UseReinhardtSessions();
        if (services.GetService<Auth.AuthService>() is not null)
        {
            // Django's AuthenticationMiddleware, right after sessions (services.AddReinhardtAuth registers it)
            app.UseReinhardtAuthentication();
        }

        app.Use(next => new ViewRoutingMiddleware(next, routes, services.GetRequiredService<IOptions<ViewOptions>>()).InvokeAsync);
        app.UseReinhardtRequestLimits();

        // throttled requests are refused before their body is read for the CSRF token
        app.UseReinhardtRateLimits();
        app.UseReinhardtCsrf();
        app.UseReinhardtMessages();
        if (routes.HasWebSocketRoutes)
        {
            // it inspects every request for an upgrade: only apps with WebSocket routes pay for it
            app.UseWebSockets();
        }

        // [LoginRequired], [StaffRequired], [PermissionRequired]: after CSRF, as Django's decorators run in the view
        app.UseReinhardtViewGuards();
        app.Use(next => new ViewEndpointMiddleware(next).InvokeAsync);
        return app;
    }
}
