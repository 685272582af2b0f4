using System;
using System.Collections.Generic;
using System.Threading;

namespace Reinhardt.Generators.Templates;

/// <summary>The kind of a lexed template token.</summary>
internal enum TemplateTokenKind
{
    /// <summary>Literal text (also everything inside <c>{% verbatim %}</c>).</summary>
    Text,

    /// <summary><c>{{ ... }}</c>.</summary>
    Variable,

    /// <summary><c>{% ... %}</c>.</summary>
    Block,

    /// <summary><c>{# ... #}</c>.</summary>
    Comment,

    /// <summary>A <c>{{</c> or <c>{%</c> with no closing delimiter on its line: text for Django, an error for us.</summary>
    UnclosedOpener,
}

/// <summary>
/// A token: its whole extent in the file and, for tags, the extent of its content with the delimiters and
/// surrounding whitespace removed (Django's <c>token_string[2:-2].strip()</c>).
/// </summary>
internal readonly struct TemplateToken
{
    public TemplateToken(TemplateTokenKind kind, int start, int length, int contentStart, int contentLength)
    {
        Kind = kind;
        Start = start;
        Length = length;
        ContentStart = contentStart;
        ContentLength = contentLength;
    }

    public TemplateTokenKind Kind { get; }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public int ContentStart { get; }

    public int ContentLength { get; }
}

/// <summary>
/// Splits template text into tokens the way Django's <c>Lexer</c> does with
/// <c>({%.*?%}|{{.*?}}|{#.*?#})</c>: a tag ends at the first closing delimiter and never spans a
/// <c>\n</c>. Hand-written and linear: the position of the next closing delimiter and of the next newline
/// are cached and only ever move forward.
/// </summary>
internal static class TemplateLexer
{
    public static List<TemplateToken> Tokenize(string text, CancellationToken cancellationToken)
    {
        var tokens = new List<TemplateToken>();
        var nextNewline = -2;
        var nextClose = new[] { -2, -2, -2 }; // "%}", "}}", "#}"
        var reportedLineEnd = new[] { -2, -2 };
        string? verbatimEnd = null;
        var textStart = 0;
        var i = 0;
        while (i < text.Length - 1)
        {
            var second = text[i + 1];
            var kindIndex = text[i] != '{' ? -1 : second == '%' ? 0 : second == '{' ? 1 : second == '#' ? 2 : -1;
            if (kindIndex < 0)
            {
                i++;
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (nextNewline < i)
            {
                nextNewline = text.IndexOf('\n', i);
                if (nextNewline < 0)
                {
                    nextNewline = int.MaxValue;
                }
            }

            if (nextClose[kindIndex] < i + 2 && nextClose[kindIndex] != int.MaxValue)
            {
                var closer = kindIndex == 0 ? "%}" : kindIndex == 1 ? "}}" : "#}";
                var found = text.IndexOf(closer, i + 2, StringComparison.Ordinal);
                nextClose[kindIndex] = found < 0 ? int.MaxValue : found;
            }

            var close = nextClose[kindIndex];
            if (close == int.MaxValue || close > nextNewline)
            {
                // No closing delimiter on this line: Django keeps it as text; '{{' and '{%' are reported by the parser,
                // once per line and kind (every later one on the line is unclosed too).
                if (kindIndex != 2 && verbatimEnd is null && i >= textStart && reportedLineEnd[kindIndex] != nextNewline)
                {
                    reportedLineEnd[kindIndex] = nextNewline;
                    AddText(tokens, textStart, i);
                    tokens.Add(new TemplateToken(TemplateTokenKind.UnclosedOpener, i, 2, i, 0));
                    textStart = i + 2;
                }

                i++;
                continue;
            }

            var end = close + 2;
            var contentStart = i + 2;
            var contentEnd = close;
            while (contentStart < contentEnd && char.IsWhiteSpace(text[contentStart]))
            {
                contentStart++;
            }

            while (contentEnd > contentStart && char.IsWhiteSpace(text[contentEnd - 1]))
            {
                contentEnd--;
            }

            var kind = kindIndex == 0 ? TemplateTokenKind.Block : kindIndex == 1 ? TemplateTokenKind.Variable : TemplateTokenKind.Comment;
            if (verbatimEnd is not null)
            {
                // Inside {% verbatim %} only the matching end tag is a tag: everything else stays text.
                if (kind != TemplateTokenKind.Block || contentEnd - contentStart != verbatimEnd.Length
                    || string.CompareOrdinal(text, contentStart, verbatimEnd, 0, verbatimEnd.Length) != 0)
                {
                    i = end;
                    continue;
                }

                verbatimEnd = null;
            }
            else if (kind == TemplateTokenKind.Block && IsVerbatimStart(text, contentStart, contentEnd))
            {
                verbatimEnd = "end" + text.Substring(contentStart, contentEnd - contentStart);
            }

            AddText(tokens, textStart, i);
            tokens.Add(new TemplateToken(kind, i, end - i, contentStart, contentEnd - contentStart));
            textStart = end;
            i = end;
        }

        AddText(tokens, textStart, text.Length);
        return tokens;
    }

    // Django: content[:9] in ("verbatim", "verbatim ").
    private static bool IsVerbatimStart(string text, int start, int end)
    {
        const string Verbatim = "verbatim";
        var length = end - start;
        if (length < Verbatim.Length || string.CompareOrdinal(text, start, Verbatim, 0, Verbatim.Length) != 0)
        {
            return false;
        }

        return length == Verbatim.Length || text[start + Verbatim.Length] == ' ';
    }

    private static void AddText(List<TemplateToken> tokens, int start, int end)
    {
        if (end > start)
        {
            tokens.Add(new TemplateToken(TemplateTokenKind.Text, start, end - start, start, end - start));
        }
    }
}
