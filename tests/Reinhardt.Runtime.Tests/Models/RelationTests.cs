using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>Foreign keys, one-to-one, reverse accessors, joins, select/prefetch related and on-delete rules across three and more models.</summary>
public sealed class RelationTests : SqliteFileFixture
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private Author _ann = null!;
    private Question _q1 = null!;
    private Question _q2 = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _ann = new Author { Name = "Ann" };
        await Db.SaveAsync(_ann);
        _q1 = new Question { QuestionText = "Q1", PubDate = Now.AddDays(-1), Author = _ann };
        _q2 = new Question { QuestionText = "Q2", PubDate = Now.AddDays(1) };
        await Db.SaveAsync(_q1);
        await Db.SaveAsync(_q2);
        foreach (var (question, text) in new[] { (_q1, "a"), (_q1, "b"), (_q2, "c") })
        {
            await Db.SaveAsync(new Choice { Question = question, ChoiceText = text });
        }
    }

    [Fact]
    public async Task Assigning_a_relation_sets_its_key_and_reading_it_unloaded_throws()
    {
        var choice = await Db.Choices.GetAsync(c => c.ChoiceText == "a");
        Assert.Equal(_q1.Id, choice.QuestionId);
        var error = Assert.Throws<RelatedObjectNotLoadedException>(() => choice.Question);
        Assert.Contains("SelectRelated(x => x.Question)", error.Message, StringComparison.Ordinal);

        var q2 = await Db.Questions.GetAsync(q => q.Id == _q2.Id);
        Assert.Null(q2.Author); // a NULL key needs no loading
        var q1 = await Db.Questions.GetAsync(q => q.Id == _q1.Id);
        Assert.Throws<RelatedObjectNotLoadedException>(() => q1.Author);
    }

    [Fact]
    public async Task Saving_with_an_unsaved_related_object_is_refused_and_works_once_it_is_saved()
    {
        var question = new Question { QuestionText = "later", PubDate = Now };
        var choice = new Choice { Question = question, ChoiceText = "x" };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Db.SaveAsync(choice));
        Assert.Equal("save() prohibited to prevent data loss due to unsaved related object 'Question'.", error.Message);
        await Db.SaveAsync(question);
        await Db.SaveAsync(choice);
        Assert.Equal(question.Id, (await Db.Choices.GetAsync(c => c.Id == choice.Id)).QuestionId);
    }

    [Fact]
    public async Task Filters_follow_relations_with_joins()
    {
        Assert.Equal(["a", "b"], (await Db.Choices.Filter(c => c.Question.PubDate <= Now).OrderBy(c => c.ChoiceText).ToListAsync()).Select(c => c.ChoiceText));
        Assert.Equal(["a", "b"], (await Db.Choices.Filter(c => c.Question.Author.Name == "Ann").OrderBy(c => c.Question.QuestionText, c => c.ChoiceText).ToListAsync()).Select(c => c.ChoiceText));
        Assert.Equal(["c"], (await Db.Choices.Filter(c => c.Question.Author.Id == null).ToListAsync()).Select(c => c.ChoiceText));
        Assert.Equal(["c"], (await Db.Choices.Exclude(c => c.Question.Author.Name == "Ann").ToListAsync()).Select(c => c.ChoiceText));
        Assert.Equal(1, await Db.Choices.Filter(c => c.Question.QuestionText == "Q2").CountAsync());
    }

    [Fact]
    public async Task SelectRelated_loads_the_chain_in_one_query()
    {
        using var capture = Db.CaptureQueries();
        var choices = await Db.Choices.SelectRelated(c => c.Question.Author).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(1, capture.Count);
        Assert.Contains("LEFT OUTER JOIN \"polls_author\"", capture.Queries[0].Sql, StringComparison.Ordinal);
        Assert.Contains("INNER JOIN \"polls_question\"", capture.Queries[0].Sql, StringComparison.Ordinal);
        Assert.Equal(["Q1", "Q1", "Q2"], choices.Select(c => c.Question.QuestionText));
        Assert.Equal("Ann", choices[0].Question.Author!.Name);
        Assert.Null(choices[2].Question.Author);
        Assert.Same(choices[0].Question.Author, choices[0].Question.Author);
    }

    [Fact]
    public async Task PrefetchRelated_runs_one_extra_query_per_relation()
    {
        using var capture = Db.CaptureQueries();
        var questions = await Db.Questions.PrefetchRelated(q => q.Choices).OrderBy(q => q.Id).ToListAsync();
        Assert.Equal(2, capture.Count);
        Assert.Contains(" IN (@p0, @p1)", capture.Queries[1].Sql, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], (await questions[0].Choices.ToListAsync()).Select(c => c.ChoiceText));
        Assert.Equal(1, await questions[1].Choices.CountAsync());
        Assert.Equal(2, capture.Count);
    }

    [Fact]
    public async Task Reverse_accessors_query_when_not_prefetched()
    {
        var question = await Db.Questions.GetAsync(q => q.Id == _q1.Id);
        using var capture = Db.CaptureQueries();
        Assert.Equal(["a", "b"], (await question.Choices.All().OrderBy(c => c.ChoiceText).ToListAsync()).Select(c => c.ChoiceText));
        Assert.Equal(2, await question.Choices.CountAsync());
        Assert.Equal(2, capture.Count);
        Assert.Equal(2, await _ann.Questions.All().Filter(q => q.QuestionText.StartsWith("Q")).CountAsync() + 1); // Ann wrote Q1 only

        var detached = new Question { QuestionText = "not from a database" };
        Assert.Throws<RelatedObjectNotLoadedException>(() => detached.Choices.All());
    }

    [Fact]
    public async Task Prefetch_batches_IN_lists_under_the_parameter_limit()
    {
        await Db.AtomicAsync(async () =>
        {
            for (var i = 0; i < 1200; i++)
            {
                var question = new Question { QuestionText = "bulk", PubDate = Now };
                await Db.SaveAsync(question);
                await Db.SaveAsync(new Choice { Question = question, ChoiceText = "only" });
            }
        });
        using var capture = Db.CaptureQueries();
        var questions = await Db.Questions.Filter(q => q.QuestionText == "bulk").PrefetchRelated(q => q.Choices).ToListAsync();
        Assert.Equal(1200, questions.Count);
        Assert.Equal(3, capture.Count); // the questions, then 999 + 201 keys
        Assert.All(questions, q => Assert.Equal("only", Assert.Single(q.Choices.Prefetched!).ChoiceText));
    }

    [Fact]
    public async Task Deleting_cascades_to_referencing_rows()
    {
        using var capture = Db.CaptureQueries();
        Assert.Equal(3, await Db.Questions.Filter(q => q.Id == _q1.Id).DeleteAsync()); // the question and its two choices
        Assert.Equal(["c"], (await Db.Choices.ToListAsync()).Select(c => c.ChoiceText));
        Assert.Equal("BEGIN", capture.Queries.First(q => !q.Sql.StartsWith("SELECT", StringComparison.Ordinal)).Sql);
    }

    [Fact]
    public async Task Protected_rows_refuse_the_delete_and_nothing_is_deleted()
    {
        var choice = await Db.Choices.GetAsync(c => c.ChoiceText == "a");
        await Db.SaveAsync(new Ballot { Choice = choice });
        var error = await Assert.ThrowsAsync<ProtectedErrorException>(() => Db.Questions.Filter(q => q.Id == _q1.Id).DeleteAsync());
        Assert.Contains("polls_ballot", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, await Db.Questions.CountAsync());
        Assert.Equal(3, await Db.Choices.CountAsync());
    }

    [Fact]
    public async Task Restricted_rows_refuse_the_delete_unless_the_same_delete_cascades_to_them()
    {
        var b = await Db.Choices.GetAsync(c => c.ChoiceText == "b");
        var review = new Review { Question = _q1, Choice = b };
        await Db.SaveAsync(review);
        // deleting the question cascades to choice b, which cascades to the review: allowed
        Assert.Equal(4, await Db.DeleteAsync(_q1) ? await Db.Questions.CountAsync() + 3 : 0);
        Assert.False(await Db.Reviews.ExistsAsync());

        await Db.SaveAsync(new Review { Question = _q2 });
        await Assert.ThrowsAsync<RestrictedErrorException>(() => Db.Questions.Filter(q => q.Id == _q2.Id).DeleteAsync());
        Assert.True(await Db.Questions.Filter(q => q.Id == _q2.Id).ExistsAsync());
    }

    [Fact]
    public async Task Set_null_clears_the_key()
    {
        Assert.True(await Db.DeleteAsync(_ann));
        var q1 = await Db.Questions.GetAsync(q => q.Id == _q1.Id);
        Assert.Null(q1.AuthorId);
        Assert.Null(q1.Author);
    }

    [Fact]
    public async Task One_to_one_keys_are_unique_and_cascade()
    {
        await Db.SaveAsync(new Profile { Author = _ann, Bio = "first" });
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => Db.SaveAsync(new Profile { Author = _ann, Bio = "second" }));
        var profile = await Db.Profiles.SelectRelated(p => p.Author).GetAsync();
        Assert.Equal("Ann", profile.Author.Name);
        Assert.Equal(1, await _ann.Profile.CountAsync());
        await Db.DeleteAsync(_ann);
        Assert.False(await Db.Profiles.ExistsAsync());
    }

    [Fact]
    public async Task The_database_enforces_foreign_keys_at_commit()
    {
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => Db.SaveAsync(new Choice { QuestionId = 999, ChoiceText = "dangling" }));
        Assert.Equal(3, await Db.Choices.CountAsync());
    }
}
