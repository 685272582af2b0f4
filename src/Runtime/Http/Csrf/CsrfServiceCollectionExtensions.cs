using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Reinhardt.Http;

/// <summary>Registers Reinhardt's CSRF protection.</summary>
public static class CsrfServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="CsrfOptions"/> from the <c>Csrf</c> configuration section and checks at startup that every trusted
    /// origin has a scheme.
    /// </summary>
    public static IServiceCollection AddReinhardtCsrf(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<CsrfOptions>(configuration.GetSection("Csrf"));
        services.TryAddSingleton<InstalledMiddleware<CsrfMiddleware>>();
        services.AddOptions<CsrfOptions>()
            .Validate(options => options.TrustedOrigins.All(origin => CsrfTrustedOrigins.Validate(origin) is null),
                "The values in Csrf:TrustedOrigins must start with a scheme (usually http:// or https://).")
            .ValidateOnStart();
        return services;
    }
}
