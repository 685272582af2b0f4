using Microsoft.Extensions.DependencyInjection.Extensions;
using Reinhardt.Data;
using Reinhardt.Http;
using Reinhardt.Views;

namespace Reinhardt.Auth;

/// <summary>Registering authentication and adding its middleware and pages.</summary>
public static class AuthSetup
{
    /// <summary>
    /// Registers <see cref="AuthOptions"/> (section <c>Auth</c>), <see cref="AuthService"/>, <see cref="LoginThrottle"/>
    /// and the <see cref="IEmailSender"/> of <see cref="AuthOptions.EmailBackend"/> (unless one is registered). The app's
    /// database must be registered (<c>AddDatabase</c>) and install <see cref="AuthDatabase"/>.
    /// </summary>
    public static IServiceCollection AddReinhardtAuth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<AuthOptions>(configuration.GetSection("Auth"));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new AuthService(
            provider.GetService<Database>() ?? throw new InvalidOperationException("Authentication needs the app's database: call services.AddDatabase<TDatabase>(configuration) with a [Database(InstalledApps = new[] { typeof(AuthDatabase) })]."),
            provider.GetRequiredService<SecretKey>(),
            provider.GetRequiredService<IOptions<AuthOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new LoginThrottle(provider.GetRequiredService<IOptions<AuthOptions>>()));
        services.TryAddSingleton<IEmailSender>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AuthOptions>>().Value;
            return options.EmailBackend.ToUpperInvariant() switch
            {
                "CONSOLE" => new ConsoleEmailSender(timeProvider: provider.GetRequiredService<TimeProvider>()),
                "FILE" => new FileEmailSender(options.EmailFilePath, provider.GetRequiredService<TimeProvider>()),
                _ => throw new InvalidOperationException("Auth:EmailBackend must be Console or File (or register your own IEmailSender), not '" + options.EmailBackend + "'."),
            };
        });
        return services;
    }

    /// <summary>Adds <see cref="AuthenticationMiddleware"/>; it must come after the session middleware.</summary>
    public static IApplicationBuilder UseReinhardtAuthentication(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var auth = app.ApplicationServices.GetRequiredService<AuthService>();
        var sessions = app.ApplicationServices.GetRequiredService<IOptions<ReinhardtSessionOptions>>();
        return app.Use(next => new AuthenticationMiddleware(next, auth, sessions).InvokeAsync);
    }

    /// <summary>Adds <see cref="ViewGuardMiddleware"/>; it must come after routing (and CSRF), just before the views.</summary>
    public static IApplicationBuilder UseReinhardtViewGuards(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>();
        return app.Use(next => new ViewGuardMiddleware(next, options).InvokeAsync);
    }

    /// <summary>
    /// The route table with Django's account pages in front (Django's <c>django.contrib.auth.urls</c> under
    /// <c>/accounts/</c>): login, logout, password change and password reset.
    /// </summary>
    public static IRouteTable WithAuthViews(this IRouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return new AccountRouteTable(routes);
    }
}
