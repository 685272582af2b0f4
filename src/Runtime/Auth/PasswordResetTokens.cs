using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reinhardt.Http;

namespace Reinhardt.Auth;

/// <summary>
/// Django's <c>PasswordResetTokenGenerator</c> (same format, so Django's links verify): <c>&lt;timestamp base36&gt;-&lt;hash&gt;</c>,
/// the hash every other hex digit of an HMAC-SHA256 over the user's id, password hash, last login (to the second),
/// timestamp and email. A token stops working after the timeout, or once the password or <c>last_login</c> changes
/// (so it works once). Verified with the secret key and its fallbacks.
/// </summary>
public sealed class PasswordResetTokens
{
    private const string KeySalt = "django.contrib.auth.tokens.PasswordResetTokenGenerator";
    private static readonly DateTime Epoch = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    private readonly SecretKey _secretKey;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    /// <summary>Creates the generator.</summary>
    public PasswordResetTokens(SecretKey secretKey, TimeSpan timeout, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _secretKey = secretKey;
        _timeout = timeout;
        _time = timeProvider;
    }

    /// <summary>A token for <paramref name="user"/> (Django's <c>make_token</c>).</summary>
    public string Make(User user) => Make(user, SecondsSince2001(), _secretKey.Value);

    /// <summary>Whether <paramref name="token"/> is a valid, unexpired token of <paramref name="user"/> (Django's <c>check_token</c>).</summary>
    public bool Check(User? user, string? token)
    {
        if (user is null || string.IsNullOrEmpty(token))
        {
            return false;
        }

        var parts = token.Split('-');
        if (parts.Length != 2 || !TryParseBase36(parts[0], out var timestamp))
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes(token);
        var matched = false;
        foreach (var secret in _secretKey.Fallbacks.Prepend(_secretKey.Value))
        {
            matched |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Make(user, timestamp, secret)), expected);
        }

        return matched && SecondsSince2001() - timestamp <= (long)_timeout.TotalSeconds;
    }

    /// <summary>Django's <c>urlsafe_base64_encode(force_bytes(user.pk))</c>: the user id in the link.</summary>
    public static string EncodeUid(long id) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The user id of a link's <c>uidb64</c>; null when it is not one.</summary>
    public static long? DecodeUid(string uidb64)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(uidb64 ?? ""));
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Make(User user, long timestamp, string secret)
    {
        var stamp = ToBase36(timestamp);
        var hash = Convert.ToHexStringLower(SaltedHmac.Compute(KeySalt, HashValue(user, timestamp), secret));
        var everyOther = new StringBuilder(hash.Length / 2);
        for (var i = 0; i < hash.Length; i += 2)
        {
            everyOther.Append(hash[i]);
        }

        return stamp + "-" + everyOther;
    }

    // Django's _make_hash_value: f'{user.pk}{user.password}{login_timestamp}{timestamp}{email}'
    private static string HashValue(User user, long timestamp)
    {
        var login = user.LastLogin is { } last
            ? last.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"{user.Id}{user.Password}{login}{timestamp}{user.Email}");
    }

    // Django counts seconds from 2001-01-01 in local naive time; UTC here, the server's clock either way
    private long SecondsSince2001() => (long)(_time.GetUtcNow().UtcDateTime - Epoch).TotalSeconds;

    private static string ToBase36(long value)
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (value == 0)
        {
            return "0";
        }

        var text = new StringBuilder();
        for (; value > 0; value /= 36)
        {
            text.Insert(0, Digits[(int)(value % 36)]);
        }

        return text.ToString();
    }

    // Django's base36_to_int: at most 13 digits
    private static bool TryParseBase36(string text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > 13)
        {
            return false;
        }

        foreach (var c in text.ToLowerInvariant())
        {
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : -1;
            if (digit < 0)
            {
                return false;
            }

            value = value * 36 + digit;
        }

        return true;
    }
}
