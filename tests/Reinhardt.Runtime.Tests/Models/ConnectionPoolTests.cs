using Microsoft.Data.Sqlite;
using Reinhardt.Data;
using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>The connection pool reuses healthy connections and drops broken ones (Django's CONN_HEALTH_CHECKS).</summary>
public sealed class ConnectionPoolTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "reinhardt-tests", Guid.NewGuid().ToString("N") + ".sqlite3");

    public ConnectionPoolTests() => Directory.CreateDirectory(Path.GetDirectoryName(_path)!);

    private TestDb Create(TimeSpan healthCheckAfter) =>
        new(new DatabaseOptions { ConnectionString = "Data Source=" + _path, HealthCheckAfter = healthCheckAfter });

    [Fact]
    public async Task A_returned_connection_is_reused()
    {
        using var db = Create(TimeSpan.FromMinutes(1));
        System.Data.Common.DbConnection first;
        await using (var lease = await db.OpenAsync())
        {
            first = lease.Connection;
        }

        await using var again = await db.OpenAsync();
        Assert.Same(first, again.Connection);
    }

    [Fact]
    public async Task A_connection_closed_while_idle_is_replaced_not_reused()
    {
        using var db = Create(TimeSpan.Zero);
        await db.EnsureCreatedAsync();
        System.Data.Common.DbConnection first;
        await using (var lease = await db.OpenAsync())
        {
            first = lease.Connection;
        }

        first.Close(); // broken behind the pool's back while idle
        await using var next = await db.OpenAsync();
        Assert.NotSame(first, next.Connection);
        Assert.Equal(System.Data.ConnectionState.Open, next.Connection.State);
        Assert.Equal(0, await db.Questions.CountAsync());
    }

    [Fact]
    public async Task A_connection_closed_while_rented_is_not_returned()
    {
        using var db = Create(TimeSpan.FromMinutes(1));
        System.Data.Common.DbConnection first;
        await using (var lease = await db.OpenAsync())
        {
            first = lease.Connection;
            first.Close();
        }

        await using var next = await db.OpenAsync();
        Assert.NotSame(first, next.Connection);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
