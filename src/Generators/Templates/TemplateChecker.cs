using System;
using System.Collections.Generic;
using System.Linq;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Templates;

/// <summary>
/// Walks a flattened template as it would render, binding every variable, filter, loop and condition against
/// the context's types, and collects the errors with the file and span they belong to. What Django reports
/// (or silently renders as an empty string) at run time is reported here at build time.
/// </summary>
internal sealed class TemplateChecker
{
    /// <summary>Django's built-in filters the runtime implements (<c>Reinhardt.Templates.TemplateFilters</c>).</summary>
    public static readonly string[] Filters =
    {
        "add", "capfirst", "date", "default", "default_if_none", "escape", "first", "floatformat", "force_escape", "join",
        "json_script", "last", "length", "linebreaks", "linebreaksbr", "lower", "pluralize", "safe", "slice", "striptags",
        "time", "title", "truncatechars", "truncatewords", "upper", "urlencode", "wordcount", "yesno",
    };

    private static readonly HashSet<string> FilterSet = new(Filters, StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, TemplateFile> _files;
    private readonly TemplateBinder _binder;
    private readonly FlatTemplate _template;
    private readonly List<(string FilePath, TemplateError Error)> _errors;
    private readonly List<TemplateError> _pending = new();
    private int _loops;

    private TemplateChecker(IReadOnlyDictionary<string, TemplateFile> files, TemplateBinder binder, FlatTemplate template, List<(string FilePath, TemplateError Error)> errors)
    {
        _files = files;
        _binder = binder;
        _template = template;
        _errors = errors;
    }

    /// <summary>Checks <paramref name="template"/> against the context spec; returns the errors with their files.</summary>
    public static List<(string FilePath, TemplateError Error)> Check(IReadOnlyDictionary<string, TemplateFile> files, TemplateFile template, TemplateContextSpec context)
    {
        var errors = new List<(string FilePath, TemplateError Error)>();
        var flat = TemplateLibrary.Flatten(files, template, errors);
        var types = context.Types.Concat(new[] { ForLoopType }).ToList();
        var binder = new TemplateBinder(types);
        var checker = new TemplateChecker(files, binder, flat, errors);
        var scope = binder.RootScope(context.RootTypeKey, "context");
        foreach (var placed in flat.Nodes)
        {
            checker.Node(placed.File, placed.Node, scope);
        }

        return errors;
    }

    /// <summary>Django's <c>forloop</c>, as the runtime's <c>ForLoop</c> exposes it.</summary>
    private static readonly TemplateType ForLoopType = new(
        "global::Reinhardt.Templates.ForLoop",
        TemplateValueKind.Object,
        null,
        false,
        new[]
        {
            new TemplateMember("Counter", "counter", "int", false, false),
            new TemplateMember("Counter0", "counter0", "int", false, false),
            new TemplateMember("First", "first", "bool", false, false),
            new TemplateMember("Last", "last", "bool", false, false),
            new TemplateMember("ParentLoop", "parentloop", "global::Reinhardt.Templates.ForLoop", true, false),
            new TemplateMember("RevCounter", "revcounter", "int", false, false),
            new TemplateMember("RevCounter0", "revcounter0", "int", false, false),
        }.ToEquatableArray());

    private void Node(TemplateFile file, TemplateNode node, TemplateScope scope)
    {
        switch (node)
        {
            case VariableNode variable:
                Expression(file, variable.Expression, scope);
                break;
            case IfNode conditional:
                foreach (var branch in conditional.Branches)
                {
                    Condition(file, branch.Condition, scope);
                    Nodes(file, branch.Body, scope);
                }

                if (conditional.Else is { } otherwise)
                {
                    Nodes(file, otherwise, scope);
                }

                break;
            case ForNode loop:
                Loop(file, loop, scope);
                break;
            case WithNode with:
                var frame = new Dictionary<string, BoundValue>(StringComparer.Ordinal);
                foreach (var binding in with.Bindings)
                {
                    if (Expression(file, binding.Expression, scope) is { } value)
                    {
                        frame[binding.Name] = value;
                    }
                }

                scope.Push(frame);
                Nodes(file, with.Body, scope);
                scope.Pop();
                break;
            case BlockNode block:
                var chosen = _template.Blocks.TryGetValue(block.Name, out var definition) ? definition : (File: file, Block: block);
                Nodes(chosen.File, chosen.Block.Body, scope);
                break;
            case IncludeNode include when _files.TryGetValue(include.Template, out var included):
                Include(file, include, included, scope);
                break;
            case UrlNode url:
                foreach (var argument in url.Arguments.Concat(url.KeywordArguments.Select(k => k.Expression)))
                {
                    Expression(file, argument, scope);
                }

                break;
            case CycleNode cycle:
                foreach (var value in cycle.Values)
                {
                    Expression(file, value, scope);
                }

                break;
            case FirstOfNode first:
                foreach (var value in first.Values)
                {
                    Expression(file, value, scope);
                }

                break;
            default:
                foreach (var children in TemplateLibrary.Children(node))
                {
                    Nodes(file, children, scope);
                }

                break;
        }
    }

    private void Nodes(TemplateFile file, IEnumerable<TemplateNode> nodes, TemplateScope scope)
    {
        foreach (var node in nodes)
        {
            Node(file, node, scope);
        }
    }

    private void Loop(TemplateFile file, ForNode loop, TemplateScope scope)
    {
        var sequence = Expression(file, loop.Sequence, scope);
        var frame = new Dictionary<string, BoundValue>(StringComparer.Ordinal)
        {
            ["forloop"] = new BoundValue("forloop" + _loops, ForLoopType.Key, false, TemplateValueKind.Object),
        };
        if (sequence is not null)
        {
            var item = "item" + _loops;
            if (_binder.ElementOf(sequence, item) is { } element)
            {
                if (loop.LoopVariables.Count == 1)
                {
                    frame[loop.LoopVariables[0]] = element;
                }
                else
                {
                    // unpacking (for a, b in pairs) needs tuple shapes; the variables are checked by use
                    foreach (var name in loop.LoopVariables)
                    {
                        frame[name] = new BoundValue(item + "." + name, "object", true, TemplateValueKind.Object);
                    }
                }
            }
            else
            {
                Add(file, new TemplateError(TemplateBinder.UnknownVariableId, $"'{Describe(loop.Sequence.Value)}' is not a sequence, so it cannot be looped over", loop.Sequence.Span));
            }
        }

        _loops++;
        scope.Push(frame);
        Nodes(file, loop.Body, scope);
        scope.Pop();
        if (loop.Empty is { } empty)
        {
            Nodes(file, empty, scope);
        }
    }

    private void Include(TemplateFile file, IncludeNode include, TemplateFile included, TemplateScope scope)
    {
        var frame = new Dictionary<string, BoundValue>(StringComparer.Ordinal);
        foreach (var binding in include.Bindings)
        {
            if (Expression(file, binding.Expression, scope) is { } value)
            {
                frame[binding.Name] = value;
            }
        }

        // "only": the included template sees its bindings and nothing else
        var inner = include.Only ? new TemplateScope(frame) : scope;
        if (!include.Only)
        {
            scope.Push(frame);
        }

        Nodes(included, included.Document.Nodes, inner);
        if (!include.Only)
        {
            scope.Pop();
        }
    }

    private void Condition(TemplateFile file, Condition condition, TemplateScope scope)
    {
        switch (condition)
        {
            case BinaryCondition binary:
                Condition(file, binary.Left, scope);
                Condition(file, binary.Right, scope);
                break;
            case NotCondition not:
                Condition(file, not.Operand, scope);
                break;
            case ComparisonCondition comparison:
                Expression(file, comparison.Left, scope);
                Expression(file, comparison.Right, scope);
                break;
            case ValueCondition value:
                Expression(file, value.Value, scope);
                break;
        }
    }

    private BoundValue? Expression(TemplateFile file, FilterExpression expression, TemplateScope scope)
    {
        var value = Value(file, expression.Value, scope);
        foreach (var filter in expression.Filters)
        {
            if (!FilterSet.Contains(filter.Name))
            {
                var suggestion = TemplateBinder.Closest(filter.Name, Filters);
                Add(file, new TemplateError(
                    TemplateBinder.UnknownVariableId,
                    $"Unknown filter '{filter.Name}'" + (suggestion is null ? "." : $". Did you mean '{suggestion}'?"),
                    new TemplateSpan(filter.Span.Start, filter.Name.Length, filter.Span.Line, filter.Span.Column)));
            }

            if (filter.Argument is { } argument)
            {
                Value(file, argument, scope);
            }
        }

        return expression.Filters.Count == 0 ? value : null;
    }

    private BoundValue? Value(TemplateFile file, TemplateValue value, TemplateScope scope)
    {
        if (value is not VariablePath path)
        {
            return null;
        }

        // block.super is the parent's block, resolved when the block is flattened
        if (path.Parts.Count == 2 && path.Parts[0] == "block" && path.Parts[1] == "super")
        {
            return null;
        }

        var bound = _binder.Bind(path, scope, _pending);
        foreach (var error in _pending)
        {
            Add(file, error);
        }

        _pending.Clear();
        return bound;
    }

    private void Add(TemplateFile file, TemplateError error) => _errors.Add((file.FilePath, error));

    private static string Describe(TemplateValue value) => value is VariablePath path ? string.Join(".", path.Parts) : "value";
}
