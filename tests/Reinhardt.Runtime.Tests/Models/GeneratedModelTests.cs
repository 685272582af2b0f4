using Microsoft.Data.Sqlite;
using Reinhardt.Data;
using Reinhardt.Data.Sqlite;
using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>Calls the generated members directly against a real SQLite file.</summary>
public sealed class GeneratedModelTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "reinhardt-tests", Guid.NewGuid().ToString("N") + ".sqlite3");
    private readonly SqliteConnectionFactory _factory;

    public GeneratedModelTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _factory = new SqliteConnectionFactory("Data Source=" + _path);
    }

    [Fact]
    public void Generated_schema_names_the_table_and_columns_as_Django_does()
    {
        Assert.Equal("polls_question", Question.TableName);
        Assert.Equal(["id", "question_text", "pub_date"], Question.Schema.Columns.Select(c => c.Name));
        Assert.Equal(
            "CREATE TABLE \"polls_question\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"question_text\" varchar(200) NOT NULL, \"pub_date\" datetime NOT NULL)",
            SqliteDialect.CreateTableSql(Question.Schema));
    }

    [Fact]
    public void Nullable_and_text_fields_map_to_NULL_and_text_columns()
    {
        var notes = EveryType.Schema.Columns.Single(c => c.Name == "notes");
        Assert.True(notes.Nullable);
        Assert.Equal(ColumnType.Text, notes.Type);
        Assert.True(EveryType.Schema.Columns.Single(c => c.Name == "maybe_count").Nullable);
        Assert.False(EveryType.Schema.Columns.Single(c => c.Name == "small").Nullable);
    }

    [Fact]
    public async Task ReadRow_materializes_rows_written_to_a_real_file()
    {
        await using var connection = await _factory.OpenAsync();
        await Execute(connection, SqliteDialect.CreateTableSql(Question.Schema));
        var published = new DateTimeOffset(2024, 5, 17, 9, 30, 0, TimeSpan.Zero);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO polls_question (question_text, pub_date) VALUES ($text, $date)";
            insert.Parameters.Add(new SqliteParameter("$text", "What's new? 'quoted' -- ; 🎸"));
            insert.Parameters.Add(new SqliteParameter("$date", published));
            await insert.ExecuteNonQueryAsync();
        }

        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Question.ColumnList} FROM {Question.TableName}";
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var question = Question.ReadRow(reader);
        Assert.Equal(1, question.Id);
        Assert.Equal("What's new? 'quoted' -- ; 🎸", question.QuestionText);
        Assert.Equal(published, question.PubDate);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadRow_reads_every_supported_type_and_NULLs_at_an_offset()
    {
        await using var connection = await _factory.OpenAsync();
        await Execute(connection, SqliteDialect.CreateTableSql(EveryType.Schema));
        var token = Guid.NewGuid();
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO kitchen_everytype (flag, small, big, ratio, price, code, notes, maybe_count, token, blob) VALUES (1, -7, 9000000000, 0.25, 12.5, 'abc', NULL, NULL, $token, $blob)";
            insert.Parameters.Add(new SqliteParameter("$token", token));
            insert.Parameters.Add(new SqliteParameter("$blob", new byte[] { 0, 1, 255 }));
            await insert.ExecuteNonQueryAsync();
        }

        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT 'padding', {EveryType.ColumnList} FROM {EveryType.TableName}";
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var row = EveryType.ReadRow(reader, offset: 1);
        Assert.True(row.Flag);
        Assert.Equal(-7, row.Small);
        Assert.Equal(9_000_000_000, row.Big);
        Assert.Equal(0.25, row.Ratio);
        Assert.Equal(12.5m, row.Price);
        Assert.Equal("abc", row.Code);
        Assert.Null(row.Notes);
        Assert.Null(row.MaybeCount);
        Assert.Equal(token, row.Token);
        Assert.Equal(new byte[] { 0, 1, 255 }, row.Blob);
    }

    [Fact]
    public async Task Connections_enforce_foreign_keys_and_use_WAL()
    {
        await using var connection = await _factory.OpenAsync();
        Assert.Equal(1L, await Scalar(connection, "PRAGMA foreign_keys"));
        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(5000L, await Scalar(connection, "PRAGMA busy_timeout"));
    }

    private static async Task Execute(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
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
