using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Templates;

/// <summary>
/// Reads a <c>[Template]</c> context type into plain data: every type a template can reach from it by dotted
/// lookups (members of app types, elements of sequences, values of mappings), so binding the template needs no
/// symbols and caches like any spec. Framework types are leaves: their kind counts, not their members.
/// </summary>
internal static class TemplateContextParser
{
    public const string AttributeName = "Reinhardt.Templates.TemplateAttribute";

    /// <summary>More reachable types than this is a context too wide to be a page; the walk stops there.</summary>
    private const int MaxTypes = 400;

    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is TypeDeclarationSyntax;

    public static TemplateContextParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var path = context.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || type.IsGenericType)
        {
            return new TemplateContextParseResult(null, new EquatableArray<DiagnosticInfo>(new[]
            {
                DiagnosticInfo.Create(DiagnosticDescriptors.TemplateContextMustBePartial, syntax.Identifier.GetLocation(), type.Name),
            }));
        }

        var types = CollectTypes(type, context.SemanticModel.Compilation, cancellationToken);
        var spec = new TemplateContextSpec(HierarchyInfo.From(type), path.Replace('\\', '/'), Key(type), types);
        var attributeLocation = context.Attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();
        return new TemplateContextParseResult(spec, EquatableArray<DiagnosticInfo>.Empty, LocationInfo.From(attributeLocation));
    }

    /// <summary>
    /// Each type's template shape, computed once per compilation and shared by every context of it: contexts reach the
    /// same models (a foreign key chain reaches most of an app), so walking each one's members per context made this
    /// step cost O(contexts x types), paid again on every edit (the transform reruns for every context then).
    /// Keyed weakly by the compilation, so nothing outlives it.
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, TypeTable> Tables = new();

    /// <summary>The reachable types, breadth first from <paramref name="root"/>, ordered by key.</summary>
    public static EquatableArray<TemplateType> CollectTypes(ITypeSymbol root, Compilation compilation, CancellationToken cancellationToken)
    {
        var table = Tables.GetValue(compilation, static c => new TypeTable(new CollectionTypes(c)));
        var found = new Dictionary<string, TemplateType>(System.StringComparer.Ordinal);
        var queue = new Queue<ITypeSymbol>();
        queue.Enqueue(Unwrap(root));
        while (queue.Count > 0 && found.Count < MaxTypes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var shape = table.Get(queue.Dequeue());
            if (found.ContainsKey(shape.Type.Key))
            {
                continue;
            }

            found[shape.Type.Key] = shape.Type;
            foreach (var reachable in shape.Reachable)
            {
                queue.Enqueue(reachable);
            }
        }

        return found.Values.OrderBy(t => t.Key, System.StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>A type as templates see it, and the types its members and elements lead to (in member order).</summary>
    private sealed record TypeShape(TemplateType Type, IReadOnlyList<ITypeSymbol> Reachable);

    /// <summary>The shapes of one compilation's types; safe to share between concurrent transforms.</summary>
    private sealed class TypeTable(CollectionTypes collections)
    {
        private readonly ConcurrentDictionary<ITypeSymbol, TypeShape> shapes = new(SymbolEqualityComparer.Default);

        public TypeShape Get(ITypeSymbol type) => shapes.GetOrAdd(type, t => Shape(t, collections));
    }

    private static TypeShape Shape(ITypeSymbol type, CollectionTypes collections)
    {
        var key = Key(type);
        if (FormShape(type, collections) is { } form)
        {
            // a [Form]: its generated partial derives from Form, which this compilation cannot see yet
            return new TypeShape(new TemplateType(key, TemplateValueKind.Sequence, Key(collections.BoundField!), false, form.Members, Html: true), form.Reachable);
        }

        var (kind, element, indexable) = Classify(type, collections);
        var reachable = new List<ITypeSymbol>();
        var members = EquatableArray<TemplateMember>.Empty;
        if (element is not null)
        {
            reachable.Add(Unwrap(element));
        }
        else if (kind == TemplateValueKind.Object && IsAppType(type))
        {
            var list = new List<TemplateMember>();
            foreach (var member in Members(type))
            {
                var memberType = member switch
                {
                    IPropertySymbol property => property.Type,
                    IFieldSymbol field => field.Type,
                    IMethodSymbol method => method.ReturnType,
                    _ => null,
                };
                if (memberType is null)
                {
                    continue;
                }

                list.Add(new TemplateMember(member.Name, IdentifierCase.ToSnakeCase(member.Name), Key(Unwrap(memberType)), IsNullable(memberType), member is IMethodSymbol));
                reachable.Add(Unwrap(memberType));
            }

            members = list.OrderBy(m => m.TemplateName, System.StringComparer.Ordinal).ThenBy(m => m.Name, System.StringComparer.Ordinal).ToEquatableArray();
        }

        var html = collections.HtmlWritable is { } htmlWritable
            && (SymbolEqualityComparer.Default.Equals(type, htmlWritable) || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, htmlWritable)));
        return new TypeShape(new TemplateType(key, kind, element is null ? null : Key(Unwrap(element)), indexable, members, html), reachable);
    }

    /// <summary>Public instance properties, fields and parameterless methods with a result, base types included.</summary>
    private static IEnumerable<ISymbol> Members(ITypeSymbol type)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.IsImplicitlyDeclared || !seen.Add(member.Name))
                {
                    continue;
                }

                var usable = member switch
                {
                    IPropertySymbol property => !property.IsIndexer && property.GetMethod is not null && property.Name != "EqualityContract",
                    IFieldSymbol => true,
                    IMethodSymbol method => method.MethodKind == MethodKind.Ordinary && method.Parameters.Length == 0 && !method.IsGenericMethod
                        && !method.ReturnsVoid && method.Name is not ("ToString" or "GetHashCode" or "GetType" or "Equals" or "Deconstruct" or "<Clone>$"),
                    _ => false,
                };
                if (usable)
                {
                    yield return member;
                }
            }
        }
    }

    /// <summary>
    /// A form as templates see it (Django's <c>form.field</c> is the bound field): the members of <c>Form</c>, and for
    /// each field <c>P</c> the generated <c>PField</c> (a <c>BoundField</c>) under the field's template name. Null for
    /// other types.
    /// </summary>
    private static (EquatableArray<TemplateMember> Members, List<ITypeSymbol> Reachable)? FormShape(ITypeSymbol type, CollectionTypes collections)
    {
        if (collections.Form is not { } formType || collections.BoundField is not { } boundField || type is not INamedTypeSymbol named)
        {
            return null;
        }

        var attribute = named.GetAttributes().FirstOrDefault(a =>
            SymbolEqualityComparer.Default.Equals(a.AttributeClass, collections.FormAttribute) || SymbolEqualityComparer.Default.Equals(a.AttributeClass, collections.ModelFormAttribute));
        if (attribute is null)
        {
            return null;
        }

        var fields = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, collections.ModelFormAttribute)
            ? attribute.NamedArguments.FirstOrDefault(a => a.Key == "Fields").Value is { Kind: TypedConstantKind.Array } names
                ? names.Values.Select(v => v.Value as string).Where(n => n is not null).Select(n => n!).ToList()
                : new List<string>()
            : named.GetMembers().OfType<IPropertySymbol>()
                .Where(p => !p.IsStatic && p.DeclaredAccessibility == Accessibility.Public && p.SetMethod is not null && !p.IsIndexer)
                .Select(p => p.Name)
                .ToList();
        var boundFieldKey = Key(boundField);
        var members = new List<TemplateMember>();
        var reachable = new List<ITypeSymbol> { boundField };
        foreach (var field in fields)
        {
            members.Add(new TemplateMember(field + "Field", IdentifierCase.ToSnakeCase(field), boundFieldKey, false, false));
        }

        foreach (var member in Members(formType))
        {
            var memberType = member switch
            {
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                IMethodSymbol method => method.ReturnType,
                _ => null,
            };
            if (memberType is null || members.Any(m => m.TemplateName == IdentifierCase.ToSnakeCase(member.Name)))
            {
                continue;
            }

            members.Add(new TemplateMember(member.Name, IdentifierCase.ToSnakeCase(member.Name), Key(Unwrap(memberType)), IsNullable(memberType), member is IMethodSymbol));
            reachable.Add(Unwrap(memberType));
        }

        return (members.OrderBy(m => m.TemplateName, System.StringComparer.Ordinal).ThenBy(m => m.Name, System.StringComparer.Ordinal).ToEquatableArray(), reachable);
    }

    private static (TemplateValueKind Kind, ITypeSymbol? Element, bool Indexable) Classify(ITypeSymbol type, CollectionTypes collections)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Char:
                return (TemplateValueKind.String, null, false);
            case SpecialType.System_Boolean:
                return (TemplateValueKind.Boolean, null, false);
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return (TemplateValueKind.Integer, null, false);
            case SpecialType.System_Single:
            case SpecialType.System_Double:
                return (TemplateValueKind.Float, null, false);
            case SpecialType.System_Decimal:
                return (TemplateValueKind.Decimal, null, false);
            case SpecialType.System_DateTime:
                return (TemplateValueKind.DateTime, null, false);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return (TemplateValueKind.Enum, null, false);
        }

        switch (type.ToDisplayString())
        {
            case "System.DateTimeOffset":
                return (TemplateValueKind.DateTime, null, false);
            case "System.DateOnly":
                return (TemplateValueKind.DateOnly, null, false);
            case "System.TimeOnly":
                return (TemplateValueKind.TimeOnly, null, false);
            case "System.TimeSpan":
                return (TemplateValueKind.TimeSpan, null, false);
            case "System.Guid":
                return (TemplateValueKind.Guid, null, false);
            case "Reinhardt.Templates.SafeString":
                return (TemplateValueKind.Safe, null, false);
        }

        if (type is IArrayTypeSymbol array)
        {
            return (TemplateValueKind.Sequence, array.ElementType, true);
        }

        // a string-keyed dictionary is a mapping (d.key); any other enumerable a sequence
        var dictionary = Implemented(type, collections.ReadOnlyDictionary) ?? Implemented(type, collections.Dictionary);
        if (dictionary is not null && dictionary.TypeArguments[0].SpecialType == SpecialType.System_String)
        {
            return (TemplateValueKind.Mapping, dictionary.TypeArguments[1], false);
        }

        var enumerable = Implemented(type, collections.Enumerable);
        if (enumerable is not null)
        {
            var indexable = Implemented(type, collections.ReadOnlyList) is not null || Implemented(type, collections.List) is not null;
            return (TemplateValueKind.Sequence, enumerable.TypeArguments[0], indexable);
        }

        return (TemplateValueKind.Object, null, false);
    }

    private static INamedTypeSymbol? Implemented(ITypeSymbol type, INamedTypeSymbol? definition)
    {
        if (definition is null)
        {
            return null;
        }

        if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, definition))
        {
            return named;
        }

        return type.AllInterfaces.FirstOrDefault(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, definition));
    }

    /// <summary>The collection interfaces, resolved once per compilation.</summary>
    private sealed class CollectionTypes(Compilation compilation)
    {
        public INamedTypeSymbol? Enumerable { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");

        public INamedTypeSymbol? ReadOnlyList { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");

        public INamedTypeSymbol? List { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IList`1");

        public INamedTypeSymbol? ReadOnlyDictionary { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");

        public INamedTypeSymbol? Dictionary { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");

        public INamedTypeSymbol? HtmlWritable { get; } = compilation.GetTypeByMetadataName("Reinhardt.Templates.IHtmlWritable");

        public INamedTypeSymbol? Form { get; } = compilation.GetTypeByMetadataName("Reinhardt.Forms.Form");

        public INamedTypeSymbol? BoundField { get; } = compilation.GetTypeByMetadataName("Reinhardt.Forms.BoundField");

        public INamedTypeSymbol? FormAttribute { get; } = compilation.GetTypeByMetadataName("Reinhardt.Forms.FormAttribute");

        public INamedTypeSymbol? ModelFormAttribute { get; } = compilation.GetTypeByMetadataName("Reinhardt.Forms.ModelFormAttribute");
    }

    /// <summary>App types are expanded; the framework's are leaves (a template does not walk into System.Uri).</summary>
    private static bool IsAppType(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return !(ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal) || ns == "Microsoft" || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal));
    }

    private static bool IsNullable(ITypeSymbol type) =>
        type.NullableAnnotation == NullableAnnotation.Annotated || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    private static ITypeSymbol Unwrap(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);

    private static string Key(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
