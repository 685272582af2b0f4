using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Views;

/// <summary>Reads <c>[View]</c> classes into specs: routes, handler parameter binding, return types, and their diagnostics.</summary>
internal static class ViewParser
{
    public const string ViewAttributeName = "Reinhardt.Views.ViewAttribute";
    private const string ViewsNamespace = "Reinhardt.Views";
    private static readonly string[] ClassBasedMethods = { "Get", "Post", "Put", "Patch", "Delete" };

    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is ClassDeclarationSyntax;

    public static ViewParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (ClassDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        var declarations = new List<RouteDeclaration>();
        var viewAttribute = context.Attributes[0];
        var prefix = NamedString(viewAttribute, "Prefix");
        var urlNamespace = NamedString(viewAttribute, "Namespace");

        var isPartial = syntax.Modifiers.Any(SyntaxKind.PartialKeyword) && AllContainingPartial(type);
        if (!isPartial || type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ViewMustBePartial, syntax.Identifier.GetLocation(), type.Name));
        }

        var classCsrf = FindAttribute(type, "CsrfExemptAttribute");
        var classRate = FindAttribute(type, "RateLimitAttribute");
        var classLogin = FindAttribute(type, "LoginRequiredAttribute") is not null;
        var classStaff = FindAttribute(type, "StaffRequiredAttribute") is not null;
        var routes = new List<RouteSpec>();

        // class-based view: a [Route] on the class, handlers named after HTTP methods
        var classRoutes = type.GetAttributes().Where(a => IsViewsAttribute(a, "RouteAttribute")).ToList();
        foreach (var member in type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).OrderBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var routeAttributes = member.GetAttributes().Where(a => a.AttributeClass is { } c && c.ContainingNamespace?.ToDisplayString() == ViewsNamespace &&
                (c.Name is "RouteAttribute" or "GetAttribute" or "PostAttribute" or "PutAttribute" or "PatchAttribute" or "DeleteAttribute" or "WebSocketAttribute")).ToList();
            var implicitMethod = routeAttributes.Count == 0 && classRoutes.Count > 0 && member.DeclaredAccessibility == Accessibility.Public && ClassBasedMethods.Contains(member.Name);
            if (routeAttributes.Count == 0 && !implicitMethod)
            {
                continue;
            }

            var csrf = FindAttribute(member, "CsrfExemptAttribute") ?? classCsrf;
            var rate = FindAttribute(member, "RateLimitAttribute") ?? classRate;
            var loginRequired = classLogin || FindAttribute(member, "LoginRequiredAttribute") is not null;
            var staffRequired = classStaff || FindAttribute(member, "StaffRequiredAttribute") is not null;
            var permissions = RequiredPermissions(type).Concat(RequiredPermissions(member)).Distinct().ToEquatableArray();
            var location = member.Locations.FirstOrDefault();
            if (rate is not null && !IsValidRate(rate.ConstructorArguments.FirstOrDefault().Value as string))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRateLimit, AttributeLocation(rate) ?? location, rate.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty, type.Name + "." + member.Name));
                rate = null;
            }

            var sources = implicitMethod
                ? classRoutes.Select(a => (Attribute: a, Methods: new[] { member.Name.ToUpperInvariant() }, WebSocket: false))
                : routeAttributes.Select(a => (Attribute: a, Methods: MethodsOf(a), WebSocket: a.AttributeClass!.Name == "WebSocketAttribute"));
            foreach (var (attribute, methods, webSocket) in sources)
            {
                var attributeLocation = AttributeLocation(attribute) ?? location;
                var template = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
                var name = NamedString(attribute, "Name");
                var parsed = ParseTemplate(Combine(prefix, template), out var templateError);
                if (parsed is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteTemplate, attributeLocation, Combine(prefix, template), templateError!));
                    continue;
                }

                var parameters = BindParameters(type, member, parsed, webSocket, context.SemanticModel.Compilation, diagnostics);
                var returnKind = ReturnKindOf(member.ReturnType, webSocket);
                if (returnKind is null && ContainsErrorType(member.ReturnType))
                {
                    continue;
                }

                if (returnKind is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        webSocket ? DiagnosticDescriptors.InvalidWebSocketHandler : DiagnosticDescriptors.UnsupportedReturnType,
                        location, type.Name + "." + member.Name, member.ReturnType.ToDisplayString()));
                }

                if (parameters is null || returnKind is null)
                {
                    continue;
                }

                foreach (var method in methods)
                {
                    var route = new RouteSpec(
                        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                        member.IsStatic,
                        member.Name,
                        method,
                        parsed,
                        urlNamespace,
                        name,
                        parameters.ToEquatableArray(),
                        returnKind.Value,
                        csrf is not null,
                        csrf?.ConstructorArguments.FirstOrDefault().Value as string,
                        rate?.ConstructorArguments.FirstOrDefault().Value as string,
                        rate?.NamedArguments.FirstOrDefault(a => a.Key == "By").Value.Value is int by ? RateLimitKeyName(by) : "Ip",
                        webSocket,
                        loginRequired,
                        staffRequired,
                        permissions);
                    routes.Add(route);
                    declarations.Add(new RouteDeclaration(parsed.ShapeKey, method, parsed.Template, route.QualifiedName, ReverseSignature(route), type.Name + "." + member.Name, LocationInfo.From(attributeLocation)));
                }
            }
        }

        var constructor = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        var constructorParameters = constructor?.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToEquatableArray() ?? EquatableArray<string>.Empty;
        var hasInstanceHandlers = routes.Any(r => !r.IsStatic);
        if (hasInstanceHandlers && (constructor is null || type.IsAbstract))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ViewMustBePartial, syntax.Identifier.GetLocation(), type.Name));
        }

        var spec = isPartial && !type.IsGenericType && (!hasInstanceHandlers || (constructor is not null && !type.IsAbstract))
            ? new ViewClassSpec(HierarchyInfo.From(type), hasInstanceHandlers, constructorParameters, routes.ToEquatableArray())
            : null;
        return new ViewParseResult(spec, diagnostics.ToEquatableArray(), declarations.ToEquatableArray());
    }

    /// <summary>The reverse method's parameter list, for the duplicate-name check.</summary>
    private static string ReverseSignature(RouteSpec route) =>
        route.Template.Template + "(" + string.Join(",", route.Parameters.Where(p => p.Source == BindingSource.Route).Select(p => p.Type)) + ")";

    private static string RateLimitKeyName(int value) => value switch
    {
        1 => "User",
        2 => "Global",
        _ => "Ip",
    };

    /// <summary>The app-wide checks: routes matching the same URLs with the same method, and one name for different URLs.</summary>
    public static IEnumerable<DiagnosticInfo> CheckRouteTable(IEnumerable<RouteDeclaration> declarations)
    {
        var ordered = declarations.OrderBy(d => d.Location?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location?.Span.Start ?? 0).ToList();
        var seen = new Dictionary<string, RouteDeclaration>(StringComparer.Ordinal);
        var names = new Dictionary<string, RouteDeclaration>(StringComparer.Ordinal);
        foreach (var declaration in ordered)
        {
            var key = declaration.ShapeKey + " " + declaration.HttpMethod;
            if (seen.TryGetValue(key, out var first))
            {
                yield return new DiagnosticInfo(DiagnosticDescriptors.ConflictingRoutes, declaration.Location, new EquatableArray<string>(new[]
                {
                    declaration.HttpMethod + " " + declaration.Template, declaration.Display, first.HttpMethod + " " + first.Template, first.Display,
                }));
            }
            else
            {
                seen[key] = declaration;
            }

            if (declaration.QualifiedName is { } name)
            {
                var reverseKey = ReverseKey(name);
                if (names.TryGetValue(reverseKey, out var named) && named.ReverseSignature != declaration.ReverseSignature)
                {
                    yield return new DiagnosticInfo(DiagnosticDescriptors.DuplicateRouteName, declaration.Location, new EquatableArray<string>(new[]
                    {
                        name, declaration.Display, named.Template, named.Display,
                    }));
                }
                else if (!names.ContainsKey(reverseKey))
                {
                    names[reverseKey] = declaration;
                }
            }
        }
    }

    /// <summary>Names that become the same reverse method (<c>poll-results</c>, <c>poll_results</c>) are the same name.</summary>
    private static string ReverseKey(string qualifiedName)
    {
        var colon = qualifiedName.LastIndexOf(':');
        return colon < 0
            ? RouteTableEmitter.PascalCase(qualifiedName)
            : RouteTableEmitter.PascalCase(qualifiedName.Substring(0, colon)) + ":" + RouteTableEmitter.PascalCase(qualifiedName.Substring(colon + 1));
    }

    private static List<HandlerParameterSpec>? BindParameters(INamedTypeSymbol type, IMethodSymbol method, RouteTemplateSpec template, bool webSocket, Compilation compilation, List<DiagnosticInfo> diagnostics)
    {
        var routeParameters = new Dictionary<string, (RouteSegmentSpec Segment, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < template.Segments.Count; i++)
        {
            if (template.Segments[i].Kind != SegmentKind.Literal)
            {
                routeParameters[template.Segments[i].Text] = (template.Segments[i], i);
            }
        }

        var bound = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<HandlerParameterSpec>();
        var ok = true;
        var sawSocket = false;
        var display = type.Name + "." + method.Name;
        foreach (var parameter in method.Parameters)
        {
            var location = parameter.Locations.FirstOrDefault();
            var parameterType = parameter.Type;
            var typeName = parameterType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var explicitSource = ExplicitSource(parameter, out var explicitName);
            if (ContainsErrorType(parameterType))
            {
                // the compiler reports the unknown type; a second error here would only repeat it
                ok = false;
                continue;
            }

            if (parameter.RefKind != RefKind.None || parameterType.TypeKind is TypeKind.Pointer or TypeKind.Dynamic or TypeKind.FunctionPointer
                || parameterType.SpecialType == SpecialType.System_Object)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedHandlerParameter, location, parameter.Name, display, parameterType.ToDisplayString()));
                ok = false;
                continue;
            }

            var special = SpecialSource(parameterType);
            if (special is { } source && explicitSource is null)
            {
                if (source == BindingSource.WebSocket)
                {
                    if (!webSocket)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedHandlerParameter, location, parameter.Name, display, parameterType.ToDisplayString()));
                        ok = false;
                        continue;
                    }

                    sawSocket = true;
                }

                result.Add(Simple(parameter, typeName, source));
                continue;
            }

            var key = explicitName ?? parameter.Name;
            if ((explicitSource is null || explicitSource == BindingSource.Route) && routeParameters.TryGetValue(key, out var route))
            {
                bound.Add(key);
                var expected = ExpectedTypes(route.Segment.Converter);
                if (!expected.Contains(typeName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteParameterMismatch, location,
                        $"Route parameter '{{{key}:{route.Segment.Converter.ToString().ToLowerInvariant()}}}' of {display} needs a parameter of type {string.Join(" or ", expected.Select(Short))}, not '{parameterType.ToDisplayString()}'"));
                    ok = false;
                    continue;
                }

                var suffix = 0;
                if (route.Segment.Kind == SegmentKind.Path)
                {
                    for (var i = route.Index + 1; i < template.Segments.Count; i++)
                    {
                        suffix += 1 + template.Segments[i].Text.Length;
                    }
                }

                result.Add(new HandlerParameterSpec(parameter.Name, typeName, BindingSource.Route, key, ValueKind.None, false, false, null, route.Segment.Converter, route.Index, suffix));
                continue;
            }

            if (explicitSource == BindingSource.Route)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteParameterMismatch, location,
                    $"Parameter '{parameter.Name}' of {display} is [FromRoute] but the route '{template.Template}' has no parameter '{{{key}}}'"));
                ok = false;
                continue;
            }

            if (explicitSource == BindingSource.JsonBody)
            {
                result.Add(new HandlerParameterSpec(parameter.Name, typeName, BindingSource.JsonBody, key, ValueKind.None, false, false, null, RouteConverter.None, -1, 0));
                continue;
            }

            if (explicitSource == BindingSource.Service)
            {
                result.Add(Simple(parameter, typeName, BindingSource.Service));
                continue;
            }

            var value = ValueKindOf(parameterType, compilation, out var underlying, out var nullableValueType);
            if (value != ValueKind.None && explicitSource is null or BindingSource.Query or BindingSource.Header)
            {
                var optional = parameter.HasExplicitDefaultValue || nullableValueType || parameter.NullableAnnotation == NullableAnnotation.Annotated;
                var defaultValue = parameter.HasExplicitDefaultValue ? DefaultLiteral(parameter) : null;
                result.Add(new HandlerParameterSpec(parameter.Name, underlying, explicitSource ?? BindingSource.Query, key, value, optional, nullableValueType, defaultValue, RouteConverter.None, -1, 0));
                continue;
            }

            if (explicitSource is null && parameterType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is "Reinhardt.Forms.FormAttribute" or "Reinhardt.Forms.ModelFormAttribute"))
            {
                // a generated form binds itself from the request's form data (Django's Form(request.POST))
                result.Add(Simple(parameter, typeName, BindingSource.Form));
                continue;
            }

            if (explicitSource is null && parameterType.TypeKind is TypeKind.Class or TypeKind.Interface && parameterType.SpecialType == SpecialType.None)
            {
                // a service from dependency injection, as Minimal APIs infer for registered types
                result.Add(Simple(parameter, typeName, BindingSource.Service));
                continue;
            }

            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedHandlerParameter, location, parameter.Name, display, parameterType.ToDisplayString()));
            ok = false;
        }

        foreach (var name in routeParameters.Keys.Where(k => !bound.Contains(k)).OrderBy(k => k, StringComparer.Ordinal))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteParameterMismatch, method.Locations.FirstOrDefault(),
                $"Route parameter '{{{name}}}' of '{template.Template}' has no parameter of that name in {display}"));
            ok = false;
        }

        if (webSocket && !sawSocket)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidWebSocketHandler, method.Locations.FirstOrDefault(), display, method.ReturnType.ToDisplayString()));
            ok = false;
        }

        return ok ? result : null;
    }

    private static HandlerParameterSpec Simple(IParameterSymbol parameter, string typeName, BindingSource source) =>
        new(parameter.Name, typeName, source, parameter.Name, ValueKind.None, false, false, null, RouteConverter.None, -1, 0);

    private static string Short(string fullyQualified) => fullyQualified.Replace("global::System.", string.Empty);

    private static string[] ExpectedTypes(RouteConverter converter) => converter switch
    {
        RouteConverter.Int => new[] { "int", "long" },
        RouteConverter.Long => new[] { "long" },
        RouteConverter.Uuid => new[] { "global::System.Guid" },
        _ => new[] { "string" },
    };

    private static BindingSource? SpecialSource(ITypeSymbol type) => type.ToDisplayString() switch
    {
        "Microsoft.AspNetCore.Http.HttpContext" => BindingSource.HttpContext,
        "Microsoft.AspNetCore.Http.HttpRequest" => BindingSource.HttpRequest,
        "Microsoft.AspNetCore.Http.HttpResponse" => BindingSource.HttpResponse,
        "System.Threading.CancellationToken" => BindingSource.CancellationToken,
        "System.Security.Claims.ClaimsPrincipal" => BindingSource.User,
        "System.Net.WebSockets.WebSocket" => BindingSource.WebSocket,
        _ => null,
    };

    /// <summary>The source an ASP.NET Core binding attribute (<c>[FromQuery]</c>, <c>[FromBody]</c>...) asks for, by its metadata interface.</summary>
    private static BindingSource? ExplicitSource(IParameterSymbol parameter, out string? name)
    {
        name = null;
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass is not { } attributeClass)
            {
                continue;
            }

            foreach (var implemented in attributeClass.AllInterfaces)
            {
                var source = implemented.ToDisplayString() switch
                {
                    "Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata" => BindingSource.Route,
                    "Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata" => BindingSource.Query,
                    "Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata" => BindingSource.Header,
                    "Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata" => BindingSource.JsonBody,
                    "Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata" => BindingSource.Service,
                    _ => (BindingSource?)null,
                };
                if (source is not null)
                {
                    name = NamedString(attribute, "Name");
                    return source;
                }
            }
        }

        return null;
    }

    private static ValueKind ValueKindOf(ITypeSymbol type, Compilation compilation, out string underlying, out bool nullableValueType)
    {
        nullableValueType = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            nullableValueType = true;
            type = nullable.TypeArguments[0];
        }

        underlying = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (type.SpecialType == SpecialType.System_String)
        {
            return nullableValueType ? ValueKind.None : ValueKind.String;
        }

        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String } && !nullableValueType)
        {
            return ValueKind.StringArray;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return ValueKind.Enum;
        }

        var parsable = compilation.GetTypeByMetadataName("System.IParsable`1");
        return parsable is not null && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, parsable) && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type))
            ? ValueKind.Parsable
            : ValueKind.None;
    }

    private static string DefaultLiteral(IParameterSymbol parameter) => parameter.ExplicitDefaultValue switch
    {
        null => "default",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        bool b => b ? "true" : "false",
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        var v when parameter.Type.TypeKind == TypeKind.Enum => "(" + parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")" + Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "F",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "D",
        decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture) + "M",
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L",
        var v => "(" + parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")" + Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static ReturnKind? ReturnKindOf(ITypeSymbol type, bool webSocket)
    {
        var display = type.OriginalDefinition.ToDisplayString();
        if (webSocket)
        {
            return display switch
            {
                "System.Threading.Tasks.Task" => ReturnKind.Task,
                "System.Threading.Tasks.ValueTask" => ReturnKind.ValueTask,
                _ => null,
            };
        }

        if (IsResult(type))
        {
            return ReturnKind.Result;
        }

        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } generic && IsResult(generic.TypeArguments[0]))
        {
            return display switch
            {
                "System.Threading.Tasks.Task<TResult>" => ReturnKind.TaskOfResult,
                "System.Threading.Tasks.ValueTask<TResult>" => ReturnKind.ValueTaskOfResult,
                _ => null,
            };
        }

        return null;
    }

    private static bool ContainsErrorType(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Error || (type is INamedTypeSymbol named && named.TypeArguments.Any(ContainsErrorType)) || (type is IArrayTypeSymbol array && ContainsErrorType(array.ElementType));

    private static bool IsResult(ITypeSymbol type) =>
        type.ToDisplayString() == "Microsoft.AspNetCore.Http.IResult" || type.AllInterfaces.Any(i => i.ToDisplayString() == "Microsoft.AspNetCore.Http.IResult");

    private static string[] MethodsOf(AttributeData attribute) => attribute.AttributeClass!.Name switch
    {
        "GetAttribute" => new[] { "GET" },
        "PostAttribute" => new[] { "POST" },
        "PutAttribute" => new[] { "PUT" },
        "PatchAttribute" => new[] { "PATCH" },
        "DeleteAttribute" => new[] { "DELETE" },
        "WebSocketAttribute" => new[] { "GET" },
        _ => attribute.NamedArguments.FirstOrDefault(a => a.Key == "Methods").Value is { Kind: TypedConstantKind.Array } methods && methods.Values.Length > 0
            ? methods.Values.Select(v => ((v.Value as string) ?? string.Empty).ToUpperInvariant()).Distinct().ToArray()
            : new[] { "GET" },
    };

    private static string Combine(string? prefix, string template)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return template;
        }

        var head = prefix!.StartsWith("/", StringComparison.Ordinal) ? prefix : "/" + prefix;
        return head.TrimEnd('/') + (template.StartsWith("/", StringComparison.Ordinal) ? template : "/" + template);
    }

    /// <summary>Parses <c>/polls/{id:int}/</c>: whole-segment parameters, Django's converters, <c>path</c> only as the last parameter.</summary>
    public static RouteTemplateSpec? ParseTemplate(string template, out string? error)
    {
        error = null;
        if (!template.StartsWith("/", StringComparison.Ordinal))
        {
            error = "a route must start with '/'";
            return null;
        }

        if (template.IndexOfAny(new[] { '?', '#' }) >= 0)
        {
            error = "a route cannot contain '?' or '#'";
            return null;
        }

        var segments = new List<RouteSegmentSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var afterPath = false;
        foreach (var text in template.Substring(1).Split('/'))
        {
            if (text.IndexOf('{') < 0 && text.IndexOf('}') < 0)
            {
                segments.Add(new RouteSegmentSpec(SegmentKind.Literal, text, RouteConverter.None));
                continue;
            }

            if (!text.StartsWith("{", StringComparison.Ordinal) || !text.EndsWith("}", StringComparison.Ordinal) || text.IndexOf('{', 1) >= 0 || text.IndexOf('}') != text.Length - 1)
            {
                error = $"the segment '{text}' mixes text and parameters; a parameter must be a whole segment such as '{{id:int}}'";
                return null;
            }

            var inner = text.Substring(1, text.Length - 2);
            var colon = inner.IndexOf(':');
            var name = colon < 0 ? inner : inner.Substring(0, colon);
            var converterName = colon < 0 ? "str" : inner.Substring(colon + 1);
            if (!SyntaxFacts.IsValidIdentifier(name))
            {
                error = $"'{name}' is not a valid parameter name";
                return null;
            }

            if (!names.Add(name))
            {
                error = $"the parameter '{name}' appears twice";
                return null;
            }

            if (afterPath)
            {
                error = "a 'path' parameter must be the last parameter of the route";
                return null;
            }

            var (kind, converter) = converterName switch
            {
                "int" => (SegmentKind.Digits, RouteConverter.Int),
                "long" => (SegmentKind.Digits, RouteConverter.Long),
                "slug" => (SegmentKind.Slug, RouteConverter.Slug),
                "uuid" => (SegmentKind.Uuid, RouteConverter.Uuid),
                "str" => (SegmentKind.Str, RouteConverter.Str),
                "path" => (SegmentKind.Path, RouteConverter.Path),
                _ => (SegmentKind.Literal, RouteConverter.None),
            };
            if (converter == RouteConverter.None)
            {
                error = $"'{converterName}' is not a converter (use int, long, slug, uuid, str or path)";
                return null;
            }

            afterPath |= kind == SegmentKind.Path;
            segments.Add(new RouteSegmentSpec(kind, name, converter));
        }

        return new RouteTemplateSpec(template, segments.ToEquatableArray());
    }

    private static bool IsValidRate(string? rate)
    {
        if (rate is null)
        {
            return false;
        }

        var slash = rate.IndexOf('/');
        if (slash <= 0 || !int.TryParse(rate.Substring(0, slash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return false;
        }

        var period = rate.Substring(slash + 1);
        if (period.Length == 0 || "smhd".IndexOf(period[period.Length - 1]) < 0)
        {
            return false;
        }

        var multiplier = period.Substring(0, period.Length - 1);
        return multiplier.Length == 0 || (int.TryParse(multiplier, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0);
    }

    private static bool AllContainingPartial(INamedTypeSymbol type)
    {
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            if (!containing.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsViewsAttribute(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } c && c.Name == name && c.ContainingNamespace?.ToDisplayString() == ViewsNamespace;

    private static AttributeData? FindAttribute(ISymbol symbol, string name) => symbol.GetAttributes().FirstOrDefault(a => IsViewsAttribute(a, name));

    /// <summary>The permissions of every <c>[PermissionRequired("app.codename", ...)]</c> on <paramref name="symbol"/>, in order.</summary>
    private static IEnumerable<string> RequiredPermissions(ISymbol symbol) =>
        symbol.GetAttributes()
            .Where(a => IsViewsAttribute(a, "PermissionRequiredAttribute"))
            .SelectMany(a => a.ConstructorArguments.SelectMany(c => c.Kind == TypedConstantKind.Array ? c.Values : ImmutableArray.Create(c)))
            .Select(c => c.Value as string)
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => p!);

    private static Location? AttributeLocation(AttributeData attribute) => attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();

    private static string? NamedString(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;
}
