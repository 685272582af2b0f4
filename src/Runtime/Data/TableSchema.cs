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
/// <param name="Default">
/// The model's default (a constant property initializer, Django's <c>default=</c>), in its CLR form;
/// migrations give it to existing rows when the column is added. Not part of the DDL, as in Django.
/// </param>
public sealed record ColumnSchema(
    string Name,
    ColumnType Type,
    bool Nullable = false,
    bool PrimaryKey = false,
    int? MaxLength = null,
    bool Unique = false,
    ForeignKeySchema? ForeignKey = null,
    object? Default = null);

/// <summary>A table constraint with Django's name for it.</summary>
/// <param name="Name">The constraint name.</param>
public abstract record ConstraintSchema(string Name);

/// <summary>Values of several columns unique together (Django's <c>unique_together</c> / <c>UniqueConstraint</c>).</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Columns">The columns.</param>
public sealed record UniqueConstraintSchema(string Name, IReadOnlyList<string> Columns) : ConstraintSchema(Name);

/// <summary>
/// A CHECK constraint from a typed predicate (Django's <c>CheckConstraint</c>). The condition is
/// built over a table reference, so the same predicate renders as schema SQL (bare columns,
/// literal values) and as a validation query (columns bound to an instance's values).
/// </summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Condition">Builds the condition over the given table.</param>
public sealed record CheckConstraintSchema(string Name, Func<TableRef, Q>? Condition) : ConstraintSchema(Name)
{
    /// <summary>A check written as SQL text, as migration files store it.</summary>
    public CheckConstraintSchema(string name, string sql)
        : this(name, (Func<TableRef, Q>?)null) => SqlText = sql;

    /// <summary>The SQL text of a check read from a migration file; null for a model's typed predicate.</summary>
    public string? SqlText { get; }

    /// <summary>The condition as SQL for a CHECK clause in <paramref name="dialect"/>.</summary>
    public string Sql(SqlDialect dialect, string table)
    {
        if (SqlText is not null)
        {
            return SqlText;
        }

        var sql = new SqlWriter(dialect, inlineValues: true);
        Condition!(TableRef.Unqualified(table)).WriteTo(sql);
        return sql.ToString();
    }
}

/// <summary>An index (Django's <c>Meta.indexes</c> or <c>db_index=True</c>).</summary>
/// <param name="Name">The index name.</param>
/// <param name="Columns">The indexed columns, in order.</param>
/// <param name="Unique">Whether it is a unique index.</param>
public sealed record IndexSchema(string Name, IReadOnlyList<string> Columns, bool Unique = false)
{
    /// <summary>Same name, columns and uniqueness.</summary>
    public bool SameAs(IndexSchema other) => other is not null && Name == other.Name && Unique == other.Unique && Columns.SequenceEqual(other.Columns);
}

/// <summary>A model's table, as data: the migrations compare it with the database.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The columns, the primary key first, then in declaration order.</param>
/// <param name="Constraints">Unique-together and check constraints.</param>
/// <param name="Indexes">Indexes beyond the ones Django adds for foreign keys.</param>
public sealed record TableSchema(string Name, IReadOnlyList<ColumnSchema> Columns, IReadOnlyList<ConstraintSchema>? Constraints = null, IReadOnlyList<IndexSchema>? Indexes = null)
{
    /// <summary>The primary key column.</summary>
    public ColumnSchema PrimaryKey => Columns[0];

    /// <summary>The table constraints (never null).</summary>
    public IReadOnlyList<ConstraintSchema> AllConstraints => Constraints ?? [];

    /// <summary>The declared indexes (never null).</summary>
    public IReadOnlyList<IndexSchema> AllIndexes => Indexes ?? [];
}
