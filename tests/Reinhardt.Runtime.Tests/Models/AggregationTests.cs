using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>values(), annotate(), aggregate(), grouping and window functions.</summary>
public sealed class AggregationTests : SqliteFileFixture
{
    private static readonly DateTimeOffset When = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var q1 = new Question { QuestionText = "Q1", PubDate = When };
        var q2 = new Question { QuestionText = "Q2", PubDate = When.AddMonths(1) };
        var q3 = new Question { QuestionText = "Q3", PubDate = When.AddMonths(1) };
        await Db.SaveAsync(q1);
        await Db.SaveAsync(q2);
        await Db.SaveAsync(q3);
        foreach (var (question, text, votes) in new[] { (q1, "a", 5), (q1, "b", 3), (q1, "c", 5), (q2, "d", 10) })
        {
            await Db.SaveAsync(new Choice { Question = question, ChoiceText = text, Votes = votes });
        }
    }

    [Fact]
    public async Task Values_project_columns_and_expressions()
    {
        Assert.Equal(["Q1", "Q2", "Q3"], await Db.Questions.OrderBy(q => q.Id).Values(q => q.QuestionText).ToListAsync());
        Assert.Equal([(1L, "Q1!"), (2L, "Q2!")], await Db.Questions.OrderBy(q => q.Id).Take(2).Values(q => (q.Id, q.QuestionText + "!")).ToListAsync());
        Assert.Equal([("a", "Q1", 2024, 6)], await Db.Choices.Filter(c => c.ChoiceText == "a").Values(c => (c.ChoiceText, c.Question.QuestionText, c.Question.PubDate.Year(), c.Votes + 1)).ToListAsync());
        Assert.Equal([1, 2], await Db.Questions.OrderBy(q => q.Id).Values(q => q.PubDate.Month()).Take(2).ToListAsync());
    }

    [Fact]
    public async Task Aggregates_summarize_the_query_and_are_null_when_empty()
    {
        Assert.Equal(23L, await Db.Choices.AggregateAsync(c => c.Votes.Sum()));
        var (sum, avg, count) = await Db.Choices.Filter(c => c.QuestionId == 1).AggregateAsync(c => (c.Votes.Sum(), c.Votes.Avg(), Aggregates.Count()));
        Assert.Equal((13L, 13 / 3.0, 3L), (sum, avg!.Value, count));
        Assert.Equal((3, 10), await Db.Choices.AggregateAsync(c => (c.Votes.Min(), c.Votes.Max())) is var (min, max) ? (min!.Value, max!.Value) : default);
        Assert.Null(await Db.Choices.Filter(c => c.Votes > 100).AggregateAsync(c => c.Votes.Sum()));
        Assert.Equal(0L, await Db.Choices.Filter(c => c.Votes > 100).AggregateAsync(c => Aggregates.Count()));
        Assert.Equal(2L, await Db.Choices.AggregateAsync(c => c.QuestionId.Count(distinct: true)));
        Assert.Equal("a", await Db.Choices.AggregateAsync(c => c.ChoiceText.Min()));
    }

    [Fact]
    public async Task Values_with_an_aggregate_group_by_the_other_values()
    {
        // Django: Choice.objects.values("question").annotate(total=Sum("votes")).order_by("question")
        Assert.Equal(
            [(1L, (long?)13, 3L), (2L, 10, 1L)],
            await Db.Choices.Values(c => (c.QuestionId, c.Votes.Sum(), Aggregates.Count())).OrderBy(c => c.QuestionId).ToListAsync());
        Assert.Equal(
            [("Q1", (long?)13)],
            await Db.Choices.Values(c => (c.Question.QuestionText, c.Votes.Sum())).Having(c => c.Votes.Sum() > 10).ToListAsync());
        Assert.Equal(
            [(2, 2L), (1, 1L)],
            await Db.Questions.Filter(q => q.PubDate.Year() == 2024).Values(q => (q.PubDate.Month(), Aggregates.Count())).OrderBy(q => Aggregates.Count().Descending()).ToListAsync());
    }

    [Fact]
    public async Task Annotate_adds_expressions_windows_and_aggregates_to_each_model()
    {
        var ranked = await Db.Choices
            .Annotate(c => Window.Rank(orderBy: [c.Votes.Descending()], partitionBy: [c.QuestionId]))
            .OrderBy(c => c.Id)
            .ToListAsync();
        Assert.Equal([("a", 1L), ("b", 3L), ("c", 1L), ("d", 1L)], ranked.Select(r => (r.Model.ChoiceText, r.Value)));

        var dense = await Db.Choices.Filter(c => c.QuestionId == 1)
            .Annotate(c => (Window.DenseRank(orderBy: [c.Votes.Descending()]), Window.RowNumber(orderBy: [c.Votes.Descending(), c.Id.Ascending()])))
            .OrderBy(c => c.Id)
            .ToListAsync();
        Assert.Equal([(1L, 1L), (2L, 3L), (1L, 2L)], dense.Select(r => (r.First, r.Second)));

        var lagged = await Db.Choices.Filter(c => c.QuestionId == 1)
            .Annotate(c => (Window.Lag(c.Votes, orderBy: [c.Id.Ascending()]), Window.Lead(c.ChoiceText, orderBy: [c.Id.Ascending()])))
            .OrderBy(c => c.Id)
            .ToListAsync();
        Assert.Equal(new (int?, string?)[] { (null, "b"), (5, "c"), (3, null) }, lagged.Select(r => (r.First, r.Second)));

        var running = await Db.Choices.Annotate(c => c.Votes.Sum().Over(partitionBy: [c.QuestionId], orderBy: [c.Id.Ascending()])).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([5L, 8, 13, 10], running.Select(r => r.Value!.Value));

        var perQuestion = await Db.Choices.Filter(c => c.QuestionId == 2).Annotate(c => c.Votes.Sum().Over(partitionBy: [c.QuestionId])).ToListAsync();
        Assert.Equal(10L, Assert.Single(perQuestion).Value);

        var doubled = await Db.Choices.Filter(c => c.ChoiceText == "d").Annotate(c => c.Votes * 2).ToListAsync();
        Assert.Equal(20, Assert.Single(doubled).Value);
    }

    private sealed record QuestionTotal(long QuestionId, long? Votes);

    [Fact]
    public async Task Projections_map_into_records()
    {
        var totals = await Db.Choices.Values(c => (c.QuestionId, c.Votes.Sum())).OrderBy(c => c.QuestionId).ToListAsync(t => new QuestionTotal(t.Item1, t.Item2));
        Assert.Equal([new QuestionTotal(1, 13), new QuestionTotal(2, 10)], totals);
    }
}
