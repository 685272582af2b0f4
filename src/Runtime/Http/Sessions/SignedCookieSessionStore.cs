using System.Text.Json.Nodes;

namespace Reinhardt.Http;

/// <summary>
/// Django's <c>signed_cookies</c> session backend: the session key is the data itself,
/// <c>signing.dumps(data, salt="django.contrib.sessions.backends.signed_cookies", compress=True)</c>,
/// refused once older than <see cref="ReinhardtSessionOptions.CookieAge"/>. Nothing is stored on the server, so
/// deleting a session only drops the cookie.
/// </summary>
public sealed class SignedCookieSessionStore : SessionStore
{
    /// <summary>Django's salt for session cookies.</summary>
    public const string Salt = "django.contrib.sessions.backends.signed_cookies";

    private readonly SecretKey _secretKey;
    private readonly TimeSpan _maxAge;

    /// <summary>Creates the store.</summary>
    public SignedCookieSessionStore(SecretKey secretKey, IOptions<ReinhardtSessionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentNullException.ThrowIfNull(options);
        _secretKey = secretKey;
        _maxAge = TimeSpan.FromSeconds(options.Value.CookieAge);
    }

    /// <inheritdoc />
    public override ValueTask<JsonObject?> LoadAsync(string sessionKey, bool async, CancellationToken cancellationToken = default)
    {
        try
        {
            // as Django: the cookie age, not a per-session expiry, bounds the signature's age
            return ValueTask.FromResult(_secretKey.Loads(sessionKey, Salt, _maxAge) as JsonObject);
        }
        catch (BadSignatureException)
        {
            return ValueTask.FromResult<JsonObject?>(null);
        }
    }

    /// <inheritdoc />
    public override ValueTask<string?> SaveAsync(string? sessionKey, JsonObject data, DateTimeOffset expireDate, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(_secretKey.Dumps(data, Salt, compress: true));

    /// <inheritdoc />
    public override ValueTask DeleteAsync(string sessionKey, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public override ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(0);
}
