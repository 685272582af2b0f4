using System;
using System.Collections.Generic;

namespace Reinhardt.Generators.Common;

/// <summary>The "did you mean" of diagnostics: the closest known name to a mistyped one.</summary>
internal static class NameSuggestion
{
    /// <summary>
    /// The first candidate at the smallest edit distance, if that distance is small for the name's length
    /// (1 up to 3 characters, 2 up to 5, else 3) and shorter than the name itself; otherwise null.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var allowed = name.Length <= 3 ? 1 : name.Length <= 5 ? 2 : 3;
        return bestDistance <= allowed && bestDistance < name.Length ? best : null;
    }

    // Optimal string alignment distance: Levenshtein plus adjacent transpositions ("endfro" -> "endfor" is 1).
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[a.Length, b.Length];
    }
}
