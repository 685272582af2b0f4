using Reinhardt.Data;
using Reinhardt.Data.Sqlite;
using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>The generated members, against a real SQLite file.</summary>
public sealed class GeneratedModelTests : SqliteFileFixture
{
    [Fact]
    public void Generated_schema_names_the_table_and_columns_as_Django_does()
    {
        Assert.Equal("polls_question", Question.TableName);
        Assert.Equal(["id", "question_text", "pub_date", "author_id"], Question.Schema.Columns.Select(c => c.Name));
        Assert.Equal(
            "CREATE TABLE \"polls_question\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"question_text\" varchar(200) NOT NULL, \"pub_date\" datetime NOT NULL, " +
            "\"author_id\" bigint NULL REFERENCES \"polls_author\" (\"id\") DEFERRABLE INITIALLY DEFERRED)",
            SqliteDialect.Instance.CreateTableSql(Question.Schema));
        // Django's own name for this index: polls_choice_question_id_c5b4b260
        Assert.Equal(["CREATE INDEX \"polls_choice_question_id_c5b4b260\" ON \"polls_choice\" (\"question_id\")"], SqliteDialect.Instance.CreateIndexesSql(Choice.Schema));
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
    public void Constant_initializers_are_the_columns_defaults()
    {
        Assert.Equal("tool", Product.Schema.Columns.Single(c => c.Name == "kind").Default);
        Assert.Equal(string.Empty, Product.Schema.Columns.Single(c => c.Name == "code").Default);
        Assert.Null(Product.Schema.Columns.Single(c => c.Name == "stock").Default);
    }

    [Fact]
    public void The_database_lists_every_model_table()
    {
        var order = TestDb.Tables.Select(t => t.Name).ToList();
        Assert.Equal(12, order.Count);
        Assert.Equal("blog_article_tags", order[^1]); // many-to-many tables after both sides
        Assert.True(order.IndexOf("polls_author") < order.IndexOf("polls_question"));
        Assert.True(order.IndexOf("polls_question") < order.IndexOf("polls_choice"));
        Assert.True(order.IndexOf("polls_choice") < order.IndexOf("polls_review"));
        Assert.True(order.IndexOf("polls_choice") < order.IndexOf("polls_ballot"));
    }

    [Fact]
    public async Task Every_supported_type_round_trips()
    {
        var row = new EveryType
        {
            Flag = true,
            Small = -7,
            Big = 9_000_000_000,
            Ratio = 0.25,
            Price = 12.5m,
            Code = "abc",
            Notes = null,
            MaybeCount = null,
            Token = Guid.NewGuid(),
            Blob = [0, 1, 255],
            When = new DateTime(2024, 2, 29, 23, 59, 58, 123, DateTimeKind.Utc).AddTicks(4560),
            Day = new DateOnly(1999, 12, 31),
            At = new TimeOnly(13, 14, 15, 16),
            Duration = TimeSpan.FromDays(3) + TimeSpan.FromTicks(12_340),
            Maybe = new DateTimeOffset(2024, 5, 17, 11, 30, 0, TimeSpan.FromHours(2)),
        };
        await Db.SaveAsync(row);
        var read = await Db.EveryTypes.GetAsync(e => e.Id == row.Id);
        Assert.Equivalent(row, read);
        Assert.Equal(row.Maybe, read.Maybe);
        Assert.Equal(TimeSpan.Zero, read.Maybe!.Value.Offset); // stored as UTC, like Django with USE_TZ
    }

    [Fact]
    public async Task Values_are_stored_in_Djangos_SQLite_formats()
    {
        await Db.SaveAsync(new EveryType
        {
            Token = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            When = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            Maybe = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.FromHours(1)),
            Duration = TimeSpan.FromSeconds(1.5),
            Flag = true,
        });
        await using var lease = await Db.OpenAsync();
        await using var command = Db.CreateCommand(lease, "SELECT token, \"when\", maybe, duration, flag FROM kitchen_everytype", []);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("6f9619ff8b86d011b42d00cf4fc964ff", reader.GetString(0));
        Assert.Equal("2024-01-02 03:04:05", reader.GetString(1));
        Assert.Equal("2024-01-02 02:04:05.500000", reader.GetString(2));
        Assert.Equal(1_500_000L, reader.GetInt64(3));
        Assert.Equal(1L, reader.GetInt64(4));
    }

    [Fact]
    public async Task Connections_enforce_foreign_keys_and_use_WAL()
    {
        await using var lease = await Db.OpenAsync();
        await using var command = Db.CreateCommand(lease, "PRAGMA foreign_keys", []);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        // the millisecond busy handler replaces SQLite's own (whose timeout then reads 0): ConcurrentWriterTests
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }
}
