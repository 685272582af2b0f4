using System.Buffers.Text;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Reinhardt.Http;

/// <summary>
/// Django's <c>django.core.signing.Signer</c>: appends an HMAC-SHA256 signature to a string,
/// <c>value:signature</c>, the signature unpadded base64url of <c>salted_hmac(salt + "signer", value, key)</c>.
/// Values signed here verify in Django and the other way round, given the same key and salt.
/// </summary>
public class Signer
{
    /// <summary>The default salt of a <see cref="Signer"/>, Django's (its module and class name).</summary>
    public const string DefaultSalt = "django.core.signing.Signer";

    /// <summary>Creates a signer.</summary>
    /// <param name="key">The secret key (the app's <c>SecretKey</c>, see <see cref="SecretKey"/>).</param>
    /// <param name="salt">Separates the signatures of different uses of one key; <see cref="DefaultSalt"/> by default.</param>
    /// <param name="separator">Between value and signature; must not be empty or only <c>A-z0-9-_=</c>.</param>
    /// <param name="fallbackKeys">Older keys still accepted when verifying (Django's <c>SECRET_KEY_FALLBACKS</c>).</param>
    public Signer(string key, string? salt = null, string separator = ":", IReadOnlyList<string>? fallbackKeys = null)
        : this(key, salt, DefaultSalt, separator, fallbackKeys)
    {
    }

    /// <summary>For subclasses, which supply their own default salt (Django's default is the class's module and name).</summary>
    protected Signer(string key, string? salt, string defaultSalt, string separator, IReadOnlyList<string>? fallbackKeys)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("The signing key must not be empty.", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(defaultSalt);
        ArgumentNullException.ThrowIfNull(separator);
        if (IsUnsafeSeparator(separator))
        {
            throw new ArgumentException($"Unsafe Signer separator: '{separator}' (cannot be empty or consist of only A-z0-9-_=)", nameof(separator));
        }

        Key = key;
        Salt = salt ?? defaultSalt;
        Separator = separator;
        FallbackKeys = fallbackKeys ?? [];
    }

    /// <summary>The key signatures are made with.</summary>
    public string Key { get; }

    /// <summary>The salt.</summary>
    public string Salt { get; }

    /// <summary>The separator between value and signature.</summary>
    public string Separator { get; }

    /// <summary>Keys that are accepted when verifying but never used to sign.</summary>
    public IReadOnlyList<string> FallbackKeys { get; }

    /// <summary>The signature of <paramref name="value"/> under <see cref="Key"/>.</summary>
    public string Signature(string value) => Signature(value, Key);

    /// <summary>The signature of <paramref name="value"/> under <paramref name="key"/>.</summary>
    public string Signature(string value, string key) =>
        Base64Url.EncodeToString(SaltedHmac.Compute(Salt + "signer", value, key));

    /// <summary>Returns <c>value:signature</c>.</summary>
    public virtual string Sign(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value + Separator + Signature(value);
    }

    /// <summary>Returns the value of a <c>value:signature</c> string whose signature verifies under the key or a fallback key.</summary>
    /// <exception cref="BadSignatureException">There is no separator, or the signature does not match.</exception>
    public virtual string Unsign(string signedValue)
    {
        ArgumentNullException.ThrowIfNull(signedValue);
        var at = signedValue.LastIndexOf(Separator, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new BadSignatureException($"No \"{Separator}\" found in value");
        }

        var value = signedValue[..at];
        var signature = Encoding.UTF8.GetBytes(signedValue[(at + Separator.Length)..]);
        if (Matches(signature, value, Key))
        {
            return value;
        }

        foreach (var key in FallbackKeys)
        {
            if (Matches(signature, value, key))
            {
                return value;
            }
        }

        throw new BadSignatureException($"Signature \"{signedValue[(at + Separator.Length)..]}\" does not match");
    }

    /// <summary>
    /// Django's <c>sign_object</c>: the value as compact JSON, optionally zlib-compressed (marked by a
    /// leading <c>.</c>, only when that is shorter), in unpadded base64url, signed.
    /// </summary>
    public string SignObject(JsonNode? value, bool compress = false) => Sign(EncodeObject(value, compress));

    /// <summary>Django's <c>unsign_object</c>: verifies and decodes what <see cref="SignObject"/> produced.</summary>
    /// <exception cref="BadSignatureException">The signature does not match, or the signed payload is not valid.</exception>
    public JsonNode? UnsignObject(string signedObject) => DecodeObject(Unsign(signedObject));

    /// <summary>The unsigned payload of <see cref="SignObject"/>.</summary>
    protected static string EncodeObject(JsonNode? value, bool compress)
    {
        var data = Encoding.ASCII.GetBytes(DjangoJson.Serialize(value));
        if (compress)
        {
            using var buffer = new MemoryStream();
            using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(data);
            }

            // as Django: compressed only when that saves more than the marker costs
            if (buffer.Length < data.Length - 1)
            {
                return "." + Base64Url.EncodeToString(buffer.ToArray());
            }
        }

        return Base64Url.EncodeToString(data);
    }

    /// <summary>Decodes a verified payload of <see cref="SignObject"/>.</summary>
    protected static JsonNode? DecodeObject(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var compressed = payload.StartsWith('.');
        byte[] data;
        try
        {
            data = Base64Url.DecodeFromChars(compressed ? payload.AsSpan(1) : payload);
            if (compressed)
            {
                using var input = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
                using var output = new MemoryStream();
                input.CopyTo(output);
                data = output.ToArray();
            }
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException)
        {
            throw new BadSignatureException("The signed payload is not valid base64 or zlib data.", exception);
        }

        return DjangoJson.TryParse(data, out var value)
            ? value
            : throw new BadSignatureException("The signed payload is not valid JSON.");
    }

    private bool Matches(byte[] signature, string value, string key) =>
        CryptographicOperations.FixedTimeEquals(signature, Encoding.UTF8.GetBytes(Signature(value, key)));

    private static bool IsUnsafeSeparator(string separator)
    {
        // Django's _SEP_UNSAFE: ^[A-z0-9-_=]*$ (A-z includes [\]^_`)
        foreach (var c in separator)
        {
            if (c is not ((>= 'A' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '='))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Django's <c>TimestampSigner</c>: signs <c>value:timestamp</c>, the timestamp base 62 seconds since the
/// Unix epoch, so <see cref="Unsign(string, TimeSpan?)"/> can refuse values older than a maximum age.
/// </summary>
public class TimestampSigner : Signer
{
    /// <summary>The default salt of a <see cref="TimestampSigner"/>, Django's.</summary>
    public new const string DefaultSalt = "django.core.signing.TimestampSigner";

    private readonly TimeProvider _time;

    /// <summary>Creates a timestamp signer.</summary>
    /// <param name="key">The secret key.</param>
    /// <param name="salt">The salt; <see cref="DefaultSalt"/> by default.</param>
    /// <param name="separator">Between value, timestamp and signature.</param>
    /// <param name="fallbackKeys">Older keys still accepted when verifying.</param>
    /// <param name="timeProvider">The clock; the system's by default.</param>
    public TimestampSigner(string key, string? salt = null, string separator = ":", IReadOnlyList<string>? fallbackKeys = null, TimeProvider? timeProvider = null)
        : base(key, salt, DefaultSalt, separator, fallbackKeys)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The current time as Django writes it: whole seconds since the epoch in base 62.</summary>
    public string Timestamp() => Base62.Encode(_time.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>Returns <c>value:timestamp:signature</c>.</summary>
    public override string Sign(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return base.Sign(value + Separator + Timestamp());
    }

    /// <summary>Verifies the signature and returns the value, whatever its age.</summary>
    public override string Unsign(string signedValue) => Unsign(signedValue, null);

    /// <summary>Verifies the signature and that the value is at most <paramref name="maxAge"/> old; returns the value.</summary>
    /// <exception cref="SignatureExpiredException">The signature verifies but the value is too old.</exception>
    /// <exception cref="BadSignatureException">The signature does not match.</exception>
    public string Unsign(string signedValue, TimeSpan? maxAge) => Unsign(signedValue, maxAge, out _);

    /// <summary>As <see cref="Unsign(string, TimeSpan?)"/>, also giving when the value was signed.</summary>
    public string Unsign(string signedValue, TimeSpan? maxAge, out DateTimeOffset signedAt)
    {
        var result = base.Unsign(signedValue);
        var at = result.LastIndexOf(Separator, StringComparison.Ordinal);
        if (at < 0 || !Base62.TryDecode(result[(at + Separator.Length)..], out var seconds) || seconds < -62135596800 || seconds > 253402300799)
        {
            throw new BadSignatureException("The signed value has no valid timestamp.");
        }

        signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (maxAge is { } limit)
        {
            var age = (_time.GetUtcNow() - signedAt).TotalSeconds;
            if (age > limit.TotalSeconds)
            {
                throw new SignatureExpiredException(FormattableString.Invariant($"Signature age {age} > {limit.TotalSeconds} seconds"));
            }
        }

        return result[..at];
    }

    /// <summary>Django's <c>unsign_object</c> with <c>max_age</c>.</summary>
    /// <exception cref="SignatureExpiredException">The value is older than <paramref name="maxAge"/>.</exception>
    /// <exception cref="BadSignatureException">The signature does not match, or the payload is not valid.</exception>
    public JsonNode? UnsignObject(string signedObject, TimeSpan? maxAge) => DecodeObject(Unsign(signedObject, maxAge));
}
