using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>get_or_create, update_or_create, bulk create/update with upsert, in_bulk, chunked iteration, raw SQL.</summary>
public sealed class BulkAndRawTests : SqliteFileFixture
{
    private static readonly DateTimeOffset When = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<Author> Authors(int count, string prefix = "author") =>
        Enumerable.Range(0, count).Select(i => new Author { Name = $"{prefix} {i}" });

    [Fact]
    public async Task Get_or_create_creates_once()
    {
        var (first, created) = await Db.Authors.GetOrCreateAsync(a => a.Name == "Ann", () => new Author { Name = "Ann" });
        Assert.True(created);
        var (second, createdAgain) = await Db.Authors.GetOrCreateAsync(a => a.Name == "Ann", () => new Author { Name = "Ann" });
        Assert.False(createdAgain);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, await Db.Authors.CountAsync());
    }

    [Fact]
    public async Task Update_or_create_updates_the_match_or_creates()
    {
        var (created, wasCreated) = await Db.Authors.UpdateOrCreateAsync(a => a.Name == "Bob", a => a.Name = "Robert", () => new Author { Name = "Bob" });
        Assert.True(wasCreated);
        var (updated, wasCreatedAgain) = await Db.Authors.UpdateOrCreateAsync(a => a.Name == "Bob", a => a.Name = "Robert", () => new Author { Name = "Bob" });
        Assert.False(wasCreatedAgain);
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal(["Robert"], (await Db.Authors.ToListAsync()).Select(a => a.Name));
    }

    [Fact]
    public async Task Bulk_create_batches_under_the_parameter_limit_and_sets_keys()
    {
        var authors = Authors(2500).ToList();
        using var capture = Db.CaptureQueries();
        Assert.Equal(2500, await Db.Authors.BulkCreateAsync(authors));
        // 100 parameters per statement (binding named parameters is quadratic in their number): 25 batches of 100 rows
        Assert.Equal(["BEGIN", .. Enumerable.Repeat("INSERT", 25), "COMMIT"], capture.Queries.Select(q => q.Sql.Split(' ')[0]));
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => (long)i), authors.Select(a => a.Id));
        Assert.Equal("author 2499", (await Db.Authors.GetAsync(a => a.Id == 2500)).Name);

        Assert.Equal(3, await Db.Authors.BulkCreateAsync(Authors(3, "small"), batchSize: 2));
    }

    [Fact]
    public async Task Bulk_create_upserts_on_a_unique_key()
    {
        var ann = new Author { Name = "Ann" };
        await Db.SaveAsync(ann);
        await Db.SaveAsync(new Profile { Author = ann, Bio = "old" });
        var bob = new Author { Name = "Bob" };
        await Db.SaveAsync(bob);

        var upsert = OnConflict<Profile.Columns>.Update(p => [p.AuthorId], p => [p.Bio]);
        Assert.Equal(2, await Db.Profiles.BulkCreateAsync([new Profile { AuthorId = ann.Id, Bio = "new" }, new Profile { AuthorId = bob.Id, Bio = "bob" }], onConflict: upsert));
        Assert.Equal(["new", "bob"], (await Db.Profiles.OrderBy(p => p.AuthorId).ToListAsync()).Select(p => p.Bio));

        Assert.Equal(0, await Db.Profiles.BulkCreateAsync([new Profile { AuthorId = ann.Id, Bio = "ignored" }], onConflict: OnConflict<Profile.Columns>.DoNothing()));
        Assert.Equal(2, await Db.Profiles.CountAsync());
    }

    [Fact]
    public async Task Bulk_update_sets_each_rows_own_values()
    {
        var authors = Authors(1500).ToList();
        await Db.Authors.BulkCreateAsync(authors);
        foreach (var author in authors)
        {
            author.Name = author.Name.ToUpperInvariant();
        }

        Assert.Equal(1500, await Db.Authors.BulkUpdateAsync(authors, a => [a.Name]));
        Assert.Equal("AUTHOR 1234", (await Db.Authors.GetAsync(a => a.Id == authors[1234].Id)).Name);
    }

    [Fact]
    public async Task In_bulk_returns_rows_by_key()
    {
        await Db.Authors.BulkCreateAsync(Authors(1200));
        var found = await Db.Authors.InBulkAsync([1, 2, 1100, 5000]);
        Assert.Equal([1L, 2, 1100], found.Keys.Order());
        Assert.Equal("author 1099", found[1100].Name);
    }

    [Fact]
    public async Task Iterate_streams_in_chunks_with_prefetch_per_chunk()
    {
        for (var i = 0; i < 5; i++)
        {
            var question = new Question { QuestionText = "q" + i, PubDate = When };
            await Db.SaveAsync(question);
            await Db.SaveAsync(new Choice { Question = question, ChoiceText = "c" + i });
        }

        using var capture = Db.CaptureQueries();
        var seen = new List<string>();
        await foreach (var question in Db.Questions.OrderBy(q => q.Id).PrefetchRelated(q => q.Choices).IterateAsync(chunkSize: 2))
        {
            seen.Add(question.QuestionText + ":" + Assert.Single(question.Choices.Prefetched!).ChoiceText);
        }

        Assert.Equal(["q0:c0", "q1:c1", "q2:c2", "q3:c3", "q4:c4"], seen);
        Assert.Equal(4, capture.Count); // one SELECT, three chunk prefetches
    }

    [Fact]
    public async Task Raw_SQL_parameterizes_every_interpolation()
    {
        await Db.Authors.BulkCreateAsync(Authors(3));
        var hostile = "author 1' OR '1'='1";
        Assert.Empty(await Db.Authors.RawAsync($"SELECT * FROM polls_author WHERE name = {hostile}"));
        var one = Assert.Single(await Db.Authors.RawAsync($"SELECT * FROM polls_author WHERE name = {"author 1"}"));
        Assert.Equal(2, one.Id);

        Assert.Equal([3L], await Db.QueryAsync<long>($"SELECT COUNT(*) FROM polls_author WHERE id >= {1}"));
        Assert.Equal([(1L, "author 0"), (2L, "author 1")], await Db.QueryAsync<long, string>($"SELECT id, name FROM polls_author WHERE id < {3} ORDER BY id"));
        Assert.Equal([(string?)null], await Db.QueryAsync<string?>($"SELECT NULL"));
        Assert.Equal(1, await Db.ExecuteAsync($"UPDATE polls_author SET name = {"{not a placeholder}"} WHERE id = {1}"));
        Assert.Equal("{not a placeholder}", (await Db.Authors.GetAsync(a => a.Id == 1)).Name);
        Assert.Equal(["{literal}"], await Db.QueryAsync<string>($"SELECT '{{literal}}'"));
    }
}
