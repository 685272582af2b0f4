using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>Turns a <c>[Model]</c> class symbol into a <see cref="ModelSpec"/> and its diagnostics.</summary>
internal static class ModelParser
{
    public const string ModelAttributeName = "Reinhardt.ModelAttribute";
    private const string AppLabelAttributeName = "Reinhardt.AppLabelAttribute";
    private const string MaxLengthAttributeName = "Reinhardt.MaxLengthAttribute";

    /// <summary>The cheap syntactic filter for <c>ForAttributeWithMetadataName</c>.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken _) =>
        node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword };

    public static ModelParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelMustBePartial, declaration.Identifier.GetLocation(), type.Name));
        }

        var attribute = context.Attributes[0];
        var appLabel = NamedString(attribute, "App") ?? DefaultAppLabel(context.SemanticModel.Compilation);
        var tableName = NamedString(attribute, "Table") ?? appLabel + "_" + type.Name.ToLowerInvariant();

        var fields = new List<FieldSpec>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null, SetMethod: not null } property)
            {
                continue;
            }

            if (!TryMapType(property.Type, out var kind, out var isNullable))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedFieldType,
                    property.Locations.FirstOrDefault(),
                    type.Name,
                    property.Name,
                    property.Type.ToDisplayString()));
                continue;
            }

            var maxLength = MaxLengthOf(property);
            if (kind == FieldKind.String && maxLength is null)
            {
                kind = FieldKind.Text;
            }

            var isPrimaryKey = property.Name == "Id" && kind is FieldKind.Int64 or FieldKind.Int32 && !isNullable;
            fields.Add(new FieldSpec(
                property.Name,
                IdentifierCase.ToSnakeCase(property.Name),
                kind,
                property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier)),
                isNullable,
                isPrimaryKey,
                maxLength));
        }

        if (!fields.Any(f => f.IsPrimaryKey))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelWithoutPrimaryKey, declaration.Identifier.GetLocation(), type.Name));
        }

        var spec = diagnostics.Count == 0
            ? new ModelSpec(HierarchyInfo.From(type), appLabel, tableName, IdentifierCase.Pluralize(type.Name), OrderPrimaryKeyFirst(fields).ToEquatableArray())
            : null;
        return new ModelParseResult(spec, diagnostics.ToEquatableArray());
    }

    /// <summary>The primary key is column 0: row readers, inserts and the runtime rely on it.</summary>
    private static IEnumerable<FieldSpec> OrderPrimaryKeyFirst(List<FieldSpec> fields) =>
        fields.Where(f => f.IsPrimaryKey).Concat(fields.Where(f => !f.IsPrimaryKey));

    public const string DatabaseAttributeName = "Reinhardt.DatabaseAttribute";

    /// <summary>Parses a <c>[Database]</c> class; diagnostics are the model ones (partial).</summary>
    public static DatabaseParseResult ParseDatabase(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return new DatabaseParseResult(null, new EquatableArray<DiagnosticInfo>(new[]
            {
                DiagnosticInfo.Create(DiagnosticDescriptors.DatabaseMustBePartial, declaration.Identifier.GetLocation(), type.Name),
            }));
        }

        return new DatabaseParseResult(new DatabaseSpec(HierarchyInfo.From(type)), EquatableArray<DiagnosticInfo>.Empty);
    }

    private static string DefaultAppLabel(Compilation compilation)
    {
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == AppLabelAttributeName &&
                attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string label)
            {
                return label;
            }
        }

        return (compilation.AssemblyName ?? "app").ToLowerInvariant().Replace('.', '_');
    }

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is string value)
            {
                return value;
            }
        }

        return null;
    }

    private static int? MaxLengthOf(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == MaxLengthAttributeName &&
                attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int length)
            {
                return length;
            }
        }

        return null;
    }

    private static bool TryMapType(ITypeSymbol type, out FieldKind kind, out bool isNullable)
    {
        isNullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            isNullable = true;
            type = nullable.TypeArguments[0];
        }
        else if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            isNullable = true;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: kind = FieldKind.Boolean; return true;
            case SpecialType.System_Int32: kind = FieldKind.Int32; return true;
            case SpecialType.System_Int64: kind = FieldKind.Int64; return true;
            case SpecialType.System_Double: kind = FieldKind.Double; return true;
            case SpecialType.System_Decimal: kind = FieldKind.Decimal; return true;
            case SpecialType.System_String: kind = FieldKind.String; return true;
            case SpecialType.System_DateTime: kind = FieldKind.DateTime; return true;
        }

        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
        {
            kind = FieldKind.Binary;
            return true;
        }

        switch (type.ToDisplayString())
        {
            case "System.DateTimeOffset": kind = FieldKind.DateTimeOffset; return true;
            case "System.DateOnly": kind = FieldKind.Date; return true;
            case "System.TimeOnly": kind = FieldKind.Time; return true;
            case "System.TimeSpan": kind = FieldKind.Duration; return true;
            case "System.Guid": kind = FieldKind.Guid; return true;
        }

        kind = default;
        return false;
    }
}
