using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Forms;

/// <summary>How a field's submitted text becomes its value (which <c>Form.Clean*</c> method the generated code calls).</summary>
internal enum FormFieldKind
{
    Text,
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,
    DateTimeOffset,
    Time,
    Guid,
    Enum,
    File,
}

/// <summary>Where a choice field's options come from.</summary>
internal enum ChoicesShape
{
    None,
    Values,
    Pairs,
    Enum,
}

/// <summary>One field of a form: its property, conversion, widget and rules, all as plain data.</summary>
/// <param name="ValueType">The (underlying, element) value type, fully qualified.</param>
/// <param name="ChoicesAccess">The C# expression listing the options (<c>Options</c>, <c>Options()</c>, <c>global::M.Options</c>).</param>
internal sealed record FormFieldSpec(
    string Property,
    string Name,
    FormFieldKind Kind,
    string ValueType,
    bool Nullable,
    bool Multiple,
    string Widget,
    string Label,
    string HelpText,
    bool Required,
    bool Disabled,
    int? MaxLength,
    int? MinLength,
    string? Min,
    string? Max,
    string? Step,
    string? StepOffset,
    string? Pattern,
    bool Email,
    bool Url,
    ChoicesShape Choices,
    string? ChoicesAccess,
    EquatableArray<string> EnumMembers,
    EquatableArray<string> Validators);

/// <summary>A foreign key of a model form's model: its field name (<c>question</c>), key property and key type.</summary>
internal sealed record ForeignKeySpec(string Field, string KeyProperty, string KeyType);

/// <summary>A <c>[ModelForm]</c>'s model: its type and its foreign keys (which inline formsets set).</summary>
internal sealed record ModelFormSpec(string ModelType, EquatableArray<ForeignKeySpec> ForeignKeys);

/// <summary>A <c>[Form]</c> or <c>[ModelForm]</c> class.</summary>
/// <param name="AddBase">Whether the generated partial adds <c>: Form</c> (the user did not write it).</param>
/// <param name="DeclareProperties">Whether the generated partial declares the field properties (model forms).</param>
internal sealed record FormSpec(HierarchyInfo Hierarchy, bool AddBase, string Renderer, EquatableArray<FormFieldSpec> Fields, ModelFormSpec? Model);

/// <summary>A parsed form class: its spec (null when it cannot be generated) and its diagnostics.</summary>
internal sealed record FormParseResult(FormSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
