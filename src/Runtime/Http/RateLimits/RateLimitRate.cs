using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Reinhardt.Http;

/// <summary>
/// A rate as <see cref="Views.RateLimitAttribute"/> writes it: <c>count/period</c>, the period one of
/// <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>, optionally with a multiple (<c>5/m</c>, <c>100/15m</c>, <c>1000/d</c>).
/// </summary>
/// <param name="Count">The requests allowed in a window.</param>
/// <param name="Window">The window's length.</param>
public readonly record struct RateLimitRate(int Count, TimeSpan Window)
{
    /// <summary>Parses a rate.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a rate; the message says why.</exception>
    public static RateLimitRate Parse(string text) =>
        TryParse(text, out var rate, out var error) ? rate : throw new FormatException(error);

    /// <summary>Parses a rate, returning whether it was one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out RateLimitRate rate) => TryParse(text, out rate, out _);

    /// <summary>Parses a rate, returning whether it was one and, when not, why.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out RateLimitRate rate, [NotNullWhen(false)] out string? error)
    {
        rate = default;
        var shown = text is null ? "null" : "'" + text + "'";
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 2)
        {
            error = $"Invalid rate {shown}: expected count/period such as 5/m or 100/15m.";
            return false;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            error = $"Invalid rate {shown}: the count '{parts[0]}' must be a whole number above zero.";
            return false;
        }

        var period = parts[1];
        var unit = period.Length > 0 ? period[^1] : '\0';
        var seconds = unit switch
        {
            's' => 1L,
            'm' => 60L,
            'h' => 3600L,
            'd' => 86400L,
            _ => 0L,
        };
        if (seconds == 0)
        {
            error = $"Invalid rate {shown}: the period '{period}' must end in s, m, h or d (seconds, minutes, hours, days).";
            return false;
        }

        var multiple = 1;
        if (period.Length > 1 && (!int.TryParse(period.AsSpan(0, period.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out multiple) || multiple <= 0))
        {
            error = $"Invalid rate {shown}: the period's multiple '{period[..^1]}' must be a whole number above zero.";
            return false;
        }

        rate = new RateLimitRate(count, TimeSpan.FromSeconds(seconds * multiple));
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        Count.ToString(CultureInfo.InvariantCulture) + "/" + Window.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s";
}
