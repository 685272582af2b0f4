using Reinhardt.Generators.Common;
using Reinhardt.Generators.Forms;

namespace Reinhardt.Generators.Admin;

/// <summary>A change list column or read-only field: how to read it from a row and how to sort by it.</summary>
/// <param name="Name">The field name (snake_case).</param>
/// <param name="Label">The heading (Django's capitalised verbose name).</param>
/// <param name="Access">The C# expression reading it from <c>m</c> (<c>m.QuestionText</c>, <c>m.WasPublishedRecently()</c>).</param>
/// <param name="OrderColumn">The column property sorting by it, or null for methods.</param>
/// <param name="RelatedType">For a foreign key, the related model (fully qualified): the cell shows its text.</param>
internal sealed record AdminColumnSpec(string Name, string Label, string Access, string? OrderColumn, string? RelatedType = null);

/// <summary>The kind of a sidebar filter, from the property's type.</summary>
internal enum AdminFilterKind
{
    Boolean,
    Date,
    Choices,
    Related,
}

/// <summary>A sidebar filter.</summary>
/// <param name="Column">The column property (<c>PubDate</c>, <c>QuestionId</c> for a foreign key).</param>
/// <param name="ValueType">The enum type (choices) or the related model (related), fully qualified.</param>
/// <param name="Members">An enum's member names.</param>
internal sealed record AdminFilterSpec(AdminFilterKind Kind, string Name, string Title, string Column, string? ValueType, EquatableArray<string> Members);

/// <summary>One term of the default order.</summary>
internal sealed record AdminOrderSpec(string Column, bool Descending);

/// <summary>A fieldset: field names are snake_case.</summary>
internal sealed record AdminFieldsetSpec(string? Name, EquatableArray<string> Fields, string? Classes, string? Description);

/// <summary>A foreign key edited on the admin's form as its key (Django's <c>raw_id_fields</c>), checked to exist before saving.</summary>
/// <param name="Field">The form field name (<c>question</c>).</param>
/// <param name="KeyProperty">The model's key property (<c>QuestionId</c>).</param>
/// <param name="RelatedType">The related model, fully qualified.</param>
internal sealed record AdminRelationSpec(string Field, string KeyProperty, string RelatedType, bool Nullable);

/// <summary>A custom action method.</summary>
internal sealed record AdminActionSpec(string Method, string Name, string Description, string Permission, bool TakesToken);

/// <summary>An <c>[Admin]</c> class, as plain data.</summary>
/// <param name="ModelType">The model, fully qualified.</param>
/// <param name="Inlines">The inline classes, fully qualified.</param>
/// <param name="Form">The nested model form of the admin's editable fields.</param>
internal sealed record AdminSpec(
    HierarchyInfo Hierarchy,
    string ModelType,
    string AppLabel,
    string ModelName,
    string VerboseName,
    string VerboseNamePlural,
    EquatableArray<AdminColumnSpec> ListDisplay,
    EquatableArray<AdminFilterSpec> Filters,
    EquatableArray<string> SearchColumns,
    EquatableArray<AdminOrderSpec> Ordering,
    int ListPerPage,
    EquatableArray<AdminFieldsetSpec> Fieldsets,
    EquatableArray<AdminColumnSpec> ReadonlyFields,
    EquatableArray<string> Inlines,
    EquatableArray<AdminActionSpec> Actions,
    string? DateHierarchyName,
    string? DateHierarchyColumn,
    EquatableArray<AdminRelationSpec> Relations,
    FormSpec Form);

/// <summary>A <c>[TabularInline]</c>/<c>[StackedInline]</c> class, as plain data.</summary>
/// <param name="ForeignKey">The foreign key field name to the parent (<c>question</c>).</param>
/// <param name="ForeignKeyColumn">Its column property (<c>QuestionId</c>).</param>
internal sealed record InlineSpec(
    HierarchyInfo Hierarchy,
    string ModelType,
    string VerboseName,
    string VerboseNamePlural,
    string ForeignKey,
    string ForeignKeyColumn,
    bool Tabular,
    int Extra,
    int MaxNum,
    int MinNum,
    bool CanDelete,
    FormSpec Form);

/// <summary>A parsed admin or inline class: its spec (null when it cannot be generated) and its diagnostics.</summary>
internal sealed record AdminParseResult(AdminSpec? Admin, InlineSpec? Inline, EquatableArray<DiagnosticInfo> Diagnostics);
