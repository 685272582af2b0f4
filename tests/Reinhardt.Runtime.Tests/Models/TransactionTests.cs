using Reinhardt.Data;
using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>Atomic blocks, savepoints, on-commit callbacks and concurrent writers on a real SQLite file.</summary>
public sealed class TransactionTests : SqliteFileFixture
{
    private static Question NewQuestion(string text) => new() { QuestionText = text, PubDate = DateTimeOffset.UnixEpoch };

    [Fact]
    public async Task A_block_that_returns_commits()
    {
        var id = await Db.AtomicAsync(async () =>
        {
            var question = NewQuestion("kept");
            await Db.SaveAsync(question);
            Assert.True(Db.InTransaction);
            return question.Id;
        });
        Assert.False(Db.InTransaction);
        Assert.Equal("kept", (await Db.Questions.GetAsync(q => q.Id == id)).QuestionText);
    }

    [Fact]
    public async Task A_block_that_throws_rolls_back_everything_it_wrote()
    {
        await Db.SaveAsync(NewQuestion("before"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Db.AtomicAsync(async () =>
        {
            await Db.SaveAsync(NewQuestion("lost 1"));
            await Db.Questions.UpdateAsync(q => q.QuestionText.Set("overwritten"));
            await Db.SaveAsync(NewQuestion("lost 2"));
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal(["before"], (await Db.Questions.ToListAsync()).Select(q => q.QuestionText));
    }

    [Fact]
    public async Task Nested_blocks_use_savepoints()
    {
        await Db.AtomicAsync(async () =>
        {
            await Db.SaveAsync(NewQuestion("outer"));
            await Assert.ThrowsAsync<InvalidOperationException>(() => Db.AtomicAsync(async () =>
            {
                await Db.SaveAsync(NewQuestion("inner, rolled back"));
                throw new InvalidOperationException("inner");
            }));
            await Db.AtomicAsync(() => Db.SaveAsync(NewQuestion("inner, kept")));
        });
        Assert.Equal(["outer", "inner, kept"], (await Db.Questions.OrderBy(q => q.Id).ToListAsync()).Select(q => q.QuestionText));
    }

    [Fact]
    public async Task On_commit_callbacks_run_after_the_outermost_commit_and_never_after_a_rollback()
    {
        var log = new List<string>();
        await Db.AtomicAsync(async () =>
        {
            Db.OnCommit(() => log.Add("outer"));
            await Db.AtomicAsync(() =>
            {
                Db.OnCommit(() => log.Add("inner"));
                return Task.CompletedTask;
            });
            await Assert.ThrowsAsync<InvalidOperationException>(() => Db.AtomicAsync(() =>
            {
                Db.OnCommit(() => log.Add("rolled back"));
                throw new InvalidOperationException();
            }));
            Assert.Empty(log);
        });
        Assert.Equal(["outer", "inner"], log);

        Db.OnCommit(() => log.Add("immediate"));
        Assert.Equal("immediate", log[^1]);
    }

    [Fact]
    public async Task Transactions_are_captured_as_statements()
    {
        using var capture = Db.CaptureQueries();
        await Db.AtomicAsync(() => Db.SaveAsync(NewQuestion("x")));
        Assert.Equal(["BEGIN", "INSERT", "COMMIT"], capture.Queries.Select(q => q.Sql.Split(' ')[0]));
    }

    [Fact]
    public async Task Eight_writers_times_500_F_increments_lose_no_update()
    {
        var question = NewQuestion("hot");
        await Db.SaveAsync(question);
        var choice = new Choice { Question = question, ChoiceText = "hot" };
        await Db.SaveAsync(choice);
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                await Db.Choices.Filter(c => c.Id == choice.Id).UpdateAsync(c => c.Votes.Set(c.Votes + 1));
            }
        }));
        await Task.WhenAll(writers);
        Assert.Equal(4000, (await Db.Choices.GetAsync(c => c.Id == choice.Id)).Votes);
    }
}
