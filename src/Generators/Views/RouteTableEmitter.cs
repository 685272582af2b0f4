using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Views;

/// <summary>
/// Emits the app's route table (a segment trie as code: one method per node, a <c>switch</c> over literal
/// segments, converter checks in precedence order) and the <c>Urls</c> class of typed reverse URLs.
/// </summary>
internal static class RouteTableEmitter
{
    private const string Views = "global::Reinhardt.Views";

    public static string RouteTableHintName(RouteTableSpec spec) => Prefix(spec) + "RouteTable.g.cs";

    public static string UrlsHintName(RouteTableSpec spec) => Prefix(spec) + "Urls.g.cs";

    private static string Prefix(RouteTableSpec spec) => spec.Namespace.Length == 0 ? string.Empty : spec.Namespace + ".";

    /// <summary>The URL patterns: routes with the same shape share one (and differ by method).</summary>
    private static List<(RouteTemplateSpec Template, List<RouteSpec> Routes)> Patterns(RouteTableSpec spec) =>
        spec.Routes
            .GroupBy(r => r.Template.ShapeKey, StringComparer.Ordinal)
            .Select(g => (g.First().Template, g.ToList()))
            .OrderBy(p => p.Template.Template, StringComparer.Ordinal)
            .ThenBy(p => p.Template.ShapeKey, StringComparer.Ordinal)
            .ToList();

    public static string EmitRouteTable(RouteTableSpec spec)
    {
        var patterns = Patterns(spec);
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCode.FileHeader);
        OpenNamespace(writer, spec);
        writer.WriteLine("/// <summary>The app's routes, decided at build time from its <c>[View]</c> classes.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine("public sealed partial class RouteTable : " + Views + ".IRouteTable");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The route table.</summary>");
        writer.WriteLine("public static RouteTable Instance { get; } = new();");
        writer.WriteLine();
        writer.WriteLine("private static readonly string[] s_templates = { " + string.Join(", ", patterns.Select(p => Literal(p.Template.Template))) + " };");
        writer.WriteLine();

        var handlerIndex = 0;
        var handlers = new List<(RouteSpec Route, string Method)>();
        writer.WriteLine("private static readonly " + Views + ".PatternEndpoints[] s_patterns =");
        writer.OpenBlock();
        foreach (var (template, routes) in patterns)
        {
            var endpoints = new List<string>();
            foreach (var route in routes.OrderBy(r => r.HttpMethod, StringComparer.Ordinal))
            {
                var method = "Handle" + handlerIndex++;
                handlers.Add((route, method));
                endpoints.Add($"new {Views}.ViewEndpoint({Literal(route.HttpMethod)}, {Literal(route.Template.Template)}, {(route.QualifiedName is null ? "null" : Literal(route.QualifiedName))}, {method}{Metadata(route)})");
            }

            writer.WriteLine($"new {Views}.PatternEndpoints({Literal(template.Template)}, " + string.Join(", ", endpoints) + "),");
        }

        writer.CloseBlock(";");
        writer.WriteLine();
        writer.WriteLine("""
            /// <inheritdoc />
            public global::Microsoft.AspNetCore.Http.Endpoint? Match(global::Microsoft.AspNetCore.Http.HttpContext context)
            {
                var pattern = MatchPattern(context.Request.Path.Value ?? "/");
                return pattern < 0 ? null : s_patterns[pattern].Select(context.Request.Method);
            }

            /// <inheritdoc />
            public bool MatchesPath(string path) => MatchPattern(path) >= 0;

            /// <inheritdoc />
            public global::System.Collections.Generic.IReadOnlyList<string> Templates => s_templates;
            """);
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine("public bool HasWebSocketRoutes => " + (spec.Routes.Any(r => r.IsWebSocket) ? "true" : "false") + ";");
        writer.WriteLine();
        EmitMatcher(writer, patterns);
        foreach (var (route, method) in handlers)
        {
            writer.WriteLine();
            EmitHandler(writer, route, method);
        }

        writer.CloseBlock();
        CloseNamespace(writer, spec);
        return writer.ToString();
    }

    private static string Metadata(RouteSpec route)
    {
        var items = new StringBuilder();
        if (route.CsrfExempt)
        {
            items.Append($", new {Views}.CsrfExemptAttribute({(route.CsrfJustification is null ? "null" : Literal(route.CsrfJustification))})");
        }

        if (route.RateLimit is not null)
        {
            items.Append($", new {Views}.RateLimitAttribute({Literal(route.RateLimit)}) {{ By = {Views}.RateLimitKey.{route.RateLimitBy} }}");
        }

        if (route.LoginRequired)
        {
            items.Append($", new {Views}.LoginRequiredAttribute()");
        }

        if (route.StaffRequired)
        {
            items.Append($", new {Views}.StaffRequiredAttribute()");
        }

        if (route.Permissions.Count > 0)
        {
            items.Append($", new {Views}.PermissionRequiredAttribute({string.Join(", ", route.Permissions.Select(Literal))})");
        }

        return items.ToString();
    }

    /// <summary>A trie node: literal children, converter children, <c>path</c> tails, and the pattern ending here.</summary>
    private sealed class Node
    {
        public readonly SortedDictionary<string, Node> Literals = new(StringComparer.Ordinal);
        public readonly SortedDictionary<SegmentKind, Node> Parameters = new();
        public readonly List<(int Pattern, string Suffix)> Tails = new();
        public int Terminal = -1;
        public int Id;
        public int Depth;
    }

    private static void EmitMatcher(SourceWriter writer, List<(RouteTemplateSpec Template, List<RouteSpec> Routes)> patterns)
    {
        var root = new Node();
        var capacity = 1;
        for (var p = 0; p < patterns.Count; p++)
        {
            var node = root;
            var segments = patterns[p].Template.Segments;
            var reachedTail = false;
            for (var i = 0; i < segments.Count; i++)
            {
                var segment = segments[i];
                if (segment.Kind == SegmentKind.Path)
                {
                    var suffix = string.Concat(segments.Skip(i + 1).Select(s => "/" + s.Text));
                    node.Tails.Add((p, suffix));
                    capacity = Math.Max(capacity, i + 1);
                    reachedTail = true;
                    break;
                }

                var children = segment.Kind == SegmentKind.Literal ? null : node.Parameters;
                Node? next;
                if (children is null)
                {
                    if (!node.Literals.TryGetValue(segment.Text, out next))
                    {
                        node.Literals[segment.Text] = next = new Node { Depth = i + 1 };
                    }
                }
                else if (!children.TryGetValue(segment.Kind, out next))
                {
                    children[segment.Kind] = next = new Node { Depth = i + 1 };
                }

                node = next;
            }

            if (!reachedTail)
            {
                node.Terminal = p;
                capacity = Math.Max(capacity, segments.Count);
            }
        }

        var nodes = new List<Node>();
        Number(root, nodes);
        writer.WriteLine("private static int MatchPattern(string path)");
        writer.OpenBlock();
        writer.WriteLine($"global::System.Span<global::System.Range> segments = stackalloc global::System.Range[{capacity + 1}];");
        writer.WriteLine($"var count = {Views}.RouteSegments.Split(path, segments);");
        writer.WriteLine("return count < 0 ? -1 : Node0(path, segments.Slice(0, count));");
        writer.CloseBlock();
        foreach (var node in nodes)
        {
            writer.WriteLine();
            EmitNode(writer, node);
        }
    }

    private static void Number(Node node, List<Node> nodes)
    {
        node.Id = nodes.Count;
        nodes.Add(node);
        foreach (var child in node.Literals.Values.Concat(node.Parameters.Values))
        {
            Number(child, nodes);
        }
    }

    private static void EmitNode(SourceWriter writer, Node node)
    {
        writer.WriteLine($"private static int Node{node.Id}(global::System.ReadOnlySpan<char> path, global::System.ReadOnlySpan<global::System.Range> segments)");
        writer.OpenBlock();
        writer.WriteLine($"if (segments.Length == {node.Depth})");
        writer.OpenBlock();
        writer.WriteLine($"return {node.Terminal};");
        writer.CloseBlock();
        if (node.Literals.Count == 0 && node.Parameters.Count == 0 && node.Tails.Count == 0)
        {
            writer.WriteLine();
            writer.WriteLine("return -1;");
            writer.CloseBlock();
            return;
        }

        writer.WriteLine();
        if (node.Literals.Count > 0 || node.Parameters.Count > 0)
        {
            writer.WriteLine($"var segment = path[segments[{node.Depth}]];");
            writer.WriteLine("int match;");
        }

        if (node.Literals.Count > 0)
        {
            writer.WriteLine("switch (segment)");
            writer.OpenBlock();
            foreach (var literal in node.Literals)
            {
                writer.WriteLine($"case {Literal(literal.Key)}:");
                writer.WriteLine($"    if ((match = Node{literal.Value.Id}(path, segments)) >= 0) return match;");
                writer.WriteLine("    break;");
            }

            writer.CloseBlock();
        }

        // precedence, as Django's first-match order would usually be written and ASP.NET Core ranks:
        // digits, then uuid, slug, any text, and the path tail last
        foreach (var parameter in node.Parameters)
        {
            var check = parameter.Key switch
            {
                SegmentKind.Digits => Views + ".RouteSegments.IsDigits(segment)",
                SegmentKind.Uuid => Views + ".RouteSegments.IsUuid(segment)",
                SegmentKind.Slug => Views + ".RouteSegments.IsSlug(segment)",
                _ => "!segment.IsEmpty",
            };
            writer.WriteLine($"if ({check} && (match = Node{parameter.Value.Id}(path, segments)) >= 0) return match;");
        }

        foreach (var (pattern, suffix) in node.Tails.OrderByDescending(t => t.Suffix.Length).ThenBy(t => t.Suffix, StringComparer.Ordinal))
        {
            writer.WriteLine($"if ({Views}.RouteSegments.IsRest(path, segments[{node.Depth}].Start.Value, {Literal(suffix)})) return {pattern};");
        }

        writer.WriteLine("return -1;");
        writer.CloseBlock();
    }

    private static void EmitHandler(SourceWriter writer, RouteSpec route, string method)
    {
        var needsAwait = route.IsWebSocket || route.Parameters.Any(p => p.Source is BindingSource.JsonBody or BindingSource.Form);
        var notFound = needsAwait ? "{ context.Response.StatusCode = 404; return; }" : "return " + Views + ".ViewResults.NotFound(context);";
        writer.WriteLine($"// {route.HttpMethod} {route.Template.Template} -> {route.ViewType}.{route.HandlerName}");
        writer.WriteLine($"private static {(needsAwait ? "async " : string.Empty)}global::System.Threading.Tasks.Task {method}(global::Microsoft.AspNetCore.Http.HttpContext context)");
        writer.OpenBlock();
        if (route.Parameters.Any(p => p.Source == BindingSource.Route))
        {
            writer.WriteLine("var path = context.Request.Path.Value!;");
        }

        var arguments = new List<string>();
        foreach (var parameter in route.Parameters)
        {
            var local = "p_" + parameter.Name;
            switch (parameter.Source)
            {
                case BindingSource.Route:
                    EmitRouteValue(writer, parameter, local, notFound);
                    arguments.Add(local);
                    break;
                case BindingSource.Query:
                case BindingSource.Header:
                    writer.WriteLine($"var {local} = {ValueExpression(parameter)};");
                    arguments.Add(local);
                    break;
                case BindingSource.JsonBody:
                    writer.WriteLine($"var {local} = await {Views}.ViewBinding.JsonBodyAsync<{parameter.Type}>(context);");
                    arguments.Add(local);
                    break;
                case BindingSource.Form:
                    writer.WriteLine($"var {local} = await {parameter.Type}.BindAsync(context);");
                    arguments.Add(local);
                    break;
                case BindingSource.Service:
                    arguments.Add($"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{parameter.Type}>(context.RequestServices)");
                    break;
                case BindingSource.HttpContext:
                    arguments.Add("context");
                    break;
                case BindingSource.HttpRequest:
                    arguments.Add("context.Request");
                    break;
                case BindingSource.HttpResponse:
                    arguments.Add("context.Response");
                    break;
                case BindingSource.CancellationToken:
                    arguments.Add("context.RequestAborted");
                    break;
                case BindingSource.User:
                    arguments.Add("context.User");
                    break;
                case BindingSource.WebSocket:
                    arguments.Add("socket");
                    break;
            }
        }

        if (route.IsWebSocket)
        {
            writer.WriteLine($"using var socket = await {Views}.WebSocketEndpoints.AcceptAsync(context);");
            writer.WriteLine("if (socket is null) return;");
        }

        var target = route.IsStatic ? route.ViewType : route.ViewType + ".CreateForRequest(context)";
        var call = $"{target}.{route.HandlerName}({string.Join(", ", arguments)})";
        if (route.IsWebSocket)
        {
            writer.WriteLine($"await {call};");
        }
        else if (needsAwait)
        {
            writer.WriteLine($"await {Views}.ViewResults.ExecuteAsync({call}, context);");
        }
        else
        {
            writer.WriteLine($"return {Views}.ViewResults.ExecuteAsync({call}, context);");
        }

        writer.CloseBlock();
    }

    private static void EmitRouteValue(SourceWriter writer, HandlerParameterSpec parameter, string local, string notFound)
    {
        var range = parameter.Converter == RouteConverter.Path
            ? $"{Views}.RouteSegments.Rest(path, {parameter.SegmentIndex}, {parameter.SuffixLength})"
            : $"{Views}.RouteSegments.Segment(path, {parameter.SegmentIndex})";
        switch (parameter.Type)
        {
            case "int":
                writer.WriteLine($"if (!{Views}.RouteSegments.TryParseInt32(global::System.MemoryExtensions.AsSpan(path)[{range}], out var {local})) {notFound}");
                break;
            case "long":
                writer.WriteLine($"if (!{Views}.RouteSegments.TryParseInt64(global::System.MemoryExtensions.AsSpan(path)[{range}], out var {local})) {notFound}");
                break;
            case "global::System.Guid":
                writer.WriteLine($"var {local} = {Views}.RouteSegments.ParseGuid(global::System.MemoryExtensions.AsSpan(path)[{range}]);");
                break;
            default:
                writer.WriteLine($"var {local} = path[{range}];");
                break;
        }
    }

    private static string ValueExpression(HandlerParameterSpec parameter)
    {
        var binding = Views + ".ViewBinding.";
        var header = parameter.Source == BindingSource.Header;
        var key = Literal(parameter.Key);
        switch (parameter.Kind)
        {
            case ValueKind.String:
                return parameter.DefaultValue is { } text && text != "default"
                    ? $"{binding}{(header ? "HeaderStringOrNull" : "QueryStringOrNull")}(context, {key}) ?? {text}"
                    : parameter.Optional
                        ? $"{binding}{(header ? "HeaderStringOrNull" : "QueryStringOrNull")}(context, {key})"
                        : $"{binding}{(header ? "HeaderString" : "QueryString")}(context, {key})";
            case ValueKind.StringArray:
                return $"{binding}QueryValues(context, {key})";
            case ValueKind.Enum:
                return parameter.Optional
                    ? $"{binding}QueryStringOrNull(context, {key}) is null ? {parameter.DefaultValue ?? "null"} : {binding}QueryEnum<{parameter.Type}>(context, {key})"
                    : $"{binding}QueryEnum<{parameter.Type}>(context, {key})";
            default:
                if (header)
                {
                    return $"{binding}Header<{parameter.Type}>(context, {key})";
                }

                if (parameter.DefaultValue is { } value && value != "default")
                {
                    return $"{binding}Query<{parameter.Type}>(context, {key}, {value})";
                }

                return parameter.Optional
                    ? parameter.NullableValueType ? $"{binding}QueryOrNull<{parameter.Type}>(context, {key})" : $"{binding}Query<{parameter.Type}>(context, {key}, default!)"
                    : $"{binding}Query<{parameter.Type}>(context, {key})";
        }
    }

    public static string EmitUrls(RouteTableSpec spec)
    {
        var named = spec.Routes
            .Where(r => r.Name is not null)
            .GroupBy(r => (Namespace: r.UrlNamespace is null ? string.Empty : PascalCase(r.UrlNamespace), Method: PascalCase(r.Name!)))
            .Select(g => g.OrderBy(r => r.HttpMethod, StringComparer.Ordinal).First())
            .ToList();
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCode.FileHeader);
        OpenNamespace(writer, spec);
        writer.WriteLine("/// <summary>Typed reverse URLs: one method per named route, checked at build time (Django's <c>reverse()</c>).</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine("public static partial class Urls");
        writer.OpenBlock();
        var first = true;
        foreach (var group in named.GroupBy(r => r.UrlNamespace is null ? string.Empty : PascalCase(r.UrlNamespace)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (group.Key.Length > 0)
            {
                if (!first)
                {
                    writer.WriteLine();
                }

                writer.WriteLine($"/// <summary>The routes of URL namespace <c>{Escape(group.First().UrlNamespace!)}</c>.</summary>");
                writer.WriteLine("public static partial class " + group.Key);
                writer.OpenBlock();
            }

            var firstMethod = true;
            foreach (var route in group.OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                if (!firstMethod)
                {
                    writer.WriteLine();
                }

                firstMethod = false;
                EmitReverse(writer, route);
            }

            if (group.Key.Length > 0)
            {
                writer.CloseBlock();
            }

            first = false;
        }

        writer.CloseBlock();
        CloseNamespace(writer, spec);
        return writer.ToString();
    }

    private static void EmitReverse(SourceWriter writer, RouteSpec route)
    {
        var parameters = route.Parameters.Where(p => p.Source == BindingSource.Route).ToDictionary(p => p.Key, StringComparer.Ordinal);
        var signature = new List<string>();
        var parts = new List<string>();
        var literal = new StringBuilder("/");
        foreach (var segment in route.Template.Segments.Select((s, i) => (s, i)))
        {
            if (segment.i > 0)
            {
                literal.Append('/');
            }

            if (segment.s.Kind == SegmentKind.Literal)
            {
                literal.Append(segment.s.Text);
                continue;
            }

            parts.Add(Literal(literal.ToString()));
            literal.Clear();
            var parameter = parameters[segment.s.Text];
            var name = "@" + segment.s.Text;
            signature.Add(parameter.Type + " " + name);
            var nameLiteral = Literal(segment.s.Text);
            parts.Add(segment.s.Converter switch
            {
                RouteConverter.Int or RouteConverter.Long => $"{Views}.RouteValueEncoder.Digits({name}, {nameLiteral})",
                RouteConverter.Uuid => $"{Views}.RouteValueEncoder.Uuid({name})",
                RouteConverter.Slug => $"{Views}.RouteValueEncoder.Slug({name}, {nameLiteral})",
                RouteConverter.Path => $"{Views}.RouteValueEncoder.Path({name}, {nameLiteral})",
                _ => $"{Views}.RouteValueEncoder.Str({name}, {nameLiteral})",
            });
        }

        if (literal.Length > 0)
        {
            parts.Add(Literal(literal.ToString()));
        }

        writer.WriteLine($"/// <summary>The URL of route <c>{Escape(route.QualifiedName!)}</c>: <c>{Escape(route.Template.Template)}</c>.</summary>");
        var body = parts.Count == 1 ? parts[0] : "string.Concat(" + string.Join(", ", parts.Where(p => p != "\"\"")) + ")";
        writer.WriteLine($"public static string {PascalCase(route.Name!)}({string.Join(", ", signature)}) => {body};");
    }

    /// <summary><c>poll-results</c>, <c>poll_results</c> and <c>pollResults</c> become <c>PollResults</c>.</summary>
    public static string PascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static void OpenNamespace(SourceWriter writer, RouteTableSpec spec)
    {
        if (spec.Namespace.Length > 0)
        {
            writer.WriteLine("namespace " + spec.Namespace);
            writer.OpenBlock();
        }
    }

    private static void CloseNamespace(SourceWriter writer, RouteTableSpec spec)
    {
        if (spec.Namespace.Length > 0)
        {
            writer.CloseBlock();
        }
    }
}
