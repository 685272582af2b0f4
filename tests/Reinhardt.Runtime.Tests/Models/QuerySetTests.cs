using Reinhardt.Data;
using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>Query sets against a real SQLite file: filters, lookups, Q algebra, ordering, slicing, terminals.</summary>
public sealed class QuerySetTests : SqliteFileFixture
{
    private static readonly DateTimeOffset Base = new(2024, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        string[] texts = ["What's up?", "Who are you?", "Why 100% sure?", "Is_it a_test", "back\\slash", "WHAT is UPPER"];
        for (var i = 0; i < texts.Length; i++)
        {
            await Db.SaveAsync(new Question { QuestionText = texts[i], PubDate = Base.AddDays(i) });
        }

        for (var i = 0; i < 6; i++)
        {
            await Db.SaveAsync(new Choice { QuestionId = 1 + (i % 2), ChoiceText = "c" + i, Votes = i * 10, Rank = i % 3 == 0 ? null : i });
        }
    }

    private async Task<string[]> Texts(Func<Question.Columns, Q> condition) =>
        [.. (await Db.Questions.Filter(condition).OrderBy(q => q.Id).ToListAsync()).Select(q => q.QuestionText)];

    private async Task<long[]> ChoiceIds(QuerySet<Choice, Choice.Columns> query) =>
        [.. (await query.ToListAsync()).Select(c => c.Id).Order()];

    [Fact]
    public async Task Comparisons_are_Django_lookups()
    {
        Assert.Equal(["What's up?"], await Texts(q => q.Id == 1));
        Assert.Equal(5, (await Db.Questions.Filter(q => q.Id != 1).ToListAsync()).Count);
        Assert.Equal(["What's up?", "Who are you?"], await Texts(q => q.PubDate < Base.AddDays(2)));
        Assert.Equal(3, (await Db.Questions.Filter(q => q.PubDate <= Base.AddDays(2)).ToListAsync()).Count);
        Assert.Equal(["WHAT is UPPER"], await Texts(q => q.PubDate > Base.AddDays(4)));
        Assert.Equal(2, (await Db.Questions.Filter(q => q.PubDate >= Base.AddDays(4)).ToListAsync()).Count);
        Assert.Equal(["Who are you?", "Why 100% sure?"], await Texts(q => q.Id.In(2, 3, 99)));
        Assert.Empty(await Texts(q => q.Id.In(Array.Empty<long>())));
        Assert.Equal(["Who are you?", "Why 100% sure?", "Is_it a_test"], await Texts(q => q.Id.Range(2, 4)));
    }

    [Fact]
    public async Task String_lookups_match_Django_case_rules()
    {
        Assert.Equal(["What's up?"], await Texts(q => q.QuestionText.Contains("at's")));
        Assert.Empty(await Texts(q => q.QuestionText.Contains("AT'S")));
        Assert.Equal(["What's up?", "WHAT is UPPER"], await Texts(q => q.QuestionText.IContains("what")));
        Assert.Equal(["What's up?"], await Texts(q => q.QuestionText.StartsWith("What")));
        Assert.Equal(["What's up?", "WHAT is UPPER"], await Texts(q => q.QuestionText.IStartsWith("what")));
        Assert.Equal(["Who are you?"], await Texts(q => q.QuestionText.EndsWith("you?")));
        Assert.Equal(["WHAT is UPPER"], await Texts(q => q.QuestionText.IEndsWith("upper")));
        Assert.Equal(["WHAT is UPPER"], await Texts(q => q.QuestionText.IExact("what IS upper")));
        Assert.Equal(6, (await Texts(q => q.QuestionText.EndsWith(""))).Length);
    }

    [Fact]
    public async Task LIKE_wildcards_and_the_escape_character_in_values_match_literally()
    {
        Assert.Equal(["Why 100% sure?"], await Texts(q => q.QuestionText.IContains("100%")));
        Assert.Empty(await Texts(q => q.QuestionText.IContains("%%")));
        Assert.Equal(["Is_it a_test"], await Texts(q => q.QuestionText.IContains("_it a_")));
        Assert.Empty(await Texts(q => q.QuestionText.IStartsWith("_")));
        Assert.Equal(["back\\slash"], await Texts(q => q.QuestionText.IContains("k\\s")));
        Assert.Equal(["back\\slash"], await Texts(q => q.QuestionText.IExact("BACK\\SLASH")));
    }

    [Fact]
    public async Task Date_parts_filter_like_year_month_day_lookups()
    {
        Assert.Equal(6, (await Texts(q => q.PubDate.Year() == 2024)).Length);
        Assert.Equal(6, (await Texts(q => q.PubDate.Month() == 3)).Length);
        Assert.Equal(["Who are you?"], await Texts(q => q.PubDate.Day() == 11));
        Assert.Equal(["What's up?"], await Texts(q => q.PubDate.WeekDay() == 1)); // 2024-03-10 was a Sunday
    }

    [Fact]
    public async Task Q_objects_combine_with_and_or_xor_not()
    {
        Assert.Equal(["Who are you?"], await Texts(q => q.QuestionText.StartsWith("W") & q.QuestionText.Contains("you")));
        Assert.Equal(["What's up?", "back\\slash"], await Texts(q => q.Id == 1 | q.Id == 5));
        Assert.Equal(["Who are you?", "Why 100% sure?"], await Texts(q => (q.Id <= 3) ^ (q.Id == 1)));
        // XOR of three: true when an odd number holds (Django 5): ids 1 (all three), 2 and 3 (one)
        Assert.Equal(["What's up?", "Who are you?", "Why 100% sure?"], await Texts(q => (q.Id <= 3) ^ (q.Id == 1) ^ (q.Id < 2)));
        Assert.Equal(5, (await Texts(q => !(q.Id == 1))).Length);
        Assert.Equal(5, (await Texts(q => ~(q.Id == 1))).Length);
        Assert.Equal(["What's up?", "back\\slash"], await Texts(q => !(q.Id != 1 & q.Id != 5)));
    }

    [Fact]
    public async Task Exclude_keeps_rows_where_a_nullable_column_is_NULL()
    {
        // ranks: c0 NULL, c1 1, c2 2, c3 NULL, c4 4, c5 5
        Assert.Equal(new long[] { 1L, 2, 4, 5, 6 }, await ChoiceIds(Db.Choices.Exclude(c => c.Rank == 2)));
        Assert.Equal(new long[] { 3L }, await ChoiceIds(Db.Choices.Filter(c => c.Rank == 2)));
        Assert.Equal(new long[] { 1L, 4 }, await ChoiceIds(Db.Choices.Filter(c => c.Rank == null)));
        Assert.Equal(new long[] { 2L, 3, 5, 6 }, await ChoiceIds(Db.Choices.Filter(c => c.Rank != null)));
        Assert.Equal(new long[] { 1L, 4 }, await ChoiceIds(Db.Choices.Filter(c => c.Rank.IsNull())));
        Assert.Equal(new long[] { 1L, 2, 4 }, await ChoiceIds(Db.Choices.Exclude(c => c.Rank >= 2)));
        Assert.Equal(new long[] { 1L, 4 }, await ChoiceIds(Db.Choices.Exclude(c => c.Rank >= 2 | c.Rank < 2)));
    }

    [Fact]
    public async Task Ordering_nulls_reverse_and_slicing()
    {
        long[] Ids(List<Choice> choices) => [.. choices.Select(c => c.Id)];
        Assert.Equal(new long[] { 1L, 4, 2, 3, 5, 6 }, Ids(await Db.Choices.OrderBy(c => c.Rank.Ascending(NullsOrder.First)).ThenBy(c => c.Id).ToListAsync()));
        Assert.Equal(new long[] { 2L, 3, 5, 6, 1, 4 }, Ids(await Db.Choices.OrderBy(c => c.Rank.Ascending(NullsOrder.Last), c => c.Id).ToListAsync()));
        Assert.Equal(new long[] { 6L, 5, 3, 2, 4, 1 }, Ids(await Db.Choices.OrderBy(c => c.Rank.Descending(NullsOrder.Last), c => c.Id.Descending()).ToListAsync()));
        Assert.Equal(new long[] { 6L, 5, 4, 3, 2, 1 }, Ids(await Db.Choices.Reverse().ToListAsync()));
        Assert.Equal(new long[] { 3L, 4 }, Ids(await Db.Choices.OrderBy(c => c.Id).Skip(2).Take(2).ToListAsync()));
        Assert.Equal(new long[] { 4L }, Ids(await Db.Choices.OrderBy(c => c.Id).Skip(2).Take(2).Skip(1).ToListAsync()));
        Assert.Equal(new long[] { 3L }, Ids(await Db.Choices.OrderBy(c => c.Id).Take(4).Skip(2).Take(1).ToListAsync()));
        Assert.Throws<InvalidOperationException>(() => Db.Choices.Take(2).Filter(c => c.Id > 1));
        Assert.Equal(new long[] { 10L, 20, 30 }, Ids(await Db.Choices.Filter(c => c.Votes > 0).OrderBy(c => c.Votes).Take(3).ToListAsync()).Select(id => (id - 1) * 10));
    }

    [Fact]
    public async Task Count_exists_first_last()
    {
        Assert.Equal(6, await Db.Questions.CountAsync());
        Assert.Equal(2, await Db.Questions.Filter(q => q.Id > 4).CountAsync());
        Assert.Equal(2, await Db.Questions.OrderBy(q => q.Id).Skip(4).Take(10).CountAsync());
        Assert.True(await Db.Questions.Filter(q => q.Id == 6).ExistsAsync());
        Assert.False(await Db.Questions.Filter(q => q.Id == 7).ExistsAsync());
        Assert.Equal(1, (await Db.Questions.FirstAsync()).Id);
        Assert.Equal(6, (await Db.Questions.LastOrDefaultAsync())!.Id);
        Assert.Equal(6, (await Db.Questions.OrderBy(q => q.PubDate.Descending()).FirstAsync()).Id);
        Assert.Equal(1, (await Db.Questions.OrderBy(q => q.PubDate.Descending()).LastOrDefaultAsync())!.Id);
        Assert.Null(await Db.Questions.Filter(q => q.Id > 100).FirstOrDefaultAsync());
        await Assert.ThrowsAsync<Question.DoesNotExist>(() => Db.Questions.Filter(q => q.Id > 100).FirstAsync());
    }

    [Fact]
    public async Task Get_throws_the_models_own_exceptions()
    {
        Assert.Equal("Why 100% sure?", (await Db.Questions.GetAsync(q => q.Id == 3)).QuestionText);
        var missing = await Assert.ThrowsAsync<Question.DoesNotExist>(() => Db.Questions.GetAsync(q => q.Id == 42));
        Assert.Equal("Question matching query does not exist.", missing.Message);
        Assert.IsAssignableFrom<ObjectDoesNotExistException>(missing);
        var many = await Assert.ThrowsAsync<Question.MultipleObjectsReturned>(() => Db.Questions.GetAsync(q => q.Id > 2));
        Assert.Equal("get() returned more than one Question -- it returned 4!", many.Message);
        await Assert.ThrowsAsync<Choice.DoesNotExist>(() => Db.Choices.GetAsync(c => c.Id == 42));
    }

    [Fact]
    public async Task Update_with_F_expressions_and_delete_in_bulk()
    {
        Assert.Equal(3, await Db.Choices.Filter(c => c.QuestionId == 1).UpdateAsync(c => c.Votes.Set(c.Votes + 1)));
        Assert.Equal(3, await Db.Choices.Filter(c => c.Question.QuestionText == "What's up?").UpdateAsync(c => c.Votes.Set(c.Votes)));
        Assert.Equal([1, 21, 41], (await Db.Choices.Filter(c => c.QuestionId == 1).OrderBy(c => c.Id).ToListAsync()).Select(c => c.Votes));
        Assert.Equal(1, await Db.Choices.Filter(c => c.Id == 2).UpdateAsync(c => [c.Votes.Set(c.Votes * 2 + 1), c.ChoiceText.Set(c.ChoiceText + "!"), c.Rank.Set(null)]));
        var two = await Db.Choices.GetAsync(c => c.Id == 2);
        Assert.Equal((21, "c1!", (int?)null), (two.Votes, two.ChoiceText, two.Rank));

        Assert.Equal(2, await Db.Choices.OrderBy(c => c.Id.Descending()).Take(2).DeleteAsync());
        Assert.Equal(new long[] { 1L, 2, 3, 4 }, (await Db.Choices.ToListAsync()).Select(c => c.Id));
        Assert.Equal(3, await Db.Choices.Filter(c => c.Votes > 20).DeleteAsync()); // 21, 21 and 30 votes
        Assert.Equal(1, await Db.Choices.CountAsync());
    }

    [Fact]
    public async Task Save_inserts_then_updates_and_delete_resets_the_key()
    {
        var question = new Question { QuestionText = "New?", PubDate = Base };
        await Db.SaveAsync(question);
        Assert.Equal(7, question.Id);
        question.QuestionText = "Changed?";
        await Db.SaveAsync(question);
        Assert.Equal("Changed?", (await Db.Questions.GetAsync(q => q.Id == 7)).QuestionText);
        Assert.Equal(7, await Db.Questions.CountAsync());

        // like Django: saving with a key that has no row inserts it with that key
        await Db.SaveAsync(new Question { Id = 100, QuestionText = "Explicit", PubDate = Base });
        Assert.Equal("Explicit", (await Db.Questions.GetAsync(q => q.Id == 100)).QuestionText);

        Assert.True(await Db.DeleteAsync(question));
        Assert.Equal(0, question.Id);
        Assert.False(await Db.Questions.Filter(q => q.Id == 7).ExistsAsync());
    }

    [Fact]
    public void Every_terminal_operation_has_a_synchronous_form()
    {
        Assert.Equal(6, Db.Questions.Count());
        Assert.True(Db.Questions.Exists());
        Assert.Equal(6, Db.Questions.ToList().Count);
        Assert.Equal(1, Db.Questions.First().Id);
        Assert.Equal(6, Db.Questions.LastOrDefault()!.Id);
        Assert.Equal(2, Db.Questions.Get(q => q.Id == 2).Id);
        Assert.Throws<Question.DoesNotExist>(() => Db.Questions.Get(q => q.Id == 99));
        Assert.Equal(1, Db.Choices.Filter(c => c.Id == 1).Update(c => c.Votes.Set(5)));
        var choice = new Choice { QuestionId = 1, ChoiceText = "sync" };
        Db.Save(choice);
        Assert.Equal(7, choice.Id);
        Assert.True(Db.Delete(choice));
        Assert.Equal(1, Db.Choices.Filter(c => c.Id == 1).Delete());
    }

    [Fact]
    public async Task Query_sets_stream_as_async_enumerables_and_are_lazy()
    {
        using var capture = Db.CaptureQueries();
        var query = Db.Questions.Filter(q => q.Id > 3).OrderBy(q => q.Id);
        Assert.Equal(0, capture.Count);
        var ids = new List<long>();
        await foreach (var question in query)
        {
            ids.Add(question.Id);
        }

        Assert.Equal(new long[] { 4L, 5, 6 }, ids);
        Assert.Equal(1, capture.Count);
    }

    [Fact]
    public async Task Queries_are_captured_with_their_SQL_and_parameters()
    {
        using var capture = Db.CaptureQueries();
        await Db.Questions.Filter(q => q.QuestionText.IContains("who")).OrderBy(q => q.PubDate.Descending()).Take(5).ToListAsync();
        var query = Assert.Single(capture.Queries);
        Assert.Equal(
            "SELECT \"polls_question\".\"id\", \"polls_question\".\"question_text\", \"polls_question\".\"pub_date\", \"polls_question\".\"author_id\" FROM \"polls_question\" " +
            "WHERE \"polls_question\".\"question_text\" LIKE @p0 ESCAPE '\\' ORDER BY \"polls_question\".\"pub_date\" DESC LIMIT 5",
            query.Sql);
        Assert.Equal(["%who%"], query.Parameters);
    }

    [Fact]
    public async Task A_repeated_query_shape_reuses_one_SQL_string()
    {
        using var capture = Db.CaptureQueries();
        for (var id = 1; id <= 3; id++)
        {
            await Db.Questions.Filter(q => q.Id == id).ToListAsync();
        }

        await Db.Questions.Filter(q => q.Id > 1).ToListAsync(); // another shape
        var queries = capture.Queries;
        Assert.Same(queries[0].Sql, queries[1].Sql);
        Assert.Same(queries[0].Sql, queries[2].Sql);
        Assert.NotEqual(queries[0].Sql, queries[3].Sql);
        Assert.Equal([1L, 2L, 3L], queries.Take(3).Select(q => (long)q.Parameters[0]!));
    }

    [Fact]
    public async Task Refresh_reloads_fields_and_forgets_loaded_relations()
    {
        var choice = await Db.Choices.SelectRelated(c => c.Question).GetAsync(c => c.Id == 1);
        Assert.Equal("What's up?", choice.Question.QuestionText);
        await Db.Choices.Filter(c => c.Id == 1).UpdateAsync(c => [c.Votes.Set(99), c.QuestionId.Set(2L)]);

        await Db.Choices.RefreshAsync(choice);
        Assert.Equal((99, 2L), (choice.Votes, choice.QuestionId));
        Assert.Throws<RelatedObjectNotLoadedException>(() => choice.Question);

        await Db.Choices.Filter(c => c.Id == 1).DeleteAsync();
        await Assert.ThrowsAsync<Choice.DoesNotExist>(() => Db.Choices.RefreshAsync(choice));
    }
}
