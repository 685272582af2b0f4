using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Forms;

/// <summary>Reads <c>[Form]</c> and <c>[ModelForm]</c> classes into specs: fields, rules, widgets, and their diagnostics.</summary>
internal static class FormParser
{
    public const string FormAttributeName = "Reinhardt.Forms.FormAttribute";
    public const string ModelFormAttributeName = "Reinhardt.Forms.ModelFormAttribute";
    private const string FormsNamespace = "Reinhardt.Forms";
    private const string RootNamespace = "Reinhardt";
    private static readonly string[] Renderers = { "Default", "Div", "P", "Table", "Ul" };
    private static readonly string[] Widgets =
    {
        "Default", "Text", "Textarea", "Number", "Email", "Url", "Password", "Hidden", "Checkbox", "Select", "SelectMultiple",
        "Radio", "CheckboxMultiple", "Date", "DateTimeLocal", "Time", "File",
    };

    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is ClassDeclarationSyntax;

    public static FormParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (ClassDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        var attribute = context.Attributes[0];
        var isModelForm = attribute.AttributeClass?.Name == "ModelFormAttribute";

        var isPartial = syntax.Modifiers.Any(SyntaxKind.PartialKeyword) && AllContainingPartial(type);
        if (!isPartial || type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FormMustBePartial, syntax.Identifier.GetLocation(), type.Name));
            return new FormParseResult(null, diagnostics.ToEquatableArray());
        }

        var renderer = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Renderer").Value.Value is int r && r >= 0 && r < Renderers.Length ? Renderers[r] : "Default";
        var fields = new List<FormFieldSpec>();
        ModelFormSpec? model = null;
        if (isModelForm)
        {
            var modelType = attribute.ConstructorArguments.FirstOrDefault().Value as INamedTypeSymbol;
            if (modelType is null || modelType.TypeKind == TypeKind.Error)
            {
                return new FormParseResult(null, diagnostics.ToEquatableArray());
            }

            var names = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Fields").Value is { Kind: TypedConstantKind.Array } array
                ? array.Values.Select(v => v.Value as string ?? string.Empty).ToList()
                : modelType.GetMembers().OfType<IPropertySymbol>().Where(p => IsFieldProperty(p) && p.Name != "Id").Select(p => p.Name).ToList();
            var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? syntax.Identifier.GetLocation();
            fields.AddRange(ModelFields(type.Name, modelType, names, attributeLocation, diagnostics, cancellationToken));

            model = new ModelFormSpec(modelType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), ForeignKeysOf(modelType));
        }
        else
        {
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>().Where(IsFieldProperty).OrderBy(p => p.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ReadField(type.Name, property, type, fromModel: false, property.Locations.FirstOrDefault(), diagnostics) is { } field)
                {
                    fields.Add(field);
                }
            }
        }

        var addBase = type.BaseType is null || type.BaseType.SpecialType == SpecialType.System_Object;
        var spec = new FormSpec(HierarchyInfo.From(type), addBase, renderer, fields.ToEquatableArray(), model);
        return new FormParseResult(spec, diagnostics.ToEquatableArray());
    }

    /// <summary>The fields of a model form over <paramref name="names"/> of <paramref name="modelType"/> (also the admin's forms).</summary>
    internal static List<FormFieldSpec> ModelFields(string formName, INamedTypeSymbol modelType, IEnumerable<string> names, Location? location, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var fields = new List<FormFieldSpec>();
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var property = modelType.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault(IsFieldProperty);
            if (property is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelFormUnknownField, location, formName, name, modelType.Name));
                continue;
            }

            if (ReadField(formName, property, modelType, fromModel: true, location, diagnostics) is { } field)
            {
                fields.Add(field);
            }
        }

        return fields;
    }

    // [ForeignKey]/[OneToOne] properties and their key properties (declared, or <Name>Id as the model generator adds it)
    internal static EquatableArray<ForeignKeySpec> ForeignKeysOf(INamedTypeSymbol model)
    {
        var keys = new List<ForeignKeySpec>();
        foreach (var property in model.GetMembers().OfType<IPropertySymbol>())
        {
            if (!property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is "Reinhardt.ForeignKeyAttribute" or "Reinhardt.OneToOneAttribute"))
            {
                continue;
            }

            var keyName = property.Name + "Id";
            var declared = model.GetMembers(keyName).OfType<IPropertySymbol>().FirstOrDefault();
            string keyType;
            if (declared is not null)
            {
                keyType = declared.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier));
            }
            else
            {
                var targetKey = (property.Type as INamedTypeSymbol)?.GetMembers("Id").OfType<IPropertySymbol>().FirstOrDefault();
                keyType = targetKey?.Type.SpecialType == SpecialType.System_Int32 ? "int" : "long";
                if (property.NullableAnnotation == NullableAnnotation.Annotated)
                {
                    keyType += "?";
                }
            }

            keys.Add(new ForeignKeySpec(IdentifierCase.ToSnakeCase(property.Name), keyName, keyType));
        }

        return keys.OrderBy(k => k.Field, StringComparer.Ordinal).ToEquatableArray();
    }

    internal static bool IsFieldProperty(IPropertySymbol property) =>
        property.DeclaredAccessibility == Accessibility.Public && !property.IsStatic && !property.IsIndexer
        && property.SetMethod is { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false } && property.GetMethod is not null
        && !property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Reinhardt.NotFieldAttribute");

    private static FormFieldSpec? ReadField(string formName, IPropertySymbol property, INamedTypeSymbol owner, bool fromModel, Location? location, List<DiagnosticInfo> diagnostics)
    {
        var display = formName + "." + property.Name;
        var type = property.Type;
        var multiple = false;
        if (type is IArrayTypeSymbol array)
        {
            multiple = true;
            type = array.ElementType;
        }

        var nullableValue = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            nullableValue = true;
            type = nullable.TypeArguments[0];
        }

        var kind = KindOf(type);
        if (kind is null || (multiple && (kind is FormFieldKind.File or FormFieldKind.Boolean)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedFormFieldType, location, display, property.Type.ToDisplayString()));
            return null;
        }

        var annotatedNullable = nullableValue || (property.Type.IsReferenceType && property.NullableAnnotation == NullableAnnotation.Annotated);
        var attributes = property.GetAttributes();
        AttributeData? Find(string ns, string name) => attributes.FirstOrDefault(a => a.AttributeClass is { } c && c.Name == name && c.ContainingNamespace?.ToDisplayString() == ns);
        Location? Where(AttributeData? a) => a?.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? location;

        var isString = kind == FormFieldKind.Text && type.SpecialType == SpecialType.System_String;
        var isNumber = kind is FormFieldKind.Integer or FormFieldKind.Number;

        // rules that fit only some types
        var maxLength = Find(RootNamespace, "MaxLengthAttribute");
        var minLength = Find(RootNamespace, "MinLengthAttribute");
        var regex = Find(RootNamespace, "RegularExpressionAttribute");
        var email = Find(FormsNamespace, "EmailAttribute");
        var url = Find(FormsNamespace, "UrlAttribute");
        var range = Find(RootNamespace, "RangeAttribute");
        var min = Find(FormsNamespace, "MinAttribute");
        var max = Find(FormsNamespace, "MaxAttribute");
        var step = Find(FormsNamespace, "StepAttribute");
        foreach (var (rule, fits) in new[]
        {
            (maxLength, isString || kind == FormFieldKind.File), (minLength, isString), (regex, isString), (email, isString), (url, isString),
            (range, isNumber), (min, isNumber), (max, isNumber), (step, isNumber),
        })
        {
            if (rule is not null && (!fits || multiple))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValidatorDoesNotFitType, Where(rule), formName, property.Name, rule.AttributeClass!.Name.Replace("Attribute", string.Empty), property.Type.ToDisplayString()));
            }
        }

        int? IntArg(AttributeData? a) => a is not null && a.ConstructorArguments.FirstOrDefault().Value is int i ? i : null;
        string? DoubleArg(AttributeData? a, int index = 0) =>
            a is not null && a.ConstructorArguments.Length > index && a.ConstructorArguments[index].Value is double d ? Double(d) : null;

        var minValue = isNumber ? DoubleArg(min) ?? DoubleArg(range) : null;
        var maxValue = isNumber ? DoubleArg(max) ?? DoubleArg(range, 1) : null;
        var stepValue = isNumber ? DoubleArg(step) : null;
        var stepOffset = isNumber && step?.NamedArguments.FirstOrDefault(a => a.Key == "Offset").Value.Value is double offset && !double.IsNaN(offset) ? Double(offset) : null;

        // choices: a static member of the form (or of the model), or an enumeration's members
        var choicesShape = ChoicesShape.None;
        string? choicesAccess = null;
        var enumMembers = EquatableArray<string>.Empty;
        var choices = Find(RootNamespace, "ChoicesAttribute");
        if (choices is not null)
        {
            var memberName = choices.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
            var (shape, access) = ChoicesSource(owner, memberName, type, fromModel);
            if (shape == ChoicesShape.None || kind is FormFieldKind.Boolean or FormFieldKind.File)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidChoicesSource, Where(choices), formName, property.Name, memberName, type.ToDisplayString()));
            }
            else
            {
                choicesShape = shape;
                choicesAccess = access;
            }
        }
        else if (kind == FormFieldKind.Enum)
        {
            choicesShape = ChoicesShape.Enum;
            enumMembers = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToEquatableArray();
        }

        // custom validators: static methods of the form taking the value, returning string?
        var validators = new List<string>();
        foreach (var validator in attributes.Where(a => a.AttributeClass is { Name: "ValidatorAttribute" } c && c.ContainingNamespace?.ToDisplayString() == FormsNamespace))
        {
            var method = validator.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
            var fits = owner.GetMembers(method).OfType<IMethodSymbol>().Any(m => m.IsStatic && m.Parameters.Length == 1 && m.ReturnType.SpecialType == SpecialType.System_String);
            if (!fits || fromModel)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValidatorMethod, Where(validator), method, display));
                continue;
            }

            validators.Add(method);
        }

        // required: explicit, else Django's required=True for non-nullable values (not for checkboxes, lists or blank strings)
        var requiredAttribute = Find(FormsNamespace, "RequiredAttribute");
        var required = requiredAttribute is not null
            ? requiredAttribute.ConstructorArguments.FirstOrDefault().Value is not false
            : !annotatedNullable && !multiple && kind != FormFieldKind.Boolean && Find(RootNamespace, "BlankAttribute") is null;

        var widgetAttribute = Find(FormsNamespace, "WidgetAttribute");
        var widget = widgetAttribute?.ConstructorArguments.FirstOrDefault().Value is int w && w > 0 && w < Widgets.Length ? Widgets[w] : null;
        widget ??= DefaultWidget(kind.Value, multiple, choicesShape != ChoicesShape.None, email is not null, url is not null, Find(RootNamespace, "TextAttribute") is not null);

        var name = IdentifierCase.ToSnakeCase(property.Name);
        var label = Find(FormsNamespace, "LabelAttribute")?.ConstructorArguments.FirstOrDefault().Value as string ?? PrettyName(name);
        var help = Find(FormsNamespace, "HelpTextAttribute")?.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
        return new FormFieldSpec(
            property.Name,
            name,
            kind.Value,
            type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            annotatedNullable,
            multiple,
            widget,
            label,
            help,
            required,
            Find(FormsNamespace, "DisabledAttribute") is not null,
            isString || kind == FormFieldKind.File ? IntArg(maxLength) : null,
            isString ? IntArg(minLength) : null,
            minValue,
            maxValue,
            stepValue,
            stepOffset,
            isString ? regex?.ConstructorArguments.FirstOrDefault().Value as string : null,
            isString && email is not null,
            isString && url is not null,
            choicesShape,
            choicesAccess,
            enumMembers,
            validators.ToEquatableArray());
    }

    private static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Django's <c>pretty_name</c>: <c>question_text</c> → <c>Question text</c>.</summary>
    private static string PrettyName(string name)
    {
        var words = name.Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words.Substring(1);
    }

    private static FormFieldKind? KindOf(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return FormFieldKind.Text;
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_Byte: return FormFieldKind.Integer;
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal: return FormFieldKind.Number;
            case SpecialType.System_Boolean: return FormFieldKind.Boolean;
            case SpecialType.System_DateTime: return FormFieldKind.DateTime;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return FormFieldKind.Enum;
        }

        return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() switch
        {
            "System.DateOnly" => FormFieldKind.Date,
            "System.DateTimeOffset" => FormFieldKind.DateTimeOffset,
            "System.TimeOnly" => FormFieldKind.Time,
            "System.Guid" => FormFieldKind.Guid,
            "Microsoft.AspNetCore.Http.IFormFile" => FormFieldKind.File,
            _ => null,
        };
    }

    private static string DefaultWidget(FormFieldKind kind, bool multiple, bool choices, bool email, bool url, bool text)
    {
        if (multiple)
        {
            return "SelectMultiple";
        }

        if (choices || kind == FormFieldKind.Enum)
        {
            return "Select";
        }

        return kind switch
        {
            FormFieldKind.Integer or FormFieldKind.Number => "Number",
            FormFieldKind.Boolean => "Checkbox",
            FormFieldKind.Date => "Date",
            FormFieldKind.DateTime => "DateTimeLocal",
            FormFieldKind.DateTimeOffset => "DateTimeLocal",
            FormFieldKind.Time => "Time",
            FormFieldKind.File => "File",
            _ => email ? "Email" : url ? "Url" : text ? "Textarea" : "Text",
        };
    }

    /// <summary>A static property, field or parameterless method listing <c>T</c> or <c>(T Value, string Label)</c>.</summary>
    private static (ChoicesShape Shape, string? Access) ChoicesSource(INamedTypeSymbol owner, string memberName, ITypeSymbol valueType, bool qualify)
    {
        foreach (var member in owner.GetMembers(memberName))
        {
            var (memberType, call) = member switch
            {
                IPropertySymbol { IsStatic: true, GetMethod: not null } p => (p.Type, false),
                IFieldSymbol { IsStatic: true } f => (f.Type, false),
                IMethodSymbol { IsStatic: true, Parameters.Length: 0, MethodKind: MethodKind.Ordinary } m => (m.ReturnType, true),
                _ => ((ITypeSymbol?)null, false),
            };
            if (memberType is null)
            {
                continue;
            }

            var element = EnumerableElement(memberType);
            if (element is null)
            {
                continue;
            }

            var access = (qualify ? owner.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." : string.Empty) + memberName + (call ? "()" : string.Empty);
            if (SymbolEqualityComparer.Default.Equals(element.WithNullableAnnotation(NullableAnnotation.NotAnnotated), valueType.WithNullableAnnotation(NullableAnnotation.NotAnnotated)))
            {
                return (ChoicesShape.Values, access);
            }

            if (element is INamedTypeSymbol { IsTupleType: true, TupleElements.Length: 2 } tuple
                && SymbolEqualityComparer.Default.Equals(tuple.TupleElements[0].Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), valueType.WithNullableAnnotation(NullableAnnotation.NotAnnotated))
                && tuple.TupleElements[1].Type.SpecialType == SpecialType.System_String)
            {
                return (ChoicesShape.Pairs, access);
            }
        }

        return (ChoicesShape.None, null);
    }

    private static ITypeSymbol? EnumerableElement(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
        {
            if (candidate is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IEnumerable<T>")
            {
                return named.TypeArguments[0];
            }
        }

        return null;
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
}
