using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Reinhardt.Data.Sqlite;

/// <summary>
/// Opens pooled SQLite connections set up the way a web app needs them: foreign keys enforced,
/// a busy timeout instead of immediate <c>SQLITE_BUSY</c>, and write-ahead logging so readers
/// never block the writer.
/// </summary>
public sealed class SqliteConnectionFactory
{
    private static int s_initialized;
    private readonly string _connectionString;
    private int _journalModeSet;

    /// <summary>Creates a factory for a connection string such as <c>Data Source=app.sqlite3</c>.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="busyTimeout">How long a writer waits for a lock; 5 seconds by default, like Django's <c>timeout</c>.</param>
    public SqliteConnectionFactory(string connectionString, TimeSpan? busyTimeout = null)
    {
        InitializeProvider();
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)(busyTimeout ?? TimeSpan.FromSeconds(5)).TotalSeconds,
        };
        _connectionString = builder.ToString();
    }

    /// <summary>The effective connection string.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>
    /// Registers the bundled native SQLite explicitly. Microsoft.Data.Sqlite would otherwise look
    /// it up by reflection, which trimming and Native AOT cannot see.
    /// </summary>
    public static void InitializeProvider()
    {
        if (Interlocked.Exchange(ref s_initialized, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }
    }

    /// <summary>Opens a connection.</summary>
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = Volatile.Read(ref _journalModeSet) == 0
                ? "PRAGMA busy_timeout = " + (connection.DefaultTimeout * 1000) + "; PRAGMA journal_mode = WAL;"
                : "PRAGMA busy_timeout = " + (connection.DefaultTimeout * 1000) + ";";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _journalModeSet, 1);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
