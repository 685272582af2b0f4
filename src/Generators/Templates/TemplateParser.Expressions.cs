using System.Collections.Generic;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Templates;

internal static partial class TemplateParser
{
    // Python's \w for str patterns: letters, digits and the underscore.
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    // Django's unescape_string_literal: only the enclosing quote and the backslash are unescaped, in that order.
    private static string UnescapeStringLiteral(string literal)
    {
        var quote = literal[0].ToString();
        return literal.Substring(1, literal.Length - 2).Replace("\\" + quote, quote).Replace("\\\\", "\\");
    }

    // What Django's Variable accepts as a number: int() or, with '.' or 'e', float(), but never a trailing '.'.
    private static bool IsNumber(string text)
    {
        var i = 0;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == text.Length && text[text.Length - 1] != '.';
    }

    private sealed partial class Session
    {
        /// <summary>
        /// Django's <c>FilterExpression</c> over <c>[start, end)</c>: a literal or variable, then <c>|filter</c> or
        /// <c>|filter:arg</c> repeatedly (whitespace allowed around <c>|</c>, not around <c>:</c>). Null after an error.
        /// </summary>
        private FilterExpression? ParseFilterExpression(int start, int end)
        {
            var value = ParseValue(start, end, start, end, out var position);
            if (value is null)
            {
                return null;
            }

            var filters = new List<FilterCall>();
            while (position < end)
            {
                var i = position;
                while (i < end && char.IsWhiteSpace(_text[i]))
                {
                    i++;
                }

                if (i >= end || _text[i] != '|')
                {
                    return Remainder(position, start, end);
                }

                i++;
                while (i < end && char.IsWhiteSpace(_text[i]))
                {
                    i++;
                }

                var nameStart = i;
                while (i < end && IsWordChar(_text[i]))
                {
                    i++;
                }

                if (i == nameStart)
                {
                    return Remainder(position, start, end);
                }

                var name = _text.Substring(nameStart, i - nameStart);
                TemplateValue? argument = null;
                if (i < end && _text[i] == ':' && TryValueAt(i + 1, end))
                {
                    argument = ParseValue(i + 1, end, start, end, out i);
                    if (argument is null)
                    {
                        return null;
                    }
                }

                filters.Add(new FilterCall(Span(nameStart, i), name, argument));
                position = i;
            }

            return new FilterExpression(Span(start, position), value, filters.ToEquatableArray());
        }

        private FilterExpression? Remainder(int position, int start, int end)
        {
            Report(SyntaxErrorId, "Could not parse the remainder: '" + _text.Substring(position, end - position) + "' from '"
                + _text.Substring(start, end - start) + "'", Span(position, end));
            return null;
        }

        // Whether a filter argument's alternatives (a string, [\w.]+ or a number) match at 'at': otherwise Django
        // leaves the ':' unmatched, which is then the unparsed remainder.
        private bool TryValueAt(int at, int end)
        {
            if (at >= end)
            {
                return false;
            }

            var c = _text[at];
            if (c == '"' || c == '\'')
            {
                return ScanString(at, end) > 0;
            }

            if (c == '_' && at + 2 < end && _text[at + 1] == '(' && (_text[at + 2] == '"' || _text[at + 2] == '\''))
            {
                return true;
            }

            return IsWordChar(c) || c == '.' || ((c == '-' || c == '+') && at + 1 < end && IsDigit(_text[at + 1]));
        }

        // The end (exclusive) of a quoted string starting at 'at' with backslash escapes, or -1 if unterminated.
        private int ScanString(int at, int end)
        {
            var quote = _text[at];
            for (var j = at + 1; j < end; j++)
            {
                if (_text[j] == quote)
                {
                    return j + 1;
                }

                if (_text[j] == '\\')
                {
                    j++;
                }
            }

            return -1;
        }

        /// <summary>A literal or variable at <paramref name="at"/>; <paramref name="next"/> is where it ends.</summary>
        private TemplateValue? ParseValue(int at, int end, int expressionStart, int expressionEnd, out int next)
        {
            next = at;
            if (at >= end)
            {
                Report(SyntaxErrorId, "Could not find variable at start of " + _text.Substring(expressionStart, expressionEnd - expressionStart) + ".", Span(expressionStart, expressionEnd));
                return null;
            }

            var c = _text[at];
            if (c == '_' && at + 2 < end && _text[at + 1] == '(' && (_text[at + 2] == '"' || _text[at + 2] == '\''))
            {
                var close = ScanString(at + 2, end);
                if (close > 0 && close < end && _text[close] == ')')
                {
                    Report(SyntaxErrorId, "Translated literals _(\"...\") are not supported by build-time templates.", Span(at, close + 1));
                    return null;
                }
            }

            if (c == '"' || c == '\'')
            {
                var close = ScanString(at, end);
                if (close > 0)
                {
                    next = close;
                    return new StringLiteral(Span(at, close), UnescapeStringLiteral(_text.Substring(at, close - at)));
                }
            }

            // [\w.]+ first, then a number: [-+.]?\d[\d.e]*
            var i = at;
            while (i < end && (IsWordChar(_text[i]) || _text[i] == '.'))
            {
                i++;
            }

            if (i == at && (c == '-' || c == '+' || c == '.') && at + 1 < end && IsDigit(_text[at + 1]))
            {
                i = at + 1;
                while (i < end && (IsDigit(_text[i]) || _text[i] == '.' || _text[i] == 'e'))
                {
                    i++;
                }
            }

            if (i == at)
            {
                Report(SyntaxErrorId, "Could not find variable at start of " + _text.Substring(expressionStart, expressionEnd - expressionStart) + ".", Span(at, expressionEnd));
                return null;
            }

            next = i;
            var text = _text.Substring(at, i - at);
            if (IsNumber(text))
            {
                return new NumberLiteral(Span(at, i), text);
            }

            if (text[0] == '_' || text.Contains("._"))
            {
                Report(SyntaxErrorId, "Variables and attributes may not begin with underscores: '" + text + "'", Span(at, i));
                return null;
            }

            var parts = text.Split('.');
            foreach (var part in parts)
            {
                if (part.Length == 0 || part[0] == '-' || part[0] == '+')
                {
                    Report(SyntaxErrorId, "Invalid variable or number: '" + text + "'", Span(at, i));
                    return null;
                }
            }

            return new VariablePath(Span(at, i), parts.ToEquatableArray());
        }

        /// <summary>
        /// Django's smartif over the tag's bits after the tag name. Binding powers: or 6, and 7, not 8 (prefix),
        /// in / not in 9, is / is not / == / != / &lt; / &gt; / &lt;= / &gt;= 10. Null after an error (reported).
        /// </summary>
        private Condition? ParseCondition(TemplateToken token, List<Bit> bits)
        {
            var items = new List<ConditionToken>();
            for (var i = 1; i < bits.Count; i++)
            {
                var text = bits[i].Text;
                var start = bits[i].Start;
                if (text == "is" && i + 1 < bits.Count && bits[i + 1].Text == "not")
                {
                    items.Add(ConditionToken.Operator("is not", start, bits[++i].End));
                }
                else if (text == "not" && i + 1 < bits.Count && bits[i + 1].Text == "in")
                {
                    items.Add(ConditionToken.Operator("not in", start, bits[++i].End));
                }
                else if (BindingPower(text) > 0)
                {
                    items.Add(ConditionToken.Operator(text, start, bits[i].End));
                }
                else if (ParseFilterExpression(bits[i].Start, bits[i].End) is { } value)
                {
                    items.Add(ConditionToken.Operand(value));
                }
                else
                {
                    return null;
                }
            }

            var parser = new ConditionParser(this, items, token);
            try
            {
                return parser.Parse();
            }
            catch (ConditionException exception)
            {
                Report(SyntaxErrorId, exception.Message, Span(exception.Start, exception.End));
                return null;
            }
        }

        private static int BindingPower(string op) => op switch
        {
            "or" => 6,
            "and" => 7,
            "not" => 8,
            "in" or "not in" => 9,
            "is" or "is not" or "==" or "!=" or ">" or ">=" or "<" or "<=" => 10,
            _ => 0,
        };

        /// <summary>An operator or an operand of an <c>if</c> condition.</summary>
        private sealed class ConditionToken
        {
            private ConditionToken(string? op, FilterExpression? value, int start, int end)
            {
                Op = op;
                Value = value;
                Start = start;
                End = end;
            }

            public string? Op { get; }

            public FilterExpression? Value { get; }

            public int Start { get; }

            public int End { get; }

            public int LeftBindingPower => Op is null ? 0 : BindingPower(Op);

            public static ConditionToken Operator(string op, int start, int end) => new(op, null, start, end);

            public static ConditionToken Operand(FilterExpression value) => new(null, value, value.Span.Start, value.Span.Start + value.Span.Length);
        }

        /// <summary>Django's IfParser: a Pratt parser with the same binding powers and error messages.</summary>
        private sealed class ConditionParser
        {
            private readonly Session _session;
            private readonly List<ConditionToken> _items;
            private readonly TemplateToken _tag;
            private int _position;
            private int _notDepth;
            private ConditionToken? _current;

            public ConditionParser(Session session, List<ConditionToken> items, TemplateToken tag)
            {
                _session = session;
                _items = items;
                _tag = tag;
            }

            public Condition Parse()
            {
                _current = Next();
                var result = Expression(0);
                if (_current is not null)
                {
                    throw new ConditionException("Unused '" + Display(_current) + "' at end of if expression.", _current.Start, _current.End);
                }

                return result;
            }

            private ConditionToken? Next() => _position < _items.Count ? _items[_position++] : null;

            private string Display(ConditionToken token) => token.Op ?? _session._text.Substring(token.Start, token.End - token.Start);

            private Condition Expression(int rightBindingPower)
            {
                var token = _current;
                _current = Next();
                var left = Prefix(token);
                while (_current is not null && rightBindingPower < _current.LeftBindingPower)
                {
                    token = _current;
                    _current = Next();
                    left = Infix(token, left);
                }

                return left;
            }

            private Condition Prefix(ConditionToken? token)
            {
                if (token is null)
                {
                    throw new ConditionException("Unexpected end of expression in if tag.", _tag.Start, _tag.End);
                }

                if (token.Value is { } value)
                {
                    return new ValueCondition(value.Span, value);
                }

                if (token.Op != "not")
                {
                    throw new ConditionException("Not expecting '" + token.Op + "' in this position in if tag.", token.Start, token.End);
                }

                if (++_notDepth > MaxNesting)
                {
                    throw new ConditionException("Too many 'not' operators in if tag.", token.Start, token.End);
                }

                var operand = Expression(8);
                return new NotCondition(_session.Span(token.Start, End(operand)), operand);
            }

            private Condition Infix(ConditionToken token, Condition left)
            {
                var op = token.Op!;
                if (op == "not")
                {
                    throw new ConditionException("Not expecting 'not' as infix operator in if tag.", token.Start, token.End);
                }

                var right = Expression(BindingPower(op));
                var span = _session.Span(left.Span.Start, End(right));
                if (op is "or" or "and")
                {
                    return new BinaryCondition(span, op, left, right);
                }

                // Django compares whatever the operands evaluate to; the typed renderer compares values only.
                if (left is not ValueCondition leftValue || right is not ValueCondition rightValue)
                {
                    throw new ConditionException("The '" + op + "' operator needs a single value on each side in build-time templates.", token.Start, token.End);
                }

                return new ComparisonCondition(span, op, leftValue.Value, rightValue.Value);
            }

            private static int End(Condition condition) => condition.Span.Start + condition.Span.Length;
        }
    }
}
