namespace Reinhardt.Data;

/// <summary>The logical type of a column; each dialect maps it to its own SQL type.</summary>
public enum ColumnType
{
    /// <summary><see cref="bool"/>.</summary>
    Boolean,
    /// <summary><see cref="int"/>.</summary>
    Int32,
    /// <summary><see cref="long"/>.</summary>
    Int64,
    /// <summary><see cref="double"/>.</summary>
    Double,
    /// <summary><see cref="decimal"/>.</summary>
    Decimal,
    /// <summary><see cref="string"/> with a maximum length (Django's <c>CharField</c>).</summary>
    String,
    /// <summary><see cref="string"/> without a maximum length (Django's <c>TextField</c>).</summary>
    Text,
    /// <summary><see cref="System.DateTime"/>.</summary>
    DateTime,
    /// <summary><see cref="System.DateTimeOffset"/>.</summary>
    DateTimeOffset,
    /// <summary><see cref="System.DateOnly"/>.</summary>
    Date,
    /// <summary><see cref="System.TimeOnly"/>.</summary>
    Time,
    /// <summary><see cref="System.TimeSpan"/>.</summary>
    Duration,
    /// <summary><see cref="System.Guid"/>.</summary>
    Guid,
    /// <summary><see cref="byte"/> arrays.</summary>
    Binary,
}

/// <summary>A foreign key: the column references <paramref name="Table"/>.<paramref name="Column"/>.</summary>
/// <param name="Table">The referenced table.</param>
/// <param name="Column">The referenced (primary key) column.</param>
/// <param name="OnDelete">What deleting the referenced row does to this one.</param>
public sealed record ForeignKeySchema(string Table, string Column, OnDelete OnDelete);

/// <summary>One column of a model's table, as the generator saw it at build time.</summary>
/// <param name="Name">The column name (snake_case).</param>
/// <param name="Type">The logical type.</param>
/// <param name="Nullable">Whether the column accepts NULL.</param>
/// <param name="PrimaryKey">Whether this is the (auto-increment) primary key.</param>
/// <param name="MaxLength">The maximum length of a string column.</param>
/// <param name="Unique">Whether values must be unique (Django's <c>unique=True</c>, and one-to-one keys).</param>
/// <param name="ForeignKey">The referenced table when this is a foreign key.</param>
public sealed record ColumnSchema(
    string Name,
    ColumnType Type,
    bool Nullable = false,
    bool PrimaryKey = false,
    int? MaxLength = null,
    bool Unique = false,
    ForeignKeySchema? ForeignKey = null);

/// <summary>A model's table, as data: the migrations compare it with the database.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The columns, the primary key first, then in declaration order.</param>
public sealed record TableSchema(string Name, IReadOnlyList<ColumnSchema> Columns)
{
    /// <summary>The primary key column.</summary>
    public ColumnSchema PrimaryKey => Columns[0];
}
