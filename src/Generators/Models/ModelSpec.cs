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
/// <param name="Relation">The relation when this is a foreign key's column.</param>
internal sealed record FieldSpec(
    string PropertyName,
    string ColumnName,
    FieldKind Kind,
    string TypeName,
    bool IsNullable,
    bool IsPrimaryKey,
    int? MaxLength,
    RelationSpec? Relation)
{
    /// <summary>The field's validators beyond max length.</summary>
    public FieldValidationSpec Validation { get; init; } = FieldValidationSpec.None;

    /// <summary>The C# literal of a constant property initializer (Django's <c>default=</c>), or null.</summary>
    public string? DefaultLiteral { get; init; }
}

/// <summary>Validators declared on a field (Django's field options and validators).</summary>
internal sealed record FieldValidationSpec(bool Unique, bool Blank, int? MinLength, double? Minimum, double? Maximum, string? Pattern)
{
    public static readonly FieldValidationSpec None = new(false, false, null, null, null, null);

    /// <summary>The static member listing the choices, and whether it lists (value, label) pairs.</summary>
    public (string Member, bool Pairs)? Choices { get; init; }
}

/// <summary>A <c>[UniqueTogether]</c> constraint, by column names.</summary>
internal sealed record UniqueTogetherSpec(EquatableArray<string> Columns);

/// <summary>An <c>[Index]</c> or <c>[DbIndex]</c>: an explicit name, or the suffix of Django's generated one.</summary>
internal sealed record IndexSpec(string? Name, EquatableArray<string> Columns, bool Unique, string Suffix);

/// <summary>A <c>[Check]</c> method: the constraint name and the method that builds it.</summary>
internal sealed record CheckSpec(string Name, string MethodName);

/// <summary>A <c>[ForeignKey]</c> or <c>[OneToOne]</c> property.</summary>
/// <param name="PropertyName">The relation property (<c>Question</c>); its key property is the field's.</param>
/// <param name="TargetType">The target model, fully qualified.</param>
/// <param name="TargetTable">The target's table.</param>
/// <param name="TargetKeyColumn">The target's primary key column.</param>
/// <param name="OnDelete">The <c>OnDelete</c> member name.</param>
/// <param name="IsOneToOne">Whether the key is unique (one-to-one).</param>
/// <param name="RelatedName">The reverse accessor's name on the target.</param>
/// <param name="IdDeclared">Whether the user declared the <c>&lt;Name&gt;Id</c> property.</param>
/// <param name="Modifiers">The partial property's modifiers, without <c>partial</c>.</param>
internal sealed record RelationSpec(
    string PropertyName,
    string TargetType,
    string TargetTable,
    string TargetKeyColumn,
    string OnDelete,
    bool IsOneToOne,
    string RelatedName,
    bool IdDeclared,
    string Modifiers)
{
    /// <summary>The target's primary key property (<c>Id</c> unless it marks another one).</summary>
    public string TargetKeyProperty { get; init; } = "Id";
}

/// <summary>A <c>[ManyToMany]</c> property.</summary>
/// <param name="PropertyName">The property (<c>Tags</c>).</param>
/// <param name="TargetType">The target model, fully qualified.</param>
/// <param name="ThroughTable">The through table.</param>
/// <param name="OwnerColumn">The through table's key column for the owner.</param>
/// <param name="TargetColumn">The through table's key column for the target.</param>
/// <param name="AutoThrough">Whether the generator declares the through table (no explicit through model).</param>
/// <param name="OwnerTable">The owner's table.</param>
/// <param name="TargetTable">The target's table.</param>
/// <param name="RelatedName">The reverse accessor's name on the target.</param>
/// <param name="Modifiers">The partial property's modifiers, without <c>partial</c>.</param>
internal sealed record ManyToManySpec(
    string PropertyName,
    string TargetType,
    string ThroughTable,
    string OwnerColumn,
    string TargetColumn,
    bool AutoThrough,
    string OwnerTable,
    string TargetTable,
    string RelatedName,
    string Modifiers)
{
    /// <summary>The owner's primary key column.</summary>
    public string OwnerKeyColumn { get; init; } = "id";

    /// <summary>The target's primary key column.</summary>
    public string TargetKeyColumn { get; init; } = "id";
}

/// <summary>A relation seen from its target: the reverse accessor the target gets.</summary>
/// <param name="Name">The accessor name (<c>Choices</c>).</param>
/// <param name="ChildType">The model holding the key, fully qualified.</param>
/// <param name="ChildKeyProperty">The key property on the child (<c>QuestionId</c>).</param>
/// <param name="ChildKeyType">The C# type of the child's key property (<c>long</c>, <c>int?</c>...).</param>
internal sealed record ReverseRelationSpec(string Name, string ChildType, string ChildKeyProperty, string ChildKeyType)
{
    /// <summary>For the far side of a many-to-many: the through table, this side's column, the other side's column.</summary>
    public (string Table, string OwnerColumn, string TargetColumn)? Through { get; init; }
}

/// <summary>A model with the reverse relations other models give it: the emitter's whole input.</summary>
internal sealed record ModelEmitSpec(ModelSpec Model, EquatableArray<ReverseRelationSpec> Reverse);

/// <summary>Everything the emitter needs to know about a <c>[Model]</c> class.</summary>
internal sealed record ModelSpec(
    HierarchyInfo Hierarchy,
    string AppLabel,
    string TableName,
    string PluralName,
    EquatableArray<FieldSpec> Fields)
{
    public EquatableArray<UniqueTogetherSpec> UniqueTogether { get; init; } = EquatableArray<UniqueTogetherSpec>.Empty;

    public EquatableArray<CheckSpec> Checks { get; init; } = EquatableArray<CheckSpec>.Empty;

    public EquatableArray<ManyToManySpec> ManyToMany { get; init; } = EquatableArray<ManyToManySpec>.Empty;

    public EquatableArray<IndexSpec> Indexes { get; init; } = EquatableArray<IndexSpec>.Empty;
}

/// <summary>A <c>[Database]</c> class.</summary>
/// <param name="InstalledApps">Fully qualified names of the other <c>[Database]</c> classes whose tables, migrations, commands and content types this one includes (Django's <c>INSTALLED_APPS</c>).</param>
internal sealed record DatabaseSpec(HierarchyInfo Hierarchy, EquatableArray<string> InstalledApps);

/// <summary>What the database emitter needs of each model: its type, query-set name and table.</summary>
/// <param name="References">The tables this model's foreign keys point at.</param>
/// <param name="ThroughTables">The automatic many-to-many tables this model declares (property names of their schemas).</param>
/// <param name="AppLabel">The Django app label.</param>
/// <param name="ModelName">Django's <c>model_name</c>: the class name in lower case.</param>
/// <param name="VerboseName">Django's default <c>verbose_name</c>: the class name split into lower-case words.</param>
internal sealed record DatabaseModelSpec(string TypeName, string PluralName, string TableName, EquatableArray<string> References, EquatableArray<string> ThroughTables, string AppLabel = "", string ModelName = "", string VerboseName = "");

/// <summary>
/// A parse result: the spec (null when the model cannot be generated), its diagnostics, and where
/// the model is declared (for diagnostics that compare models; the spec itself holds no location).
/// </summary>
internal sealed record ModelParseResult(ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? Location);

/// <summary>A parse result of a <c>[Database]</c> class.</summary>
internal sealed record DatabaseParseResult(DatabaseSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
