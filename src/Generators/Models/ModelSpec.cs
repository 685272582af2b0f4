using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>The logical field kinds; names match <c>Reinhardt.Data.ColumnType</c> members.</summary>
internal enum FieldKind
{
    Boolean,
    Int32,
    Int64,
    Double,
    Decimal,
    String,
    Text,
    DateTime,
    DateTimeOffset,
    Date,
    Time,
    Duration,
    Guid,
    Binary,
}

/// <summary>One model property mapped to a column.</summary>
/// <param name="PropertyName">The C# property name.</param>
/// <param name="ColumnName">The snake_case column name.</param>
/// <param name="Kind">The logical type.</param>
/// <param name="TypeName">The fully qualified C# type, nullable annotation included.</param>
/// <param name="IsNullable">Whether NULL is allowed.</param>
/// <param name="IsPrimaryKey">Whether this is the primary key.</param>
/// <param name="MaxLength">The <c>[MaxLength]</c> of a string, or null.</param>
internal sealed record FieldSpec(
    string PropertyName,
    string ColumnName,
    FieldKind Kind,
    string TypeName,
    bool IsNullable,
    bool IsPrimaryKey,
    int? MaxLength);

/// <summary>Everything the emitter needs to know about a <c>[Model]</c> class.</summary>
internal sealed record ModelSpec(
    HierarchyInfo Hierarchy,
    string AppLabel,
    string TableName,
    string PluralName,
    EquatableArray<FieldSpec> Fields);

/// <summary>A <c>[Database]</c> class.</summary>
internal sealed record DatabaseSpec(HierarchyInfo Hierarchy);

/// <summary>What the database emitter needs of each model: its type, query-set name and table.</summary>
internal sealed record DatabaseModelSpec(string TypeName, string PluralName, string TableName);

/// <summary>A parse result: the spec (null when the model cannot be generated) and its diagnostics.</summary>
internal sealed record ModelParseResult(ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A parse result of a <c>[Database]</c> class.</summary>
internal sealed record DatabaseParseResult(DatabaseSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
