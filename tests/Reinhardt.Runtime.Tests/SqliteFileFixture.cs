using Microsoft.Data.Sqlite;
using Reinhardt.Data;
using Reinhardt.Runtime.Tests.Models;
using Xunit;

namespace Reinhardt.Runtime.Tests;

/// <summary>A fresh SQLite file per test, with every test model's table created.</summary>
public abstract class SqliteFileFixture : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "reinhardt-tests", Guid.NewGuid().ToString("N") + ".sqlite3");

    protected SqliteFileFixture()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        Db = new TestDb(new DatabaseOptions { ConnectionString = "Data Source=" + _path });
    }

    protected TestDb Db { get; }

    protected string ConnectionString => "Data Source=" + _path;

    public virtual Task InitializeAsync() => Db.EnsureCreatedAsync();

    public Task DisposeAsync()
    {
        Db.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
