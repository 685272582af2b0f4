using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;

namespace Reinhardt.Http;

/// <summary>Django's <c>signing.dumps</c> and <c>signing.loads</c>: JSON values signed with a timestamp.</summary>
public static class Signing
{
    /// <summary>The default salt of <see cref="Dumps"/> and <see cref="Loads"/>, Django's.</summary>
    public const string DefaultSalt = "django.core.signing";

    /// <summary>
    /// Signs <paramref name="value"/> as Django's <c>signing.dumps</c> does: compact JSON, zlib-compressed when
    /// <paramref name="compress"/> and shorter (marked by a leading <c>.</c>), base64url, then a
    /// <see cref="TimestampSigner"/> signature: <c>payload:timestamp:signature</c>.
    /// </summary>
    public static string Dumps(JsonNode? value, string key, string salt = DefaultSalt, bool compress = false, TimeProvider? timeProvider = null) =>
        new TimestampSigner(key, salt, timeProvider: timeProvider).SignObject(value, compress);

    /// <summary>Django's <c>signing.loads</c>: verifies (with the key or a fallback key) and decodes what <see cref="Dumps"/> produced.</summary>
    /// <exception cref="SignatureExpiredException">The value is older than <paramref name="maxAge"/>.</exception>
    /// <exception cref="BadSignatureException">The signature does not match, or the payload is not valid.</exception>
    public static JsonNode? Loads(string signedValue, string key, string salt = DefaultSalt, TimeSpan? maxAge = null, IReadOnlyList<string>? fallbackKeys = null, TimeProvider? timeProvider = null) =>
        new TimestampSigner(key, salt, fallbackKeys: fallbackKeys, timeProvider: timeProvider).UnsignObject(signedValue, maxAge);
}

/// <summary>
/// The app's secret key (Django's <c>SECRET_KEY</c>) and the older keys still accepted when verifying
/// (<c>SECRET_KEY_FALLBACKS</c>), from the configuration keys <c>SecretKey</c> and <c>SecretKeyFallbacks</c>;
/// the signers and <c>dumps</c>/<c>loads</c> of the app are made from it. Registered by
/// <c>AddReinhardtSessions</c>.
/// </summary>
public sealed class SecretKey
{
    /// <summary>The configuration key of the secret key.</summary>
    public const string ConfigurationKey = "SecretKey";

    /// <summary>The configuration section of the fallback keys (an array: <c>SecretKeyFallbacks:0</c>, ...).</summary>
    public const string FallbacksConfigurationKey = "SecretKeyFallbacks";

    private readonly TimeProvider _time;

    /// <summary>Creates the key.</summary>
    public SecretKey(string value, IReadOnlyList<string>? fallbacks = null, TimeProvider? timeProvider = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException("The secret key must not be empty.", nameof(value));
        }

        Value = value;
        Fallbacks = fallbacks ?? [];
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The key everything is signed with.</summary>
    public string Value { get; }

    /// <summary>Older keys, accepted when verifying so rotating the key does not invalidate every session at once.</summary>
    public IReadOnlyList<string> Fallbacks { get; }

    /// <summary>
    /// Reads <c>SecretKey</c> and <c>SecretKeyFallbacks</c>. Without a <c>SecretKey</c>, Development gets a random
    /// key for this process (with a warning: sessions do not survive a restart); any other environment fails.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <c>SecretKey</c> outside Development.</exception>
    public static SecretKey FromConfiguration(IConfiguration configuration, IHostEnvironment environment, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var fallbacks = configuration.GetSection(FallbacksConfigurationKey).GetChildren()
            .Select(c => c.Value)
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!)
            .ToArray();
        var value = configuration[ConfigurationKey];
        if (!string.IsNullOrEmpty(value))
        {
            return new SecretKey(value, fallbacks, timeProvider);
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The {ConfigurationKey} setting must not be empty (Django's SECRET_KEY). Set '{ConfigurationKey}' in configuration " +
                $"(appsettings.json, the environment variable {ConfigurationKey}, or --{ConfigurationKey}=...) to a long random value kept secret; " +
                $"it signs sessions and other values, and only the {Environments.Development} environment may run without it.");
        }

        logger?.LogWarning(
            "No {Setting} is configured; using a random key for this process only (Development). Sessions and signed values will not survive a restart.",
            ConfigurationKey);
        return new SecretKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(50)), fallbacks, timeProvider);
    }

    /// <summary>A <see cref="Signer"/> with this key and its fallbacks.</summary>
    public Signer Signer(string? salt = null, string separator = ":") => new(Value, salt, separator, Fallbacks);

    /// <summary>A <see cref="TimestampSigner"/> with this key, its fallbacks and the app's clock.</summary>
    public TimestampSigner TimestampSigner(string? salt = null, string separator = ":") => new(Value, salt, separator, Fallbacks, _time);

    /// <summary>Django's <c>signing.dumps</c> with this key.</summary>
    public string Dumps(JsonNode? value, string salt = Signing.DefaultSalt, bool compress = false) =>
        TimestampSigner(salt).SignObject(value, compress);

    /// <summary>Django's <c>signing.loads</c> with this key and its fallbacks.</summary>
    /// <exception cref="SignatureExpiredException">The value is older than <paramref name="maxAge"/>.</exception>
    /// <exception cref="BadSignatureException">The signature does not match, or the payload is not valid.</exception>
    public JsonNode? Loads(string signedValue, string salt = Signing.DefaultSalt, TimeSpan? maxAge = null) =>
        TimestampSigner(salt).UnsignObject(signedValue, maxAge);
}
