using System.Security.Cryptography;
using System.Text;

namespace Reinhardt.Http;

/// <summary>
/// The CSRF token of a request, as Django's <c>get_token</c> and <c>rotate_token</c>: a 32-character secret kept in the
/// CSRF cookie, and per-render 64-character tokens that mask it (a fresh random mask each time, so the token in a page
/// never repeats and BREACH-style compression attacks learn nothing). Needs <see cref="CsrfMiddleware"/> in the pipeline.
/// </summary>
public static class CsrfToken
{
    /// <summary>The form field that carries the token (<c>{% csrf_token %}</c> renders a hidden input with this name).</summary>
    public const string FieldName = "csrfmiddlewaretoken";

    /// <summary>The length of the secret kept in the cookie.</summary>
    public const int SecretLength = 32;

    /// <summary>The length of a masked token: a mask and the secret ciphered with it.</summary>
    public const int TokenLength = 2 * SecretLength;

    private const string AllowedChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>
    /// A fresh masked token for a form or a page (Django's <c>get_token</c>). Creates the secret when the request has none,
    /// and has the middleware send the cookie with the response (renewing its expiry) and add <c>Vary: Cookie</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The CSRF middleware has not run for this request.</exception>
    public static string GetToken(HttpContext context)
    {
        var state = StateOf(context);
        state.Secret ??= NewSecret();
        state.NeedsUpdate = true;
        return Mask(state.Secret);
    }

    /// <summary>
    /// Replaces the request's secret with a new one and sends it as the cookie (Django's <c>rotate_token</c>): call it on
    /// login, so that a token planted before authentication is worthless after. Tokens rendered earlier stop matching.
    /// </summary>
    /// <exception cref="InvalidOperationException">The CSRF middleware has not run for this request.</exception>
    public static void Rotate(HttpContext context)
    {
        var state = StateOf(context);
        state.Secret = NewSecret();
        state.NeedsUpdate = true;
    }

    private static CsrfRequestState StateOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<CsrfRequestState>()
            ?? InstalledMiddleware<CsrfMiddleware>.Of(context)?.Attach(context)
            ?? throw new InvalidOperationException("No CSRF state on this request: add UseReinhardtCsrf() before the endpoint that asks for a CSRF token.");
    }

    /// <summary>A new random secret of <see cref="SecretLength"/> ASCII letters and digits.</summary>
    internal static string NewSecret() => RandomNumberGenerator.GetString(AllowedChars, SecretLength);

    /// <summary>Django's <c>_mask_cipher_secret</c>: a random mask followed by each secret character shifted by the mask's.</summary>
    internal static string Mask(string secret)
    {
        var mask = NewSecret();
        return string.Create(TokenLength, (secret, mask), static (chars, s) =>
        {
            s.mask.AsSpan().CopyTo(chars);
            for (var i = 0; i < SecretLength; i++)
            {
                chars[SecretLength + i] = AllowedChars[(IndexOf(s.secret[i]) + IndexOf(s.mask[i])) % AllowedChars.Length];
            }
        });
    }

    /// <summary>Django's <c>_unmask_cipher_token</c>: the secret inside a well-formed 64-character token.</summary>
    internal static string Unmask(string token) =>
        string.Create(SecretLength, token, static (chars, t) =>
        {
            for (var i = 0; i < SecretLength; i++)
            {
                chars[i] = AllowedChars[(IndexOf(t[SecretLength + i]) - IndexOf(t[i]) + AllowedChars.Length) % AllowedChars.Length];
            }
        });

    /// <summary>
    /// Django's <c>_check_token_format</c>: null for a secret or masked token (32 or 64 ASCII letters and digits), else the
    /// reason phrase, <c>has incorrect length</c> or <c>has invalid characters</c>.
    /// </summary>
    internal static string? FormatError(string token)
    {
        if (token.Length is not (SecretLength or TokenLength))
        {
            return "has incorrect length";
        }

        return token.AsSpan().ContainsAnyExcept(AllowedChars) ? "has invalid characters" : null;
    }

    /// <summary>
    /// Django's <c>_does_token_match</c>: whether a well-formed token (masked, or a bare secret) carries
    /// <paramref name="secret"/>, compared in constant time.
    /// </summary>
    internal static bool Matches(string token, string secret)
    {
        var candidate = token.Length == TokenLength ? Unmask(token) : token;
        if (candidate.Length != SecretLength || secret.Length != SecretLength)
        {
            return false;
        }

        Span<byte> left = stackalloc byte[SecretLength];
        Span<byte> right = stackalloc byte[SecretLength];
        Encoding.ASCII.GetBytes(candidate, left);
        Encoding.ASCII.GetBytes(secret, right);
        return CryptographicOperations.FixedTimeEquals(left, right);
    }

    // the position in AllowedChars (string.ascii_letters + string.digits) of a character known to be in it
    private static int IndexOf(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= 'A' and <= 'Z' => 26 + (c - 'A'),
        _ => 52 + (c - '0'),
    };
}
