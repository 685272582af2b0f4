using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>Many-to-many relations through an automatic table and through an explicit model.</summary>
public sealed class ManyToManyTests : SqliteFileFixture
{
    private Article _article = null!;
    private Tag _django = null!;
    private Tag _csharp = null!;
    private Tag _web = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _article = new Article { Title = "Reinhardt" };
        await Db.SaveAsync(_article);
        _django = new Tag { Name = "django" };
        _csharp = new Tag { Name = "csharp" };
        _web = new Tag { Name = "web" };
        await Db.Tags.BulkCreateAsync([_django, _csharp, _web]);
    }

    [Fact]
    public void The_automatic_through_table_is_named_as_Django_names_it()
    {
        var through = TestDb.Tables.Single(t => t.Name == "blog_article_tags");
        Assert.Equal(["id", "article_id", "tag_id"], through.Columns.Select(c => c.Name));
        Assert.Equal("blog_tag", through.Columns[2].ForeignKey!.Table);
    }

    [Fact]
    public async Task Add_remove_set_clear_and_read_both_sides()
    {
        await _article.Tags.AddAsync(_django, _csharp);
        await _article.Tags.AddAsync(_django); // already related: no duplicate
        Assert.Equal(["django", "csharp"], (await _article.Tags.ToListAsync()).Select(t => t.Name));
        Assert.Equal(2, await _article.Tags.CountAsync());

        var django = await Db.Tags.GetAsync(t => t.Name == "django");
        Assert.Equal(["Reinhardt"], (await django.Articles.ToListAsync()).Select(a => a.Title));

        await _article.Tags.RemoveAsync(_django);
        Assert.Equal(["csharp"], (await _article.Tags.ToListAsync()).Select(t => t.Name));

        await _article.Tags.SetAsync([_web, _django]);
        Assert.Equal(["django", "web"], (await _article.Tags.ToListAsync()).Select(t => t.Name).Order());

        await _article.Tags.ClearAsync();
        Assert.Equal(0, await _article.Tags.CountAsync());
        Assert.Equal(3, await Db.Tags.CountAsync()); // the tags themselves stay
    }

    [Fact]
    public async Task Prefetch_loads_every_owners_targets_in_one_query()
    {
        var second = new Article { Title = "Second" };
        await Db.SaveAsync(second);
        await _article.Tags.AddAsync(_django, _web);
        await second.Tags.AddAsync(_csharp);

        using var capture = Db.CaptureQueries();
        var articles = await Db.Articles.PrefetchRelated(a => a.Tags).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, capture.Count);
        Assert.Equal(["django", "web"], articles[0].Tags.Prefetched!.Select(t => t.Name));
        Assert.Equal(["csharp"], (await articles[1].Tags.ToListAsync()).Select(t => t.Name));
        Assert.Equal(2, capture.Count);
    }

    [Fact]
    public async Task Deleting_either_side_removes_the_relation_rows()
    {
        await _article.Tags.AddAsync(_django, _web);
        Assert.True(await Db.DeleteAsync(_django));
        Assert.Equal(["web"], (await _article.Tags.ToListAsync()).Select(t => t.Name));
        Assert.True(await Db.DeleteAsync(_article));
        Assert.Equal(0L, (await Db.QueryAsync<long>($"SELECT COUNT(*) FROM blog_article_tags"))[0]);
    }

    [Fact]
    public async Task An_explicit_through_model_carries_its_own_fields()
    {
        var ann = new Author { Name = "Ann" };
        var bob = new Author { Name = "Bob" };
        await Db.Authors.BulkCreateAsync([ann, bob]);
        await Db.SaveAsync(new Authorship { Article = _article, Author = bob, Position = 2 });
        await _article.Writers.AddAsync(ann); // the other fields of the through row are left NULL
        Assert.Equal(["Ann", "Bob"], (await _article.Writers.ToListAsync()).Select(a => a.Name).Order());
        Assert.Equal(["Reinhardt"], (await ann.Articles.ToListAsync()).Select(a => a.Title));
        Assert.Equal(2, await Db.Authorships.Filter(a => a.ArticleId == _article.Id).CountAsync());
        Assert.Equal(2, (await Db.Authorships.GetAsync(a => a.AuthorId == bob.Id)).Position);
    }
}
