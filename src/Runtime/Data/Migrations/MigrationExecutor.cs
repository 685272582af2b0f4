namespace Reinhardt.Data.Migrations;

/// <summary>
/// Applies and unapplies migrations in dependency order (Django's <c>MigrationExecutor</c>): each
/// migration runs in its own transaction together with its history row, so a failing migration
/// leaves the database exactly as it was before that migration started.
/// </summary>
public sealed class MigrationExecutor
{
    /// <summary>The history table (Django's <c>django_migrations</c>, under Reinhardt's name).</summary>
    public const string HistoryTable = "reinhardt_migrations";

    private static readonly TableSchema s_history = new(HistoryTable,
    [
        new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
        new ColumnSchema("app", ColumnType.String, MaxLength: 255),
        new ColumnSchema("name", ColumnType.String, MaxLength: 255),
        new ColumnSchema("applied", ColumnType.DateTimeOffset),
    ]);

    private readonly Database _database;
    private readonly List<Migration> _plan;

    /// <summary>Orders <paramref name="migrations"/> by their dependencies, then by app and name.</summary>
    public MigrationExecutor(Database database, IEnumerable<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(migrations);
        _database = database;
        _plan = Order(migrations.ToList());
    }

    /// <summary>Every migration, in the order they apply.</summary>
    public IReadOnlyList<Migration> Plan => _plan;

    /// <summary>The keys (<c>app.name</c>) of the applied migrations.</summary>
    public async Task<IReadOnlySet<string>> AppliedAsync(CancellationToken cancellationToken = default)
    {
        await EnsureHistoryAsync(cancellationToken).ConfigureAwait(false);
        var rows = await _database.QueryAsync<string, string>($"SELECT app, name FROM reinhardt_migrations", cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.Item1 + "." + r.Item2).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The schema the migrations before <paramref name="migration"/> (or all, when null) build.</summary>
    public ProjectState StateBefore(Migration? migration)
    {
        var state = new ProjectState();
        foreach (var step in _plan)
        {
            if (ReferenceEquals(step, migration))
            {
                break;
            }

            foreach (var operation in step.Operations)
            {
                operation.StateForwards(state);
            }
        }

        return state;
    }

    /// <summary>
    /// Migrates <paramref name="app"/> (or every app) to <paramref name="target"/>: every migration when
    /// it is null, none of the app's when it is <c>zero</c>, or up to and including the named one
    /// (unapplying the later ones). Returns what ran, in order, with the direction.
    /// </summary>
    public async Task<IReadOnlyList<(Migration Migration, bool Forwards)>> MigrateAsync(
        string? app = null, string? target = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (target is not null && app is null)
        {
            throw new ArgumentException("A target migration needs its app.", nameof(target));
        }

        var applied = await AppliedAsync(cancellationToken).ConfigureAwait(false);
        var inApp = _plan.Where(m => app is null || m.App == app).ToList();
        if (app is not null && inApp.Count == 0)
        {
            throw new ArgumentException($"App '{app}' has no migrations.", nameof(app));
        }

        int keep;
        if (target is null)
        {
            keep = inApp.Count;
        }
        else if (target == "zero")
        {
            keep = 0;
        }
        else
        {
            var index = inApp.FindIndex(m => m.Name == target);
            keep = index >= 0 ? index + 1 : throw new ArgumentException($"App '{app}' has no migration named '{target}'.", nameof(target));
        }

        var done = new List<(Migration, bool)>();
        foreach (var migration in inApp.Skip(keep).Reverse().Where(m => applied.Contains(m.Key)))
        {
            progress?.Report($"Unapplying {migration.Key}...");
            await RunAsync(migration, forwards: false, cancellationToken).ConfigureAwait(false);
            done.Add((migration, false));
        }

        foreach (var migration in inApp.Take(keep).Where(m => !applied.Contains(m.Key)))
        {
            foreach (var dependency in migration.Dependencies)
            {
                if (!applied.Contains(dependency.App + "." + dependency.Name) && !done.Any(d => d.Item2 && d.Item1.App == dependency.App && d.Item1.Name == dependency.Name))
                {
                    throw new InvalidOperationException($"{migration.Key} depends on {dependency.App}.{dependency.Name}, which is not applied.");
                }
            }

            progress?.Report($"Applying {migration.Key}...");
            await RunAsync(migration, forwards: true, cancellationToken).ConfigureAwait(false);
            done.Add((migration, true));
        }

        return done;
    }

    /// <summary>The SQL a migration runs (Django's <c>sqlmigrate</c>), without running it.</summary>
    public async Task<IReadOnlyList<string>> SqlAsync(string app, string name, bool backwards = false, CancellationToken cancellationToken = default)
    {
        var migration = _plan.FirstOrDefault(m => m.App == app && m.Name == name)
            ?? throw new ArgumentException($"App '{app}' has no migration named '{name}'.", nameof(name));
        var collected = new List<string>();
        await RunOperationsAsync(migration, !backwards, new SchemaEditor(_database, collected), cancellationToken).ConfigureAwait(false);
        return collected;
    }

    private async Task RunAsync(Migration migration, bool forwards, CancellationToken cancellationToken)
    {
        var editor = new SchemaEditor(_database);
        await _database.AtomicWithDeferredChecksAsync(async () =>
        {
            await RunOperationsAsync(migration, forwards, editor, cancellationToken).ConfigureAwait(false);
            if (forwards)
            {
                await _database.ExecuteAsync($"INSERT INTO reinhardt_migrations (app, name, applied) VALUES ({migration.App}, {migration.Name}, {DateTimeOffset.UtcNow})", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _database.ExecuteAsync($"DELETE FROM reinhardt_migrations WHERE app = {migration.App} AND name = {migration.Name}", cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunOperationsAsync(Migration migration, bool forwards, SchemaEditor editor, CancellationToken cancellationToken)
    {
        // the state before each operation of this migration
        var states = new List<ProjectState> { StateBefore(migration) };
        foreach (var operation in migration.Operations)
        {
            var next = states[^1].Clone();
            operation.StateForwards(next);
            states.Add(next);
        }

        for (var i = 0; i < migration.Operations.Count; i++)
        {
            var index = forwards ? i : migration.Operations.Count - 1 - i;
            var operation = migration.Operations[index];
            try
            {
                if (forwards)
                {
                    await operation.DatabaseForwardsAsync(editor, states[index], states[index + 1], cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await operation.DatabaseBackwardsAsync(editor, states[index + 1], states[index], cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception error) when (error is not MigrationException)
            {
                throw new MigrationException($"{migration.Key}, operation {index + 1} ({operation.Describe()}): {error.Message}", error);
            }
        }
    }

    private Task EnsureHistoryAsync(CancellationToken cancellationToken) =>
        _database.NonQueryAsync(new SqlWriter(_database.Dialect).Append(_database.Dialect.CreateTableSql(s_history, ifNotExists: true)), async: true, cancellationToken).AsTask();

    /// <summary>Dependencies first; otherwise app then name, so the order never depends on discovery order.</summary>
    private static List<Migration> Order(List<Migration> migrations)
    {
        var byKey = new Dictionary<string, Migration>(StringComparer.Ordinal);
        foreach (var migration in migrations)
        {
            if (!byKey.TryAdd(migration.Key, migration))
            {
                throw new InvalidOperationException($"Two migrations are named {migration.Key}.");
            }
        }

        var ordered = new List<Migration>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        void Visit(Migration migration)
        {
            if (state.TryGetValue(migration.Key, out var finished))
            {
                if (!finished)
                {
                    throw new InvalidOperationException($"The dependencies of {migration.Key} form a cycle.");
                }

                return;
            }

            state[migration.Key] = false;
            foreach (var dependency in migration.Dependencies)
            {
                Visit(byKey.TryGetValue(dependency.App + "." + dependency.Name, out var required)
                    ? required
                    : throw new InvalidOperationException($"{migration.Key} depends on {dependency.App}.{dependency.Name}, which does not exist."));
            }

            state[migration.Key] = true;
            ordered.Add(migration);
        }

        foreach (var migration in migrations.OrderBy(m => m.App, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            Visit(migration);
        }

        return ordered;
    }
}

/// <summary>A migration failed; the message names the migration and the operation, and nothing it did remains.</summary>
public sealed class MigrationException(string message, Exception inner) : Exception(message, inner);
