using BenchmarkDotNet.Attributes;
using Dapper;
using Microsoft.Data.Sqlite;
using Reinhardt.Data;

namespace Reinhardt.Benchmarks;

/// <summary>One SQLite file with 10,000 posts per benchmark class, shared by every contender.</summary>
public abstract class BenchDatabase
{
    private string _path = "";

    protected BenchDb Db { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = "";

    /// <summary>How long each seeded body is.</summary>
    protected virtual int BodyLength => 10;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"reinhardt-bench-{Guid.NewGuid():N}.sqlite3");
        Db = new BenchDb(new DatabaseOptions { ConnectionString = "Data Source=" + _path });
        ConnectionString = Db.ConnectionString;
        Db.EnsureCreatedAsync().GetAwaiter().GetResult();
        Db.Posts.BulkCreateAsync(Enumerable.Range(1, 10_000).Select(i => new Post
        {
            Title = "Post number " + i,
            Body = new string('x', BodyLength) + i,
            Score = i % 100,
            Published = i % 3 != 0,
        })).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Db.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

/// <summary>
/// Reinhardt's ORM against hand-written Microsoft.Data.Sqlite code (the limit) and Dapper, on the same
/// SQLite file, in the same process and run. Each operation opens a pooled connection, as a web
/// request would.
/// </summary>
[MemoryDiagnoser]
public class OrmBenchmarks : BenchDatabase
{
    protected override int BodyLength => 200;

    [Params(1, 100, 10_000)]
    public int Rows { get; set; }

    // ---- materialize N rows -------------------------------------------------------------

    [Benchmark(Baseline = true), BenchmarkCategory("Materialize")]
    public async Task<int> Materialize_HandWritten()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, body, score, published FROM bench_post WHERE id <= $rows ORDER BY id";
        command.Parameters.AddWithValue("$rows", Rows);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<PostRow>();
        while (await reader.ReadAsync())
        {
            list.Add(new PostRow
            {
                Id = reader.GetInt64(0),
                Title = reader.GetString(1),
                Body = reader.GetString(2),
                Score = reader.GetInt32(3),
                Published = reader.GetBoolean(4),
            });
        }

        return list.Count;
    }

    [Benchmark, BenchmarkCategory("Materialize")]
    public async Task<int> Materialize_Reinhardt()
    {
        var rows = Rows;
        return (await Db.Posts.Filter(p => p.Id <= rows).OrderBy(p => p.Id).ToListAsync()).Count;
    }

    [Benchmark, BenchmarkCategory("Materialize")]
    public async Task<int> Materialize_Dapper()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        return (await connection.QueryAsync<PostRow>("SELECT id, title, body, score, published FROM bench_post WHERE id <= @rows ORDER BY id", new { rows = Rows })).AsList().Count;
    }
}

/// <summary>Single-row and write paths: get by key, a filtered list, 1,000 inserts in a transaction.</summary>
[MemoryDiagnoser]
public class OrmOperationBenchmarks : BenchDatabase
{

    private static PostRow Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Title = reader.GetString(1),
        Body = reader.GetString(2),
        Score = reader.GetInt32(3),
        Published = reader.GetBoolean(4),
    };

    [Benchmark(Baseline = true), BenchmarkCategory("GetByKey")]
    public async Task<PostRow?> GetByKey_HandWritten()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, body, score, published FROM bench_post WHERE id = $id";
        command.Parameters.AddWithValue("$id", 4242L);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    [Benchmark, BenchmarkCategory("GetByKey")]
    public Task<Post> GetByKey_Reinhardt() => Db.Posts.GetAsync(p => p.Id == 4242L);

    [Benchmark, BenchmarkCategory("GetByKey")]
    public async Task<PostRow?> GetByKey_Dapper()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        return await connection.QuerySingleOrDefaultAsync<PostRow>("SELECT id, title, body, score, published FROM bench_post WHERE id = @id", new { id = 4242L });
    }

    [Benchmark(Baseline = true), BenchmarkCategory("FilteredList")]
    public async Task<int> FilteredList_HandWritten()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, body, score, published FROM bench_post WHERE score >= $min AND published = 1 ORDER BY score DESC, id LIMIT 20";
        command.Parameters.AddWithValue("$min", 50);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<PostRow>();
        while (await reader.ReadAsync())
        {
            list.Add(Read(reader));
        }

        return list.Count;
    }

    [Benchmark, BenchmarkCategory("FilteredList")]
    public async Task<int> FilteredList_Reinhardt() =>
        (await Db.Posts.Filter(p => p.Score >= 50 & p.Published == true).OrderBy(p => p.Score.Descending(), p => p.Id).Take(20).ToListAsync()).Count;

    [Benchmark, BenchmarkCategory("FilteredList")]
    public async Task<int> FilteredList_Dapper()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        return (await connection.QueryAsync<PostRow>("SELECT id, title, body, score, published FROM bench_post WHERE score >= @min AND published = 1 ORDER BY score DESC, id LIMIT 20", new { min = 50 })).AsList().Count;
    }
}

/// <summary>
/// 1,000 inserts in one transaction. The table is reset before every iteration so each contender
/// inserts into the same 10,000-row table (a table that grows through the run would favour
/// whichever contender runs first).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(32)]
public class InsertBenchmarks : BenchDatabase
{
    [IterationSetup]
    public void ResetTable()
    {
        Db.ExecuteAsync($"DELETE FROM bench_post WHERE id > {10_000}").GetAwaiter().GetResult();
        Db.ExecuteAsync($"PRAGMA wal_checkpoint(TRUNCATE)").GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Insert1000")]
    public async Task Insert1000_HandWritten()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO bench_post (title, body, score, published) VALUES ($t, $b, $s, $p)";
        var t = command.Parameters.Add("$t", SqliteType.Text);
        var b = command.Parameters.Add("$b", SqliteType.Text);
        var s = command.Parameters.Add("$s", SqliteType.Integer);
        var p = command.Parameters.Add("$p", SqliteType.Integer);
        for (var i = 0; i < 1000; i++)
        {
            t.Value = "new " + i;
            b.Value = "body";
            s.Value = i;
            p.Value = 1;
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    [Benchmark, BenchmarkCategory("Insert1000")]
    public Task Insert1000_Reinhardt() => Db.AtomicAsync(async () =>
    {
        for (var i = 0; i < 1000; i++)
        {
            await Db.SaveAsync(new Post { Title = "new " + i, Body = "body", Score = i, Published = true });
        }
    });

    [Benchmark, BenchmarkCategory("Insert1000")]
    public async Task Insert1000_HandWrittenUntyped()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO bench_post (title, body, score, published) VALUES (@p0, @p1, @p2, @p3)";
        var parameters = new[] { command.CreateParameter(), command.CreateParameter(), command.CreateParameter(), command.CreateParameter() };
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].ParameterName = "@p" + i;
            command.Parameters.Add(parameters[i]);
        }

        for (var i = 0; i < 1000; i++)
        {
            parameters[0].Value = "new " + i;
            parameters[1].Value = "body";
            parameters[2].Value = i;
            parameters[3].Value = 1L;
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    [Benchmark, BenchmarkCategory("Insert1000")]
    public Task Insert1000_ReinhardtSync() => Db.AtomicAsync(() =>
    {
        for (var i = 0; i < 1000; i++)
        {
            Db.Save(new Post { Title = "new " + i, Body = "body", Score = i, Published = true });
        }

        return Task.CompletedTask;
    });

    [Benchmark, BenchmarkCategory("Insert1000")]
    public Task<int> Insert1000_ReinhardtBulkCreate() =>
        Db.Posts.BulkCreateAsync(Enumerable.Range(0, 1000).Select(i => new Post { Title = "new " + i, Body = "body", Score = i, Published = true }));

    [Benchmark, BenchmarkCategory("Insert1000")]
    public async Task Insert1000_Dapper()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        for (var i = 0; i < 1000; i++)
        {
            await connection.ExecuteAsync("INSERT INTO bench_post (title, body, score, published) VALUES (@t, @b, @s, @p)", new { t = "new " + i, b = "body", s = i, p = true }, transaction);
        }

        await transaction.CommitAsync();
    }
}
