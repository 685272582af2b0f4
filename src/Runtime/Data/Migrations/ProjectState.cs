namespace Reinhardt.Data.Migrations;

/// <summary>
/// The schema as a sequence of migrations leaves it (Django's <c>ProjectState</c>): tables by name.
/// Operations change it forwards; the executor replays it to know each migration's before and after.
/// </summary>
public sealed class ProjectState
{
    private readonly Dictionary<string, TableSchema> _tables;

    /// <summary>An empty schema.</summary>
    public ProjectState()
        : this(new Dictionary<string, TableSchema>(StringComparer.Ordinal))
    {
    }

    private ProjectState(Dictionary<string, TableSchema> tables) => _tables = tables;

    /// <summary>The tables by name.</summary>
    public IReadOnlyDictionary<string, TableSchema> Tables => _tables;

    /// <summary>The table, or an error naming it when the migrations never created it.</summary>
    public TableSchema Table(string name) =>
        _tables.TryGetValue(name, out var table) ? table : throw new InvalidOperationException($"Table '{name}' does not exist in the migration state.");

    /// <summary>Adds or replaces a table.</summary>
    public void Set(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _tables[table.Name] = table;
    }

    /// <summary>Removes a table.</summary>
    public void Remove(string name) => _tables.Remove(name);

    /// <summary>A copy that can change without changing this one.</summary>
    public ProjectState Clone() => new(new Dictionary<string, TableSchema>(_tables, StringComparer.Ordinal));
}
