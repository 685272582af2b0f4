using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Reinhardt.Data;

namespace Reinhardt.Http;

/// <summary>Registering signing, sessions and messages, and adding their middleware.</summary>
public static class SessionsSetup
{
    /// <summary>
    /// Registers the app's <see cref="SecretKey"/> (configuration keys <c>SecretKey</c>, <c>SecretKeyFallbacks</c>),
    /// <see cref="ReinhardtSessionOptions"/> (section <c>Sessions</c>), the <see cref="SessionStore"/> of the configured
    /// engine, <see cref="MessageOptions"/> (section <c>Messages</c>) and a <see cref="TimeProvider"/> (the
    /// system's, unless one is registered).
    /// </summary>
    public static IServiceCollection AddReinhardtSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<ReinhardtSessionOptions>(configuration.GetSection("Sessions"));
        services.Configure<MessageOptions>(configuration.GetSection("Messages"));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InstalledMiddleware<SessionMiddleware>>();
        services.TryAddSingleton<InstalledMiddleware<MessageMiddleware>>();
        services.TryAddSingleton(provider => SecretKey.FromConfiguration(
            configuration,
            provider.GetRequiredService<IHostEnvironment>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecretKey).FullName!),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SessionStore>(provider => (provider.GetRequiredService<IOptions<ReinhardtSessionOptions>>().Value.Engine
            ?? (provider.GetService<Database>() is null ? SessionEngine.SignedCookie : SessionEngine.Database)) switch
        {
            SessionEngine.SignedCookie => new SignedCookieSessionStore(provider.GetRequiredService<SecretKey>(), provider.GetRequiredService<IOptions<ReinhardtSessionOptions>>()),
            _ => new DatabaseSessionStore(
                provider.GetService<Database>() ?? throw new InvalidOperationException(
                    "Sessions:Engine is Database (Django's default) but no database is registered: call services.AddDatabase<TDatabase>(configuration), or set Sessions:Engine to SignedCookie."),
                provider.GetRequiredService<SecretKey>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<DatabaseSessionStore>>()),
        });
        return services;
    }

    /// <summary>
    /// Adds <see cref="SessionMiddleware"/>. Resolves the secret key and the session store now, so a missing
    /// <c>SecretKey</c> (outside Development) or database fails at startup, not on the first request.
    /// </summary>
    public static IApplicationBuilder UseReinhardtSessions(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        _ = services.GetRequiredService<SecretKey>();
        var store = services.GetRequiredService<SessionStore>();
        var options = services.GetRequiredService<IOptions<ReinhardtSessionOptions>>();
        var time = services.GetRequiredService<TimeProvider>();
        var installed = services.GetRequiredService<InstalledMiddleware<SessionMiddleware>>();
        return app.Use(next => (installed.Instance = new SessionMiddleware(next, store, options, time)).InvokeAsync);
    }

    /// <summary>Adds <see cref="MessageMiddleware"/>; it must come after <see cref="UseReinhardtSessions"/>.</summary>
    public static IApplicationBuilder UseReinhardtMessages(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<MessageOptions>>();
        var installed = app.ApplicationServices.GetRequiredService<InstalledMiddleware<MessageMiddleware>>();
        return app.Use(next => (installed.Instance = new MessageMiddleware(next, options)).InvokeAsync);
    }
}
