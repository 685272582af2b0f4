using System;
using System.Collections.Generic;
using System.Linq;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Templates;

internal static partial class TemplateParser
{
    private sealed partial class Session
    {
        /// <summary>Parses one built-in tag (and its body); <see cref="_index"/> is at the tag. Null after an error.</summary>
        private TemplateNode? ParseTag(string command, TemplateToken token, List<Bit> bits)
        {
            _index++;
            return command switch
            {
                "if" => ParseIf(token, bits),
                "for" => ParseFor(token, bits),
                "with" => ParseWith(token, bits),
                "block" => ParseBlock(token, bits),
                "extends" => ParseExtends(token, bits),
                "include" => ParseInclude(token, bits),
                "url" => ParseUrl(token, bits),
                "csrf_token" => ParseNoArgumentTag(token, bits, new CsrfTokenNode(Span(token))),
                "autoescape" => ParseAutoescape(token, bits),
                "now" => ParseNow(token, bits),
                "cycle" => ParseCycle(token, bits),
                "spaceless" => ParseSpaceless(token, bits),
                "firstof" => ParseFirstOf(token, bits),
                "lorem" => ParseLorem(token, bits),
                "comment" => SkipComment(token),
                _ => ParseVerbatim(token),
            };
        }

        private TemplateNode? SyntaxError(string message, TemplateSpan span)
        {
            Report(SyntaxErrorId, message, span);
            return null;
        }

        private TemplateNode? ParseIf(TemplateToken token, List<Bit> bits)
        {
            var condition = ParseCondition(token, bits);
            var valid = condition is not null;
            var branches = new List<IfBranch>();
            var body = new List<TemplateNode>();
            var stop = ParseBody("if", token, IfTerminators, body);
            if (condition is not null)
            {
                branches.Add(new IfBranch(condition, body.ToEquatableArray()));
            }

            while (stop.Is("elif"))
            {
                var elifToken = _tokens[stop.TokenIndex];
                var elif = stop.Recovered ? null : ParseCondition(elifToken, Split(elifToken));
                valid &= elif is not null;
                body = new List<TemplateNode>();
                stop = ParseBody("if", token, IfTerminators, body);
                if (elif is not null)
                {
                    branches.Add(new IfBranch(elif, body.ToEquatableArray()));
                }
            }

            List<TemplateNode>? elseBody = null;
            if (stop.Is("else"))
            {
                CheckTerminatorHasNoArguments(stop);
                elseBody = new List<TemplateNode>();
                stop = ParseBody("if", token, EndIf, elseBody);
            }

            CheckTerminatorHasNoArguments(stop);
            return valid ? new IfNode(Span(token), branches.ToEquatableArray(), Optional(elseBody)) : null;
        }

        private TemplateNode? ParseFor(TemplateToken token, List<Bit> bits)
        {
            string? error = null;
            var loopVariables = new List<string>();
            FilterExpression? sequence = null;
            var reversed = false;
            if (bits.Count < 4)
            {
                error = "'for' statements should have at least four words: " + Contents(token);
            }
            else
            {
                reversed = bits[bits.Count - 1].Text == "reversed";
                var inIndex = bits.Count - (reversed ? 3 : 2);
                if (bits[inIndex].Text != "in")
                {
                    error = "'for' statements should use the format 'for x in y': " + Contents(token);
                }
                else
                {
                    // Django: re.split(r" *, *", " ".join(bits[1:in_index])), no name empty or holding ' " | or a space.
                    var names = string.Join(" ", bits.Skip(1).Take(inIndex - 1).Select(b => b.Text)).Split(',');
                    foreach (var name in names.Select(n => n.Trim(' ')))
                    {
                        if (name.Length == 0 || name.IndexOfAny(new[] { ' ', '"', '\'', '|' }) >= 0)
                        {
                            error = "'for' tag received an invalid argument: " + Contents(token);
                            break;
                        }

                        loopVariables.Add(name);
                    }

                    if (error is null)
                    {
                        sequence = ParseFilterExpression(bits[inIndex + 1].Start, bits[inIndex + 1].End);
                    }
                }
            }

            if (error is not null)
            {
                Report(SyntaxErrorId, error, Span(token));
            }

            var body = new List<TemplateNode>();
            var stop = ParseBody("for", token, ForTerminators, body);
            List<TemplateNode>? empty = null;
            if (stop.Is("empty"))
            {
                CheckTerminatorHasNoArguments(stop);
                empty = new List<TemplateNode>();
                stop = ParseBody("for", token, EndFor, empty);
            }

            CheckTerminatorHasNoArguments(stop);
            return sequence is null ? null
                : new ForNode(Span(token), loopVariables.ToEquatableArray(), sequence, reversed, body.ToEquatableArray(), Optional(empty));
        }

        private TemplateNode? ParseWith(TemplateToken token, List<Bit> bits)
        {
            var cursor = 1;
            var bindings = ParseKeywordArguments(bits, ref cursor, supportLegacy: true, out var valid);
            if (valid && bindings.Count == 0)
            {
                valid = false;
                Report(SyntaxErrorId, "'with' expected at least one variable assignment", Span(token));
            }
            else if (valid && cursor < bits.Count)
            {
                valid = false;
                Report(SyntaxErrorId, "'with' received an invalid token: '" + bits[cursor].Text + "'", Span(bits[cursor]));
            }

            var body = new List<TemplateNode>();
            var stop = ParseBody("with", token, new[] { "endwith" }, body);
            CheckTerminatorHasNoArguments(stop);
            return valid ? new WithNode(Span(token), bindings.ToEquatableArray(), body.ToEquatableArray()) : null;
        }

        /// <summary>
        /// Django's <c>token_kwargs</c>: <c>a=x b=y</c> (or, with <paramref name="supportLegacy"/>, <c>x as a and y as b</c>),
        /// from <paramref name="cursor"/>, stopping at the first bit that is not one; a later name replaces an earlier one.
        /// </summary>
        private List<NamedExpression> ParseKeywordArguments(List<Bit> bits, ref int cursor, bool supportLegacy, out bool valid)
        {
            var result = new List<NamedExpression>();
            valid = true;
            if (cursor >= bits.Count)
            {
                return result;
            }

            var keywordFormat = KeywordLength(bits[cursor].Text) > 0;
            if (!keywordFormat && (!supportLegacy || cursor + 2 >= bits.Count || bits[cursor + 1].Text != "as"))
            {
                return result;
            }

            while (cursor < bits.Count)
            {
                string name;
                FilterExpression? value;
                if (keywordFormat)
                {
                    var bit = bits[cursor];
                    var nameLength = KeywordLength(bit.Text);
                    if (nameLength == 0)
                    {
                        return result;
                    }

                    name = bit.Text.Substring(0, nameLength);
                    value = ParseFilterExpression(bit.Start + nameLength + 1, bit.End);
                    cursor++;
                }
                else
                {
                    if (cursor + 2 >= bits.Count || bits[cursor + 1].Text != "as")
                    {
                        return result;
                    }

                    name = bits[cursor + 2].Text;
                    value = ParseFilterExpression(bits[cursor].Start, bits[cursor].End);
                    cursor += 3;
                }

                if (value is null)
                {
                    valid = false;
                    return result;
                }

                var existing = result.FindIndex(b => b.Name == name);
                if (existing >= 0)
                {
                    result[existing] = new NamedExpression(name, value);
                }
                else
                {
                    result.Add(new NamedExpression(name, value));
                }

                if (cursor < bits.Count && !keywordFormat)
                {
                    if (bits[cursor].Text != "and")
                    {
                        return result;
                    }

                    cursor++;
                }
            }

            return result;
        }

        // Django's kwarg_re (?:(\w+)=)?(.+): the length of the name before '=' and a non-empty value, or 0.
        private static int KeywordLength(string bit)
        {
            var i = 0;
            while (i < bit.Length && IsWordChar(bit[i]))
            {
                i++;
            }

            return i > 0 && i + 1 < bit.Length && bit[i] == '=' ? i : 0;
        }

        private TemplateNode? ParseBlock(TemplateToken token, List<Bit> bits)
        {
            string? name = null;
            if (bits.Count != 2)
            {
                Report(SyntaxErrorId, "'block' tag takes only one argument", Span(token));
            }
            else if (!_blockNames.Add(bits[1].Text))
            {
                Report(DuplicateBlockId, "'block' tag with name '" + bits[1].Text + "' appears more than once", Span(bits[1]));
            }
            else
            {
                name = bits[1].Text;
            }

            var body = new List<TemplateNode>();
            var stop = ParseBody("block", token, new[] { "endblock" }, body);
            if (stop.Is("endblock") && !stop.Recovered)
            {
                var end = _tokens[stop.TokenIndex];
                var endBits = Split(end);
                var nameMatches = endBits.Count == 1 || (endBits.Count == 2 && bits.Count == 2 && endBits[1].Text == bits[1].Text);
                if (!nameMatches)
                {
                    var acceptable = bits.Count == 2 ? new[] { "endblock", "endblock " + bits[1].Text } : new[] { "endblock" };
                    Report(UnclosedOrMismatchedTagId, "Invalid block tag on line " + Invariant(LineNumber(end)) + ": '" + Contents(end) + "', expected "
                        + OrList(acceptable) + ".", Span(end));
                }
            }

            return name is null ? null : new BlockNode(Span(token), name, body.ToEquatableArray());
        }

        private TemplateNode? ParseExtends(TemplateToken token, List<Bit> bits)
        {
            var notFirst = _open.Count > 0 || _topLevelNonText;
            if (bits.Count != 2)
            {
                return SyntaxError("'extends' takes one argument", Span(token));
            }

            var parent = ParseTemplateName(bits[1], "extends", allowRecursion: false);
            if (parent is null)
            {
                return null;
            }

            if (_extends is not null)
            {
                Report(MisplacedExtendsId, "'extends' cannot appear more than once in the same template", Span(token));
                return null;
            }

            if (notFirst)
            {
                Report(MisplacedExtendsId, "'extends' must be the first tag in the template.", Span(token));
            }

            _extends = parent;
            _extendsSpan = Span(bits[1]);
            return null;
        }

        /// <summary>A template name for <c>extends</c>/<c>include</c>: a string literal, relative names resolved.</summary>
        private string? ParseTemplateName(Bit bit, string tagName, bool allowRecursion)
        {
            var expression = ParseFilterExpression(bit.Start, bit.End);
            if (expression is null)
            {
                return null;
            }

            if (expression.Value is not StringLiteral literal || expression.Filters.Count > 0)
            {
                Report(SyntaxErrorId, tagName + " with a variable is not supported at build time: the template name must be a string literal.", Span(bit));
                return null;
            }

            var name = literal.Value;
            if (!name.StartsWith("./", StringComparison.Ordinal) && !name.StartsWith("../", StringComparison.Ordinal))
            {
                return name;
            }

            // Django's construct_relative_path: posixpath.normpath(join(dirname(current), name)).
            var current = _path.TrimStart('/');
            var directory = current.LastIndexOf('/') is var slash and >= 0 ? current.Substring(0, slash) : string.Empty;
            var segments = new List<string>();
            foreach (var segment in (directory + "/" + name).Split('/'))
            {
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                else
                {
                    segments.Add(segment);
                }
            }

            var resolved = string.Join("/", segments);
            if (segments.Count > 0 && segments[0] == "..")
            {
                Report(SyntaxErrorId, "The relative path '" + bit.Text + "' points outside the file hierarchy that template '" + _path + "' is in.", Span(bit));
                return null;
            }

            if (!allowRecursion && resolved == current)
            {
                Report(SyntaxErrorId, "The relative path '" + bit.Text + "' was translated to template name '" + _path
                    + "', the same template in which the tag appears.", Span(bit));
                return null;
            }

            return resolved;
        }

        private TemplateNode? ParseInclude(TemplateToken token, List<Bit> bits)
        {
            if (bits.Count < 2)
            {
                return SyntaxError("'include' tag takes at least one argument: the name of the template to be included.", Span(token));
            }

            List<NamedExpression>? bindings = null;
            var only = false;
            var cursor = 2;
            while (cursor < bits.Count)
            {
                var option = bits[cursor++];
                if ((option.Text == "with" && bindings is not null) || (option.Text == "only" && only))
                {
                    return SyntaxError("The '" + option.Text + "' option was specified more than once.", Span(option));
                }

                if (option.Text == "with")
                {
                    bindings = ParseKeywordArguments(bits, ref cursor, supportLegacy: false, out var valid);
                    if (!valid)
                    {
                        return null;
                    }

                    if (bindings.Count == 0)
                    {
                        return SyntaxError("\"with\" in 'include' tag needs at least one keyword argument.", Span(option));
                    }
                }
                else if (option.Text == "only")
                {
                    only = true;
                }
                else
                {
                    return SyntaxError("Unknown argument for 'include' tag: '" + option.Text + "'.", Span(option));
                }
            }

            var name = ParseTemplateName(bits[1], "include", allowRecursion: true);
            return name is null ? null
                : new IncludeNode(Span(token), name, (bindings ?? new List<NamedExpression>()).ToEquatableArray(), only);
        }

        private TemplateNode? ParseUrl(TemplateToken token, List<Bit> bits)
        {
            if (bits.Count < 2)
            {
                return SyntaxError("'url' takes at least one argument, a URL pattern name.", Span(token));
            }

            var routeName = ParseFilterExpression(bits[1].Start, bits[1].End);
            if (routeName is null)
            {
                return null;
            }

            if (routeName.Value is not StringLiteral literal || routeName.Filters.Count > 0)
            {
                return SyntaxError("url with a variable route name is not supported at build time: the name must be a string literal.", Span(bits[1]));
            }

            var end = bits.Count;
            string? asVariable = null;
            if (end - 2 >= 2 && bits[end - 2].Text == "as")
            {
                asVariable = bits[end - 1].Text;
                end -= 2;
            }

            var arguments = new List<FilterExpression>();
            var keywordArguments = new List<NamedExpression>();
            for (var i = 2; i < end; i++)
            {
                var nameLength = KeywordLength(bits[i].Text);
                var value = ParseFilterExpression(bits[i].Start + (nameLength > 0 ? nameLength + 1 : 0), bits[i].End);
                if (value is null)
                {
                    return null;
                }

                if (nameLength > 0)
                {
                    keywordArguments.Add(new NamedExpression(bits[i].Text.Substring(0, nameLength), value));
                }
                else
                {
                    arguments.Add(value);
                }
            }

            if (arguments.Count > 0 && keywordArguments.Count > 0)
            {
                // Django fails at render time (reverse() refuses *args with **kwargs); here it is caught at build time.
                return SyntaxError("Don't mix positional and keyword arguments in the 'url' tag.", Span(token));
            }

            return new UrlNode(Span(token), literal.Value, arguments.ToEquatableArray(), keywordArguments.ToEquatableArray(), asVariable);
        }

        private TemplateNode? ParseNoArgumentTag(TemplateToken token, List<Bit> bits, TemplateNode node) =>
            bits.Count == 1 ? node : SyntaxError("'" + bits[0].Text + "' takes no arguments", Span(token));

        private TemplateNode? ParseAutoescape(TemplateToken token, List<Bit> bits)
        {
            var valid = false;
            if (bits.Count != 2)
            {
                Report(SyntaxErrorId, "'autoescape' tag requires exactly one argument.", Span(token));
            }
            else if (bits[1].Text != "on" && bits[1].Text != "off")
            {
                Report(SyntaxErrorId, "'autoescape' argument should be 'on' or 'off'", Span(bits[1]));
            }
            else
            {
                valid = true;
            }

            var body = new List<TemplateNode>();
            var stop = ParseBody("autoescape", token, new[] { "endautoescape" }, body);
            CheckTerminatorHasNoArguments(stop);
            return valid ? new AutoescapeNode(Span(token), bits[1].Text == "on", body.ToEquatableArray()) : null;
        }

        private TemplateNode? ParseNow(TemplateToken token, List<Bit> bits)
        {
            string? asVariable = null;
            var count = bits.Count;
            if (count == 4 && bits[2].Text == "as")
            {
                asVariable = bits[3].Text;
                count = 2;
            }

            if (count != 2)
            {
                return SyntaxError("'now' statement takes one argument", Span(token));
            }

            var format = bits[1].Text;
            if (format.Length < 2 || (format[0] != '"' && format[0] != '\'') || format[format.Length - 1] != format[0])
            {
                return SyntaxError("'now' format must be a string literal", Span(bits[1]));
            }

            // Django takes bits[1][1:-1] as is, without unescaping.
            return new NowNode(Span(token), format.Substring(1, format.Length - 2), asVariable);
        }

        private TemplateNode? ParseCycle(TemplateToken token, List<Bit> bits)
        {
            if (bits.Count < 2)
            {
                return SyntaxError("'cycle' tag requires at least two arguments", Span(token));
            }

            if (bits.Count == 2)
            {
                var name = bits[1].Text;
                if (_namedCycles.Count == 0)
                {
                    return SyntaxError("No named cycles in template. '" + name + "' is not defined", Span(bits[1]));
                }

                return _namedCycles.Contains(name)
                    ? new CycleReferenceNode(Span(token), name)
                    : SyntaxError("Named cycle '" + name + "' does not exist", Span(bits[1]));
            }

            var end = bits.Count;
            string? asVariable = null;
            var silent = false;
            if (bits.Count > 4)
            {
                if (bits[bits.Count - 3].Text == "as")
                {
                    if (bits[bits.Count - 1].Text != "silent")
                    {
                        return SyntaxError("Only 'silent' flag is allowed after cycle's name, not '" + bits[bits.Count - 1].Text + "'.", Span(bits[bits.Count - 1]));
                    }

                    silent = true;
                    asVariable = bits[bits.Count - 2].Text;
                    end = bits.Count - 3;
                }
                else if (bits[bits.Count - 2].Text == "as")
                {
                    asVariable = bits[bits.Count - 1].Text;
                    end = bits.Count - 2;
                }
            }

            var values = new List<FilterExpression>();
            for (var i = 1; i < end; i++)
            {
                if (ParseFilterExpression(bits[i].Start, bits[i].End) is not { } value)
                {
                    return null;
                }

                values.Add(value);
            }

            if (asVariable is not null)
            {
                _namedCycles.Add(asVariable);
            }

            return new CycleNode(Span(token), values.ToEquatableArray(), asVariable, silent);
        }

        private TemplateNode? ParseSpaceless(TemplateToken token, List<Bit> bits)
        {
            var valid = bits.Count == 1;
            if (!valid)
            {
                Report(SyntaxErrorId, "'spaceless' takes no arguments", Span(token));
            }

            var body = new List<TemplateNode>();
            var stop = ParseBody("spaceless", token, new[] { "endspaceless" }, body);
            CheckTerminatorHasNoArguments(stop);
            return valid ? new SpacelessNode(Span(token), body.ToEquatableArray()) : null;
        }

        private TemplateNode? ParseFirstOf(TemplateToken token, List<Bit> bits)
        {
            if (bits.Count < 2)
            {
                return SyntaxError("'firstof' statement requires at least one argument", Span(token));
            }

            var end = bits.Count;
            string? asVariable = null;
            if (end - 1 >= 2 && bits[end - 2].Text == "as")
            {
                asVariable = bits[end - 1].Text;
                end -= 2;
            }

            var values = new List<FilterExpression>();
            for (var i = 1; i < end; i++)
            {
                if (ParseFilterExpression(bits[i].Start, bits[i].End) is not { } value)
                {
                    return null;
                }

                values.Add(value);
            }

            return new FirstOfNode(Span(token), values.ToEquatableArray(), asVariable);
        }

        private TemplateNode? ParseLorem(TemplateToken token, List<Bit> bits)
        {
            // Django: [random] last, then the method (w, p or b; default b), then the count (default 1).
            var end = bits.Count;
            var random = bits[end - 1].Text == "random";
            if (random)
            {
                end--;
            }

            var method = 'b';
            if (end > 1 && bits[end - 1].Text is "w" or "p" or "b")
            {
                method = bits[end - 1].Text[0];
                end--;
            }

            var count = 1;
            if (end > 1)
            {
                var countBit = bits[end - 1];
                end--;
                if (end != 1)
                {
                    return SyntaxError("Incorrect format for 'lorem' tag", Span(token));
                }

                if (countBit.Text.Length > 9 || !countBit.Text.All(c => c is >= '0' and <= '9'))
                {
                    return SyntaxError("'lorem' count must be an integer literal at build time", Span(countBit));
                }

                count = int.Parse(countBit.Text, System.Globalization.CultureInfo.InvariantCulture);
            }

            return new LoremNode(Span(token), count, method, random);
        }

        /// <summary><c>{% comment %}</c>: everything up to a tag reading exactly <c>endcomment</c> is dropped.</summary>
        private TemplateNode? SkipComment(TemplateToken token)
        {
            while (_index < _tokens.Count)
            {
                var candidate = _tokens[_index++];
                if (candidate.Kind == TemplateTokenKind.Block && Contents(candidate) == "endcomment")
                {
                    return null;
                }
            }

            Report(UnclosedOrMismatchedTagId, "Unclosed tag on line " + Invariant(LineNumber(token)) + ": 'comment'. Looking for one of: endcomment.", Span(token));
            return null;
        }

        /// <summary><c>{% verbatim %}</c>: the lexer kept everything up to the matching end tag as text.</summary>
        private TemplateNode? ParseVerbatim(TemplateToken token)
        {
            for (var i = _index; i < _tokens.Count; i++)
            {
                var candidate = _tokens[i];
                if (candidate.Kind == TemplateTokenKind.Block && Contents(candidate).Split(' ')[0] == "endverbatim")
                {
                    _index = i + 1;
                    return candidate.Start == token.End ? null : new TextNode(Span(token.End, candidate.Start), _text.Substring(token.End, candidate.Start - token.End));
                }
            }

            _index = _tokens.Count;
            Report(UnclosedOrMismatchedTagId, "Unclosed tag on line " + Invariant(LineNumber(token)) + ": 'verbatim'. Looking for one of: endverbatim.", Span(token));
            return null;
        }
    }
}
