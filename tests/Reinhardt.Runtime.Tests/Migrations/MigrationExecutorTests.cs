using Reinhardt.Data;
using Reinhardt.Data.Migrations;
using Xunit;

namespace Reinhardt.Runtime.Tests.Migrations;

/// <summary>Migrations applied forwards and backwards on a real SQLite file, with data kept.</summary>
public sealed class MigrationExecutorTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "reinhardt-tests", Guid.NewGuid().ToString("N") + ".sqlite3");
    private Models.TestDb _db = null!;

    private static readonly TableSchema Author = new("lib_author",
    [
        new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
        new ColumnSchema("name", ColumnType.String, MaxLength: 50),
    ]);

    private static readonly TableSchema Book = new("lib_book",
    [
        new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
        new ColumnSchema("title", ColumnType.String, MaxLength: 100),
        new ColumnSchema("author_id", ColumnType.Int64, ForeignKey: new ForeignKeySchema("lib_author", "id", OnDelete.Cascade)),
    ]);

    private sealed class TestMigration(string name, (string, string)[] dependencies, params MigrationOperation[] operations) : Migration
    {
        public override string App => "lib";

        public override string Name => name;

        public override IReadOnlyList<(string App, string Name)> Dependencies => dependencies;

        public override IReadOnlyList<MigrationOperation> Operations => operations;
    }

    private static readonly Migration Initial = new TestMigration("0001_initial", [], new CreateModel(Author), new CreateModel(Book));

    private static readonly Migration AddFields = new TestMigration(
        "0002_add_fields",
        [("lib", "0001_initial")],
        new AddField("lib_author", new ColumnSchema("rank", ColumnType.Int32), 7),
        new AddField("lib_book", new ColumnSchema("subtitle", ColumnType.String, Nullable: true, MaxLength: 100)));

    private static readonly Migration Reshape = new TestMigration(
        "0003_reshape",
        [("lib", "0002_add_fields")],
        new RenameField("lib_book", "title", "headline"),
        new AlterField("lib_author", new ColumnSchema("name", ColumnType.String, MaxLength: 200)),
        new RemoveField("lib_book", "subtitle"),
        new RenameModel("lib_author", "lib_writer"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _db = new Models.TestDb(new DatabaseOptions { ConnectionString = "Data Source=" + _path });
        await Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    private Task<List<string>> Columns(string table) => _db.QueryAsync<string>($"SELECT name FROM pragma_table_info({table}) ORDER BY cid");

    private Task<List<string>> Tables() => _db.QueryAsync<string>($"SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'lib_%' ORDER BY name");

    [Fact]
    public async Task Forwards_and_backwards_keep_the_data_and_the_foreign_keys()
    {
        var executor = new MigrationExecutor(_db, [Reshape, AddFields, Initial]);
        Assert.Equal(["lib.0001_initial", "lib.0002_add_fields", "lib.0003_reshape"], executor.Plan.Select(m => m.Key));

        Assert.Equal(2, (await executor.MigrateAsync("lib", "0002_add_fields")).Count);
        await _db.ExecuteAsync($"INSERT INTO lib_author (name, rank) VALUES ({"Ann"}, {1})");
        await _db.ExecuteAsync($"INSERT INTO lib_book (title, author_id, subtitle) VALUES ({"Django"}, {1}, {"sub"})");

        var progress = new List<string>();
        var ran = await executor.MigrateAsync(progress: new SynchronousProgress(progress.Add));
        Assert.Equal(["Applying lib.0003_reshape..."], progress);
        Assert.Single(ran);
        Assert.Equal(["lib_book", "lib_writer"], await Tables());
        Assert.Equal(["id", "headline", "author_id"], await Columns("lib_book"));
        Assert.Equal([("Django", "Ann")], await _db.QueryAsync<string, string>($"SELECT b.headline, w.name FROM lib_book b JOIN lib_writer w ON w.id = b.author_id"));
        var foreignKey = await _db.QueryAsync<string>($"SELECT \"table\" FROM pragma_foreign_key_list({"lib_book"})");
        Assert.Equal(["lib_writer"], foreignKey); // the key followed the rename

        await executor.MigrateAsync("lib", "0001_initial");
        Assert.Equal(["lib_author", "lib_book"], await Tables());
        Assert.Equal(["id", "title", "author_id"], await Columns("lib_book"));
        Assert.Equal(["id", "name"], await Columns("lib_author"));
        Assert.Equal([("Django", "Ann")], await _db.QueryAsync<string, string>($"SELECT b.title, a.name FROM lib_book b JOIN lib_author a ON a.id = b.author_id"));
        Assert.Equal(["lib.0001_initial"], await executor.AppliedAsync());

        await executor.MigrateAsync("lib", "zero");
        Assert.Empty(await Tables());
        Assert.Empty(await executor.AppliedAsync());
    }

    [Fact]
    public async Task Indexes_are_created_and_dropped()
    {
        var indexed = new TestMigration("0002_index", [("lib", "0001_initial")], new AddIndex("lib_book", new IndexSchema("book_title", ["title"], Unique: true)));
        var executor = new MigrationExecutor(_db, [Initial, indexed]);
        await executor.MigrateAsync();
        Assert.Contains("book_title", await _db.QueryAsync<string>($"SELECT name FROM pragma_index_list({"lib_book"})"));
        Assert.Equal([1L], await _db.QueryAsync<long>($"SELECT \"unique\" FROM pragma_index_list({"lib_book"}) WHERE name = {"book_title"}"));
        await executor.MigrateAsync("lib", "0001_initial");
        Assert.DoesNotContain("book_title", await _db.QueryAsync<string>($"SELECT name FROM pragma_index_list({"lib_book"})"));
    }

    [Fact]
    public async Task A_not_null_field_gets_its_default_on_existing_rows()
    {
        var executor = new MigrationExecutor(_db, [Initial, AddFields]);
        await executor.MigrateAsync("lib", "0001_initial");
        await _db.ExecuteAsync($"INSERT INTO lib_author (name) VALUES ({"Ann"})");
        await executor.MigrateAsync();
        Assert.Equal([7], await _db.QueryAsync<int>($"SELECT rank FROM lib_author"));
    }

    [Fact]
    public async Task A_migration_that_fails_half_way_leaves_the_database_as_it_was()
    {
        var failing = new TestMigration(
            "0002_broken",
            [("lib", "0001_initial")],
            new CreateModel(new TableSchema("lib_extra", [new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true)])),
            new AddField("lib_author", new ColumnSchema("rank", ColumnType.Int32), 1),
            new RunSql($"INSERT INTO lib_missing VALUES (1)"));
        var executor = new MigrationExecutor(_db, [Initial, failing]);
        await executor.MigrateAsync("lib", "0001_initial");
        await _db.ExecuteAsync($"INSERT INTO lib_author (name) VALUES ({"Ann"})");

        var error = await Assert.ThrowsAsync<MigrationException>(() => executor.MigrateAsync());
        Assert.StartsWith("lib.0002_broken, operation 3 (Raw SQL operation):", error.Message, StringComparison.Ordinal);
        Assert.Equal(["lib_author", "lib_book"], await Tables());
        Assert.Equal(["id", "name"], await Columns("lib_author"));
        Assert.Equal(["Ann"], await _db.QueryAsync<string>($"SELECT name FROM lib_author"));
        Assert.Equal(["lib.0001_initial"], await executor.AppliedAsync());
        Assert.Equal([1L], await _db.QueryAsync<long>($"PRAGMA foreign_keys")); // switched back on
    }

    [Fact]
    public async Task A_migration_that_leaves_a_dangling_foreign_key_is_rolled_back()
    {
        var dangling = new TestMigration("0002_dangling", [("lib", "0001_initial")], new RunSql($"INSERT INTO lib_book (title, author_id) VALUES ('orphan', 99)"));
        var executor = new MigrationExecutor(_db, [Initial, dangling]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => executor.MigrateAsync());
        Assert.Contains("lib_book", error.Message, StringComparison.Ordinal);
        Assert.Equal([0L], await _db.QueryAsync<long>($"SELECT COUNT(*) FROM lib_book"));
        Assert.Equal(["lib.0001_initial"], await executor.AppliedAsync());
    }

    [Fact]
    public async Task Data_migrations_run_in_the_migrations_transaction()
    {
        var data = new TestMigration(
            "0002_data",
            [("lib", "0001_initial")],
            new RunCode(
                async (db, ct) => await db.ExecuteAsync($"INSERT INTO lib_author (name) VALUES ({"seeded"})", ct),
                async (db, ct) => await db.ExecuteAsync($"DELETE FROM lib_author WHERE name = {"seeded"}", ct)));
        var executor = new MigrationExecutor(_db, [Initial, data]);
        await executor.MigrateAsync();
        Assert.Equal(["seeded"], await _db.QueryAsync<string>($"SELECT name FROM lib_author"));
        await executor.MigrateAsync("lib", "0001_initial");
        Assert.Empty(await _db.QueryAsync<string>($"SELECT name FROM lib_author"));
    }

    [Fact]
    public void Bad_dependency_graphs_are_reported()
    {
        var orphan = new TestMigration("0002_orphan", [("lib", "0001_missing")]);
        Assert.Contains("does not exist", Assert.Throws<InvalidOperationException>(() => new MigrationExecutor(_db, [orphan])).Message, StringComparison.Ordinal);
        var a = new TestMigration("0001_a", [("lib", "0002_b")]);
        var b = new TestMigration("0002_b", [("lib", "0001_a")]);
        Assert.Contains("cycle", Assert.Throws<InvalidOperationException>(() => new MigrationExecutor(_db, [a, b])).Message, StringComparison.Ordinal);
        Assert.Contains("Two migrations", Assert.Throws<InvalidOperationException>(() => new MigrationExecutor(_db, [Initial, Initial])).Message, StringComparison.Ordinal);
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
