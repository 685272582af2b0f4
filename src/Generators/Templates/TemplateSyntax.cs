using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Templates;

// The syntax tree of a Django template, as equatable records (so parse results cache in the incremental
// pipeline). Produced by TemplateParser from the .html text; bound against the typed context by the binder;
// emitted as a renderer. Positions are kept for diagnostics at the .html file's line and column.

/// <summary>Where a piece of template text is: offset and length in the file, 1-based line and column of its start.</summary>
internal sealed record TemplateSpan(int Start, int Length, int Line, int Column);

/// <summary>A template error found while parsing, with its position (reported as a diagnostic at the .html file).</summary>
internal sealed record TemplateError(string Id, string Message, TemplateSpan Span);

/// <summary>A parsed template file: its nodes, the parent it extends (if any) and the errors found.</summary>
/// <param name="Path">The template name, relative to the templates root, with '/' separators (e.g. <c>polls/detail.html</c>).</param>
internal sealed record TemplateDocument(string Path, string? Extends, TemplateSpan? ExtendsSpan, EquatableArray<TemplateNode> Nodes, EquatableArray<TemplateError> Errors);

/// <summary>A node of the template.</summary>
internal abstract record TemplateNode(TemplateSpan Span);

/// <summary>Literal text (also the content of <c>{% verbatim %}</c>); comments are dropped by the parser.</summary>
internal sealed record TextNode(TemplateSpan Span, string Text) : TemplateNode(Span);

/// <summary><c>{{ expression|filter:arg }}</c>.</summary>
internal sealed record VariableNode(TemplateSpan Span, FilterExpression Expression) : TemplateNode(Span);

/// <summary><c>{% if %}...{% elif %}...{% else %}...{% endif %}</c>.</summary>
internal sealed record IfNode(TemplateSpan Span, EquatableArray<IfBranch> Branches, EquatableArray<TemplateNode>? Else) : TemplateNode(Span);

/// <summary>One <c>if</c>/<c>elif</c> condition and its body.</summary>
internal sealed record IfBranch(Condition Condition, EquatableArray<TemplateNode> Body);

/// <summary><c>{% for a, b in sequence reversed %}...{% empty %}...{% endfor %}</c>.</summary>
internal sealed record ForNode(TemplateSpan Span, EquatableArray<string> LoopVariables, FilterExpression Sequence, bool Reversed, EquatableArray<TemplateNode> Body, EquatableArray<TemplateNode>? Empty) : TemplateNode(Span);

/// <summary><c>{% with a=expr b=expr %}</c> (or the legacy <c>{% with expr as a %}</c>).</summary>
internal sealed record WithNode(TemplateSpan Span, EquatableArray<NamedExpression> Bindings, EquatableArray<TemplateNode> Body) : TemplateNode(Span);

/// <summary>A name bound to an expression (<c>with</c>, <c>include ... with</c>, <c>url</c> keyword arguments).</summary>
internal sealed record NamedExpression(string Name, FilterExpression Expression);

/// <summary><c>{% block name %}...{% endblock %}</c>.</summary>
internal sealed record BlockNode(TemplateSpan Span, string Name, EquatableArray<TemplateNode> Body) : TemplateNode(Span);

/// <summary><c>{% include "name" with a=b only %}</c> (the name must be a string literal: resolved at build time).</summary>
internal sealed record IncludeNode(TemplateSpan Span, string Template, EquatableArray<NamedExpression> Bindings, bool Only) : TemplateNode(Span);

/// <summary><c>{% url 'ns:name' arg1 arg2 key=value as var %}</c> (the name must be a string literal).</summary>
internal sealed record UrlNode(TemplateSpan Span, string RouteName, EquatableArray<FilterExpression> Arguments, EquatableArray<NamedExpression> KeywordArguments, string? AsVariable) : TemplateNode(Span);

/// <summary><c>{% csrf_token %}</c>.</summary>
internal sealed record CsrfTokenNode(TemplateSpan Span) : TemplateNode(Span);

/// <summary><c>{% autoescape on|off %}...{% endautoescape %}</c>.</summary>
internal sealed record AutoescapeNode(TemplateSpan Span, bool On, EquatableArray<TemplateNode> Body) : TemplateNode(Span);

/// <summary><c>{% now "format" as var %}</c>.</summary>
internal sealed record NowNode(TemplateSpan Span, string Format, string? AsVariable) : TemplateNode(Span);

/// <summary><c>{% cycle a b c as name silent %}</c>.</summary>
internal sealed record CycleNode(TemplateSpan Span, EquatableArray<FilterExpression> Values, string? AsVariable, bool Silent) : TemplateNode(Span);

/// <summary><c>{% cycle name %}</c>: advances (and outputs, unless it was declared <c>silent</c>) the cycle declared earlier with <c>as name</c>.</summary>
internal sealed record CycleReferenceNode(TemplateSpan Span, string Name) : TemplateNode(Span);

/// <summary><c>{% spaceless %}...{% endspaceless %}</c>.</summary>
internal sealed record SpacelessNode(TemplateSpan Span, EquatableArray<TemplateNode> Body) : TemplateNode(Span);

/// <summary><c>{% firstof a b "fallback" as var %}</c>.</summary>
internal sealed record FirstOfNode(TemplateSpan Span, EquatableArray<FilterExpression> Values, string? AsVariable) : TemplateNode(Span);

/// <summary><c>{% lorem count method random %}</c> (method <c>w</c>, <c>p</c> or <c>b</c>).</summary>
internal sealed record LoremNode(TemplateSpan Span, int Count, char Method, bool Random) : TemplateNode(Span);

/// <summary>A value with filters: <c>question.pub_date|date:"Y-m-d"|default:"never"</c>.</summary>
internal sealed record FilterExpression(TemplateSpan Span, TemplateValue Value, EquatableArray<FilterCall> Filters);

/// <summary>One filter application and its optional argument.</summary>
internal sealed record FilterCall(TemplateSpan Span, string Name, TemplateValue? Argument);

/// <summary>A primary value: a literal or a dotted variable.</summary>
internal abstract record TemplateValue(TemplateSpan Span);

/// <summary>A string literal (<c>"x"</c> or <c>'x'</c>), unescaped; Django marks template literals safe.</summary>
internal sealed record StringLiteral(TemplateSpan Span, string Value) : TemplateValue(Span);

/// <summary>A number literal as written (<c>3</c>, <c>-1.5</c>).</summary>
internal sealed record NumberLiteral(TemplateSpan Span, string Text) : TemplateValue(Span);

/// <summary>A dotted lookup: <c>question.choice_set.all</c>, <c>items.0</c>, <c>forloop.counter</c>.</summary>
internal sealed record VariablePath(TemplateSpan Span, EquatableArray<string> Parts) : TemplateValue(Span);

/// <summary>An <c>if</c> condition (Django's smartif grammar).</summary>
internal abstract record Condition(TemplateSpan Span);

/// <summary><c>a or b</c>, <c>a and b</c>.</summary>
internal sealed record BinaryCondition(TemplateSpan Span, string Operator, Condition Left, Condition Right) : Condition(Span);

/// <summary><c>not a</c>.</summary>
internal sealed record NotCondition(TemplateSpan Span, Condition Operand) : Condition(Span);

/// <summary><c>a == b</c>, <c>!=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&gt;=</c>, <c>in</c>, <c>not in</c>, <c>is</c>, <c>is not</c>.</summary>
internal sealed record ComparisonCondition(TemplateSpan Span, string Operator, FilterExpression Left, FilterExpression Right) : Condition(Span);

/// <summary>A bare value tested for truth (Django's truthiness).</summary>
internal sealed record ValueCondition(TemplateSpan Span, FilterExpression Value) : Condition(Span);
