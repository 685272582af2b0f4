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
        var tableName = TableNameOf(type, attribute, context.SemanticModel.Compilation);

        var fields = new List<FieldSpec>();
        var properties = type.GetMembers().OfType<IPropertySymbol>()
            .Where(p => p is { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null })
            .ToList();
        var columnProperties = properties.Where(p => p.SetMethod is not null).ToList();

        // [PrimaryKey] replaces the implicit Id key, like Django's primary_key=True
        var explicitKeys = new HashSet<IPropertySymbol>(
            properties.Where(p => p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Reinhardt.PrimaryKeyAttribute")),
            SymbolEqualityComparer.Default);
        if (explicitKeys.Count > 1)
        {
            foreach (var extra in explicitKeys.Skip(1))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TwoPrimaryKeys, extra.Locations.FirstOrDefault(), type.Name, extra.Name, explicitKeys.First().Name));
            }
        }

        foreach (var member in type.GetMembers())
        {
            var isCleanHook = member is IMethodSymbol { Name: "Clean", ReturnsVoid: true, Parameters.Length: 1 } clean && clean.Parameters[0].Type.Name == "ValidationErrors";
            if (GeneratedMemberNames.Contains(member.Name) && !isCleanHook && !member.IsImplicitlyDeclared)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedMemberClash, member.Locations.FirstOrDefault(), type.Name, member.Name));
            }
        }

        // a relation's "<Name>Id" companion is its key column, not a field of its own
        var relationIds = new HashSet<string>(columnProperties.Where(HasRelationAttribute).Select(p => p.Name + "Id"));
        foreach (var property in columnProperties)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (relationIds.Contains(property.Name))
            {
                continue;
            }

            var relationAttribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() is ForeignKeyAttributeName or OneToOneAttributeName);
            if (relationAttribute is not null)
            {
                if (ParseRelation(type, property, relationAttribute, properties, diagnostics, context.SemanticModel.Compilation) is { } field)
                {
                    fields.Add(field);
                }

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

            var isPrimaryKey = explicitKeys.Count > 0
                ? explicitKeys.Contains(property)
                : property.Name == "Id" && kind is FieldKind.Int64 or FieldKind.Int32 && !isNullable;
            if (isPrimaryKey && (kind is not (FieldKind.Int64 or FieldKind.Int32) || isNullable))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PrimaryKeyNotInteger, property.Locations.FirstOrDefault(), type.Name, property.Name, property.Type.ToDisplayString()));
            }
            fields.Add(new FieldSpec(
                property.Name,
                IdentifierCase.ToSnakeCase(property.Name),
                kind,
                TypeName(property.Type),
                isNullable,
                isPrimaryKey,
                maxLength,
                Relation: null)
            {
                Validation = ParseValidation(type, property, kind, diagnostics),
                DefaultLiteral = DefaultOf(property, kind, context.SemanticModel),
            });
        }

        if (!fields.Any(f => f.IsPrimaryKey))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelWithoutPrimaryKey, declaration.Identifier.GetLocation(), type.Name));
        }

        var manyToMany = properties
            .Select(p => (Property: p, Attribute: p.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ManyToManyAttributeName)))
            .Where(p => p.Attribute is not null)
            .Select(p => ParseManyToMany(type, tableName, p.Property, p.Attribute!, diagnostics, context.SemanticModel.Compilation))
            .Where(m => m is not null)
            .Select(m => m!)
            .ToEquatableArray();
        var uniqueTogether = ParseUniqueTogether(type, fields, diagnostics, declaration);
        var indexes = ParseIndexes(type, fields, properties, diagnostics, declaration);
        var checks = ParseChecks(type, tableName, diagnostics);
        var spec = diagnostics.Count == 0
            ? new ModelSpec(HierarchyInfo.From(type), appLabel, tableName, IdentifierCase.Pluralize(type.Name), OrderPrimaryKeyFirst(fields).ToEquatableArray())
            {
                UniqueTogether = uniqueTogether,
                Checks = checks,
                ManyToMany = manyToMany,
                Indexes = indexes,
            }
            : null;
        return new ModelParseResult(spec, diagnostics.ToEquatableArray(), LocationInfo.From(declaration.Identifier.GetLocation()));
    }

    /// <summary>Members every model gets from the generator; a user member with one of these names clashes.</summary>
    private static readonly HashSet<string> GeneratedMemberNames = new()
    {
        "TableName", "ColumnList", "Schema", "ReadRow", "Columns", "DoesNotExist", "MultipleObjectsReturned", "Clean",
    };

    /// <summary>Two models whose tables have the same name, reported at the second (and any later) one.</summary>
    public static EquatableArray<DiagnosticInfo> DuplicateTables(System.Collections.Immutable.ImmutableArray<ModelParseResult> results)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var group in results.Where(r => r.Spec is not null).GroupBy(r => r.Spec!.TableName))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                diagnostics.Add(new DiagnosticInfo(
                    DiagnosticDescriptors.DuplicateTableName,
                    duplicate.Location,
                    new EquatableArray<string>(new[] { duplicate.Spec!.Hierarchy.TypeName, group.Key, first.Spec!.Hierarchy.TypeName })));
            }
        }

        return diagnostics.ToEquatableArray();
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

        // [Database(InstalledApps = new[] { typeof(AuthDatabase) })]: other databases whose apps this one includes
        var installed = context.Attributes[0].NamedArguments
            .Where(a => a.Key == "InstalledApps" && a.Value.Kind == TypedConstantKind.Array)
            .SelectMany(a => a.Value.Values)
            .Select(v => v.Value as INamedTypeSymbol)
            .Where(t => t is not null)
            .Select(t => t!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .Distinct()
            .ToEquatableArray();
        return new DatabaseParseResult(new DatabaseSpec(HierarchyInfo.From(type), installed), EquatableArray<DiagnosticInfo>.Empty);
    }

    private static FieldValidationSpec ParseValidation(INamedTypeSymbol owner, IPropertySymbol property, FieldKind kind, List<DiagnosticInfo> diagnostics)
    {
        bool unique = false, blank = false;
        int? minLength = null;
        double? minimum = null, maximum = null;
        string? pattern = null;
        (string Member, bool Pairs)? choices = null;
        var isText = kind is FieldKind.String or FieldKind.Text;
        var isNumber = kind is FieldKind.Int32 or FieldKind.Int64 or FieldKind.Double or FieldKind.Decimal;
        foreach (var attribute in property.GetAttributes())
        {
            var name = attribute.AttributeClass?.ToDisplayString();
            var fits = true;
            switch (name)
            {
                case "Reinhardt.UniqueAttribute":
                    unique = true;
                    break;
                case "Reinhardt.BlankAttribute":
                    blank = true;
                    fits = isText;
                    break;
                case "Reinhardt.MinLengthAttribute":
                    minLength = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int length ? length : null;
                    fits = isText;
                    break;
                case "Reinhardt.RegularExpressionAttribute":
                    pattern = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                    fits = isText;
                    break;
                case "Reinhardt.ChoicesAttribute":
                    var member = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                    choices = member is null ? null : ChoicesSource(owner, member, property.Type);
                    if (choices is null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.InvalidChoicesSource,
                            attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? property.Locations.FirstOrDefault(),
                            owner.Name,
                            property.Name,
                            member ?? string.Empty,
                            property.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()));
                    }

                    break;
                case "Reinhardt.RangeAttribute":
                    if (attribute.ConstructorArguments.Length == 2)
                    {
                        minimum = System.Convert.ToDouble(attribute.ConstructorArguments[0].Value, System.Globalization.CultureInfo.InvariantCulture);
                        maximum = System.Convert.ToDouble(attribute.ConstructorArguments[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    }

                    fits = isNumber;
                    break;
                case MaxLengthAttributeName:
                    fits = isText;
                    break;
                default:
                    continue;
            }

            if (!fits)
            {
                var shortName = attribute.AttributeClass!.Name.EndsWith("Attribute", System.StringComparison.Ordinal)
                    ? attribute.AttributeClass.Name.Substring(0, attribute.AttributeClass.Name.Length - "Attribute".Length)
                    : attribute.AttributeClass.Name;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ValidatorDoesNotFitType,
                    attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? property.Locations.FirstOrDefault(),
                    owner.Name,
                    property.Name,
                    shortName,
                    property.Type.ToDisplayString()));
            }
        }

        return unique || blank || minLength is not null || minimum is not null || pattern is not null || choices is not null
            ? new FieldValidationSpec(unique, blank, minLength, minimum, maximum, pattern) { Choices = choices }
            : FieldValidationSpec.None;
    }

    /// <summary>
    /// The static member a <c>[Choices]</c> names, if it lists values of the field's type, or
    /// (value, label) tuples; null otherwise.
    /// </summary>
    private static (string Member, bool Pairs)? ChoicesSource(INamedTypeSymbol owner, string member, ITypeSymbol fieldType)
    {
        var symbol = owner.GetMembers(member).FirstOrDefault(m => m.IsStatic);
        var type = symbol switch
        {
            IPropertySymbol p => p.Type,
            IFieldSymbol f => f.Type,
            IMethodSymbol { Parameters.Length: 0 } m => m.ReturnType,
            _ => null,
        };
        var element = type is IArrayTypeSymbol array
            ? array.ElementType
            : (type as INamedTypeSymbol)?.AllInterfaces.Concat(type is INamedTypeSymbol self ? new[] { self } : System.Array.Empty<INamedTypeSymbol>())
                .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0];
        if (element is null)
        {
            return null;
        }

        var value = fieldType.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (value is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            value = nullable.TypeArguments[0];
        }

        if (SymbolEqualityComparer.Default.Equals(element.WithNullableAnnotation(NullableAnnotation.NotAnnotated), value))
        {
            return (member, false);
        }

        return element is INamedTypeSymbol { IsTupleType: true, TupleElements.Length: 2 } tuple
            && SymbolEqualityComparer.Default.Equals(tuple.TupleElements[0].Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), value)
            && tuple.TupleElements[1].Type.SpecialType == SpecialType.System_String
            ? (member, true)
            : null;
    }

    private static EquatableArray<UniqueTogetherSpec> ParseUniqueTogether(INamedTypeSymbol type, List<FieldSpec> fields, List<DiagnosticInfo> diagnostics, TypeDeclarationSyntax declaration)
    {
        var result = new List<UniqueTogetherSpec>();
        foreach (var attribute in type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == "Reinhardt.UniqueTogetherAttribute"))
        {
            var columns = new List<string>();
            var names = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
                ? attribute.ConstructorArguments[0].Values.Select(v => v.Value as string ?? string.Empty)
                : Enumerable.Empty<string>();
            foreach (var name in names)
            {
                // a relation may be named by its property (Question) or its key (QuestionId)
                var field = fields.FirstOrDefault(f => f.PropertyName == name || f.Relation?.PropertyName == name);
                if (field is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnknownUniqueTogetherField,
                        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? declaration.Identifier.GetLocation(),
                        type.Name,
                        name));
                    continue;
                }

                columns.Add(field.ColumnName);
            }

            result.Add(new UniqueTogetherSpec(columns.ToEquatableArray()));
        }

        return result.ToEquatableArray();
    }

    /// <summary>Class-level <c>[Index]</c> attributes (Django's <c>Meta.indexes</c>) and <c>[DbIndex]</c> properties.</summary>
    private static EquatableArray<IndexSpec> ParseIndexes(INamedTypeSymbol type, List<FieldSpec> fields, List<IPropertySymbol> properties, List<DiagnosticInfo> diagnostics, TypeDeclarationSyntax declaration)
    {
        var result = new List<IndexSpec>();
        foreach (var attribute in type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == "Reinhardt.IndexAttribute"))
        {
            var names = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
                ? attribute.ConstructorArguments[0].Values.Select(v => v.Value as string ?? string.Empty).ToList()
                : new List<string>();
            var columns = new List<string>();
            foreach (var name in names)
            {
                var field = fields.FirstOrDefault(f => f.PropertyName == name || f.Relation?.PropertyName == name);
                if (field is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnknownIndexField,
                        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? declaration.Identifier.GetLocation(),
                        type.Name,
                        name));
                    continue;
                }

                columns.Add(field.ColumnName);
            }

            var unique = attribute.NamedArguments.Any(a => a.Key == "Unique" && a.Value.Value is true);
            result.Add(new IndexSpec(NamedString(attribute, "Name"), columns.ToEquatableArray(), unique, "_idx"));
        }

        foreach (var property in properties.Where(p => p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Reinhardt.DbIndexAttribute")))
        {
            if (fields.FirstOrDefault(f => f.PropertyName == property.Name || f.Relation?.PropertyName == property.Name) is { } field)
            {
                result.Add(new IndexSpec(null, new EquatableArray<string>(new[] { field.ColumnName }), false, string.Empty));
            }
        }

        return result.ToEquatableArray();
    }

    private static EquatableArray<CheckSpec> ParseChecks(INamedTypeSymbol type, string tableName, List<DiagnosticInfo> diagnostics)
    {
        var result = new List<CheckSpec>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Reinhardt.CheckAttribute");
            if (attribute is null)
            {
                continue;
            }

            // Columns is generated, so before generation it may be an error type: match it by name
            var shapeIsRight = method.IsStatic
                && method.Parameters.Length == 1
                && method.Parameters[0].Type.Name == "Columns"
                && method.ReturnType.ToDisplayString() is "Reinhardt.Data.Q" or "Q";
            if (!shapeIsRight)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCheckMethod, method.Locations.FirstOrDefault(), type.Name, method.Name));
                continue;
            }

            result.Add(new CheckSpec(NamedString(attribute, "Name") ?? tableName + "_" + IdentifierCase.ToSnakeCase(method.Name), method.Name));
        }

        return result.ToEquatableArray();
    }

    private const string ManyToManyAttributeName = "Reinhardt.ManyToManyAttribute";

    /// <summary>A constant initializer (<c>= 0</c>, <c>= "draft"</c>, <c>= true</c>) as a C# literal of the column's CLR type.</summary>
    private static string? DefaultOf(IPropertySymbol property, FieldKind kind, SemanticModel declarationModel)
    {
        if (property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not PropertyDeclarationSyntax { Initializer.Value: { } initializer })
        {
            return null;
        }

        // the declaration's own semantic model when the property is in that file (the usual case): a new model per
        // property would bind the initializer's context again each time
        var model = declarationModel.SyntaxTree == initializer.SyntaxTree ? declarationModel : declarationModel.Compilation.GetSemanticModel(initializer.SyntaxTree);
        var constant = model.GetConstantValue(initializer);
        if (!constant.HasValue || constant.Value is null)
        {
            return null;
        }

        var text = SymbolDisplay.FormatPrimitive(constant.Value, quoteStrings: true, useHexadecimalNumbers: false);
        return kind switch
        {
            FieldKind.Int64 => "(long)" + text,
            FieldKind.Int32 => "(int)" + text,
            FieldKind.Double => "(double)" + text,
            FieldKind.Decimal => "(decimal)" + text,
            FieldKind.Boolean or FieldKind.String or FieldKind.Text => text,
            _ => null,
        };
    }

    /// <summary>
    /// A <c>[ManyToMany]</c> property of type <c>ManyToMany&lt;Target&gt;</c>: an automatic through table
    /// (<c>&lt;table&gt;_&lt;field&gt;</c> with <c>&lt;owner&gt;_id</c> and <c>&lt;target&gt;_id</c>, as Django names it)
    /// or the foreign keys of an explicit through model.
    /// </summary>
    private static ManyToManySpec? ParseManyToMany(INamedTypeSymbol owner, string ownerTable, IPropertySymbol property, AttributeData attribute, List<DiagnosticInfo> diagnostics, Compilation compilation)
    {
        var location = property.Locations.FirstOrDefault();
        var declared = property.Type is INamedTypeSymbol { Name: "ManyToMany", TypeArguments.Length: 1 } wrapper ? wrapper.TypeArguments[0] as INamedTypeSymbol : null;
        if (!TryRelationTarget(owner, property, declared, diagnostics, out var target, out var targetModel, out var syntax))
        {
            return null;
        }

        var targetTable = TableNameOf(target, targetModel, compilation);
        var relatedName = NamedString(attribute, "RelatedName") ?? IdentifierCase.Pluralize(owner.Name);
        var modifiers = syntax.Modifiers.ToString().Replace("partial", string.Empty).Trim();
        var through = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Through").Value.Value as INamedTypeSymbol;
        if (through is null)
        {
            var self = SymbolEqualityComparer.Default.Equals(owner, target);
            return new ManyToManySpec(
                property.Name,
                TypeName(target),
                ownerTable + "_" + IdentifierCase.ToSnakeCase(property.Name),
                (self ? "from_" : string.Empty) + owner.Name.ToLowerInvariant() + "_id",
                (self ? "to_" : string.Empty) + target.Name.ToLowerInvariant() + "_id",
                AutoThrough: true,
                ownerTable,
                targetTable,
                relatedName,
                modifiers)
            {
                OwnerKeyColumn = IdentifierCase.ToSnakeCase(PrimaryKeyOf(owner)?.Name ?? "Id"),
                TargetKeyColumn = IdentifierCase.ToSnakeCase(PrimaryKeyOf(target)?.Name ?? "Id"),
            };
        }

        var throughModel = through.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ModelAttributeName);
        string? ownerColumn = null, targetColumn = null;
        foreach (var key in through.GetMembers().OfType<IPropertySymbol>().Where(HasRelationAttribute))
        {
            if (SymbolEqualityComparer.Default.Equals(key.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), owner) && ownerColumn is null)
            {
                ownerColumn = IdentifierCase.ToSnakeCase(key.Name) + "_id";
            }
            else if (SymbolEqualityComparer.Default.Equals(key.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), target))
            {
                targetColumn = IdentifierCase.ToSnakeCase(key.Name) + "_id";
            }
        }

        if (throughModel is null || ownerColumn is null || targetColumn is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidThroughModel, location, owner.Name, property.Name, through.Name));
            return null;
        }

        return new ManyToManySpec(property.Name, TypeName(target), TableNameOf(through, throughModel, compilation), ownerColumn, targetColumn, AutoThrough: false, ownerTable, targetTable, relatedName, modifiers);
    }

    /// <summary>The model's primary key property: the one marked [PrimaryKey], else Id.</summary>
    private static IPropertySymbol? PrimaryKeyOf(INamedTypeSymbol model)
    {
        var properties = model.GetMembers().OfType<IPropertySymbol>().ToList();
        return properties.FirstOrDefault(p => p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Reinhardt.PrimaryKeyAttribute"))
            ?? properties.FirstOrDefault(p => p.Name == "Id");
    }

    /// <summary>
    /// The checks every relation property shares: its target is a [Model] (RH0006) and the property is
    /// partial, so the generator can implement it (RH0005).
    /// </summary>
    private static bool TryRelationTarget(
        INamedTypeSymbol owner,
        IPropertySymbol property,
        INamedTypeSymbol? declaredTarget,
        List<DiagnosticInfo> diagnostics,
        out INamedTypeSymbol target,
        out AttributeData targetModel,
        out PropertyDeclarationSyntax syntax)
    {
        target = null!;
        targetModel = null!;
        syntax = null!;
        var location = property.Locations.FirstOrDefault();
        var model = declaredTarget?.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ModelAttributeName);
        if (declaredTarget is null || model is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RelationTargetNotModel, location, owner.Name, property.Name, property.Type.ToDisplayString()));
            return false;
        }

        if (property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not PropertyDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RelationMustBePartial, location, owner.Name, property.Name));
            return false;
        }

        target = declaredTarget;
        targetModel = model;
        syntax = declaration;
        return true;
    }

    private static string TableNameOf(INamedTypeSymbol model, AttributeData modelAttribute, Compilation compilation) =>
        NamedString(modelAttribute, "Table") ?? (NamedString(modelAttribute, "App") ?? DefaultAppLabel(compilation)) + "_" + model.Name.ToLowerInvariant();

    private const string ForeignKeyAttributeName = "Reinhardt.ForeignKeyAttribute";
    private const string OneToOneAttributeName = "Reinhardt.OneToOneAttribute";
    private static readonly string[] OnDeleteNames = { "Cascade", "Protect", "Restrict", "SetNull", "DoNothing" };

    private static bool HasRelationAttribute(IPropertySymbol property) =>
        property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is ForeignKeyAttributeName or OneToOneAttributeName);

    private static string TypeName(ITypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier));

    /// <summary>
    /// A <c>[ForeignKey]</c> or <c>[OneToOne]</c> property: the key column <c>&lt;name&gt;_id</c>, typed
    /// like the target's primary key, and the relation the emitter implements.
    /// </summary>
    private static FieldSpec? ParseRelation(INamedTypeSymbol owner, IPropertySymbol property, AttributeData attribute, List<IPropertySymbol> properties, List<DiagnosticInfo> diagnostics, Compilation compilation)
    {
        var location = property.Locations.FirstOrDefault();
        var isOneToOne = attribute.AttributeClass!.ToDisplayString() == OneToOneAttributeName;
        if (!TryRelationTarget(owner, property, property.Type as INamedTypeSymbol, diagnostics, out var target, out var targetModel, out var syntax))
        {
            return null;
        }

        var isNullable = property.NullableAnnotation == NullableAnnotation.Annotated;
        var onDeleteValue = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int value ? value : 0;
        var onDelete = onDeleteValue >= 0 && onDeleteValue < OnDeleteNames.Length ? OnDeleteNames[onDeleteValue] : "Cascade";
        if (onDelete == "SetNull" && !isNullable)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SetNullOnNonNullableRelation, location, owner.Name, property.Name));
            return null;
        }

        var targetKey = PrimaryKeyOf(target);
        var keyKind = targetKey?.Type.SpecialType == SpecialType.System_Int32 ? FieldKind.Int32 : FieldKind.Int64;
        var keyType = keyKind == FieldKind.Int32 ? "int" : "long";
        var idName = property.Name + "Id";
        var idDeclared = properties.Any(p => p.Name == idName);
        var targetTable = TableNameOf(target, targetModel, compilation);
        var relatedName = NamedString(attribute, "RelatedName") ?? (isOneToOne ? owner.Name : IdentifierCase.Pluralize(owner.Name));

        return new FieldSpec(
            idName,
            IdentifierCase.ToSnakeCase(property.Name) + "_id",
            keyKind,
            isNullable ? keyType + "?" : keyType,
            isNullable,
            IsPrimaryKey: false,
            MaxLength: null,
            new RelationSpec(
                property.Name,
                TypeName(target.WithNullableAnnotation(NullableAnnotation.NotAnnotated)),
                targetTable,
                IdentifierCase.ToSnakeCase(targetKey?.Name ?? "Id"),
                onDelete,
                isOneToOne,
                relatedName,
                idDeclared,
                syntax.Modifiers.ToString().Replace("partial", string.Empty).Trim())
            {
                TargetKeyProperty = targetKey?.Name ?? "Id",
            });
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
