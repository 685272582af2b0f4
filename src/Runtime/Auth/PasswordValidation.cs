using System.Collections.Frozen;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Reinhardt.Auth;

/// <summary>
/// Django's default <c>AUTH_PASSWORD_VALIDATORS</c>, with Django's messages: <c>UserAttributeSimilarityValidator</c>,
/// <c>MinimumLengthValidator</c>, <c>CommonPasswordValidator</c> (Django's list of 20,000 common passwords, embedded)
/// and <c>NumericPasswordValidator</c>.
/// </summary>
public sealed partial class PasswordValidation
{
    /// <summary>Django's <c>max_similarity</c> default.</summary>
    public const double MaxSimilarity = 0.7;

    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(LoadCommonPasswords);

    /// <summary>Creates the validators.</summary>
    /// <param name="minimumLength">The minimum length (Django's default 8).</param>
    public PasswordValidation(int minimumLength = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumLength, 0);
        MinimumLength = minimumLength;
    }

    /// <summary>The minimum length.</summary>
    public int MinimumLength { get; }

    /// <summary>
    /// Django's <c>validate_password</c>: every validator's error, in Django's order (similarity, length, common,
    /// numeric); empty when the password is acceptable.
    /// </summary>
    /// <param name="password">The new password.</param>
    /// <param name="user">The user it is for (for the similarity check), if known.</param>
    public IReadOnlyList<string> Validate(string password, User? user = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        var errors = new List<string>();
        if (user is not null && SimilarAttribute(password, user) is { } verboseName)
        {
            errors.Add("The password is too similar to the " + verboseName + ".");
        }

        if (password.Length < MinimumLength)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"This password is too short. It must contain at least {MinimumLength} character{(MinimumLength == 1 ? "" : "s")}."));
        }

        if (IsCommon(password))
        {
            errors.Add("This password is too common.");
        }

        if (password.Length > 0 && password.All(char.IsDigit))
        {
            errors.Add("This password is entirely numeric.");
        }

        return errors;
    }

    /// <summary>Django's help texts of the validators, in order.</summary>
    public IReadOnlyList<string> HelpTexts =>
    [
        "Your password can’t be too similar to your other personal information.",
        string.Create(CultureInfo.InvariantCulture, $"Your password must contain at least {MinimumLength} character{(MinimumLength == 1 ? "" : "s")}."),
        "Your password can’t be a commonly used password.",
        "Your password can’t be entirely numeric.",
    ];

    /// <summary>Whether the password, lower-cased and trimmed, is in Django's common-passwords list.</summary>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return CommonPasswords.Value.Contains(password.ToLowerInvariant().Trim());
    }

    /// <summary>
    /// Django's <c>UserAttributeSimilarityValidator</c>: the verbose name of the first attribute (user name, first name,
    /// last name, email address), or a <c>\W+</c>-separated part of it, whose <c>SequenceMatcher.quick_ratio</c> with the
    /// lower-cased password reaches <see cref="MaxSimilarity"/>; null when none does.
    /// </summary>
    public static string? SimilarAttribute(string password, User user)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(user);
        password = password.ToLowerInvariant();
        foreach (var (value, verboseName) in new[] { (user.Username, "username"), (user.FirstName, "first name"), (user.LastName, "last name"), (user.Email, "email address") })
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var lower = value.ToLowerInvariant();
            foreach (var part in NonWord().Split(lower).Append(lower))
            {
                if (ExceedsMaximumLengthRatio(password, MaxSimilarity, part))
                {
                    continue;
                }

                if (QuickRatio(password, part) >= MaxSimilarity)
                {
                    return verboseName;
                }
            }
        }

        return null;
    }

    /// <summary>Python's <c>SequenceMatcher(a=a, b=b).quick_ratio()</c>: 2 × the characters in common (as multisets) over the total length.</summary>
    public static double QuickRatio(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var total = a.Length + b.Length;
        if (total == 0)
        {
            return 1.0;
        }

        var counts = new Dictionary<char, int>();
        foreach (var c in b)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        var matches = 0;
        foreach (var c in a)
        {
            if (counts.TryGetValue(c, out var left) && left > 0)
            {
                counts[c] = left - 1;
                matches++;
            }
        }

        return 2.0 * matches / total;
    }

    // Django's exceeds_maximum_length_ratio: a much longer password cannot be similar enough, skip the comparison
    private static bool ExceedsMaximumLengthRatio(string password, double maxSimilarity, string value) =>
        password.Length >= 10 * value.Length && value.Length < maxSimilarity / 2 * password.Length;

    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordValidation).Assembly.GetManifestResourceStream("Reinhardt.Auth.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("Django's common-passwords list is not embedded in Reinhardt.dll.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            passwords.Add(line.Trim());
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\W+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();
}
