using System.ComponentModel;
using System.Globalization;

namespace Reinhardt.Views;

/// <summary>
/// The path matching primitives the generated route table calls: splitting a path into segments and
/// Django's converters (<c>int</c>, <c>long</c>, <c>slug</c>, <c>uuid</c>, <c>str</c>, <c>path</c>), without regular expressions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RouteSegments
{
    /// <summary>
    /// Splits the path after its leading <c>/</c> into segments (<c>/polls/3/</c> is <c>polls</c>, <c>3</c>,
    /// and an empty last segment for the trailing slash). Returns the count, or -1 when the path does not
    /// start with <c>/</c>. When there are more segments than <paramref name="segments"/> holds, the last
    /// range holds the rest of the path.
    /// </summary>
    public static int Split(ReadOnlySpan<char> path, Span<Range> segments)
    {
        if (path.IsEmpty || path[0] != '/')
        {
            return -1;
        }

        var count = path[1..].Split(segments, '/');
        for (var i = 0; i < count; i++)
        {
            segments[i] = new Range(segments[i].Start.Value + 1, segments[i].End.Value + 1);
        }

        return count;
    }

    /// <summary>The bounds of segment <paramref name="index"/> of <paramref name="path"/> (as numbered by <see cref="Split"/>).</summary>
    public static Range Segment(string path, int index)
    {
        var start = 1;
        for (var i = 0; i < index; i++)
        {
            start = path.IndexOf('/', start) + 1;
        }

        var end = path.IndexOf('/', start);
        return new Range(start, end < 0 ? path.Length : end);
    }

    /// <summary>
    /// The value of a <c>path</c> converter starting at segment <paramref name="index"/> and followed by
    /// <paramref name="suffixLength"/> characters of literal segments.
    /// </summary>
    public static Range Rest(string path, int index, int suffixLength) =>
        new(Segment(path, index).Start, path.Length - suffixLength);

    /// <summary>Whether a <c>path</c> converter at <paramref name="start"/> matches: a non-empty value followed by exactly <paramref name="suffix"/>.</summary>
    public static bool IsRest(ReadOnlySpan<char> path, int start, string suffix) =>
        path.Length - start > suffix.Length && path.EndsWith(suffix, StringComparison.Ordinal);

    /// <summary>Django's <c>int</c>/<c>long</c> converters: <c>[0-9]+</c>, within <see cref="long"/>.</summary>
    public static bool IsDigits(ReadOnlySpan<char> segment)
    {
        if (segment.IsEmpty || segment.Length > 19)
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return segment.Length < 19 || long.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>Django's <c>slug</c> converter: <c>[-a-zA-Z0-9_]+</c>.</summary>
    public static bool IsSlug(ReadOnlySpan<char> segment)
    {
        if (segment.IsEmpty)
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Django's <c>uuid</c> converter: lowercase <c>8-4-4-4-12</c> hexadecimal.</summary>
    public static bool IsUuid(ReadOnlySpan<char> segment)
    {
        if (segment.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            var c = segment[i];
            var ok = i is 8 or 13 or 18 or 23 ? c == '-' : char.IsAsciiDigit(c) || c is >= 'a' and <= 'f';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses an <c>int</c> route value; false when it overflows (the route then does not match: 404).</summary>
    public static bool TryParseInt32(ReadOnlySpan<char> segment, out int value) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a <c>long</c> route value.</summary>
    public static bool TryParseInt64(ReadOnlySpan<char> segment, out long value) =>
        long.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a <c>uuid</c> route value.</summary>
    public static Guid ParseGuid(ReadOnlySpan<char> segment) => Guid.ParseExact(segment, "D");
}
