using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Reinhardt.Data;

namespace Reinhardt.Http;

/// <summary>
/// Django's <c>db</c> session backend: rows of <c>django_session</c> (<c>session_key</c> varchar(40) primary key,
/// <c>session_data</c> text, <c>expire_date</c> datetime, indexed) in the app's database, the data as
/// <c>signing.dumps(data, salt="django.contrib.sessions.SessionStore", compress=True)</c>, so a Django app
/// and a Reinhardt app with the same secret key read each other's sessions. The table is created (if it does
/// not exist) the first time a session is read or written; Django's own <c>migrate</c> creates the same table.
/// </summary>
public sealed class DatabaseSessionStore : SessionStore
{
    /// <summary>Django's table name.</summary>
    public const string TableName = "django_session";

    /// <summary>Django's <c>key_salt</c> of the database backend: <c>"django.contrib.sessions." + SessionStore.__qualname__</c>.</summary>
    public const string Salt = "django.contrib.sessions.SessionStore";

    private const string KeyCharacters = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Database _database;
    private readonly SecretKey _secretKey;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _tableReady;

    /// <summary>Creates the store over the app's database.</summary>
    public DatabaseSessionStore(Database database, SecretKey secretKey, TimeProvider timeProvider, ILogger<DatabaseSessionStore> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _secretKey = secretKey;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Django's <c>django_session</c> table.</summary>
    public static TableSchema Table { get; } = new(
        TableName,
        [
            new ColumnSchema("session_key", ColumnType.String, PrimaryKey: true, MaxLength: 40),
            new ColumnSchema("session_data", ColumnType.Text),
            new ColumnSchema("expire_date", ColumnType.DateTime),
        ],
        Indexes: [new IndexSchema(SchemaNames.IndexName(TableName, ["expire_date"]), ["expire_date"])]);

    /// <summary>A new session key as Django makes them: 32 random characters from <c>[a-z0-9]</c>.</summary>
    public static string NewSessionKey() => RandomNumberGenerator.GetString(KeyCharacters, 32);

    /// <inheritdoc />
    public override async ValueTask<JsonObject?> LoadAsync(string sessionKey, bool async, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionKey);
        await EnsureTableAsync(async, cancellationToken).ConfigureAwait(false);
        var sql = Select().Append(" WHERE ").AppendName("session_key").Append(" = ").AppendValue(sessionKey)
            .Append(" AND ").AppendName("expire_date").Append(" > ").AppendValue(_time.GetUtcNow().UtcDateTime);
        var rows = await _database.ReadAsync(sql, static reader => reader.GetString(0), async, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        try
        {
            return _secretKey.Loads(rows[0], Salt) as JsonObject;
        }
        catch (BadSignatureException)
        {
            // Django logs this on django.security.SuspiciousSession and starts an empty session
            _logger.LogWarning("Session data corrupted");
            return null;
        }
    }

    /// <inheritdoc />
    public override async ValueTask<string?> SaveAsync(string? sessionKey, JsonObject data, DateTimeOffset expireDate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        await EnsureTableAsync(async: true, cancellationToken).ConfigureAwait(false);
        var encoded = _secretKey.Dumps(data, Salt, compress: true);
        if (sessionKey is not null)
        {
            var update = new SqlWriter(_database.Dialect).Append("UPDATE ").AppendName(TableName).Append(" SET ")
                .AppendName("session_data").Append(" = ").AppendValue(encoded).Append(", ")
                .AppendName("expire_date").Append(" = ").AppendValue(expireDate.UtcDateTime)
                .Append(" WHERE ").AppendName("session_key").Append(" = ").AppendValue(sessionKey);
            return await _database.NonQueryAsync(update, async: true, cancellationToken).ConfigureAwait(false) == 0 ? null : sessionKey;
        }

        while (true)
        {
            // a key collision is astronomically unlikely; Django retries too
            var key = NewSessionKey();
            var insert = new SqlWriter(_database.Dialect).Append("INSERT INTO ").AppendName(TableName).Append(" (")
                .AppendName("session_key").Append(", ").AppendName("session_data").Append(", ").AppendName("expire_date")
                .Append(") VALUES (").AppendValue(key).Append(", ").AppendValue(encoded).Append(", ").AppendValue(expireDate.UtcDateTime)
                .Append(") ON CONFLICT DO NOTHING");
            if (await _database.NonQueryAsync(insert, async: true, cancellationToken).ConfigureAwait(false) == 1)
            {
                return key;
            }
        }
    }

    /// <inheritdoc />
    public override async ValueTask DeleteAsync(string sessionKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionKey);
        await EnsureTableAsync(async: true, cancellationToken).ConfigureAwait(false);
        var sql = new SqlWriter(_database.Dialect).Append("DELETE FROM ").AppendName(TableName)
            .Append(" WHERE ").AppendName("session_key").Append(" = ").AppendValue(sessionKey);
        await _database.NonQueryAsync(sql, async: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(async: true, cancellationToken).ConfigureAwait(false);
        var sql = new SqlWriter(_database.Dialect).Append("DELETE FROM ").AppendName(TableName)
            .Append(" WHERE ").AppendName("expire_date").Append(" < ").AppendValue(_time.GetUtcNow().UtcDateTime);
        return await _database.NonQueryAsync(sql, async: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The statements that create the table and its index if they do not exist, in Django's DDL.</summary>
    public static IReadOnlyList<string> CreateTableSql(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ");
        dialect.AppendQuotedName(sql, TableName);
        sql.Append(" (");
        for (var i = 0; i < Table.Columns.Count; i++)
        {
            var column = Table.Columns[i];
            if (i > 0)
            {
                sql.Append(", ");
            }

            // the key is a string chosen by the app, so no auto-increment clause
            dialect.AppendQuotedName(sql, column.Name);
            sql.Append(' ').Append(dialect.ColumnTypeSql(column)).Append(column.PrimaryKey ? " NOT NULL PRIMARY KEY" : " NOT NULL");
        }

        sql.Append(')');
        return [sql.ToString(), .. Table.AllIndexes.Select(index => dialect.CreateIndexSql(TableName, index, ifNotExists: true))];
    }

    private SqlWriter Select() =>
        new SqlWriter(_database.Dialect).Append("SELECT ").AppendName("session_data").Append(" FROM ").AppendName(TableName);

    private async ValueTask EnsureTableAsync(bool async, CancellationToken cancellationToken)
    {
        if (_tableReady)
        {
            return;
        }

        // idempotent statements: concurrent first requests may both run them
        foreach (var statement in CreateTableSql(_database.Dialect))
        {
            await _database.NonQueryAsync(new SqlWriter(_database.Dialect).Append(statement), async, cancellationToken).ConfigureAwait(false);
        }

        _tableReady = true;
    }
}
