using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Templates;

/// <summary>
/// Turns a template file's text into a <see cref="TemplateDocument"/>, following Django's lexer, parser and
/// built-in tag syntax. Never throws on bad input: errors are collected with their position, and parsing
/// recovers so one mistake gives one error.
/// </summary>
/// <remarks>
/// Spans: a variable node spans its whole <c>{{ ... }}</c>; a tag node spans its opening <c>{% ... %}</c> only
/// (its body's nodes have their own spans); a filter call spans its name and argument, so the name is at
/// (<c>Start</c>, <c>Name.Length</c>); <see cref="TemplateDocument.ExtendsSpan"/> is the parent name's literal.
/// </remarks>
internal static partial class TemplateParser
{
    /// <summary>Template syntax error: unclosed <c>{{</c>/<c>{%</c>, malformed expression, wrong tag arguments.</summary>
    public const string SyntaxErrorId = "RH0040";

    /// <summary>A tag that is not one of the supported built-in tags.</summary>
    public const string UnknownTagId = "RH0041";

    /// <summary>A block tag never closed (reported at the opening tag) or a mismatched end tag (at the end tag).</summary>
    public const string UnclosedOrMismatchedTagId = "RH0042";

    /// <summary><c>extends</c> that is not the first tag, or appears more than once.</summary>
    public const string MisplacedExtendsId = "RH0043";

    /// <summary>Two <c>block</c> tags with the same name in one template.</summary>
    public const string DuplicateBlockId = "RH0044";

    /// <summary>Parses a template.</summary>
    /// <param name="path">The template name relative to the templates root, with '/' separators (relative
    /// <c>extends</c>/<c>include</c> names like <c>"./base.html"</c> are resolved against it).</param>
    /// <param name="text">The file's text.</param>
    /// <param name="cancellationToken">Honoured between tokens.</param>
    public static TemplateDocument Parse(string path, string text, CancellationToken cancellationToken = default)
    {
        var session = new Session(path, text, cancellationToken);
        return session.Run();
    }

    private static readonly string[] OpeningTags =
    {
        "if", "for", "with", "block", "extends", "include", "url", "csrf_token", "autoescape", "now", "cycle",
        "spaceless", "firstof", "lorem", "comment", "verbatim",
    };

    private static readonly string[] ClosingTags =
    {
        "elif", "else", "endif", "empty", "endfor", "endwith", "endblock", "endautoescape", "endspaceless",
        "endcomment", "endverbatim",
    };

    // Django tags (built-in or from contrib libraries) that build-time templates do not support.
    private static readonly HashSet<string> UnsupportedDjangoTags = new(StringComparer.Ordinal)
    {
        "load", "filter", "ifchanged", "regroup", "templatetag", "widthratio", "debug", "resetcycle", "querystring",
        "static", "get_static_prefix", "get_media_prefix", "trans", "translate", "blocktrans", "blocktranslate",
        "get_current_language", "get_available_languages", "language", "localize", "localtime", "timezone",
        "get_current_timezone", "partialdef", "partial",
    };

    // The end tags of unsupported block tags: the opening tag was already reported, so these stay silent.
    private static readonly HashSet<string> UnsupportedDjangoEndTags = new(StringComparer.Ordinal)
    {
        "endfilter", "endifchanged", "endblocktrans", "endblocktranslate", "endlanguage", "endlocalize",
        "endlocaltime", "endtimezone", "endpartialdef", "plural",
    };

    private static readonly string[] IfTerminators = { "elif", "else", "endif" };
    private static readonly string[] EndIf = { "endif" };
    private static readonly string[] ForTerminators = { "empty", "endfor" };
    private static readonly string[] EndFor = { "endfor" };

    /// <summary>The closest known tag name within a small edit distance, or null.</summary>
    internal static string? SuggestTag(string name) => NameSuggestion.Closest(name, OpeningTags.Concat(ClosingTags));

    /// <summary>A whitespace-separated piece of a tag (Django's <c>split_contents</c>), with its position.</summary>
    private readonly struct Bit
    {
        public Bit(int start, int end, string text)
        {
            Start = start;
            End = end;
            Text = text;
        }

        public int Start { get; }

        public int End { get; }

        public string Text { get; }
    }

    /// <summary>A block tag whose body is being parsed, and the tags that end (or continue) it.</summary>
    private sealed class OpenTag
    {
        public OpenTag(string name, TemplateToken token, string[] terminators)
        {
            Name = name;
            Token = token;
            Terminators = terminators;
        }

        public string Name { get; }

        public TemplateToken Token { get; }

        public string[] Terminators { get; }
    }

    private enum StopKind
    {
        EndOfFile,
        Terminator,
        ClosedByOuter,
    }

    /// <summary>Why a body ended: end of file, one of its terminators, or an end tag belonging to an enclosing tag.</summary>
    private readonly struct Stop
    {
        public Stop(StopKind kind, string command, int tokenIndex, bool recovered)
        {
            Kind = kind;
            Command = command;
            TokenIndex = tokenIndex;
            Recovered = recovered;
        }

        public StopKind Kind { get; }

        public string Command { get; }

        public int TokenIndex { get; }

        /// <summary>True when a misspelt or mismatched tag stands in for the terminator (already reported).</summary>
        public bool Recovered { get; }

        public bool Is(string command) => Kind == StopKind.Terminator && Command == command;
    }

    /// <summary>An error found in an <c>if</c> condition; caught by the condition parser and reported.</summary>
    private sealed class ConditionException : Exception
    {
        public ConditionException(string message, int start, int end)
            : base(message)
        {
            Start = start;
            End = end;
        }

        public int Start { get; }

        public int End { get; }
    }

    private static string Quote(string value) => "'" + value + "'";

    // Django's get_text_list(..., "or"): 'a', 'b' or 'c'.
    private static string OrList(IReadOnlyList<string> items)
    {
        var quoted = items.Select(Quote).ToArray();
        return quoted.Length == 1 ? quoted[0] : string.Join(", ", quoted, 0, quoted.Length - 1) + " or " + quoted[quoted.Length - 1];
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
