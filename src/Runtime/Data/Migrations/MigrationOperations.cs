namespace Reinhardt.Data.Migrations;

/// <summary>
/// One step of a migration (Django's <c>Operation</c>): how it changes the schema state, and the SQL
/// that applies or reverses it. Operations are data, written into migration files.
/// </summary>
public abstract class MigrationOperation
{
    /// <summary>Changes the state as the operation changes the database.</summary>
    public abstract void StateForwards(ProjectState state);

    /// <summary>Applies the operation: <paramref name="from"/> is the state before, <paramref name="to"/> after.</summary>
    public abstract ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken);

    /// <summary>Reverses the operation: <paramref name="from"/> is the state after it, <paramref name="to"/> before it.</summary>
    public abstract ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken);

    /// <summary>A one-line description for <c>showmigrations</c> and errors.</summary>
    public abstract string Describe();

    /// <inheritdoc />
    public override string ToString() => Describe();
}

/// <summary>Creates a table (Django's <c>CreateModel</c>).</summary>
public sealed class CreateModel(TableSchema table) : MigrationOperation
{
    /// <summary>The table.</summary>
    public TableSchema Table { get; } = table;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state) => state.Set(Table);

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.CreateTableAsync(Table, cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.DropTableAsync(Table.Name, cancellationToken);

    /// <inheritdoc />
    public override string Describe() => $"Create model {Table.Name}";
}

/// <summary>Drops a table (Django's <c>DeleteModel</c>).</summary>
public sealed class DeleteModel(string table) : MigrationOperation
{
    /// <summary>The table name.</summary>
    public string TableName { get; } = table;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state) => state.Remove(TableName);

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.DropTableAsync(TableName, cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.CreateTableAsync(to.Table(TableName), cancellationToken);

    /// <inheritdoc />
    public override string Describe() => $"Delete model {TableName}";
}

/// <summary>Renames a table (Django's <c>RenameModel</c>).</summary>
public sealed class RenameModel(string oldName, string newName) : MigrationOperation
{
    /// <summary>The current name.</summary>
    public string OldName { get; } = oldName;

    /// <summary>The new name.</summary>
    public string NewName { get; } = newName;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
        var table = state.Table(OldName);
        state.Remove(OldName);
        state.Set(table with { Name = NewName });

        // keys of other tables follow the rename
        foreach (var other in state.Tables.Values.ToList())
        {
            if (other.Columns.Any(c => c.ForeignKey?.Table == OldName))
            {
                state.Set(other with { Columns = [.. other.Columns.Select(c => c.ForeignKey?.Table == OldName ? c with { ForeignKey = c.ForeignKey with { Table = NewName } } : c)] });
            }
        }
    }

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RenameTableAsync(OldName, NewName, cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RenameTableAsync(NewName, OldName, cancellationToken);

    /// <inheritdoc />
    public override string Describe() => $"Rename model {OldName} to {NewName}";
}

/// <summary>
/// Adds a column (Django's <c>AddField</c>). A NOT NULL column needs <paramref name="default"/> for
/// the rows that exist, like Django's one-off default.
/// </summary>
public sealed class AddField(string table, ColumnSchema column, object? @default = null) : MigrationOperation
{
    /// <summary>The table.</summary>
    public string TableName { get; } = table;

    /// <summary>The new column.</summary>
    public ColumnSchema Column { get; } = column;

    /// <summary>The value existing rows get.</summary>
    public object? Default { get; } = @default;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
        var table = state.Table(TableName);
        state.Set(table with { Columns = [.. table.Columns, Column] });
    }

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.AddColumnAsync(from.Table(TableName), to.Table(TableName), Column, Default, cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RebuildAsync(from.Table(TableName), to.Table(TableName), renames: null, defaults: null, cancellationToken);

    /// <inheritdoc />
    public override string Describe() => $"Add field {Column.Name} to {TableName}";
}

/// <summary>Drops a column (Django's <c>RemoveField</c>); reversing it needs the column's old definition from the state.</summary>
public sealed class RemoveField(string table, string column) : MigrationOperation
{
    /// <summary>The table.</summary>
    public string TableName { get; } = table;

    /// <summary>The column.</summary>
    public string ColumnName { get; } = column;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
        var table = state.Table(TableName);
        state.Set(table with { Columns = [.. table.Columns.Where(c => c.Name != ColumnName)] });
    }

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RebuildAsync(from.Table(TableName), to.Table(TableName), renames: null, defaults: null, cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken)
    {
        // the restored column gets NULL, or the type's zero when it is NOT NULL, like Django's reversal
        var column = to.Table(TableName).Columns.First(c => c.Name == ColumnName);
        return editor.RebuildAsync(from.Table(TableName), to.Table(TableName), renames: null, defaults: new Dictionary<string, object?> { [ColumnName] = column.Default ?? (column.Nullable ? null : SchemaEditor.ZeroOf(column)) }, cancellationToken);
    }

    /// <inheritdoc />
    public override string Describe() => $"Remove field {ColumnName} from {TableName}";
}

/// <summary>Changes a column's definition (Django's <c>AlterField</c>); SQLite rebuilds the table.</summary>
public sealed class AlterField(string table, ColumnSchema column) : MigrationOperation
{
    /// <summary>The table.</summary>
    public string TableName { get; } = table;

    /// <summary>The column's new definition.</summary>
    public ColumnSchema Column { get; } = column;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
        var table = state.Table(TableName);
        state.Set(table with { Columns = [.. table.Columns.Select(c => c.Name == Column.Name ? Column : c)] });
    }

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RebuildAsync(from.Table(TableName), to.Table(TableName), renames: null, defaults: null, cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RebuildAsync(from.Table(TableName), to.Table(TableName), renames: null, defaults: null, cancellationToken);

    /// <inheritdoc />
    public override string Describe() => $"Alter field {Column.Name} on {TableName}";
}

/// <summary>Renames a column (Django's <c>RenameField</c>).</summary>
public sealed class RenameField(string table, string oldName, string newName) : MigrationOperation
{
    /// <summary>The table.</summary>
    public string TableName { get; } = table;

    /// <summary>The current name.</summary>
    public string OldName { get; } = oldName;

    /// <summary>The new name.</summary>
    public string NewName { get; } = newName;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
        var table = state.Table(TableName);
        state.Set(table with { Columns = [.. table.Columns.Select(c => c.Name == OldName ? c with { Name = NewName } : c)] });
    }

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RenameColumnAsync(TableName, OldName, NewName, cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RenameColumnAsync(TableName, NewName, OldName, cancellationToken);

    /// <inheritdoc />
    public override string Describe() => $"Rename field {OldName} on {TableName} to {NewName}";
}

/// <summary>
/// Runs SQL (Django's <c>RunSQL</c>). Interpolated values become parameters; without a reverse
/// statement the migration cannot be unapplied.
/// </summary>
public sealed class RunSql(FormattableString forward, FormattableString? backward = null) : MigrationOperation
{
    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
    }

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.ExecuteAsync(forward, cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        backward is null
            ? throw new InvalidOperationException($"'{Describe()}' has no reverse SQL, so it cannot be unapplied.")
            : editor.ExecuteAsync(backward, cancellationToken);

    /// <inheritdoc />
    public override string Describe() => "Raw SQL operation";
}

/// <summary>A data migration in C# (Django's <c>RunPython</c>), run in the migration's transaction.</summary>
public sealed class RunCode(Func<Database, CancellationToken, Task> forward, Func<Database, CancellationToken, Task>? backward = null) : MigrationOperation
{
    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
    }

    /// <inheritdoc />
    public override async ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken)
    {
        if (editor.IsCollecting)
        {
            editor.Comment("Data migration (C#): not shown as SQL");
            return;
        }

        await forward(editor.Database, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken)
    {
        if (backward is null)
        {
            throw new InvalidOperationException($"'{Describe()}' has no reverse code, so it cannot be unapplied.");
        }

        if (editor.IsCollecting)
        {
            editor.Comment("Data migration (C#): not shown as SQL");
            return;
        }

        await backward(editor.Database, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string Describe() => "Data migration";
}

/// <summary>Adds a unique-together or check constraint (Django's <c>AddConstraint</c>); SQLite rebuilds the table.</summary>
public sealed class AddConstraint(string table, ConstraintSchema constraint) : MigrationOperation
{
    /// <summary>The table.</summary>
    public string TableName { get; } = table;

    /// <summary>The constraint.</summary>
    public ConstraintSchema Constraint { get; } = constraint;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
        var table = state.Table(TableName);
        state.Set(table with { Constraints = [.. table.AllConstraints, Constraint] });
    }

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RebuildAsync(from.Table(TableName), to.Table(TableName), renames: null, defaults: null, cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RebuildAsync(from.Table(TableName), to.Table(TableName), renames: null, defaults: null, cancellationToken);

    /// <inheritdoc />
    public override string Describe() => $"Create constraint {Constraint.Name} on {TableName}";
}

/// <summary>Removes a constraint by name (Django's <c>RemoveConstraint</c>).</summary>
public sealed class RemoveConstraint(string table, string name) : MigrationOperation
{
    /// <summary>The table.</summary>
    public string TableName { get; } = table;

    /// <summary>The constraint's name.</summary>
    public string Name { get; } = name;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
        var table = state.Table(TableName);
        state.Set(table with { Constraints = [.. table.AllConstraints.Where(c => c.Name != Name)] });
    }

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RebuildAsync(from.Table(TableName), to.Table(TableName), renames: null, defaults: null, cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.RebuildAsync(from.Table(TableName), to.Table(TableName), renames: null, defaults: null, cancellationToken);

    /// <inheritdoc />
    public override string Describe() => $"Remove constraint {Name} from {TableName}";
}

/// <summary>Creates an index (Django's <c>AddIndex</c>).</summary>
public sealed class AddIndex(string table, IndexSchema index) : MigrationOperation
{
    /// <summary>The table.</summary>
    public string TableName { get; } = table;

    /// <summary>The index.</summary>
    public IndexSchema Index { get; } = index;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
        var table = state.Table(TableName);
        state.Set(table with { Indexes = [.. table.AllIndexes, Index] });
    }

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.ExecuteAsync(editor.Database.Dialect.CreateIndexSql(TableName, Index), cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.ExecuteAsync("DROP INDEX " + editor.Database.Dialect.QuoteName(Index.Name), cancellationToken);

    /// <inheritdoc />
    public override string Describe() => $"Create index {Index.Name} on {TableName}";
}

/// <summary>Drops an index by name (Django's <c>RemoveIndex</c>); reversing it needs the index from the state.</summary>
public sealed class RemoveIndex(string table, string name) : MigrationOperation
{
    /// <summary>The table.</summary>
    public string TableName { get; } = table;

    /// <summary>The index name.</summary>
    public string Name { get; } = name;

    /// <inheritdoc />
    public override void StateForwards(ProjectState state)
    {
        var table = state.Table(TableName);
        state.Set(table with { Indexes = [.. table.AllIndexes.Where(i => i.Name != Name)] });
    }

    /// <inheritdoc />
    public override ValueTask DatabaseForwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.ExecuteAsync("DROP INDEX " + editor.Database.Dialect.QuoteName(Name), cancellationToken);

    /// <inheritdoc />
    public override ValueTask DatabaseBackwardsAsync(SchemaEditor editor, ProjectState from, ProjectState to, CancellationToken cancellationToken) =>
        editor.ExecuteAsync(editor.Database.Dialect.CreateIndexSql(TableName, to.Table(TableName).AllIndexes.First(i => i.Name == Name)), cancellationToken);

    /// <inheritdoc />
    public override string Describe() => $"Remove index {Name} from {TableName}";
}
