using System.Data;
using System.Data.Common;

namespace Reinhardt.Data;

/// <summary>How to reach a database.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The connection string, e.g. <c>Data Source=app.sqlite3</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=app.sqlite3";

    /// <summary>The SQL dialect; SQLite by default.</summary>
    public SqlDialect Dialect { get; set; } = Sqlite.SqliteDialect.Instance;

    /// <summary>How many idle open connections (with their prepared statements) to keep.</summary>
    public int MaxIdleConnections { get; set; } = 32;

    /// <summary>
    /// Idle connections older than this are checked with a trivial query before reuse (Django's
    /// <c>CONN_HEALTH_CHECKS</c>); broken ones are replaced.
    /// </summary>
    public TimeSpan HealthCheckAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The base of a generated <c>[Database]</c> class: connections, transactions
/// (<see cref="AtomicAsync(Func{Task}, CancellationToken)"/>, like Django's <c>transaction.atomic</c>),
/// query capture for tests, and the execution primitives the query sets use.
/// </summary>
public abstract class Database : IDisposable
{
    private readonly AsyncLocal<TransactionScope?> _transaction = new();
    private readonly ConnectionPool _pool;
    private readonly AsyncLocal<QueryCapture?> _capture = new();
    private readonly Dictionary<string, (TableSchema Child, ColumnSchema Column)[]> _references;
    private readonly SemaphoreSlim? _writers;
    private readonly TimeSpan _writerTimeout;

    /// <summary>Creates a database from options and the tables of its models.</summary>
    protected Database(DatabaseOptions options, IReadOnlyList<TableSchema> tables)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tables);
        Dialect = options.Dialect;
        ConnectionString = Dialect.NormalizeConnectionString(options.ConnectionString);
        _pool = new ConnectionPool(Dialect, ConnectionString, options.MaxIdleConnections, options.HealthCheckAfter);
        if (Dialect.WriterQueueTimeout(ConnectionString) is { } writerTimeout)
        {
            _writers = WriterQueue.For(ConnectionString);
            _writerTimeout = writerTimeout;
        }

        _references = tables
            .SelectMany(t => t.Columns.Where(c => c.ForeignKey is not null).Select(c => (Child: t, Column: c)))
            .GroupBy(r => r.Column.ForeignKey!.Table, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The foreign keys of any model that reference <paramref name="table"/>.</summary>
    public IReadOnlyList<(TableSchema Child, ColumnSchema Column)> ReferencesTo(string table) =>
        _references.TryGetValue(table, out var references) ? references : [];

    /// <summary>
    /// Deletes rows by primary key with Django's on-delete rules for every foreign key that reaches
    /// them, in one transaction; returns the number of rows deleted across all tables.
    /// </summary>
    public async ValueTask<int> DeleteByKeysAsync(TableSchema table, IReadOnlyCollection<long> keys, bool async, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(keys);
        if (!async)
        {
            // the sync path: SQLite's provider completes synchronously, so this does not block on I/O
            return AtomicAsync(() => new DeleteCollector(this).DeleteAsync(table, keys, async: false, cancellationToken).AsTask(), cancellationToken).GetAwaiter().GetResult();
        }

        return await AtomicAsync(() => new DeleteCollector(this).DeleteAsync(table, keys, async: true, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a statement; returns the rows affected.</summary>
    public async ValueTask<int> NonQueryAsync(SqlWriter sql, bool async, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var lease = async ? await OpenForWriteAsync(cancellationToken).ConfigureAwait(false) : OpenForWrite();
        try
        {
            var command = Statement(lease, sql.ToStringAndRelease(), sql.Parameters);
            return async ? await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteNonQuery();
        }
        finally
        {
            lease.Dispose();
        }
    }

    /// <summary>Runs a query; returns the first column of the first row.</summary>
    public async ValueTask<object?> ScalarAsync(SqlWriter sql, bool async, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var lease = async ? await OpenAsync(cancellationToken).ConfigureAwait(false) : Open();
        try
        {
            var command = Statement(lease, sql.ToStringAndRelease(), sql.Parameters);
            using var reader = async ? await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteReader();
            object? value = null;
            if (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
            {
                value = reader.GetValue(0);
            }

            // to the end, so a statement that writes commits and reports its errors
            while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
            {
            }

            return value;
        }
        finally
        {
            lease.Dispose();
        }
    }

    /// <summary>Runs a query and reads every row with <paramref name="read"/>.</summary>
    public async ValueTask<List<T>> ReadAsync<T>(SqlWriter sql, Func<DbDataReader, T> read, bool async, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(read);
        var rows = new List<T>();
        var lease = async ? await OpenAsync(cancellationToken).ConfigureAwait(false) : Open();
        try
        {
            var command = Statement(lease, sql.ToStringAndRelease(), sql.Parameters);
            using var reader = async ? await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteReader();
            while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
            {
                rows.Add(read(reader));
            }
        }
        finally
        {
            lease.Dispose();
        }

        return rows;
    }

    /// <summary>The dialect.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The effective connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Whether an <c>Atomic</c> block is active in this async flow.</summary>
    public bool InTransaction => _transaction.Value is not null;

    /// <summary>
    /// Records every statement executed in this async flow until disposed, like Django's
    /// <c>assertNumQueries</c> / <c>CaptureQueriesContext</c>.
    /// </summary>
    public QueryCapture CaptureQueries()
    {
        var capture = new QueryCapture(this, _capture.Value);
        _capture.Value = capture;
        return capture;
    }

    internal void EndCapture(QueryCapture capture) => _capture.Value = capture.Previous;

    /// <summary>Opens a connection (or joins the active transaction's).</summary>
    public async ValueTask<ConnectionLease> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_transaction.Value is { } scope)
        {
            return new ConnectionLease(scope.Pooled, scope.Transaction, null);
        }

        return new ConnectionLease(await _pool.RentAsync(async: true, cancellationToken).ConfigureAwait(false), null, _pool);
    }

    /// <summary>Opens a connection synchronously (or joins the active transaction's).</summary>
    public ConnectionLease Open()
    {
        if (_transaction.Value is { } scope)
        {
            return new ConnectionLease(scope.Pooled, scope.Transaction, null);
        }

        return new ConnectionLease(_pool.RentAsync(async: false, default).GetAwaiter().GetResult(), null, _pool);
    }

    /// <summary>
    /// Opens a connection for a statement that writes (or joins the active transaction's). On a database that
    /// takes one writer at a time (SQLite), the lease also holds this process's turn to write, so writers of one
    /// process queue here, asynchronously and in order, instead of polling the database's lock; disposing the
    /// lease gives the turn to the next writer. Waiting longer than the connection's timeout throws the
    /// dialect's "database is locked" error.
    /// </summary>
    public async ValueTask<ConnectionLease> OpenForWriteAsync(CancellationToken cancellationToken = default)
    {
        if (_transaction.Value is { } scope)
        {
            return new ConnectionLease(scope.Pooled, scope.Transaction, null);
        }

        var writers = await EnterWriterQueueAsync(async: true, cancellationToken).ConfigureAwait(false);
        try
        {
            return new ConnectionLease(await _pool.RentAsync(async: true, cancellationToken).ConfigureAwait(false), null, _pool, writers);
        }
        catch
        {
            writers?.Release();
            throw;
        }
    }

    /// <summary>Opens a connection for a statement that writes, synchronously; see <see cref="OpenForWriteAsync"/>.</summary>
    public ConnectionLease OpenForWrite()
    {
        if (_transaction.Value is { } scope)
        {
            return new ConnectionLease(scope.Pooled, scope.Transaction, null);
        }

        var writers = EnterWriterQueueAsync(async: false, default).GetAwaiter().GetResult();
        try
        {
            return new ConnectionLease(_pool.RentAsync(async: false, default).GetAwaiter().GetResult(), null, _pool, writers);
        }
        catch
        {
            writers?.Release();
            throw;
        }
    }

    /// <summary>Waits for this process's turn to write; returns the queue to release, or null when the database needs none.</summary>
    private async ValueTask<SemaphoreSlim?> EnterWriterQueueAsync(bool async, CancellationToken cancellationToken)
    {
        if (_writers is not { } writers)
        {
            return null;
        }

        var entered = async
            ? await writers.WaitAsync(_writerTimeout, cancellationToken).ConfigureAwait(false)
            : writers.Wait(_writerTimeout, cancellationToken);
        return entered ? writers : throw Dialect.WriterQueueTimeoutException(_writerTimeout);
    }

    /// <summary>Closes the idle pooled connections.</summary>
    public void Dispose()
    {
        _pool.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The connection's prepared command for <paramref name="sql"/> with these parameters bound, and
    /// records it. It belongs to the connection: run it, read it to the end, and do not dispose it.
    /// </summary>
    internal DbCommand Statement(ConnectionLease lease, string sql, IReadOnlyList<object?> parameters)
    {
        _capture.Value?.Record(sql, parameters);
        return lease.Pooled.Statement(Dialect, sql, parameters, lease.Transaction);
    }

    /// <summary>Creates a command on a lease with the SQL and parameters of <paramref name="sql"/>, and records it; the caller disposes it.</summary>
    public DbCommand CreateCommand(ConnectionLease lease, string sql, IReadOnlyList<object?> parameters)
    {
        var command = lease.Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = lease.Transaction;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Dialect.ParameterName(i);
            parameter.Value = parameters[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        _capture.Value?.Record(sql, parameters);
        return command;
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a transaction: committed when it returns, rolled back when it
    /// throws. Nested calls use savepoints, so an inner failure that is caught rolls back only the
    /// inner block. Writes on SQLite take the write lock at the start (<c>BEGIN IMMEDIATE</c>).
    /// </summary>
    public async Task AtomicAsync(Func<Task> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        await AtomicAsync(async () =>
        {
            await body().ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="body"/> in a transaction and returns its result.</summary>
    public Task<T> AtomicAsync<T>(Func<Task<T>> body, CancellationToken cancellationToken = default) =>
        AtomicCoreAsync(body, forMigration: false, cancellationToken);

    /// <summary>
    /// A migration's or fixture load's transaction: like <see cref="AtomicAsync{T}"/>, with foreign keys
    /// relaxed while it runs (to rebuild tables, or load rows in any order) and checked before it commits.
    /// </summary>
    internal Task<T> AtomicWithDeferredChecksAsync<T>(Func<Task<T>> body, CancellationToken cancellationToken) =>
        _transaction.Value is null
            ? AtomicCoreAsync(body, forMigration: true, cancellationToken)
            : throw new InvalidOperationException("Migrations and fixture loads run in their own transactions, not inside AtomicAsync.");

    private async Task<T> AtomicCoreAsync<T>(Func<Task<T>> body, bool forMigration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var foreignKeys = forMigration ? Dialect.MigrationForeignKeySql : null;
        var outer = _transaction.Value;
        TransactionScope scope;
        if (outer is null)
        {
            // the writer queue first: BEGIN IMMEDIATE then finds the database's write lock free
            var writers = await EnterWriterQueueAsync(async: true, cancellationToken).ConfigureAwait(false);
            PooledConnection pooled;
            try
            {
                pooled = await _pool.RentAsync(async: true, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                writers?.Release();
                throw;
            }

            DbTransaction transaction;
            try
            {
                if (foreignKeys is { } relax)
                {
                    await ExecuteOnConnectionAsync(pooled, relax.Disable, cancellationToken).ConfigureAwait(false);
                }

                transaction = await Dialect.BeginWriteTransactionAsync(pooled.Connection, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                pooled.Dispose();
                writers?.Release();
                throw;
            }

            _capture.Value?.Record("BEGIN", []);
            scope = new TransactionScope(pooled, transaction, null, null) { Writers = writers };
        }
        else
        {
            var savepoint = "s" + (outer.Depth + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ExecuteOnAsync(outer, "SAVEPOINT " + Dialect.QuoteName(savepoint), cancellationToken).ConfigureAwait(false);
            scope = new TransactionScope(outer.Pooled, outer.Transaction, outer, savepoint);
        }

        _transaction.Value = scope;
        T result;
        try
        {
            result = await body().ConfigureAwait(false);
        }
        catch
        {
            _transaction.Value = outer;
            await RollbackAsync(scope, foreignKeys?.Enable).ConfigureAwait(false);
            throw;
        }

        _transaction.Value = outer;
        try
        {
            if (foreignKeys is { } check && scope.Parent is null)
            {
                await CheckForeignKeysAsync(scope, check.Check, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await RollbackAsync(scope, foreignKeys?.Enable).ConfigureAwait(false);
            throw;
        }

        await CommitAsync(scope, cancellationToken, foreignKeys?.Enable).ConfigureAwait(false);
        return result;
    }

    private async Task CheckForeignKeysAsync(TransactionScope scope, string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(new ConnectionLease(scope.Pooled, scope.Transaction, null), sql, []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"The changes leave a foreign key of '{reader.GetValue(0)}' (row {reader.GetValue(1)}) pointing at a missing row of '{reader.GetValue(2)}'.");
        }
    }

    private static async Task ExecuteOnConnectionAsync(PooledConnection pooled, string sql, CancellationToken cancellationToken)
    {
        await using var command = pooled.Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="callback"/> after the outermost transaction commits (Django's
    /// <c>transaction.on_commit</c>); immediately when no transaction is active; never if it rolls back.
    /// </summary>
    public void OnCommit(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (_transaction.Value is { } scope)
        {
            scope.OnCommit.Add(callback);
        }
        else
        {
            callback();
        }
    }

    private async Task CommitAsync(TransactionScope scope, CancellationToken cancellationToken, string? afterEnd = null)
    {
        if (scope.Parent is { } parent)
        {
            await ExecuteOnAsync(scope, "RELEASE SAVEPOINT " + Dialect.QuoteName(scope.Savepoint!), cancellationToken).ConfigureAwait(false);
            parent.OnCommit.AddRange(scope.OnCommit);
            return;
        }

        try
        {
            await scope.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _capture.Value?.Record("COMMIT", []);
        }
        finally
        {
            await EndAsync(scope, afterEnd).ConfigureAwait(false);
        }

        foreach (var callback in scope.OnCommit)
        {
            callback();
        }
    }

    private async Task RollbackAsync(TransactionScope scope, string? afterEnd = null)
    {
        if (scope.Parent is not null)
        {
            await ExecuteOnAsync(scope, "ROLLBACK TO SAVEPOINT " + Dialect.QuoteName(scope.Savepoint!), CancellationToken.None).ConfigureAwait(false);
            await ExecuteOnAsync(scope, "RELEASE SAVEPOINT " + Dialect.QuoteName(scope.Savepoint!), CancellationToken.None).ConfigureAwait(false);
            return;
        }

        try
        {
            await scope.Transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            _capture.Value?.Record("ROLLBACK", []);
        }
        finally
        {
            await EndAsync(scope, afterEnd).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the transaction, restores connection settings a migration changed, and returns the connection.</summary>
    private async Task EndAsync(TransactionScope scope, string? afterEnd)
    {
        try
        {
            await scope.Transaction.DisposeAsync().ConfigureAwait(false);
            if (afterEnd is not null)
            {
                await ExecuteOnConnectionAsync(scope.Pooled, afterEnd, CancellationToken.None).ConfigureAwait(false);
            }

            _pool.Return(scope.Pooled);
        }
        finally
        {
            scope.Writers?.Release();
        }
    }

    private async Task ExecuteOnAsync(TransactionScope scope, string sql, CancellationToken cancellationToken)
    {
        var command = Statement(new ConnectionLease(scope.Pooled, scope.Transaction, null), sql, []);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class TransactionScope(PooledConnection pooled, DbTransaction transaction, TransactionScope? parent, string? savepoint)
    {
        public PooledConnection Pooled { get; } = pooled;

        public DbTransaction Transaction { get; } = transaction;

        public TransactionScope? Parent { get; } = parent;

        public string? Savepoint { get; } = savepoint;

        public int Depth => Parent is null ? 0 : Parent.Depth + 1;

        public List<Action> OnCommit { get; } = [];

        /// <summary>The writer queue this (outermost) transaction holds a turn of, released when it ends.</summary>
        public SemaphoreSlim? Writers { get; init; }
    }
}

/// <summary>One queue of writers per database (connection string) in this process.</summary>
internal static class WriterQueue
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> s_queues = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(string connectionString) => s_queues.GetOrAdd(connectionString, static _ => new SemaphoreSlim(1, 1));
}

/// <summary>A connection for one operation: rented from the pool (returned on dispose) or borrowed from the active transaction.</summary>
public readonly struct ConnectionLease : IDisposable, IAsyncDisposable
{
    private readonly ConnectionPool? _pool;
    private readonly SemaphoreSlim? _writers;

    internal ConnectionLease(PooledConnection pooled, DbTransaction? transaction, ConnectionPool? pool, SemaphoreSlim? writers = null)
    {
        Pooled = pooled;
        Transaction = transaction;
        _pool = pool;
        _writers = writers;
    }

    internal PooledConnection Pooled { get; }

    /// <summary>The open connection.</summary>
    public DbConnection Connection => Pooled.Connection;

    /// <summary>The active transaction, if any.</summary>
    public DbTransaction? Transaction { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _pool?.Return(Pooled);
        _writers?.Release();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }
}

/// <summary>The statements executed while a capture is active.</summary>
public sealed class QueryCapture : IDisposable
{
    private readonly Database _database;
    private readonly List<CapturedQuery> _queries = [];

    internal QueryCapture(Database database, QueryCapture? previous)
    {
        _database = database;
        Previous = previous;
    }

    internal QueryCapture? Previous { get; }

    /// <summary>The statements, in order.</summary>
    public IReadOnlyList<CapturedQuery> Queries
    {
        get
        {
            lock (_queries)
            {
                return [.. _queries];
            }
        }
    }

    /// <summary>How many statements ran (transaction control included).</summary>
    public int Count
    {
        get
        {
            lock (_queries)
            {
                return _queries.Count;
            }
        }
    }

    internal void Record(string sql, IReadOnlyList<object?> parameters)
    {
        lock (_queries)
        {
            _queries.Add(new CapturedQuery(sql, [.. parameters]));
        }

        Previous?.Record(sql, parameters);
    }

    /// <inheritdoc />
    public void Dispose() => _database.EndCapture(this);
}

/// <summary>One captured statement.</summary>
/// <param name="Sql">The SQL text.</param>
/// <param name="Parameters">The parameter values, in placeholder order.</param>
public sealed record CapturedQuery(string Sql, IReadOnlyList<object?> Parameters);
