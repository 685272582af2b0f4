using System.Threading.RateLimiting;
using Reinhardt.Http;

namespace Reinhardt.Auth;

/// <summary>
/// Login rate limiting: fixed windows per client IP address (<see cref="AuthOptions.LoginRateLimitPerIp"/>) and per
/// user name (<see cref="AuthOptions.LoginRateLimitPerUsername"/>), so neither one address guessing many accounts nor
/// many addresses guessing one account get far. Every login attempt takes a permit from both. A singleton.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _byIp;
    private readonly PartitionedRateLimiter<string>? _byUsername;

    /// <summary>Creates the limiters from the configured rates.</summary>
    /// <exception cref="InvalidOperationException">A configured rate is not a rate.</exception>
    public LoginThrottle(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _byIp = Create(options.Value.LoginRateLimitPerIp, "Auth:LoginRateLimitPerIp");
        _byUsername = Create(options.Value.LoginRateLimitPerUsername, "Auth:LoginRateLimitPerUsername");
    }

    /// <summary>
    /// Takes a permit for a login attempt by this client for this user name; null when allowed, otherwise how long
    /// until the next window opens.
    /// </summary>
    public TimeSpan? Attempt(HttpContext context, string username)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(username);
        var ip = EndpointRateLimiter.ClientKey(context, Views.RateLimitKey.Ip);
        return Take(_byIp, ip) ?? Take(_byUsername, username.ToUpperInvariant());
    }

    /// <summary>Answers 429 with <c>Retry-After</c> and a reason page.</summary>
    public static Task WriteThrottledAsync(HttpContext context, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1L, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ErrorPages.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            "Too many login attempts. Try again in " + seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + (seconds == 1 ? " second." : " seconds."));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _byIp?.Dispose();
        _byUsername?.Dispose();
    }

    private static TimeSpan? Take(PartitionedRateLimiter<string>? limiter, string key)
    {
        if (limiter is null)
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
    }

    private static PartitionedRateLimiter<string>? Create(string? text, string setting)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!RateLimitRate.TryParse(text, out var rate, out var error))
        {
            throw new InvalidOperationException(setting + ": " + error);
        }

        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rate.Count,
            Window = rate.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }
}
