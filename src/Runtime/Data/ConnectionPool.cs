using System.Collections.Concurrent;
using System.Data.Common;

namespace Reinhardt.Data;

/// <summary>
/// Open connections kept for reuse, each with its prepared statements. Reusing a prepared statement
/// skips SQL parsing and planning on every repeated query (hand-written ADO.NET code re-prepares on
/// every call). Idle connections are health-checked before reuse, like Django's
/// <c>CONN_HEALTH_CHECKS</c>, and broken ones are dropped.
/// </summary>
internal sealed class ConnectionPool : IDisposable
{
    private readonly ConcurrentBag<PooledConnection> _idle = [];
    private readonly SqlDialect _dialect;
    private readonly string _connectionString;
    private readonly int _maxIdle;
    private readonly long _healthCheckAfterMs;
    private int _idleCount;
    private bool _disposed;

    public ConnectionPool(SqlDialect dialect, string connectionString, int maxIdle, TimeSpan healthCheckAfter)
    {
        _dialect = dialect;
        _connectionString = connectionString;
        _maxIdle = maxIdle;
        _healthCheckAfterMs = (long)healthCheckAfter.TotalMilliseconds;
    }

    public async ValueTask<PooledConnection> RentAsync(bool async, CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var pooled))
        {
            Interlocked.Decrement(ref _idleCount);
            if (await pooled.IsUsableAsync(_healthCheckAfterMs, async, cancellationToken).ConfigureAwait(false))
            {
                return pooled;
            }

            pooled.Dispose();
        }

        var connection = async
            ? await _dialect.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false)
            : _dialect.Open(_connectionString);
        return new PooledConnection(connection);
    }

    public void Return(PooledConnection pooled)
    {
        if (_disposed || pooled.Connection.State != System.Data.ConnectionState.Open || Interlocked.Increment(ref _idleCount) > _maxIdle)
        {
            if (!_disposed && pooled.Connection.State == System.Data.ConnectionState.Open)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            pooled.Dispose();
            return;
        }

        pooled.Touch();
        _idle.Add(pooled);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var pooled))
        {
            pooled.Dispose();
        }
    }
}

/// <summary>An open connection and its prepared statements, keyed by SQL text.</summary>
internal sealed class PooledConnection : IDisposable
{
    /// <summary>Bounds the statement cache; IN lists of many lengths would otherwise grow it without end.</summary>
    private const int MaxStatements = 256;

    private readonly Dictionary<string, DbCommand> _statements = new(StringComparer.Ordinal);
    private long _lastUsed = Environment.TickCount64;

    // The last statement, found by reference: cached SQL strings (inserts, updates) repeat as the
    // same instance, so a loop of saves skips hashing the SQL text.
    private string? _lastSql;
    private DbCommand? _lastCommand;

    public PooledConnection(DbConnection connection) => Connection = connection;

    public DbConnection Connection { get; }

    public void Touch() => _lastUsed = Environment.TickCount64;

    /// <summary>The cached command for <paramref name="sql"/>, with these parameter values bound.</summary>
    public DbCommand Statement(SqlDialect dialect, string sql, IReadOnlyList<object?> values, DbTransaction? transaction)
    {
        DbCommand? command;
        if (ReferenceEquals(sql, _lastSql))
        {
            command = _lastCommand!;
        }
        else if (!_statements.TryGetValue(sql, out command))
        {
            if (_statements.Count >= MaxStatements)
            {
                foreach (var old in _statements.Values)
                {
                    old.Dispose();
                }

                _statements.Clear();
                _lastSql = null;
                _lastCommand = null;
            }

            command = Connection.CreateCommand();
            command.CommandText = sql;
            _statements[sql] = command;
        }

        _lastSql = sql;
        _lastCommand = command;

        command.Transaction = transaction;
        var parameters = command.Parameters;
        if (parameters.Count != values.Count)
        {
            parameters.Clear();
            for (var i = 0; i < values.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = dialect.ParameterName(i);
                parameters.Add(parameter);
            }
        }

        for (var i = 0; i < values.Count; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>Open, and answering a trivial query when it has been idle long enough to doubt it.</summary>
    public async ValueTask<bool> IsUsableAsync(long healthCheckAfterMs, bool async, CancellationToken cancellationToken)
    {
        if (Connection.State != System.Data.ConnectionState.Open)
        {
            return false;
        }

        if (Environment.TickCount64 - _lastUsed < healthCheckAfterMs)
        {
            return true;
        }

        try
        {
            using var ping = Connection.CreateCommand();
            ping.CommandText = "SELECT 1";
            _ = async ? await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : ping.ExecuteScalar();
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }

        _statements.Clear();
        Connection.Dispose();
    }
}
