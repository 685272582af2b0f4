using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Templates;

internal static partial class TemplateParser
{
    /// <summary>The state of one parse: tokens, position, open tags, errors and per-template facts.</summary>
    private sealed partial class Session
    {
        private const int MaxNesting = 200;

        private readonly string _path;
        private readonly string _text;
        private readonly CancellationToken _cancellationToken;
        private readonly List<TemplateToken> _tokens;
        private readonly List<int> _lineStarts = new();
        private readonly List<TemplateError> _errors = new();
        private readonly List<OpenTag> _open = new();
        private readonly HashSet<string> _blockNames = new(StringComparer.Ordinal);
        private readonly HashSet<string> _namedCycles = new(StringComparer.Ordinal);
        private readonly HashSet<int> _reportedTokens = new();
        private int _index;
        private bool _topLevelNonText;
        private bool _aborted;
        private string? _extends;
        private TemplateSpan? _extendsSpan;

        public Session(string path, string text, CancellationToken cancellationToken)
        {
            _path = path;
            _text = text;
            _cancellationToken = cancellationToken;
            _tokens = TemplateLexer.Tokenize(text, cancellationToken);
            IndexLines();
        }

        public TemplateDocument Run()
        {
            var nodes = new List<TemplateNode>();
            ParseUntil(null, nodes);
            return new TemplateDocument(_path, _extends, _extendsSpan, nodes.ToEquatableArray(), _errors.ToEquatableArray());
        }

        // Line breaks as Roslyn's SourceText counts them, so positions agree with the IDE's.
        private void IndexLines()
        {
            _lineStarts.Add(0);
            for (var i = 0; i < _text.Length; i++)
            {
                var c = _text[i];
                if (c == '\r')
                {
                    if (i + 1 < _text.Length && _text[i + 1] == '\n')
                    {
                        i++;
                    }

                    _lineStarts.Add(i + 1);
                }
                else if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        private int LineOf(int offset)
        {
            var index = _lineStarts.BinarySearch(offset);
            return index >= 0 ? index : ~index - 1;
        }

        private TemplateSpan Span(int start, int end)
        {
            var line = LineOf(start);
            return new TemplateSpan(start, end - start, line + 1, start - _lineStarts[line] + 1);
        }

        private TemplateSpan Span(TemplateToken token) => Span(token.Start, token.End);

        private TemplateSpan Span(Bit bit) => Span(bit.Start, bit.End);

        private int LineNumber(TemplateToken token) => LineOf(token.Start) + 1;

        private string Contents(TemplateToken token) => _text.Substring(token.ContentStart, token.ContentLength);

        private void Report(string id, string message, TemplateSpan span) => _errors.Add(new TemplateError(id, message, span));

        /// <summary>
        /// Parses nodes into <paramref name="nodes"/> until one of <paramref name="owner"/>'s terminators (consumed),
        /// an end tag that belongs to an enclosing tag (not consumed), or the end of the file.
        /// </summary>
        private Stop ParseUntil(OpenTag? owner, List<TemplateNode> nodes)
        {
            while (_index < _tokens.Count)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var token = _tokens[_index];
                switch (token.Kind)
                {
                    case TemplateTokenKind.Text:
                    case TemplateTokenKind.UnclosedOpener:
                        nodes.Add(ParseText());
                        continue;
                    case TemplateTokenKind.Comment:
                        _index++;
                        continue;
                    case TemplateTokenKind.Variable:
                        _index++;
                        if (token.ContentLength == 0)
                        {
                            Report(SyntaxErrorId, "Empty variable tag on line " + Invariant(LineNumber(token)) + ".", Span(token));
                        }
                        else if (ParseFilterExpression(token.ContentStart, token.ContentStart + token.ContentLength) is { } expression)
                        {
                            nodes.Add(new VariableNode(Span(token), expression));
                        }

                        MarkNonText(owner);
                        continue;
                }

                var bits = Split(token);
                if (bits.Count == 0)
                {
                    _index++;
                    Report(SyntaxErrorId, "Empty block tag on line " + Invariant(LineNumber(token)) + ".", Span(token));
                    continue;
                }

                var command = bits[0].Text;
                if (owner is not null && Array.IndexOf(owner.Terminators, command) >= 0)
                {
                    return new Stop(StopKind.Terminator, command, _index++, recovered: false);
                }

                if (Array.IndexOf(ClosingTags, command) >= 0)
                {
                    if (TryStrayClosingTag(owner, token, command, out var stop))
                    {
                        return stop;
                    }

                    continue;
                }

                if (Array.IndexOf(OpeningTags, command) >= 0)
                {
                    if (_open.Count >= MaxNesting)
                    {
                        // Deeper than any real template: stop rather than risk the compiler's stack.
                        Report(SyntaxErrorId, "Tags are nested too deeply (more than " + Invariant(MaxNesting) + " levels).", Span(token));
                        _index = _tokens.Count;
                        _aborted = true;
                        return new Stop(StopKind.ClosedByOuter, string.Empty, _index, recovered: true);
                    }

                    if (ParseTag(command, token, bits) is { } node)
                    {
                        nodes.Add(node);
                    }

                    if (command != "comment")
                    {
                        MarkNonText(owner);
                    }

                    continue;
                }

                _index++;
                MarkNonText(owner);
                if (UnsupportedDjangoTags.Contains(command))
                {
                    Report(UnknownTagId, "The '" + command + "' tag is not supported by build-time templates.", Span(bits[0]));
                    continue;
                }

                if (UnsupportedDjangoEndTags.Contains(command))
                {
                    continue;
                }

                var suggestion = SuggestTag(command);
                Report(UnknownTagId, "Unknown tag '" + command + "'." + (suggestion is null ? string.Empty : " Did you mean '" + suggestion + "'?"), Span(bits[0]));
                if (owner is not null && suggestion is not null && Array.IndexOf(owner.Terminators, suggestion) >= 0)
                {
                    // A misspelt terminator ({% endfro %}) closes the body as intended: one error, not two.
                    return new Stop(StopKind.Terminator, suggestion, _index - 1, recovered: true);
                }
            }

            return new Stop(StopKind.EndOfFile, string.Empty, _index, recovered: false);
        }

        private void MarkNonText(OpenTag? owner)
        {
            if (owner is null)
            {
                _topLevelNonText = true;
            }
        }

        /// <summary>A closing tag its body does not expect: close the inner body, or report and skip it.</summary>
        private bool TryStrayClosingTag(OpenTag? owner, TemplateToken token, string command, out Stop stop)
        {
            var expected = owner is null ? string.Empty : ", expected " + OrList(owner.Terminators);
            for (var k = _open.Count - 2; k >= 0; k--)
            {
                if (Array.IndexOf(_open[k].Terminators, command) >= 0)
                {
                    // It belongs to an enclosing tag: the inner ones were left open. Report once, at the end tag, and
                    // let each inner body return without consuming it.
                    if (_reportedTokens.Add(_index))
                    {
                        Report(UnclosedOrMismatchedTagId, "Invalid block tag on line " + Invariant(LineNumber(token)) + ": '" + command + "'" + expected
                            + ". The '" + owner!.Name + "' tag on line " + Invariant(LineNumber(owner.Token)) + " is not closed.", Span(token));
                    }

                    stop = new Stop(StopKind.ClosedByOuter, command, _index, recovered: true);
                    return true;
                }
            }

            _index++;
            if (owner is null)
            {
                Report(UnclosedOrMismatchedTagId, "Invalid block tag on line " + Invariant(LineNumber(token)) + ": '" + command + "' has no matching opening tag.", Span(token));
                stop = default;
                return false;
            }

            Report(UnclosedOrMismatchedTagId, "Invalid block tag on line " + Invariant(LineNumber(token)) + ": '" + command + "'" + expected + ".", Span(token));
            if (command.StartsWith("end", StringComparison.Ordinal))
            {
                // {% if %}...{% endfor %}: taken as the end the body expected, so the if is not reported unclosed too.
                stop = new Stop(StopKind.Terminator, owner.Terminators[owner.Terminators.Length - 1], _index - 1, recovered: true);
                return true;
            }

            stop = default;
            return false;
        }

        /// <summary>Adjacent text tokens as one node; an unclosed <c>{{</c>/<c>{%</c> among them is reported.</summary>
        private TextNode ParseText()
        {
            var start = _tokens[_index].Start;
            var end = start;
            while (_index < _tokens.Count && _tokens[_index].Kind is TemplateTokenKind.Text or TemplateTokenKind.UnclosedOpener)
            {
                var token = _tokens[_index];
                if (token.Kind == TemplateTokenKind.UnclosedOpener)
                {
                    var variable = _text[token.Start + 1] == '{';
                    Report(SyntaxErrorId, variable
                        ? "Unclosed variable tag: '{{' has no matching '}}' on the same line."
                        : "Unclosed block tag: '{%' has no matching '%}' on the same line.", Span(token));
                }

                end = token.End;
                _index++;
            }

            return new TextNode(Span(start, end), _text.Substring(start, end - start));
        }

        /// <summary>Parses a tag's body until its terminators; reports the tag unclosed at the end of the file.</summary>
        private Stop ParseBody(string tagName, TemplateToken token, string[] terminators, List<TemplateNode> nodes)
        {
            var open = new OpenTag(tagName, token, terminators);
            _open.Add(open);
            var stop = ParseUntil(open, nodes);
            _open.RemoveAt(_open.Count - 1);
            if (stop.Kind == StopKind.EndOfFile && !_aborted)
            {
                Report(UnclosedOrMismatchedTagId, "Unclosed tag on line " + Invariant(LineNumber(token)) + ": '" + tagName + "'. Looking for one of: "
                    + string.Join(", ", terminators) + ".", Span(token));
            }

            return stop;
        }

        /// <summary>Reports arguments given to an end or intermediate tag that takes none (<c>{% else x %}</c>).</summary>
        private void CheckTerminatorHasNoArguments(Stop stop)
        {
            if (stop.Kind != StopKind.Terminator || stop.Recovered)
            {
                return;
            }

            var token = _tokens[stop.TokenIndex];
            var bits = Split(token);
            if (bits.Count > 1)
            {
                Report(SyntaxErrorId, "'" + stop.Command + "' takes no arguments: '" + Contents(token) + "'.", Span(token));
            }
        }

        /// <summary>
        /// Django's <c>smart_split</c>: whitespace-separated bits, where a quoted string (with backslash escapes)
        /// may contain spaces. A bit is a run of non-space, non-quote characters and complete strings; an
        /// unterminated quote makes the rest of the run (up to whitespace) one bit.
        /// </summary>
        private List<Bit> Split(TemplateToken token)
        {
            var bits = new List<Bit>();
            var start = token.ContentStart;
            var end = token.ContentStart + token.ContentLength;
            int[]? closeDouble = null;
            int[]? closeSingle = null;
            var i = start;
            while (i < end)
            {
                if (char.IsWhiteSpace(_text[i]))
                {
                    i++;
                    continue;
                }

                var bitStart = i;
                var j = i;
                var lastGood = -1;
                while (true)
                {
                    while (j < end && !char.IsWhiteSpace(_text[j]) && _text[j] != '"' && _text[j] != '\'')
                    {
                        j++;
                    }

                    if (lastGood >= 0)
                    {
                        lastGood = j;
                    }

                    if (j >= end || char.IsWhiteSpace(_text[j]))
                    {
                        break;
                    }

                    var close = _text[j] == '"'
                        ? CloseOf(ref closeDouble, '"', start, end, j + 1)
                        : CloseOf(ref closeSingle, '\'', start, end, j + 1);
                    if (close < 0)
                    {
                        break;
                    }

                    j = close + 1;
                    lastGood = j;
                }

                int bitEnd;
                if (lastGood >= 0)
                {
                    bitEnd = lastGood;
                }
                else
                {
                    bitEnd = bitStart;
                    while (bitEnd < end && !char.IsWhiteSpace(_text[bitEnd]))
                    {
                        bitEnd++;
                    }
                }

                bits.Add(new Bit(bitStart, bitEnd, _text.Substring(bitStart, bitEnd - bitStart)));
                i = bitEnd;
            }

            return bits;
        }

        // The closing quote for a string whose content starts at 'from', or -1: one right-to-left pass per tag
        // and quote kind, so splitting stays linear however many quotes are left unterminated.
        private int CloseOf(ref int[]? closes, char quote, int start, int end, int from)
        {
            if (closes is null)
            {
                var length = end - start;
                closes = new int[length + 2];
                closes[length] = -1;
                closes[length + 1] = -1;
                for (var k = length - 1; k >= 0; k--)
                {
                    var c = _text[start + k];
                    closes[k] = c == quote ? start + k : c == '\\' ? (k + 1 < length ? closes[k + 2] : -1) : closes[k + 1];
                }
            }

            return from >= end ? -1 : closes[from - start];
        }

        private static EquatableArray<TemplateNode>? Optional(List<TemplateNode>? nodes) => nodes?.ToEquatableArray();

        private static List<T> ListOf<T>(params T[] items) => items.ToList();
    }
}
