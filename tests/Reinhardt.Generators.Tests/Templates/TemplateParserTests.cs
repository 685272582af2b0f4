using System.Globalization;
using System.Linq;
using Reinhardt.Generators.Templates;
using Xunit;

namespace Reinhardt.Generators.Tests.Templates;

public class TemplateParserTests
{
    // ---- helpers -------------------------------------------------------------------------------------------

    private static TemplateDocument Parse(string text, string path = "app/page.html") => TemplateParser.Parse(path, text);

    private static TemplateNode[] Nodes(string text)
    {
        var document = Parse(text);
        Assert.True(document.Errors.Count == 0, "unexpected errors: " + string.Join("; ", document.Errors.Select(e => e.Id + " " + e.Message)));
        return document.Nodes.ToArray();
    }

    private static T Single<T>(string text)
        where T : TemplateNode => Assert.IsType<T>(Assert.Single(Nodes(text)));

    private static TemplateError Error(string text, string path = "app/page.html") => Assert.Single(Parse(text, path).Errors);

    private static FilterExpression Expression(string source) => Single<VariableNode>("{{ " + source + " }}").Expression;

    private static string Show(TemplateValue? value) => value switch
    {
        StringLiteral s => "'" + s.Value + "'",
        NumberLiteral n => "#" + n.Text,
        VariablePath v => string.Join(".", v.Parts),
        null => "",
        _ => "?",
    };

    private static string Show(FilterExpression expression) =>
        Show(expression.Value) + string.Concat(expression.Filters.Select(f => "|" + f.Name + (f.Argument is null ? "" : ":" + Show(f.Argument))));

    private static string Show(Condition condition) => condition switch
    {
        BinaryCondition b => "(" + b.Operator + " " + Show(b.Left) + " " + Show(b.Right) + ")",
        NotCondition n => "(not " + Show(n.Operand) + ")",
        ComparisonCondition c => "(" + c.Operator + " " + Show(c.Left) + " " + Show(c.Right) + ")",
        ValueCondition v => Show(v.Value),
        _ => "?",
    };

    private static string Condition(string source) => Show(Assert.Single(Single<IfNode>("{% if " + source + " %}x{% endif %}").Branches).Condition);

    private static void AssertSpan(TemplateSpan span, string text, string expected, int line, int column)
    {
        Assert.Equal(expected, text.Substring(span.Start, span.Length));
        Assert.Equal(line, span.Line);
        Assert.Equal(column, span.Column);
    }

    // ---- text, variables, comments, verbatim ---------------------------------------------------------------

    [Fact]
    public void Plain_text_is_one_text_node()
    {
        var node = Single<TextNode>("<p>Hello</p>\n");
        Assert.Equal("<p>Hello</p>\n", node.Text);
        Assert.Equal(new TemplateSpan(0, 13, 1, 1), node.Span);
    }

    [Fact]
    public void Empty_template_has_no_nodes() => Assert.Empty(Nodes(""));

    [Fact]
    public void Variable_between_text()
    {
        var nodes = Nodes("Hi {{ name }}!");
        Assert.Equal(3, nodes.Length);
        Assert.Equal("Hi ", Assert.IsType<TextNode>(nodes[0]).Text);
        var variable = Assert.IsType<VariableNode>(nodes[1]);
        Assert.Equal("name", Show(variable.Expression));
        Assert.Equal(new TemplateSpan(3, 10, 1, 4), variable.Span);
        Assert.Equal("!", Assert.IsType<TextNode>(nodes[2]).Text);
    }

    [Fact]
    public void Single_line_comment_is_dropped()
    {
        var nodes = Nodes("a{# note {{ x }} #}b");
        Assert.Equal(new[] { "a", "b" }, nodes.Cast<TextNode>().Select(t => t.Text));
    }

    [Fact]
    public void Comment_without_end_on_the_same_line_is_text_as_in_Django()
    {
        var node = Single<TextNode>("a{# not\n a comment #}b");
        Assert.Equal("a{# not\n a comment #}b", node.Text);
    }

    [Fact]
    public void Comment_block_drops_everything_including_tags()
    {
        var nodes = Nodes("a{% comment \"why\" %}{{ x }}{% if %}{% endcomment %}b");
        Assert.Equal(new[] { "a", "b" }, nodes.Cast<TextNode>().Select(t => t.Text));
    }

    [Fact]
    public void Verbatim_keeps_tags_as_text()
    {
        var nodes = Nodes("{% verbatim %}{{ raw }}{% if x %}{% endverbatim %}");
        Assert.Equal("{{ raw }}{% if x %}", Assert.IsType<TextNode>(Assert.Single(nodes)).Text);
    }

    [Fact]
    public void Named_verbatim_ends_only_at_its_own_end_tag()
    {
        var node = Single<TextNode>("{% verbatim block1 %}{% endverbatim %}x{% endverbatim block1 %}");
        Assert.Equal("{% endverbatim %}x", node.Text);
    }

    [Fact]
    public void Tag_does_not_span_lines_and_ends_at_first_closer()
    {
        var nodes = Nodes("{{ a }}}");
        Assert.Equal("a", Show(Assert.IsType<VariableNode>(nodes[0]).Expression));
        Assert.Equal("}", Assert.IsType<TextNode>(nodes[1]).Text);
    }

    // ---- filter expressions --------------------------------------------------------------------------------

    [Fact]
    public void Dotted_variable_has_its_parts()
    {
        var value = Assert.IsType<VariablePath>(Expression("question.choice_set.all").Value);
        Assert.Equal(new[] { "question", "choice_set", "all" }, value.Parts);
    }

    [Fact]
    public void Numeric_index_part_is_a_variable_part() =>
        Assert.Equal(new[] { "items", "0" }, Assert.IsType<VariablePath>(Expression("items.0").Value).Parts);

    [Theory]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData("1.5")]
    [InlineData("-0.25")]
    [InlineData(".5")]
    [InlineData("1e5")]
    public void Numbers_are_number_literals_as_written(string source) =>
        Assert.Equal(source, Assert.IsType<NumberLiteral>(Expression(source).Value).Text);

    [Theory]
    [InlineData("\"hello\"", "hello")]
    [InlineData("'hello'", "hello")]
    [InlineData("\"a b|c:d\"", "a b|c:d")]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("'it\\'s'", "it's")]
    [InlineData("\"back\\\\slash\"", "back\\slash")]
    [InlineData("\"keep \\n as is\"", "keep \\n as is")]
    [InlineData("'a \"b\"'", "a \"b\"")]
    public void String_literals_are_unescaped_as_Django_does(string source, string expected) =>
        Assert.Equal(expected, Assert.IsType<StringLiteral>(Expression(source).Value).Value);

    [Fact]
    public void Chained_filters_with_literal_and_variable_arguments() =>
        Assert.Equal("pub_date|date:'Y-m-d'|default:fallback.text|truncatewords:#3|upper", Show(Expression("pub_date|date:\"Y-m-d\"|default:fallback.text|truncatewords:3|upper")));

    [Fact]
    public void Spaces_around_the_pipe_are_allowed_as_in_Django() =>
        Assert.Equal("name|lower|title", Show(Expression("name | lower |title")));

    [Fact]
    public void Literal_value_with_filter() =>
        Assert.Equal("'x'|add:#-1", Show(Expression("'x'|add:-1")));

    [Fact]
    public void Filter_argument_string_may_contain_spaces_and_pipes() =>
        Assert.Equal("v|default:'a | b'", Show(Expression("v|default:\"a | b\"")));

    [Fact]
    public void Filter_call_and_value_spans_are_exact()
    {
        const string Text = "x\n\n  {{ q.text|default:\"none\" }}";
        var expression = Assert.IsType<VariableNode>(Nodes(Text)[1]).Expression;
        AssertSpan(expression.Span, Text, "q.text|default:\"none\"", 3, 6);
        AssertSpan(expression.Value.Span, Text, "q.text", 3, 6);
        var filter = Assert.Single(expression.Filters);
        AssertSpan(filter.Span, Text, "default:\"none\"", 3, 13);
        Assert.Equal(filter.Span.Start, Text.IndexOf("default", System.StringComparison.Ordinal));
        AssertSpan(filter.Argument!.Span, Text, "\"none\"", 3, 21);
    }

    [Fact]
    public void Space_after_the_colon_is_an_error_as_in_Django()
    {
        var error = Error("{{ v|default: \"x\" }}");
        Assert.Equal("RH0040", error.Id);
        Assert.Equal("Could not parse the remainder: ': \"x\"' from 'v|default: \"x\"'", error.Message);
        Assert.Equal(12, error.Span.Start);
    }

    [Fact]
    public void Two_values_without_a_filter_is_an_error()
    {
        var error = Error("{{ a b }}");
        Assert.Equal("RH0040", error.Id);
        Assert.Equal("Could not parse the remainder: ' b' from 'a b'", error.Message);
    }

    [Fact]
    public void Filter_without_a_value_is_an_error()
    {
        var error = Error("{{ |upper }}");
        Assert.Equal("Could not find variable at start of |upper.", error.Message);
    }

    [Fact]
    public void Unterminated_string_is_an_error() =>
        Assert.Equal("Could not find variable at start of \"abc.", Error("{{ \"abc }}").Message);

    [Fact]
    public void Trailing_pipe_is_an_error() =>
        Assert.Equal("Could not parse the remainder: '|' from 'a|'", Error("{{ a| }}").Message);

    [Fact]
    public void Underscore_variables_are_rejected()
    {
        Assert.Equal("Variables and attributes may not begin with underscores: '_private'", Error("{{ _private }}").Message);
        Assert.Equal("Variables and attributes may not begin with underscores: 'a._b'", Error("{{ a._b }}").Message);
    }

    [Fact]
    public void Trailing_dot_is_rejected() => Assert.Equal("Invalid variable or number: '2.'", Error("{{ 2. }}").Message);

    [Fact]
    public void Translated_literal_is_rejected()
    {
        var error = Error("{{ _(\"Hello\")|upper }}");
        Assert.Equal("RH0040", error.Id);
        Assert.Contains("not supported", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(3, error.Span.Start);
        Assert.Equal(10, error.Span.Length);
    }

    [Fact]
    public void Empty_variable_tag_is_an_error() => Assert.Equal("Empty variable tag on line 1.", Error("{{ }}").Message);

    // ---- if and smartif ------------------------------------------------------------------------------------

    [Fact]
    public void Smartif_precedence_or_and_not_comparison() =>
        Assert.Equal("(or a (and b (not (== c d))))", Condition("a or b and not c == d"));

    [Fact]
    public void Smartif_and_is_left_associative() =>
        Assert.Equal("(and (and a b) c)", Condition("a and b and c"));

    [Fact]
    public void Smartif_not_in_and_is_not_are_single_operators()
    {
        Assert.Equal("(not in x items)", Condition("x not in items"));
        Assert.Equal("(is not x #1)", Condition("x is not 1"));
        Assert.Equal("(not (in x items))", Condition("not x in items"));
    }

    [Theory]
    [InlineData("==")]
    [InlineData("!=")]
    [InlineData("<")]
    [InlineData(">")]
    [InlineData("<=")]
    [InlineData(">=")]
    [InlineData("in")]
    [InlineData("is")]
    public void Every_comparison_operator(string op) =>
        Assert.Equal("(" + op + " a.b|length 'x')", Condition("a.b|length " + op + " \"x\""));

    [Fact]
    public void If_elif_else_branches()
    {
        var node = Single<IfNode>("{% if a %}A{% elif b %}B{% elif c %}C{% else %}D{% endif %}");
        Assert.Equal(new[] { "a", "b", "c" }, node.Branches.Select(b => Show(b.Condition)));
        Assert.Equal(new[] { "A", "B", "C" }, node.Branches.Select(b => ((TextNode)b.Body[0]).Text));
        Assert.Equal("D", ((TextNode)node.Else!.Value[0]).Text);
    }

    [Fact]
    public void If_without_else_has_null_else() => Assert.Null(Single<IfNode>("{% if a %}A{% endif %}").Else);

    [Fact]
    public void Condition_spans_cover_operands()
    {
        const string Text = "{% if a.b == 3 and c %}{% endif %}";
        var condition = Assert.IsType<BinaryCondition>(Single<IfNode>(Text).Branches[0].Condition);
        AssertSpan(condition.Span, Text, "a.b == 3 and c", 1, 7);
        AssertSpan(condition.Left.Span, Text, "a.b == 3", 1, 7);
    }

    [Fact]
    public void If_operator_needs_spaces()
    {
        var error = Error("{% if a==b %}{% endif %}");
        Assert.Equal("RH0040", error.Id);
        Assert.Equal("Could not parse the remainder: '==b' from 'a==b'", error.Message);
    }

    [Fact]
    public void If_without_condition_is_an_error()
    {
        var error = Error("{% if %}x{% endif %}");
        Assert.Equal("Unexpected end of expression in if tag.", error.Message);
        Assert.Equal(0, error.Span.Start);
    }

    [Fact]
    public void If_with_unused_operand_is_an_error() =>
        Assert.Equal("Unused 'b' at end of if expression.", Error("{% if a b %}x{% endif %}").Message);

    [Fact]
    public void If_operator_in_operand_position_is_an_error() =>
        Assert.Equal("Not expecting 'and' in this position in if tag.", Error("{% if and a %}x{% endif %}").Message);

    [Fact]
    public void If_not_as_infix_is_an_error() =>
        Assert.Equal("Not expecting 'not' as infix operator in if tag.", Error("{% if a not b %}x{% endif %}").Message);

    [Fact]
    public void Else_with_arguments_is_an_error() =>
        Assert.Equal("'else' takes no arguments: 'else x'.", Error("{% if a %}x{% else x %}y{% endif %}").Message);

    // ---- for -----------------------------------------------------------------------------------------------

    [Fact]
    public void For_loop_with_body()
    {
        var node = Single<ForNode>("{% for choice in question.choice_set.all %}{{ choice }}{% endfor %}");
        Assert.Equal(new[] { "choice" }, node.LoopVariables);
        Assert.Equal("question.choice_set.all", Show(node.Sequence));
        Assert.False(node.Reversed);
        Assert.IsType<VariableNode>(Assert.Single(node.Body));
        Assert.Null(node.Empty);
    }

    [Theory]
    [InlineData("{% for a, b in pairs %}{% endfor %}")]
    [InlineData("{% for a,b in pairs %}{% endfor %}")]
    [InlineData("{% for a ,b in pairs %}{% endfor %}")]
    public void For_unpacks_several_names(string text) =>
        Assert.Equal(new[] { "a", "b" }, Single<ForNode>(text).LoopVariables);

    [Fact]
    public void For_reversed_with_empty()
    {
        var node = Single<ForNode>("{% for x in items|slice:\":3\" reversed %}X{% empty %}none{% endfor %}");
        Assert.True(node.Reversed);
        Assert.Equal("items|slice:':3'", Show(node.Sequence));
        Assert.Equal("none", ((TextNode)node.Empty!.Value[0]).Text);
    }

    [Fact]
    public void For_with_too_few_words_is_an_error() =>
        Assert.Equal("'for' statements should have at least four words: for x in", Error("{% for x in %}{% endfor %}").Message);

    [Fact]
    public void For_without_in_is_an_error() =>
        Assert.Equal("'for' statements should use the format 'for x in y': for x of items", Error("{% for x of items %}{% endfor %}").Message);

    [Fact]
    public void For_with_invalid_name_is_an_error() =>
        Assert.Equal("'for' tag received an invalid argument: for a, , b in items", Error("{% for a, , b in items %}{% endfor %}").Message);

    // ---- with ----------------------------------------------------------------------------------------------

    [Fact]
    public void With_keyword_bindings()
    {
        var node = Single<WithNode>("{% with total=business.employees.count name=\"x\" %}{{ total }}{% endwith %}");
        Assert.Equal(new[] { "total", "name" }, node.Bindings.Select(b => b.Name));
        Assert.Equal("business.employees.count", Show(node.Bindings[0].Expression));
        Assert.Equal("'x'", Show(node.Bindings[1].Expression));
        Assert.Single(node.Body);
    }

    [Fact]
    public void With_legacy_as_form()
    {
        var node = Single<WithNode>("{% with a.b|upper as x and 3 as y %}{% endwith %}");
        Assert.Equal(new[] { "x", "y" }, node.Bindings.Select(b => b.Name));
        Assert.Equal("a.b|upper", Show(node.Bindings[0].Expression));
        Assert.Equal("#3", Show(node.Bindings[1].Expression));
    }

    [Fact]
    public void With_without_assignment_is_an_error() =>
        Assert.Equal("'with' expected at least one variable assignment", Error("{% with %}{% endwith %}").Message);

    [Fact]
    public void With_trailing_junk_is_an_error() =>
        Assert.Equal("'with' received an invalid token: 'junk'", Error("{% with a=1 junk %}{% endwith %}").Message);

    // ---- block and extends ---------------------------------------------------------------------------------

    [Fact]
    public void Block_with_body_and_named_endblock()
    {
        var node = Single<BlockNode>("{% block content %}<p>{{ x }}</p>{% endblock content %}");
        Assert.Equal("content", node.Name);
        Assert.Equal(3, node.Body.Count);
    }

    [Fact]
    public void Endblock_with_another_name_is_a_mismatch()
    {
        const string Text = "{% block content %}x{% endblock other %}";
        var error = Error(Text);
        Assert.Equal("RH0042", error.Id);
        Assert.Equal("Invalid block tag on line 1: 'endblock other', expected 'endblock' or 'endblock content'.", error.Message);
        AssertSpan(error.Span, Text, "{% endblock other %}", 1, 21);
    }

    [Fact]
    public void Duplicate_block_name()
    {
        const string Text = "{% block a %}{% endblock %}\n{% block b %}{% block a %}{% endblock %}{% endblock %}";
        var error = Error(Text);
        Assert.Equal("RH0044", error.Id);
        Assert.Equal("'block' tag with name 'a' appears more than once", error.Message);
        Assert.Equal(2, error.Span.Line);
        Assert.Equal(23, error.Span.Column);
    }

    [Fact]
    public void Extends_is_recorded_with_the_literal_span()
    {
        const string Text = "{# parent #}\n{% extends \"base.html\" %}{% block content %}x{% endblock %}";
        var document = Parse(Text);
        Assert.Empty(document.Errors);
        Assert.Equal("base.html", document.Extends);
        AssertSpan(document.ExtendsSpan!, Text, "\"base.html\"", 2, 12);
        Assert.Equal(new[] { typeof(TextNode), typeof(BlockNode) }, document.Nodes.Select(n => n.GetType()));
    }

    [Theory]
    [InlineData("polls/detail.html", "./base.html", "polls/base.html")]
    [InlineData("polls/detail.html", "../base.html", "base.html")]
    [InlineData("a/b/c.html", "../x/./y.html", "a/x/y.html")]
    public void Relative_extends_is_resolved_as_in_Django(string path, string parent, string expected) =>
        Assert.Equal(expected, Parse("{% extends '" + parent + "' %}", path).Extends);

    [Fact]
    public void Relative_extends_outside_the_root_is_an_error() =>
        Assert.Equal("The relative path '\"../../x.html\"' points outside the file hierarchy that template 'polls/d.html' is in.",
            Error("{% extends \"../../x.html\" %}", "polls/d.html").Message);

    [Fact]
    public void Extends_with_a_variable_is_an_error()
    {
        var error = Error("{% extends parent %}");
        Assert.Equal("RH0040", error.Id);
        Assert.StartsWith("extends with a variable is not supported at build time", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(11, error.Span.Start);
    }

    [Fact]
    public void Extends_after_a_tag_is_misplaced()
    {
        const string Text = "{% load static %}";
        Assert.Equal("RH0041", Error(Text).Id);
        var error = Error("{{ x }}\n{% extends \"base.html\" %}");
        Assert.Equal("RH0043", error.Id);
        Assert.Equal("'extends' must be the first tag in the template.", error.Message);
        Assert.Equal(2, error.Span.Line);
    }

    [Fact]
    public void Extends_inside_a_block_is_misplaced() =>
        Assert.Equal("RH0043", Error("{% block a %}{% extends \"base.html\" %}{% endblock %}").Id);

    [Fact]
    public void Extends_twice_is_an_error()
    {
        var error = Error("{% extends \"a.html\" %}{% extends \"b.html\" %}");
        Assert.Equal("RH0043", error.Id);
        Assert.Equal("'extends' cannot appear more than once in the same template", error.Message);
        Assert.Equal(22, error.Span.Start);
    }

    [Fact]
    public void Text_before_extends_is_allowed_as_in_Django() =>
        Assert.Equal("base.html", Parse("<!-- x -->\n{% comment %}c{% endcomment %}{% extends 'base.html' %}").Extends);

    // ---- include, url, csrf_token ------------------------------------------------------------------------

    [Fact]
    public void Include_with_bindings_and_only()
    {
        var node = Single<IncludeNode>("{% include \"polls/row.html\" with q=question n=1 only %}");
        Assert.Equal("polls/row.html", node.Template);
        Assert.Equal(new[] { "q", "n" }, node.Bindings.Select(b => b.Name));
        Assert.True(node.Only);
    }

    [Fact]
    public void Plain_include()
    {
        var node = Single<IncludeNode>("{% include './row.html' %}");
        Assert.Equal("app/row.html", node.Template);
        Assert.Empty(node.Bindings);
        Assert.False(node.Only);
    }

    [Fact]
    public void Include_errors()
    {
        Assert.Equal("\"with\" in 'include' tag needs at least one keyword argument.", Error("{% include 'a.html' with %}").Message);
        Assert.Equal("Unknown argument for 'include' tag: 'also'.", Error("{% include 'a.html' also %}").Message);
        Assert.Equal("The 'only' option was specified more than once.", Error("{% include 'a.html' only only %}").Message);
        Assert.StartsWith("include with a variable is not supported at build time", Error("{% include name %}").Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Url_with_positional_arguments_and_as()
    {
        var node = Single<UrlNode>("{% url 'polls:detail' question.id 2 as link %}");
        Assert.Equal("polls:detail", node.RouteName);
        Assert.Equal(new[] { "question.id", "#2" }, node.Arguments.Select(Show));
        Assert.Empty(node.KeywordArguments);
        Assert.Equal("link", node.AsVariable);
    }

    [Fact]
    public void Url_with_keyword_arguments()
    {
        var node = Single<UrlNode>("{% url \"polls:vote\" question_id=q.id slug=\"a-b\" %}");
        Assert.Equal(new[] { "question_id", "slug" }, node.KeywordArguments.Select(k => k.Name));
        Assert.Equal("'a-b'", Show(node.KeywordArguments[1].Expression));
        Assert.Null(node.AsVariable);
    }

    [Fact]
    public void Url_errors()
    {
        Assert.Equal("'url' takes at least one argument, a URL pattern name.", Error("{% url %}").Message);
        Assert.StartsWith("url with a variable route name", Error("{% url name %}").Message, System.StringComparison.Ordinal);
        Assert.Equal("Don't mix positional and keyword arguments in the 'url' tag.", Error("{% url 'a' 1 b=2 %}").Message);
    }

    [Fact]
    public void Csrf_token() => Assert.Equal(new TemplateSpan(3, 16, 1, 4), Assert.IsType<CsrfTokenNode>(Nodes("   {% csrf_token %}")[1]).Span);

    [Fact]
    public void Csrf_token_takes_no_arguments() => Assert.Equal("'csrf_token' takes no arguments", Error("{% csrf_token x %}").Message);

    // ---- autoescape, now, cycle, spaceless, firstof, lorem --------------------------------------------------

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    public void Autoescape_on_off(string argument, bool on)
    {
        var node = Single<AutoescapeNode>("{% autoescape " + argument + " %}{{ x }}{% endautoescape %}");
        Assert.Equal(on, node.On);
        Assert.Single(node.Body);
    }

    [Fact]
    public void Autoescape_errors()
    {
        Assert.Equal("'autoescape' argument should be 'on' or 'off'", Error("{% autoescape yes %}{% endautoescape %}").Message);
        Assert.Equal("'autoescape' tag requires exactly one argument.", Error("{% autoescape %}{% endautoescape %}").Message);
    }

    [Fact]
    public void Now_with_format_and_as()
    {
        Assert.Equal("Y-m-d", Single<NowNode>("{% now \"Y-m-d\" %}").Format);
        var node = Single<NowNode>("{% now 'jS F Y H:i' as today %}");
        Assert.Equal("jS F Y H:i", node.Format);
        Assert.Equal("today", node.AsVariable);
    }

    [Fact]
    public void Now_errors()
    {
        Assert.Equal("'now' statement takes one argument", Error("{% now %}").Message);
        Assert.Equal("'now' format must be a string literal", Error("{% now fmt %}").Message);
    }

    [Fact]
    public void Cycle_values()
    {
        var node = Single<CycleNode>("{% cycle 'row1' 'row2' extra %}");
        Assert.Equal(new[] { "'row1'", "'row2'", "extra" }, node.Values.Select(Show));
        Assert.Null(node.AsVariable);
        Assert.False(node.Silent);
    }

    [Fact]
    public void Cycle_as_name_silent_and_reference()
    {
        var nodes = Nodes("{% cycle 'a' 'b' as rowcolors silent %}{% cycle rowcolors %}");
        var cycle = Assert.IsType<CycleNode>(nodes[0]);
        Assert.Equal("rowcolors", cycle.AsVariable);
        Assert.True(cycle.Silent);
        Assert.Equal("rowcolors", Assert.IsType<CycleReferenceNode>(nodes[1]).Name);
    }

    [Fact]
    public void Cycle_errors()
    {
        Assert.Equal("'cycle' tag requires at least two arguments", Error("{% cycle %}").Message);
        Assert.Equal("No named cycles in template. 'x' is not defined", Error("{% cycle x %}").Message);
        Assert.Equal("Named cycle 'y' does not exist", Error("{% cycle 'a' 'b' as x %}{% cycle y %}").Message);
        Assert.Equal("Only 'silent' flag is allowed after cycle's name, not 'loud'.", Error("{% cycle 'a' 'b' as x loud %}").Message);
    }

    [Fact]
    public void Spaceless_body() =>
        Assert.Equal(" <p> </p> ", ((TextNode)Single<SpacelessNode>("{% spaceless %} <p> </p> {% endspaceless %}").Body[0]).Text);

    [Fact]
    public void Firstof_values_and_as()
    {
        var node = Single<FirstOfNode>("{% firstof a b|default:c \"fallback\" as first %}");
        Assert.Equal(new[] { "a", "b|default:c", "'fallback'" }, node.Values.Select(Show));
        Assert.Equal("first", node.AsVariable);
        Assert.Equal("'firstof' statement requires at least one argument", Error("{% firstof %}").Message);
    }

    [Theory]
    [InlineData("{% lorem %}", 1, 'b', false)]
    [InlineData("{% lorem 3 %}", 3, 'b', false)]
    [InlineData("{% lorem 2 w %}", 2, 'w', false)]
    [InlineData("{% lorem 4 p random %}", 4, 'p', true)]
    [InlineData("{% lorem w random %}", 1, 'w', true)]
    public void Lorem_forms(string text, int count, char method, bool random)
    {
        var node = Single<LoremNode>(text);
        Assert.Equal(count, node.Count);
        Assert.Equal(method, node.Method);
        Assert.Equal(random, node.Random);
    }

    [Fact]
    public void Lorem_errors()
    {
        Assert.Equal("Incorrect format for 'lorem' tag", Error("{% lorem 1 2 w %}").Message);
        Assert.Equal("'lorem' count must be an integer literal at build time", Error("{% lorem n %}").Message);
    }

    // ---- positions -----------------------------------------------------------------------------------------

    [Fact]
    public void Node_on_line_three_has_line_and_column()
    {
        const string Text = "<html>\r\n<body>\n    {% if user %}{{ user.name }}{% endif %}";
        var node = Assert.IsType<IfNode>(Nodes(Text)[1]);
        AssertSpan(node.Span, Text, "{% if user %}", 3, 5);
        var variable = Assert.IsType<VariableNode>(node.Branches[0].Body[0]);
        AssertSpan(variable.Span, Text, "{{ user.name }}", 3, 18);
        AssertSpan(variable.Expression.Value.Span, Text, "user.name", 3, 21);
    }

    [Fact]
    public void Loop_sequence_span_is_exact()
    {
        const string Text = "\n\n{% for x in a.items %}{% endfor %}";
        AssertSpan(Single<ForNode>(Text.Trim('\n')).Sequence.Span, Text.Trim('\n'), "a.items", 1, 13);
        var node = Assert.IsType<ForNode>(Nodes(Text)[1]);
        AssertSpan(node.Sequence.Span, Text, "a.items", 3, 13);
    }

    // ---- structural errors ---------------------------------------------------------------------------------

    [Fact]
    public void Unclosed_variable_is_reported_at_the_opener()
    {
        const string Text = "line one\n  {{ name \n}}";
        var error = Error(Text);
        Assert.Equal("RH0040", error.Id);
        Assert.Equal("Unclosed variable tag: '{{' has no matching '}}' on the same line.", error.Message);
        AssertSpan(error.Span, Text, "{{", 2, 3);
    }

    [Fact]
    public void Unclosed_block_tag_delimiter_is_reported()
    {
        var error = Error("a {% if x\n");
        Assert.Equal("RH0040", error.Id);
        Assert.Equal(2, error.Span.Start);
    }

    [Fact]
    public void Empty_block_tag() => Assert.Equal("Empty block tag on line 1.", Error("{% %}").Message);

    [Fact]
    public void Unknown_tag_suggests_the_closest()
    {
        const string Text = "{% for x in y %}{{ x }}\n{% endfro %}";
        var error = Error(Text);
        Assert.Equal("RH0041", error.Id);
        Assert.Equal("Unknown tag 'endfro'. Did you mean 'endfor'?", error.Message);
        AssertSpan(error.Span, Text, "endfro", 2, 4);
    }

    [Fact]
    public void Unknown_tag_far_from_any_gives_no_suggestion() =>
        Assert.Equal("Unknown tag 'frobnicate'.", Error("{% frobnicate %}").Message);

    [Fact]
    public void Misspelt_end_tag_still_closes_its_block()
    {
        var document = Parse("{% if a %}x{% endfi %}after");
        Assert.Equal("Unknown tag 'endfi'. Did you mean 'endif'?", Assert.Single(document.Errors).Message);
        Assert.Equal(new[] { typeof(IfNode), typeof(TextNode) }, document.Nodes.Select(n => n.GetType()));
    }

    [Fact]
    public void Unsupported_Django_tag_is_named()
    {
        var error = Error("{% load static %}");
        Assert.Equal("RH0041", error.Id);
        Assert.Equal("The 'load' tag is not supported by build-time templates.", error.Message);
    }

    [Fact]
    public void Unclosed_block_is_reported_at_the_opening_tag()
    {
        const string Text = "<p>\n  {% if a %}x";
        var error = Error(Text);
        Assert.Equal("RH0042", error.Id);
        Assert.Equal("Unclosed tag on line 2: 'if'. Looking for one of: elif, else, endif.", error.Message);
        AssertSpan(error.Span, Text, "{% if a %}", 2, 3);
    }

    [Fact]
    public void Unclosed_comment_and_verbatim()
    {
        Assert.Equal("Unclosed tag on line 1: 'comment'. Looking for one of: endcomment.", Error("{% comment %}x").Message);
        Assert.Equal("Unclosed tag on line 1: 'verbatim'. Looking for one of: endverbatim.", Error("{% verbatim %}x").Message);
    }

    [Fact]
    public void Wrong_end_tag_is_reported_at_the_end_tag_once()
    {
        const string Text = "{% if a %}\nx{% endfor %}";
        var document = Parse(Text);
        var error = Assert.Single(document.Errors);
        Assert.Equal("RH0042", error.Id);
        Assert.Equal("Invalid block tag on line 2: 'endfor', expected 'elif', 'else' or 'endif'.", error.Message);
        AssertSpan(error.Span, Text, "{% endfor %}", 2, 2);
    }

    [Fact]
    public void End_tag_of_an_enclosing_block_reports_the_unclosed_inner_one_once()
    {
        const string Text = "{% for x in y %}{% if x %}a{% endfor %}b";
        var document = Parse(Text);
        var error = Assert.Single(document.Errors);
        Assert.Equal("RH0042", error.Id);
        Assert.Equal("Invalid block tag on line 1: 'endfor', expected 'elif', 'else' or 'endif'. The 'if' tag on line 1 is not closed.", error.Message);
        AssertSpan(error.Span, Text, "{% endfor %}", 1, 28);
        Assert.Equal(new[] { typeof(ForNode), typeof(TextNode) }, document.Nodes.Select(n => n.GetType()));
    }

    [Fact]
    public void Stray_end_tag_at_top_level()
    {
        var error = Error("x{% endif %}");
        Assert.Equal("RH0042", error.Id);
        Assert.Equal("Invalid block tag on line 1: 'endif' has no matching opening tag.", error.Message);
    }

    [Fact]
    public void Two_independent_mistakes_give_two_errors()
    {
        const string Text = "{% if a %}{{ b|default: 'x' }}{% endif %}\n{% for x in %}{% endfor %}\n{{ ok }}";
        var document = Parse(Text);
        Assert.Equal(new[] { ("RH0040", 1), ("RH0040", 2) }, document.Errors.Select(e => (e.Id, e.Span.Line)));
        Assert.IsType<VariableNode>(document.Nodes.Last());
    }

    [Fact]
    public void Errors_in_nested_bodies_do_not_cascade()
    {
        const string Text = "{% block a %}{% if x == %}y{% endif %}{% unknowntag %}{% endblock %}{% block b %}{% endblock %}";
        var document = Parse(Text);
        Assert.Equal(new[] { "RH0040", "RH0041" }, document.Errors.Select(e => e.Id));
        Assert.Equal(2, document.Nodes.Count);
    }

    [Fact]
    public void Parse_is_deterministic_and_equatable()
    {
        const string Text = "{% extends 'base.html' %}{% block a %}{% for x in y %}{{ x|upper }}{% endfor %}{% endblock %}";
        Assert.Equal(Parse(Text), Parse(Text));
    }

    [Fact]
    public void Unclosed_openers_are_reported_once_per_line()
    {
        var document = Parse("{{{{ {{ a {% b {% c\n{{ d");
        Assert.Equal(new[] { (1, 1), (1, 11), (2, 1) }, document.Errors.Select(e => (e.Span.Line, e.Span.Column)));
    }

    [Fact]
    public void Deep_nesting_is_one_error_not_a_crash()
    {
        var text = string.Concat(Enumerable.Repeat("{% if a %}", 100_000));
        var error = Assert.Single(Parse(text).Errors);
        Assert.Equal("Tags are nested too deeply (more than 200 levels).", error.Message);
        Assert.Equal("Too many 'not' operators in if tag.", Error("{% if " + string.Concat(Enumerable.Repeat("not ", 100_000)) + "a %}{% endif %}").Message);
    }

    [Fact]
    public void Long_pathological_input_is_linear()
    {
        var text = new string('{', 200_000) + "\n{% x " + string.Concat(Enumerable.Repeat("\" ' \\ '\"", 50_000)) + " %}"
            + "{{ a" + string.Concat(Enumerable.Repeat("|f:\"\\\"\"", 50_000)) + " }}";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var document = Parse(text);
        watch.Stop();
        Assert.NotEmpty(document.Errors);
        Assert.True(watch.ElapsedMilliseconds < 5_000, watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture));
    }
}
