namespace Reinhardt.Data;

/// <summary>
/// A table as a query sees it: the model's own table, or a table reached through a chain of
/// foreign keys (<c>choice.question</c>), which becomes a JOIN when a query uses its columns.
/// Instances are compared by reference: one instance per path in a column set.
/// </summary>
public sealed class TableRef
{
    private TableRef(string tableName, TableRef? parent, string? parentColumn, string? keyColumn, bool nullable, ForwardRelation? relation)
    {
        TableName = tableName;
        Parent = parent;
        ParentColumn = parentColumn;
        KeyColumn = keyColumn;
        Nullable = nullable;
        Relation = relation;
    }

    /// <summary>How rows of this joined table are read and attached (for <c>SelectRelated</c>).</summary>
    public ForwardRelation? Relation { get; }

    /// <summary>Whether columns are written bare (<c>"votes"</c>), as CHECK constraints need.</summary>
    public bool IsUnqualified { get; private init; }

    /// <summary>Values (already in database form) that replace the columns, to evaluate a condition for one instance.</summary>
    public IReadOnlyDictionary<string, object?>? BoundValues { get; private init; }

    /// <summary>The table with columns written without a table name (CHECK constraints).</summary>
    public static TableRef Unqualified(string tableName) => new(tableName, null, null, null, false, null) { IsUnqualified = true };

    /// <summary>The table with every column replaced by an instance's value (constraint validation).</summary>
    public static TableRef Bound(string tableName, IReadOnlyDictionary<string, object?> values) => new(tableName, null, null, null, false, null) { BoundValues = values };

    /// <summary>The table name.</summary>
    public string TableName { get; }

    /// <summary>The table this one is joined from, or null for the query's own table.</summary>
    public TableRef? Parent { get; }

    /// <summary>The foreign-key column in the parent table.</summary>
    public string? ParentColumn { get; }

    /// <summary>The key column in this table that the foreign key points at.</summary>
    public string? KeyColumn { get; }

    /// <summary>Whether the join may find no row (a nullable foreign key): LEFT OUTER JOIN.</summary>
    public bool Nullable { get; }

    /// <summary>The query's own table.</summary>
    public static TableRef Root(string tableName) => new(tableName, null, null, null, false, null);

    /// <summary>A table reached through a foreign key of <paramref name="parent"/>.</summary>
    public static TableRef Join(TableRef parent, string parentColumn, string tableName, string keyColumn, bool nullable, ForwardRelation? relation = null)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return new(tableName, parent, parentColumn, keyColumn, nullable || parent.Nullable, relation);
    }
}
