using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Reinhardt.Generators.Common;
using Reinhardt.Generators.Forms;

namespace Reinhardt.Generators.Admin;

/// <summary>Reads <c>[Admin]</c> and inline classes into specs, resolving every member name against the model.</summary>
internal static class AdminParser
{
    public const string AdminAttributeName = "Reinhardt.Admin.AdminAttribute";
    public const string TabularInlineAttributeName = "Reinhardt.Admin.TabularInlineAttribute";
    public const string StackedInlineAttributeName = "Reinhardt.Admin.StackedInlineAttribute";
    private const string FieldsetAttributeName = "Reinhardt.Admin.FieldsetAttribute";
    private const string ActionAttributeName = "Reinhardt.Admin.AdminActionAttribute";
    private const string ModelAttributeName = "Reinhardt.ModelAttribute";
    private const string AppLabelAttributeName = "Reinhardt.AppLabelAttribute";
    private static readonly string[] Permissions = { "view", "add", "change", "delete" };

    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is ClassDeclarationSyntax;

    // what both declarations start with: a partial class whose attribute names a (valid) model type; else the result to return
    private static AdminParseResult? Begin(
        GeneratorAttributeSyntaxContext context,
        CancellationToken cancellationToken,
        List<DiagnosticInfo> diagnostics,
        out INamedTypeSymbol type,
        out ClassDeclarationSyntax syntax,
        out AttributeData attribute,
        out AttributeSyntax? attributeSyntax,
        out INamedTypeSymbol model)
    {
        type = (INamedTypeSymbol)context.TargetSymbol;
        syntax = (ClassDeclarationSyntax)context.TargetNode;
        attribute = context.Attributes[0];
        attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        model = null!;
        if (!IsPartial(type, syntax))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminMustBePartial, syntax.Identifier.GetLocation(), type.Name));
            return new AdminParseResult(null, null, diagnostics.ToEquatableArray());
        }

        if (attribute.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
        {
            return new AdminParseResult(null, null, diagnostics.ToEquatableArray());
        }

        model = named;
        return null;
    }

    public static AdminParseResult ParseAdmin(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (Begin(context, cancellationToken, diagnostics, out var type, out var syntax, out var attribute, out var attributeSyntax, out var model) is { } stop)
        {
            return stop;
        }

        if (!model.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelAttributeName))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminInvalidMember, ArgumentLocation(attributeSyntax, null, -1), type.Name, model.Name, "the model", "it is not a [Model] class"));
            return new AdminParseResult(null, null, diagnostics.ToEquatableArray());
        }

        var modelType = model.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var verbose = NamedString(attribute, "VerboseName") ?? VerboseName(model.Name);
        var plural = NamedString(attribute, "VerboseNamePlural") ?? verbose + "s";

        // list_display: properties or parameterless methods; default: the model's text (Django's __str__ column)
        var listDisplay = new List<AdminColumnSpec>();
        var listNames = NamedStrings(attribute, "ListDisplay");
        if (listNames.Count == 0)
        {
            listDisplay.Add(new AdminColumnSpec("__str__", Capitalize(verbose), "m.ToString()", null));
        }

        for (var i = 0; i < listNames.Count; i++)
        {
            if (Column(type, model, listNames[i], attributeSyntax, "ListDisplay", i, diagnostics) is { } column)
            {
                listDisplay.Add(column);
            }
        }

        var readonlyFields = new List<AdminColumnSpec>();
        var readonlyNames = NamedStrings(attribute, "ReadonlyFields");
        for (var i = 0; i < readonlyNames.Count; i++)
        {
            if (Column(type, model, readonlyNames[i], attributeSyntax, "ReadonlyFields", i, diagnostics) is { } column)
            {
                readonlyFields.Add(column);
            }
        }

        // list_filter: bool, dates, enums, foreign keys
        var filters = new List<AdminFilterSpec>();
        var filterNames = NamedStrings(attribute, "ListFilter");
        for (var i = 0; i < filterNames.Count; i++)
        {
            var location = ArgumentLocation(attributeSyntax, "ListFilter", i);
            var property = Property(model, filterNames[i]);
            if (property is null)
            {
                diagnostics.Add(Unknown(type, model, filterNames[i], location));
                continue;
            }

            var name = IdentifierCase.ToSnakeCase(property.Name);
            var title = Label(property.Name).ToLowerInvariant();
            if (IsForeignKey(property) && property.Type is INamedTypeSymbol related && property.NullableAnnotation != NullableAnnotation.Annotated)
            {
                filters.Add(new AdminFilterSpec(AdminFilterKind.Related, name, title, property.Name + "Id", related.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), EquatableArray<string>.Empty));
            }
            else if (property.Type.SpecialType == SpecialType.System_Boolean)
            {
                filters.Add(new AdminFilterSpec(AdminFilterKind.Boolean, name, title, property.Name, null, EquatableArray<string>.Empty));
            }
            else if (IsDate(property.Type))
            {
                filters.Add(new AdminFilterSpec(AdminFilterKind.Date, name, title, property.Name, null, EquatableArray<string>.Empty));
            }
            else if (property.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                var members = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToEquatableArray();
                filters.Add(new AdminFilterSpec(AdminFilterKind.Choices, name, title, property.Name, enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), members));
            }
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminInvalidMember, location, type.Name, filterNames[i], "ListFilter",
                    $"filters are for bool, DateTimeOffset, DateTime, DateOnly, enum and foreign key properties, not '{property.Type.ToDisplayString()}'"));
            }
        }

        // search_fields: text properties
        var search = new List<string>();
        var searchNames = NamedStrings(attribute, "SearchFields");
        for (var i = 0; i < searchNames.Count; i++)
        {
            var location = ArgumentLocation(attributeSyntax, "SearchFields", i);
            var property = Property(model, searchNames[i]);
            if (property is null)
            {
                diagnostics.Add(Unknown(type, model, searchNames[i], location));
            }
            else if (property.Type.SpecialType != SpecialType.System_String)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminInvalidMember, location, type.Name, searchNames[i], "SearchFields", "search looks in text (string) properties"));
            }
            else
            {
                search.Add(property.Name);
            }
        }

        // ordering: "-PubDate"
        var ordering = new List<AdminOrderSpec>();
        var orderNames = NamedStrings(attribute, "Ordering");
        for (var i = 0; i < orderNames.Count; i++)
        {
            var descending = orderNames[i].StartsWith("-", StringComparison.Ordinal);
            var name = descending ? orderNames[i].Substring(1) : orderNames[i];
            var property = Property(model, name);
            if (property is null)
            {
                diagnostics.Add(Unknown(type, model, name, ArgumentLocation(attributeSyntax, "Ordering", i)));
                continue;
            }

            ordering.Add(new AdminOrderSpec(IsForeignKey(property) ? property.Name + "Id" : property.Name, descending));
        }

        // date_hierarchy: a DateTimeOffset property
        string? hierarchyName = null, hierarchyColumn = null;
        if (NamedString(attribute, "DateHierarchy") is { } hierarchy)
        {
            var location = ArgumentLocation(attributeSyntax, "DateHierarchy", -1);
            var property = Property(model, hierarchy);
            if (property is null)
            {
                diagnostics.Add(Unknown(type, model, hierarchy, location));
            }
            else if (property.Type.ToDisplayString() != "System.DateTimeOffset")
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminInvalidMember, location, type.Name, hierarchy, "DateHierarchy", "the date hierarchy needs a non-nullable DateTimeOffset property"));
            }
            else
            {
                hierarchyName = IdentifierCase.ToSnakeCase(property.Name);
                hierarchyColumn = property.Name;
            }
        }

        // fieldsets, then the form's fields: Fields, else the fieldsets' fields, else every editable property
        var readonlyNameSet = new HashSet<string>(readonlyFields.Select(r => r.Name), StringComparer.Ordinal);
        var fieldsets = new List<AdminFieldsetSpec>();
        var formNames = new List<string>();
        foreach (var fieldset in type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == FieldsetAttributeName))
        {
            var fieldsetSyntax = fieldset.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var names = fieldset.ConstructorArguments.Length > 1 && fieldset.ConstructorArguments[1].Kind == TypedConstantKind.Array
                ? fieldset.ConstructorArguments[1].Values.Select(v => v.Value as string ?? string.Empty).ToList()
                : new List<string>();
            var snake = new List<string>();
            for (var i = 0; i < names.Count; i++)
            {
                var member = Member(model, names[i]);
                if (member is null)
                {
                    diagnostics.Add(Unknown(type, model, names[i], ParamsLocation(fieldsetSyntax, i + 1)));
                    continue;
                }

                var name = IdentifierCase.ToSnakeCase(member.Name);
                snake.Add(name);
                if (!readonlyNameSet.Contains(name))
                {
                    if (member is IPropertySymbol p && FormParser.IsFieldProperty(p) && !IsForeignKey(p))
                    {
                        formNames.Add(member.Name);
                    }
                    else if (member is IPropertySymbol fk && IsForeignKey(fk))
                    {
                        // added below, edited as its key
                    }
                    else
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminInvalidMember, ParamsLocation(fieldsetSyntax, i + 1), type.Name, names[i], "Fieldset",
                            "a method or read-only property can be shown only when it is listed in ReadonlyFields"));
                    }
                }
            }

            fieldsets.Add(new AdminFieldsetSpec(fieldset.ConstructorArguments.FirstOrDefault().Value as string, snake.ToEquatableArray(), NamedString(fieldset, "Classes"), NamedString(fieldset, "Description")));
        }

        var explicitFields = NamedStrings(attribute, "Fields");
        if (explicitFields.Count > 0)
        {
            formNames = explicitFields.ToList();
        }
        else if (fieldsets.Count == 0)
        {
            formNames = EditableProperties(model, includeForeignKeys: true).Where(p => !readonlyNameSet.Contains(IdentifierCase.ToSnakeCase(p))).ToList();
        }

        else
        {
            // foreign keys named in a fieldset are edited too
            formNames.AddRange(fieldsets.SelectMany(f => f.Fields).Select(n => Member(model, Pascal(model, n))).OfType<IPropertySymbol>().Where(IsForeignKey).Select(p => p.Name).Where(n => !formNames.Contains(n)));
        }

        var formHierarchy = Nested(HierarchyInfo.From(type), "AdminForm");
        var formLocation = ArgumentLocation(attributeSyntax, explicitFields.Count > 0 ? "Fields" : null, -1);
        var formFields = new List<FormFieldSpec>();
        var relations = new List<AdminRelationSpec>();
        foreach (var name in formNames)
        {
            // a foreign key is edited as its key (Django's raw_id_fields); the admin checks the row exists before saving
            if (Property(model, name) is { } fkProperty && IsForeignKey(fkProperty) && fkProperty.Type is INamedTypeSymbol related)
            {
                var nullable = fkProperty.NullableAnnotation == NullableAnnotation.Annotated;
                var field = IdentifierCase.ToSnakeCase(fkProperty.Name);
                formFields.Add(new FormFieldSpec(
                    fkProperty.Name + "Id", field, FormFieldKind.Integer, "long", nullable, false, "Number", Label(fkProperty.Name), "", !nullable, false,
                    null, null, null, null, null, null, null, false, false, ChoicesShape.None, null, EquatableArray<string>.Empty, EquatableArray<string>.Empty));
                relations.Add(new AdminRelationSpec(field, fkProperty.Name + "Id", related.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), nullable));
                continue;
            }

            formFields.AddRange(FormParser.ModelFields(type.Name, model, new[] { name }, formLocation, diagnostics, cancellationToken));
        }
        var form = new FormSpec(formHierarchy, true, "Default", formFields.ToEquatableArray(), new ModelFormSpec(modelType, FormParser.ForeignKeysOf(model)));

        // inlines: inline classes whose model has a foreign key to this one
        var inlines = new List<string>();
        if (attribute.NamedArguments.FirstOrDefault(a => a.Key == "Inlines").Value is { Kind: TypedConstantKind.Array } inlineArray)
        {
            for (var i = 0; i < inlineArray.Values.Length; i++)
            {
                var location = ArgumentLocation(attributeSyntax, "Inlines", i);
                if (inlineArray.Values[i].Value is not INamedTypeSymbol inline || inline.TypeKind == TypeKind.Error)
                {
                    continue;
                }

                var inlineAttribute = inline.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() is TabularInlineAttributeName or StackedInlineAttributeName);
                if (inlineAttribute?.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol child)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminInvalidInline, location, inline.Name, type.Name, "it has no [TabularInline] or [StackedInline] attribute"));
                    continue;
                }

                var fk = ForeignKeyOf(child, NamedString(inlineAttribute, "ForeignKey"));
                if (fk is null || !SymbolEqualityComparer.Default.Equals(fk.Type.OriginalDefinition, model))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminInvalidInline, location, inline.Name, type.Name, $"its model '{child.Name}' has no foreign key to '{model.Name}'"));
                    continue;
                }

                inlines.Add(inline.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            }
        }

        // actions: [AdminAction] methods taking the selected rows' query set (and a cancellation token)
        var actions = new List<AdminActionSpec>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            var actionAttribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ActionAttributeName);
            if (actionAttribute is null)
            {
                continue;
            }

            var parameters = method.Parameters;
            var takesRows = parameters.Length is 1 or 2
                && parameters[0].Type is INamedTypeSymbol { Name: "QuerySet", TypeArguments.Length: 2 } rows
                && SymbolEqualityComparer.Default.Equals(rows.TypeArguments[0], model);
            var takesToken = parameters.Length == 2 && parameters[1].Type.ToDisplayString() == "System.Threading.CancellationToken";
            var returnsTask = method.ReturnType.ToDisplayString() == "System.Threading.Tasks.Task";
            var permission = NamedString(actionAttribute, "Permission") ?? "change";
            if (!takesRows || (parameters.Length == 2 && !takesToken) || !returnsTask || method.IsGenericMethod || !Permissions.Contains(permission))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminInvalidAction, method.Locations.FirstOrDefault(), method.Name, model.Name));
                continue;
            }

            actions.Add(new AdminActionSpec(method.Name, IdentifierCase.ToSnakeCase(method.Name), actionAttribute.ConstructorArguments.FirstOrDefault().Value as string ?? method.Name, permission, takesToken));
        }

        var perPage = attribute.NamedArguments.FirstOrDefault(a => a.Key == "ListPerPage").Value.Value is int n && n > 0 ? n : 100;
        var spec = new AdminSpec(
            HierarchyInfo.From(type),
            modelType,
            AppLabelOf(model, context.SemanticModel.Compilation),
            model.Name.ToLowerInvariant(),
            verbose,
            plural,
            listDisplay.ToEquatableArray(),
            filters.ToEquatableArray(),
            search.ToEquatableArray(),
            ordering.ToEquatableArray(),
            perPage,
            fieldsets.ToEquatableArray(),
            readonlyFields.ToEquatableArray(),
            inlines.ToEquatableArray(),
            actions.OrderBy(a => a.Method, StringComparer.Ordinal).ToEquatableArray(),
            hierarchyName,
            hierarchyColumn,
            relations.ToEquatableArray(),
            form);
        return new AdminParseResult(spec, null, diagnostics.ToEquatableArray());
    }

    public static AdminParseResult ParseInline(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (Begin(context, cancellationToken, diagnostics, out var type, out var syntax, out var attribute, out var attributeSyntax, out var model) is { } stop)
        {
            return stop;
        }

        var fkName = NamedString(attribute, "ForeignKey");
        var fk = ForeignKeyOf(model, fkName);
        if (fk is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminInvalidInline, ArgumentLocation(attributeSyntax, fkName is null ? null : "ForeignKey", -1), type.Name, model.Name,
                fkName is null ? $"'{model.Name}' needs exactly one foreign key, or ForeignKey naming one" : $"'{model.Name}' has no foreign key property '{fkName}'"));
            return new AdminParseResult(null, null, diagnostics.ToEquatableArray());
        }

        var names = NamedStrings(attribute, "Fields");
        var formNames = names.Count > 0 ? names.ToList() : EditableProperties(model).ToList();
        var formFields = FormParser.ModelFields(type.Name, model, formNames, ArgumentLocation(attributeSyntax, names.Count > 0 ? "Fields" : null, -1), diagnostics, cancellationToken);
        var modelType = model.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var form = new FormSpec(Nested(HierarchyInfo.From(type), "AdminForm"), true, "Default", formFields.ToEquatableArray(), new ModelFormSpec(modelType, FormParser.ForeignKeysOf(model)));
        var verbose = NamedString(attribute, "VerboseName") ?? VerboseName(model.Name);
        int Int(string name, int fallback) => attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value is int value ? value : fallback;
        var spec = new InlineSpec(
            HierarchyInfo.From(type),
            modelType,
            verbose,
            NamedString(attribute, "VerboseNamePlural") ?? verbose + "s",
            IdentifierCase.ToSnakeCase(fk.Name),
            fk.Name + "Id",
            attribute.AttributeClass?.ToDisplayString() == TabularInlineAttributeName,
            Math.Max(0, Int("Extra", 3)),
            Math.Max(0, Int("MaxNum", 1000)),
            Math.Max(0, Int("MinNum", 0)),
            attribute.NamedArguments.FirstOrDefault(a => a.Key == "CanDelete").Value.Value is not false,
            form);
        return new AdminParseResult(null, spec, diagnostics.ToEquatableArray());
    }

    private static AdminColumnSpec? Column(INamedTypeSymbol admin, INamedTypeSymbol model, string name, AttributeSyntax? attributeSyntax, string argument, int index, List<DiagnosticInfo> diagnostics)
    {
        var member = Member(model, name);
        switch (member)
        {
            case IPropertySymbol property when IsForeignKey(property):
                return new AdminColumnSpec(IdentifierCase.ToSnakeCase(property.Name), Label(property.Name), $"m.{property.Name}Id", property.Name + "Id",
                    property.NullableAnnotation == NullableAnnotation.Annotated ? null : property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            case IPropertySymbol property:
                return new AdminColumnSpec(IdentifierCase.ToSnakeCase(property.Name), Label(property.Name), "m." + property.Name, IsColumn(property) ? property.Name : null);
            case IMethodSymbol method:
                return new AdminColumnSpec(IdentifierCase.ToSnakeCase(method.Name), Label(method.Name), $"m.{method.Name}()", null);
            default:
                diagnostics.Add(Unknown(admin, model, name, ArgumentLocation(attributeSyntax, argument, index)));
                return null;
        }
    }

    private static DiagnosticInfo Unknown(INamedTypeSymbol admin, INamedTypeSymbol model, string name, Location? location) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.AdminUnknownMember, location, admin.Name, name, model.Name);

    // a public instance property, or a public parameterless non-void method
    private static ISymbol? Member(INamedTypeSymbol model, string name) =>
        (ISymbol?)Property(model, name)
        ?? model.GetMembers(name).OfType<IMethodSymbol>().FirstOrDefault(m => m.DeclaredAccessibility == Accessibility.Public && !m.IsStatic && m.Parameters.Length == 0 && !m.ReturnsVoid && m.MethodKind == MethodKind.Ordinary);

    private static IPropertySymbol? Property(INamedTypeSymbol model, string name) =>
        model.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && !p.IsIndexer && p.GetMethod is not null);

    // a stored column: settable, not a relation collection, not [NotField]
    private static bool IsColumn(IPropertySymbol property) => FormParser.IsFieldProperty(property);

    private static bool IsForeignKey(IPropertySymbol property) =>
        property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is "Reinhardt.ForeignKeyAttribute" or "Reinhardt.OneToOneAttribute");

    private static bool IsPrimaryKey(IPropertySymbol property) =>
        property.Name == "Id" || property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Reinhardt.PrimaryKeyAttribute");

    // the key properties of foreign keys (QuestionId; declared, or generated and seen from another assembly) are never fields of their own
    private static IEnumerable<string> EditableProperties(INamedTypeSymbol model, bool includeForeignKeys = false)
    {
        var properties = model.GetMembers().OfType<IPropertySymbol>().ToList();
        var keyProperties = new HashSet<string>(properties.Where(IsForeignKey).Select(p => p.Name + "Id"), StringComparer.Ordinal);
        return properties
            .Where(p => (FormParser.IsFieldProperty(p) || (includeForeignKeys && IsForeignKey(p))) && !IsPrimaryKey(p) && (includeForeignKeys || !IsForeignKey(p))
                && !keyProperties.Contains(p.Name)
                && p.Type is not INamedTypeSymbol { IsGenericType: true, Name: "ManyToManySet" or "RelatedSet" })
            .OrderBy(p => p.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .Select(p => p.Name);
    }

    private static IPropertySymbol? ForeignKeyOf(INamedTypeSymbol model, string? name)
    {
        var keys = model.GetMembers().OfType<IPropertySymbol>().Where(IsForeignKey).ToList();
        return name is not null ? keys.FirstOrDefault(k => k.Name == name) : keys.Count == 1 ? keys[0] : null;
    }

    // a snake_case field name back to its property (fieldsets hold snake_case names)
    private static string Pascal(INamedTypeSymbol model, string snake) =>
        model.GetMembers().OfType<IPropertySymbol>().FirstOrDefault(p => IdentifierCase.ToSnakeCase(p.Name) == snake)?.Name ?? snake;

    private static bool IsDate(ITypeSymbol type) => type.ToDisplayString() is "System.DateTimeOffset" or "System.DateTime" or "System.DateOnly";

    private static bool IsPartial(INamedTypeSymbol type, ClassDeclarationSyntax syntax)
    {
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || type.IsGenericType)
        {
            return false;
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().All(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                return false;
            }
        }

        return true;
    }

    private static HierarchyInfo Nested(HierarchyInfo outer, string name) =>
        new(outer.Namespace, outer.Types.Concat(new[] { new TypeDeclarationInfo("class", name) }).ToEquatableArray());

    private static string AppLabelOf(INamedTypeSymbol model, Compilation compilation)
    {
        var modelAttribute = model.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == ModelAttributeName);
        if (NamedString(modelAttribute, "App") is { } app)
        {
            return app;
        }

        foreach (var attribute in model.ContainingAssembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == AppLabelAttributeName && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string label)
            {
                return label;
            }
        }

        return (model.ContainingAssembly.Name ?? compilation.AssemblyName ?? "app").ToLowerInvariant().Replace('.', '_');
    }

    // Django's default verbose_name: CamelCase split into lower-case words
    internal static string VerboseName(string typeName)
    {
        var words = new System.Text.StringBuilder(typeName.Length + 4);
        for (var i = 0; i < typeName.Length; i++)
        {
            if (i > 0 && char.IsUpper(typeName[i]) && !char.IsUpper(typeName[i - 1]))
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(typeName[i]));
        }

        return words.ToString();
    }

    // a field's verbose name, capitalised: QuestionText -> "Question text"
    internal static string Label(string name) => Capitalize(VerboseName(name));

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static string? NamedString(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;

    private static IReadOnlyList<string> NamedStrings(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value is { Kind: TypedConstantKind.Array } array
            ? array.Values.Select(v => v.Value as string ?? string.Empty).ToList()
            : (IReadOnlyList<string>)Array.Empty<string>();

    /// <summary>
    /// The location of a named argument's element <paramref name="index"/> (a collection expression or array initializer),
    /// else of the argument, else of the attribute: diagnostics point at the name the user typed.
    /// </summary>
    private static Location? ArgumentLocation(AttributeSyntax? attribute, string? name, int index)
    {
        if (attribute is null)
        {
            return null;
        }

        var argument = name is null ? null : attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        if (argument is null)
        {
            return attribute.GetLocation();
        }

        var elements = argument.Expression switch
        {
            CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => (SyntaxNode)e.Expression).ToList(),
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.Select(e => (SyntaxNode)e).ToList(),
            ArrayCreationExpressionSyntax array when array.Initializer is not null => array.Initializer.Expressions.Select(e => (SyntaxNode)e).ToList(),
            _ => new List<SyntaxNode>(),
        };
        return index >= 0 && index < elements.Count ? elements[index].GetLocation() : argument.GetLocation();
    }

    // the location of a params constructor argument (the fieldset's field names start at position 1)
    private static Location? ParamsLocation(AttributeSyntax? attribute, int position)
    {
        var arguments = attribute?.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ToList();
        if (arguments is null || arguments.Count == 0)
        {
            return attribute?.GetLocation();
        }

        if (arguments.Count == 2 && arguments[1].Expression is CollectionExpressionSyntax or ImplicitArrayCreationExpressionSyntax or ArrayCreationExpressionSyntax)
        {
            var expression = arguments[1].Expression;
            var elements = expression switch
            {
                CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => (SyntaxNode)e.Expression).ToList(),
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.Select(e => (SyntaxNode)e).ToList(),
                ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Select(e => (SyntaxNode)e).ToList(),
                _ => new List<SyntaxNode>(),
            };
            return position - 1 < elements.Count ? elements[position - 1].GetLocation() : expression.GetLocation();
        }

        return position < arguments.Count ? arguments[position].GetLocation() : attribute!.GetLocation();
    }
}
