using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Templates;

/// <summary>
/// Compiles a flattened template against its typed context into the body of a <c>Render</c> method: literal
/// text as UTF-8 literals, values written by type through <c>TemplateWriter</c> (escaped unless safe), filters as
/// calls chosen by the bound type, loops as indexed <c>for</c>s, blocks and includes inlined. Walking the template
/// as it renders is also how it is checked: what does not bind, or binds to the wrong type, is an error with
/// the file and span it belongs to, and a template with errors emits nothing.
/// </summary>
internal sealed partial class TemplateEmitter
{
    public const string TypeErrorId = "RH0047";
    public const string UrlErrorId = "RH1008";
    public const string CsrfErrorId = "RH4002";
    public const string CodeContextId = "RH3003";
    public const string UrlContextId = "RH3004";
    public const string EscapingOffId = "RH3005";

    private const string Runtime = "global::Reinhardt.Templates.";
    private const string Filters = Runtime + "TemplateFilters.";
    private const string Text = Runtime + "TemplateText.";

    /// <summary>Django's built-in filters the runtime implements (<c>Reinhardt.Templates.TemplateFilters</c>).</summary>
    public static readonly string[] FilterNames =
    {
        "add", "capfirst", "date", "default", "default_if_none", "escape", "first", "floatformat", "force_escape", "join",
        "json_script", "last", "length", "linebreaks", "linebreaksbr", "lower", "pluralize", "safe", "slice", "striptags",
        "time", "title", "truncatechars", "truncatewords", "upper", "urlencode", "wordcount", "yesno",
    };

    /// <summary>Django's <c>forloop</c>, as the runtime's <c>ForLoop</c> exposes it.</summary>
    private static readonly TemplateType ForLoopType = new(
        Runtime + "ForLoop",
        TemplateValueKind.Object,
        null,
        false,
        new[]
        {
            new TemplateMember("Counter", "counter", "int", false, false),
            new TemplateMember("Counter0", "counter0", "int", false, false),
            new TemplateMember("First", "first", "bool", false, false),
            new TemplateMember("Last", "last", "bool", false, false),
            new TemplateMember("ParentLoop", "parentloop", Runtime + "ForLoop", true, false),
            new TemplateMember("RevCounter", "revcounter", "int", false, false),
            new TemplateMember("RevCounter0", "revcounter0", "int", false, false),
        }.ToEquatableArray());

    private readonly IReadOnlyDictionary<string, TemplateFile> _files;
    private readonly TemplateBinder _binder;
    private readonly FlatTemplate _template;
    private readonly TemplateRoutesSpec _routes;
    private readonly List<(string FilePath, TemplateError Error)> _errors;
    private readonly List<TemplateError> _pending = new();
    private readonly SourceWriter _code = new();
    private readonly List<string> _locals = new();
    private readonly StringBuilder _text = new();
    private readonly Stack<string> _loops = new();
    private readonly Dictionary<string, Cycle> _cycles = new(StringComparer.Ordinal);
    private readonly Stack<(string Name, int Definition)> _blocks = new();
    private readonly HashSet<string> _including = new(StringComparer.Ordinal);
    private readonly HtmlContext _html = new();
    private string _writer = "writer";
    private bool _autoescape = true;
    private int _ids;

    // RH4002: the POST form open at this point of the rendering, and whether a csrf_token has been seen in it
    private (string FilePath, TemplateSpan Span)? _postForm;
    private bool _postFormHasToken;

    private TemplateEmitter(IReadOnlyDictionary<string, TemplateFile> files, TemplateBinder binder, FlatTemplate template, TemplateRoutesSpec routes, List<(string FilePath, TemplateError Error)> errors)
    {
        _files = files;
        _binder = binder;
        _template = template;
        _routes = routes;
        _errors = errors;
    }

    /// <summary>
    /// Binds and compiles <paramref name="template"/> for <paramref name="context"/>. Returns the errors with their
    /// files, and the generated source when there are none.
    /// </summary>
    public static (List<(string FilePath, TemplateError Error)> Errors, string? Source) Emit(
        IReadOnlyDictionary<string, TemplateFile> files, TemplateFile template, TemplateContextSpec context, TemplateRoutesSpec routes)
    {
        var errors = new List<(string FilePath, TemplateError Error)>();
        var flat = TemplateLibrary.Flatten(files, template, errors);
        var binder = new TemplateBinder(context.Types.Concat(new[] { ForLoopType }));
        var emitter = new TemplateEmitter(files, binder, flat, routes, errors);
        emitter._including.Add(template.Name);
        var scope = binder.RootScope(context.RootTypeKey, "this");
        emitter.Nodes(flat.Root, flat.Root.Document.Nodes, scope);

        emitter.FlushText();
        emitter.CheckPostFormClosed();
        // warnings (RH3004, RH3005) do not stop the renderer
        return (errors, errors.All(e => e.Error.Id is UrlContextId or EscapingOffId) ? emitter.Source(context) : null);
    }

    private string Source(TemplateContextSpec context)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCode.FileHeader);
        writer.WriteLine("#pragma warning disable CS0162 // a condition on a constant (True, None) leaves code unreachable");
        context.Hierarchy.WriteOpen(writer, " : global::Reinhardt.Templates.ITemplatePage, global::Microsoft.AspNetCore.Http.IResult");
        writer.WriteLine($"/// <summary>Renders <c>{Escape(context.TemplatePath)}</c> with this context (compiled at build time).</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine("public void Render(ref global::Reinhardt.Templates.TemplateWriter writer, global::Microsoft.AspNetCore.Http.HttpContext? httpContext)");
        writer.OpenBlock();
        foreach (var local in _locals)
        {
            writer.WriteLine(local);
        }

        foreach (var line in _code.ToString().Split('\n'))
        {
            if (line.Length > 0)
            {
                writer.WriteLine(line.TrimEnd('\r'));
            }
        }

        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Writes <c>{Escape(context.TemplatePath)}</c> as the response (200, <c>text/html; charset=utf-8</c>).</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine("global::System.Threading.Tasks.Task global::Microsoft.AspNetCore.Http.IResult.ExecuteAsync(global::Microsoft.AspNetCore.Http.HttpContext httpContext) =>");
        writer.WriteLine("    global::Reinhardt.Templates.TemplateRendering.WriteResponseAsync(this, httpContext);");
        context.Hierarchy.WriteClose(writer);
        return writer.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private string NewName(string prefix) => prefix + _ids++;

    private void Line(string code)
    {
        FlushText();
        _code.WriteLine(code);
    }

    private void Open(string header)
    {
        Line(header);
        _code.OpenBlock();
    }

    private void Close()
    {
        FlushText();
        _code.CloseBlock();
    }

    private void FlushText()
    {
        if (_text.Length == 0)
        {
            return;
        }

        _code.WriteLine($"{_writer}.WriteLiteral({SymbolDisplay.FormatLiteral(_text.ToString(), quote: true)}u8);");
        _text.Clear();
    }

    private void Add(TemplateFile file, TemplateError error) => _errors.Add((file.FilePath, error));

    private void Error(TemplateFile file, string id, string message, TemplateSpan span) => Add(file, new TemplateError(id, message, span));

    private void Node(TemplateFile file, TemplateNode node, TemplateScope scope)
    {
        switch (node)
        {
            case TextNode text:
                _text.Append(text.Text);
                _html.Feed(text.Text);
                ScanForms(file, text);
                break;
            case VariableNode variable:
                Variable(file, variable, scope);
                break;
            case IfNode conditional:
                If(file, conditional, scope);
                break;
            case ForNode loop:
                Loop(file, loop, scope);
                break;
            case WithNode with:
                With(file, with, scope);
                break;
            case BlockNode block:
                Block(block, scope);
                break;
            case IncludeNode include:
                Include(file, include, scope);
                break;
            case UrlNode url:
                Url(file, url, scope);
                _html.ValueWritten();
                break;
            case CsrfTokenNode:
                _postFormHasToken = true;
                Open("if (httpContext is not null)");
                Line($"{_writer}.WriteLiteral(\"<input type=\\\"hidden\\\" name=\\\"csrfmiddlewaretoken\\\" value=\\\"\"u8);");
                Line($"{_writer}.Write(global::Reinhardt.Http.CsrfToken.GetToken(httpContext));");
                Line($"{_writer}.WriteLiteral(\"\\\">\"u8);");
                Close();
                break;
            case AutoescapeNode autoescape:
                var outer = _autoescape;
                _autoescape = autoescape.On;
                Nodes(file, autoescape.Body, scope);
                _autoescape = outer;
                break;
            case NowNode now:
                var date = new BoundValue($"{Filters}Date(global::System.DateTime.Now, {SymbolDisplay.FormatLiteral(now.Format, quote: true)})", "string", false, TemplateValueKind.String);
                Output(date, now.AsVariable, scope);
                break;
            case CycleNode cycle:
                CycleNew(file, cycle, scope);
                break;
            case CycleReferenceNode reference:
                CycleNext(file, reference);
                break;
            case SpacelessNode spaceless:
                Spaceless(file, spaceless, scope);
                break;
            case FirstOfNode firstOf:
                FirstOf(file, firstOf, scope);
                break;
            case LoremNode lorem:
                var words = new BoundValue($"{Runtime}TemplateLorem.Text({lorem.Count}, '{lorem.Method}', {(lorem.Random ? "true" : "false")})", "string", false, TemplateValueKind.String);
                Output(lorem.Method == 'p' ? Safe(words) : words, null, scope);
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

    /// <summary>Writes a value, or (<c>as name</c>) binds it to a local the rest of the block can use.</summary>
    private void Output(BoundValue value, string? asVariable, TemplateScope scope)
    {
        if (asVariable is null)
        {
            Write(value);
            return;
        }

        // declared for the whole render: Django's "as" variable outlives an enclosing {% if %}
        var local = NewName("value");
        _locals.Add($"{value.TypeKey}{(value.Nullable ? "?" : string.Empty)} {local} = default!;");
        Line($"{local} = {value.Expression};");
        scope.Set(asVariable, value with { Expression = local });
    }

    private void Variable(TemplateFile file, VariableNode variable, TemplateScope scope)
    {
        // {{ block.super }}: the parent's definition of the block being rendered, inlined
        if (variable.Expression.Value is VariablePath { Parts: { Count: 2 } parts } && parts[0] == "block" && parts[1] == "super")
        {
            BlockSuper(file, variable, scope);
            return;
        }

        if (Expression(file, variable.Expression, scope) is { } value)
        {
            CheckContext(file, variable, value);
            Write(value);
        }

        _html.ValueWritten();
    }

    /// <summary>RH3003, RH3004, RH3005: escaping that does not fit where the value lands, or that is turned off.</summary>
    private void CheckContext(TemplateFile file, VariableNode variable, BoundValue value)
    {
        // literals, numbers and dates cannot carry markup or a scheme
        var data = value.Constant is null && !IsNumber(value) && value.Kind is not (TemplateValueKind.Boolean or TemplateValueKind.DateTime
            or TemplateValueKind.DateOnly or TemplateValueKind.TimeOnly or TemplateValueKind.Guid);
        var name = Describe(variable.Expression.Value);
        switch (_html.Position)
        {
            case HtmlPosition.Code when data:
                Error(file, CodeContextId, $"'{name}' is written inside {_html.Describe()}, where HTML escaping does not stop script injection: pass data to scripts with the json_script filter", variable.Span);
                break;
            case HtmlPosition.UrlStart when data && value.Kind == TemplateValueKind.String:
                Error(file, UrlContextId, $"'{name}' is plain text at the start of {_html.Describe()}: escaping lets 'javascript:' URLs through; build the URL with {{% url %}} or check its scheme before it reaches the template", variable.Span);
                break;
        }

        if (!_autoescape && data && value.Kind == TemplateValueKind.String)
        {
            Error(file, EscapingOffId, $"'{name}' is written with {{% autoescape off %}}: any markup in it reaches the page; keep escaping on for data", variable.Span);
        }
    }

    private void If(TemplateFile file, IfNode conditional, TemplateScope scope)
    {
        for (var i = 0; i < conditional.Branches.Count; i++)
        {
            var branch = conditional.Branches[i];
            var condition = Condition(file, branch.Condition, scope) ?? "false";
            Open((i == 0 ? "if (" : "else if (") + condition + ")");
            Nodes(file, branch.Body, scope);
            Close();
        }

        if (conditional.Else is { } otherwise)
        {
            Open("else");
            Nodes(file, otherwise, scope);
            Close();
        }
    }

    private void Loop(TemplateFile file, ForNode loop, TemplateScope scope)
    {
        var sequence = Expression(file, loop.Sequence, scope);
        if (sequence is null)
        {
            return;
        }

        var element = _binder.ElementOf(sequence, NewName("item"));
        if (element is null)
        {
            Error(file, TypeErrorId, $"'{Describe(loop.Sequence.Value)}' ({Display(sequence.TypeKey)}) is not a sequence, so it cannot be looped over", loop.Sequence.Span);
            return;
        }

        if (loop.LoopVariables.Count != 1)
        {
            Error(file, TypeErrorId, $"Unpacking in a for loop ({string.Join(", ", loop.LoopVariables)}) is not supported: loop over the items and use their members", loop.Span);
            return;
        }

        var items = NewName("items");
        var index = NewName("i");
        Open("");
        Line($"var {items} = {Runtime}ForLoop.Span({sequence.Expression}{(loop.Reversed ? ", reversed: true" : string.Empty)});");
        Open($"if ({items}.Length != 0)");
        var frame = new Dictionary<string, BoundValue>(StringComparer.Ordinal) { [loop.LoopVariables[0]] = element };

        // forloop costs an allocation: only when the body reads it (its own or, through parentloop, a nested one's)
        var forloop = UsesForLoop(loop.Body) ? NewName("forloop") : null;
        if (forloop is not null)
        {
            var parent = _loops.Count > 0 && _loops.Peek() is { Length: > 0 } p ? p : "null";
            Line($"var {forloop} = new {Runtime}ForLoop({items}.Length, {parent});");
            frame["forloop"] = new BoundValue(forloop, ForLoopType.Key, false, TemplateValueKind.Object);
        }

        _loops.Push(forloop ?? string.Empty);
        Open($"for (var {index} = 0; {index} < {items}.Length; {index}++)");
        Line($"var {element.Expression} = {items}[{index}];");
        scope.Push(frame);
        Nodes(file, loop.Body, scope);
        scope.Pop();
        if (forloop is not null)
        {
            Line($"{forloop}.MoveNext();");
        }

        Close();
        _loops.Pop();
        Close();
        if (loop.Empty is { } empty)
        {
            Open("else");
            Nodes(file, empty, scope);
            Close();
        }

        Close();
    }

    private static bool UsesForLoop(IEnumerable<TemplateNode> nodes) =>
        nodes.Any(n => n switch
        {
            VariableNode v => UsesForLoop(v.Expression),
            IfNode i => i.Branches.Any(b => UsesForLoop(b.Condition) || UsesForLoop(b.Body)) || (i.Else is { } e && UsesForLoop(e)),
            ForNode f => UsesForLoop(f.Sequence) || UsesForLoop(f.Body) || (f.Empty is { } e && UsesForLoop(e)),
            WithNode w => w.Bindings.Any(b => UsesForLoop(b.Expression)) || UsesForLoop(w.Body),
            UrlNode u => u.Arguments.Any(UsesForLoop) || u.KeywordArguments.Any(k => UsesForLoop(k.Expression)),
            CycleNode c => c.Values.Any(UsesForLoop),
            FirstOfNode f => f.Values.Any(UsesForLoop),
            IncludeNode => true,
            BlockNode => true,
            _ => TemplateLibrary.Children(n).Any(UsesForLoop),
        });

    private static bool UsesForLoop(Condition condition) => condition switch
    {
        BinaryCondition b => UsesForLoop(b.Left) || UsesForLoop(b.Right),
        NotCondition n => UsesForLoop(n.Operand),
        ComparisonCondition c => UsesForLoop(c.Left) || UsesForLoop(c.Right),
        ValueCondition v => UsesForLoop(v.Value),
        _ => false,
    };

    private static bool UsesForLoop(FilterExpression expression) =>
        IsForLoop(expression.Value) || expression.Filters.Any(f => f.Argument is { } a && IsForLoop(a));

    private static bool IsForLoop(TemplateValue value) => value is VariablePath path && path.Parts[0] == "forloop";

    private void With(TemplateFile file, WithNode with, TemplateScope scope)
    {
        Open("");
        scope.Push(Bind(file, with.Bindings, scope));
        Nodes(file, with.Body, scope);
        scope.Pop();
        Close();
    }

    /// <summary><c>with a=b</c> (the tag, or <c>include ... with</c>): each value evaluated once into a local.</summary>
    private Dictionary<string, BoundValue> Bind(TemplateFile file, IEnumerable<NamedExpression> bindings, TemplateScope scope)
    {
        var frame = new Dictionary<string, BoundValue>(StringComparer.Ordinal);
        foreach (var binding in bindings)
        {
            if (Expression(file, binding.Expression, scope) is { } value)
            {
                var local = NewName("with");
                Line($"var {local} = {value.Expression};");
                frame[binding.Name] = value with { Expression = local };
            }
        }

        return frame;
    }

    private void Block(BlockNode block, TemplateScope scope)
    {
        if (!_template.Blocks.TryGetValue(block.Name, out var definitions))
        {
            return;
        }

        RenderBlock(block.Name, definitions, 0, scope);
    }

    private void RenderBlock(string name, List<(TemplateFile File, BlockNode Block)> definitions, int index, TemplateScope scope)
    {
        var (file, definition) = definitions[index];
        _blocks.Push((name, index));
        Nodes(file, definition.Body, scope);
        _blocks.Pop();
    }

    private void BlockSuper(TemplateFile file, VariableNode variable, TemplateScope scope)
    {
        if (_blocks.Count == 0)
        {
            Error(file, TypeErrorId, "'block.super' is only meaningful inside a {% block %}", variable.Span);
            return;
        }

        if (variable.Expression.Filters.Count > 0)
        {
            Error(file, TypeErrorId, "Filters on 'block.super' are not supported: the parent block is inlined as it renders", variable.Expression.Filters[0].Span);
            return;
        }

        var (name, index) = _blocks.Peek();
        var definitions = _template.Blocks[name];
        if (index + 1 < definitions.Count)
        {
            RenderBlock(name, definitions, index + 1, scope);
        }
    }

    private void Include(TemplateFile file, IncludeNode include, TemplateScope scope)
    {
        if (!_files.TryGetValue(include.Template, out var included))
        {
            Error(file, TemplateLibrary.TemplateNotFoundId, $"'{include.Template}' is not a template of this project", include.Span);
            return;
        }

        if (!_including.Add(include.Template))
        {
            Error(file, TemplateLibrary.TemplateNotFoundId, $"'{include.Template}' includes itself", include.Span);
            return;
        }

        Open("");
        var frame = Bind(file, include.Bindings, scope);

        // "only": the included template sees its bindings and nothing else
        var inner = include.Only ? new TemplateScope(frame) : scope;
        if (!include.Only)
        {
            scope.Push(frame);
        }

        // an included template is rendered on its own: the includer's blocks do not reach into it
        var blocks = new Stack<(string, int)>(_blocks);
        _blocks.Clear();
        Nodes(included, included.Document.Nodes, inner);
        foreach (var entry in blocks)
        {
            _blocks.Push(entry);
        }

        if (!include.Only)
        {
            scope.Pop();
        }

        Close();
        _including.Remove(include.Template);
    }

    private void Spaceless(TemplateFile file, SpacelessNode spaceless, TemplateScope scope)
    {
        var buffer = NewName("spaceless");
        var outer = _writer;
        Open("");
        Line($"var {buffer} = new global::System.Buffers.ArrayBufferWriter<byte>();");
        _writer = buffer + "Writer";
        Line($"var {_writer} = new {Runtime}TemplateWriter({buffer});");
        Nodes(file, spaceless.Body, scope);
        FlushText();
        Line($"{_writer}.Flush();");
        _writer = outer;
        Line($"{_writer}.WriteSpaceless({buffer}.WrittenSpan);");
        Close();
    }

    private void FirstOf(TemplateFile file, FirstOfNode firstOf, TemplateScope scope)
    {
        var values = firstOf.Values.Select(v => Expression(file, v, scope)).ToList();
        if (values.Any(v => v is null))
        {
            return;
        }

        // the first true value, escaped (Django 1.8+), else nothing
        var expression = $"{Runtime}SafeString.Empty";
        for (var i = values.Count - 1; i >= 0; i--)
        {
            expression = $"({Truth(values[i]!)} ? {SafeOf(values[i]!)} : {expression})";
        }

        Output(new BoundValue(expression, Runtime + "SafeString", false, TemplateValueKind.Safe), firstOf.AsVariable, scope);
    }

    /// <summary>A cycle's state: a counter local to the render, its values, and (when named) the local holding the current one.</summary>
    private sealed record Cycle(string Counter, string Current, IReadOnlyList<BoundValue> Values, bool Silent);

    private void CycleNew(TemplateFile file, CycleNode node, TemplateScope scope)
    {
        var values = node.Values.Select(v => Expression(file, v, scope)).ToList();
        if (values.Any(v => v is null))
        {
            return;
        }

        var cycle = new Cycle(NewName("cycle"), NewName("cycleValue"), values!, node.Silent);
        _locals.Add($"var {cycle.Counter} = 0;");
        _locals.Add($"var {cycle.Current} = {Runtime}SafeString.Empty;");
        if (node.AsVariable is { } name)
        {
            _cycles[name] = cycle;
            scope.Set(name, new BoundValue(cycle.Current, Runtime + "SafeString", false, TemplateValueKind.Safe));
        }

        Advance(cycle);
    }

    private void CycleNext(TemplateFile file, CycleReferenceNode reference)
    {
        if (!_cycles.TryGetValue(reference.Name, out var cycle))
        {
            Error(file, TemplateBinder.UnknownVariableId, $"No named cycle '{reference.Name}' is declared before this point (declare it with {{% cycle ... as {reference.Name} %}})", reference.Span);
            return;
        }

        Advance(cycle);
    }

    private void Advance(Cycle cycle)
    {
        var arms = string.Join(", ", cycle.Values.Select((v, i) => (i == cycle.Values.Count - 1 ? "_" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + " => " + SafeOf(v)));
        Line($"{cycle.Current} = ({cycle.Counter}++ % {cycle.Values.Count}) switch {{ {arms} }};");
        if (!cycle.Silent)
        {
            Line($"{_writer}.Write({cycle.Current});");
        }
    }

    /// <summary>Binds an expression and applies its filters; null (with errors recorded) when something does not bind.</summary>
    private BoundValue? Expression(TemplateFile file, FilterExpression expression, TemplateScope scope)
    {
        var value = Value(file, expression.Value, scope);
        foreach (var filter in expression.Filters)
        {
            if (Array.IndexOf(FilterNames, filter.Name) < 0)
            {
                var suggestion = TemplateBinder.Closest(filter.Name, FilterNames);
                Error(file, TemplateBinder.UnknownVariableId, $"Unknown filter '{filter.Name}'" + (suggestion is null ? "." : $". Did you mean '{suggestion}'?"), NameSpan(filter));
                value = null;
                continue;
            }

            var argument = filter.Argument is { } a ? Value(file, a, scope) : null;
            if (value is null || (filter.Argument is not null && argument is null))
            {
                value = null;
                continue;
            }

            value = Filter(file, filter, value, argument);
        }

        return value;
    }

    private static TemplateSpan NameSpan(FilterCall filter) => new(filter.Span.Start, filter.Name.Length, filter.Span.Line, filter.Span.Column);

    private BoundValue? Value(TemplateFile file, TemplateValue value, TemplateScope scope)
    {
        switch (value)
        {
            case StringLiteral text:
                // Django marks a template's string literals safe
                return new BoundValue($"new {Runtime}SafeString({SymbolDisplay.FormatLiteral(text.Value, quote: true)})", Runtime + "SafeString", false, TemplateValueKind.Safe, text.Value);
            case NumberLiteral number:
                var isInteger = number.Text.All(c => char.IsDigit(c) || c == '-');
                return isInteger
                    ? new BoundValue(number.Text, "int", false, TemplateValueKind.Integer, number.Text)
                    : new BoundValue(number.Text + "d", "double", false, TemplateValueKind.Float, number.Text);
            case VariablePath path:
                if (path.Parts.Count == 1 && scope.Find(path.Parts[0]) is null)
                {
                    switch (path.Parts[0])
                    {
                        case "True":
                            return new BoundValue("true", "bool", false, TemplateValueKind.Boolean, "True");
                        case "False":
                            return new BoundValue("false", "bool", false, TemplateValueKind.Boolean, "False");
                        case "None":
                            return new BoundValue("null", "object", true, TemplateValueKind.Object, "None");
                    }
                }

                var bound = _binder.Bind(path, scope, _pending);
                foreach (var error in _pending)
                {
                    Add(file, error);
                }

                _pending.Clear();
                return bound;
            default:
                return null;
        }
    }

    private static string Describe(TemplateValue value) => value switch
    {
        VariablePath path => string.Join(".", path.Parts),
        StringLiteral text => "\"" + text.Value + "\"",
        NumberLiteral number => number.Text,
        _ => "value",
    };

    private static string Display(string typeKey) => typeKey.Replace("global::", string.Empty);

    /// <summary>RH4002: a <c>&lt;form method="post"&gt;</c> must have a <c>{% csrf_token %}</c> before its <c>&lt;/form&gt;</c>.</summary>
    private void ScanForms(TemplateFile file, TextNode text)
    {
        var content = text.Text;
        var position = 0;
        while (true)
        {
            var open = content.IndexOf("<form", position, StringComparison.OrdinalIgnoreCase);
            var close = content.IndexOf("</form", position, StringComparison.OrdinalIgnoreCase);
            if (open < 0 && close < 0)
            {
                return;
            }

            if (close >= 0 && (open < 0 || close < open))
            {
                CheckPostFormClosed();
                position = close + 6;
                continue;
            }

            var end = content.IndexOf('>', open);
            var tag = end < 0 ? content.Substring(open) : content.Substring(open, end - open + 1);
            if (open + 5 < content.Length && !char.IsLetterOrDigit(content[open + 5]) && IsPostForm(tag))
            {
                CheckPostFormClosed();
                _postForm = (file.FilePath, SpanIn(text, open, 5));
                _postFormHasToken = false;
            }

            position = open + 5;
        }
    }

    private static bool IsPostForm(string tag)
    {
        var method = tag.IndexOf("method", StringComparison.OrdinalIgnoreCase);
        if (method < 0)
        {
            return false;
        }

        var rest = tag.Substring(method + 6).TrimStart();
        if (!rest.StartsWith("=", StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest.Substring(1).TrimStart().TrimStart('"', '\'');
        return rest.StartsWith("post", StringComparison.OrdinalIgnoreCase);
    }

    private void CheckPostFormClosed()
    {
        if (_postForm is { } form && !_postFormHasToken)
        {
            _errors.Add((form.FilePath, new TemplateError(CsrfErrorId, "This <form method=\"post\"> has no {% csrf_token %} before its </form>: the CSRF middleware will reject its submissions. Add {% csrf_token %} inside the form.", form.Span)));
        }

        _postForm = null;
    }

    /// <summary>The span of <paramref name="length"/> characters at <paramref name="offset"/> of a text node's text.</summary>
    private static TemplateSpan SpanIn(TextNode text, int offset, int length)
    {
        var line = text.Span.Line;
        var column = text.Span.Column;
        for (var i = 0; i < offset; i++)
        {
            if (text.Text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new TemplateSpan(text.Span.Start + offset, length, line, column);
    }
}
