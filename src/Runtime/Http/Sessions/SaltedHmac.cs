using System.Security.Cryptography;
using System.Text;

namespace Reinhardt.Http;

/// <summary>
/// Django's <c>django.utils.crypto.salted_hmac</c> with SHA-256: an HMAC keyed by
/// <c>SHA256(keySalt + secret)</c>, so one secret yields independent keys for independent uses.
/// </summary>
public static class SaltedHmac
{
    /// <summary>The HMAC-SHA256 of <paramref name="value"/> under the key derived from <paramref name="keySalt"/> and <paramref name="secret"/> (all UTF-8).</summary>
    public static byte[] Compute(string keySalt, string value, string secret)
    {
        ArgumentNullException.ThrowIfNull(keySalt);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(secret);
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(keySalt + secret));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value));
    }
}
