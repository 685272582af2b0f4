namespace Reinhardt.Data.Migrations;

/// <summary>
/// Compares the schema the migrations build with the models' schema and lists the operations that
/// turn one into the other (Django's <c>MigrationAutodetector</c>). Renames are never guessed: a
/// renamed table or column shows as a removal and an addition unless a rename is given.
/// </summary>
public static class MigrationAutodetector
{
    /// <summary>The operations from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The state the existing migrations build.</param>
    /// <param name="to">The models' tables, referenced tables first.</param>
    /// <param name="renames">
    /// Confirmed renames: <c>old_table</c> → <c>new_table</c>, or <c>table.old_column</c> →
    /// <c>new_column</c> (Django's interactive "Did you rename...?", as <c>--rename old:new</c>).
    /// </param>
    /// <param name="dialect">Renders check constraints for comparison.</param>
    public static IReadOnlyList<MigrationOperation> Changes(ProjectState from, IReadOnlyList<TableSchema> to, IReadOnlyDictionary<string, string>? renames, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(dialect);
        renames ??= new Dictionary<string, string>();
        var state = from.Clone();
        var operations = new List<MigrationOperation>();
        void Add(MigrationOperation operation)
        {
            operation.StateForwards(state);
            operations.Add(operation);
        }

        var wanted = to.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var (oldName, newName) in renames.Where(r => !r.Key.Contains('.', StringComparison.Ordinal)))
        {
            if (state.Tables.ContainsKey(oldName) && wanted.ContainsKey(newName) && !state.Tables.ContainsKey(newName))
            {
                Add(new RenameModel(oldName, newName));
            }
        }

        foreach (var table in to.Where(t => !state.Tables.ContainsKey(t.Name)))
        {
            Add(new CreateModel(table));
        }

        foreach (var table in state.Tables.Keys.Where(name => !wanted.ContainsKey(name)).Reverse().ToList())
        {
            Add(new DeleteModel(table));
        }

        foreach (var target in to)
        {
            var current = state.Table(target.Name);
            foreach (var (key, newColumn) in renames.Where(r => r.Key.StartsWith(target.Name + ".", StringComparison.Ordinal)))
            {
                var oldColumn = key[(target.Name.Length + 1)..];
                if (current.Columns.Any(c => c.Name == oldColumn) && target.Columns.Any(c => c.Name == newColumn))
                {
                    Add(new RenameField(target.Name, oldColumn, newColumn));
                }
            }

            current = state.Table(target.Name);
            foreach (var column in target.Columns.Where(c => current.Columns.All(existing => existing.Name != c.Name)))
            {
                Add(new AddField(target.Name, column, column.Default ?? (column.Nullable ? null : SchemaEditor.ZeroOf(column))));
            }

            foreach (var column in current.Columns.Where(c => target.Columns.All(w => w.Name != c.Name)).ToList())
            {
                Add(new RemoveField(target.Name, column.Name));
            }

            foreach (var column in target.Columns)
            {
                if (state.Table(target.Name).Columns.First(c => c.Name == column.Name) != column)
                {
                    Add(new AlterField(target.Name, column));
                }
            }

            var existingConstraints = state.Table(target.Name).AllConstraints;
            foreach (var constraint in existingConstraints.Where(c => !target.AllConstraints.Any(w => SameConstraint(c, w, target.Name, dialect))).ToList())
            {
                Add(new RemoveConstraint(target.Name, constraint.Name));
            }

            foreach (var constraint in target.AllConstraints.Where(w => !existingConstraints.Any(c => SameConstraint(c, w, target.Name, dialect))))
            {
                Add(new AddConstraint(target.Name, constraint));
            }

            var existingIndexes = state.Table(target.Name).AllIndexes;
            foreach (var index in existingIndexes.Where(i => !target.AllIndexes.Any(w => w.SameAs(i))).ToList())
            {
                Add(new RemoveIndex(target.Name, index.Name));
            }

            foreach (var index in target.AllIndexes.Where(w => !existingIndexes.Any(i => i.SameAs(w))))
            {
                Add(new AddIndex(target.Name, index));
            }
        }

        return operations;
    }

    /// <summary>
    /// Pairs that look like renames (Django asks "Did you rename ...?"): a removed and an added table
    /// with the same columns, or a removed and an added column of one table with the same definition.
    /// Keys and values are in the form <see cref="Changes"/> takes as confirmed renames.
    /// </summary>
    public static IReadOnlyList<(string From, string To)> PossibleRenames(ProjectState from, IReadOnlyList<TableSchema> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var result = new List<(string, string)>();
        var wanted = to.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var added = to.Where(t => !from.Tables.ContainsKey(t.Name)).ToList();
        foreach (var removed in from.Tables.Values.Where(t => !wanted.ContainsKey(t.Name)))
        {
            foreach (var candidate in added.Where(a => a.Columns.Select(c => c with { ForeignKey = null }).SequenceEqual(removed.Columns.Select(c => c with { ForeignKey = null }))))
            {
                result.Add((removed.Name, candidate.Name));
            }
        }

        foreach (var target in to.Where(t => from.Tables.ContainsKey(t.Name)))
        {
            var current = from.Table(target.Name);
            var newColumns = target.Columns.Where(c => current.Columns.All(e => e.Name != c.Name)).ToList();
            foreach (var old in current.Columns.Where(c => target.Columns.All(w => w.Name != c.Name)))
            {
                foreach (var candidate in newColumns.Where(c => c with { Name = old.Name } == old))
                {
                    result.Add((target.Name + "." + old.Name, candidate.Name));
                }
            }
        }

        return result;
    }

    private static bool SameConstraint(ConstraintSchema left, ConstraintSchema right, string table, SqlDialect dialect) => (left, right) switch
    {
        (UniqueConstraintSchema a, UniqueConstraintSchema b) => a.Name == b.Name && a.Columns.SequenceEqual(b.Columns),
        (CheckConstraintSchema a, CheckConstraintSchema b) => a.Name == b.Name && a.Sql(dialect, table) == b.Sql(dialect, table),
        _ => false,
    };

    /// <summary>Django's automatic migration name: <c>initial</c>, a description of a few operations, or <c>auto_&lt;timestamp&gt;</c>.</summary>
    public static string SuggestName(IReadOnlyList<MigrationOperation> operations, bool initial, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (initial)
        {
            return "initial";
        }

        var parts = operations.Select(operation => operation switch
        {
            CreateModel create => create.Table.Name,
            DeleteModel delete => "delete_" + delete.TableName,
            RenameModel rename => "rename_" + rename.OldName + "_" + rename.NewName,
            AddField add => add.TableName + "_" + add.Column.Name,
            RemoveField remove => "remove_" + remove.TableName + "_" + remove.ColumnName,
            AlterField alter => "alter_" + alter.TableName + "_" + alter.Column.Name,
            RenameField rename => "rename_" + rename.OldName + "_" + rename.TableName + "_" + rename.NewName,
            _ => null,
        }).ToList();
        var name = string.Join("_", parts);
        return parts.Count == 0 || parts.Any(p => p is null) || name.Length > 52
            ? "auto_" + now.UtcDateTime.ToString("yyyyMMdd_HHmm", System.Globalization.CultureInfo.InvariantCulture)
            : name;
    }
}
