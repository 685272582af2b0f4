using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Reinhardt.Data;
using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>
/// Writers meeting on one SQLite file wait for each other in milliseconds. The bundled e_sqlite3 has no
/// usleep, so SQLite's own busy handler waited whole seconds: these tests fail with it (a waiter took about 1 s).
/// </summary>
public sealed class ConcurrentWriterTests : SqliteFileFixture
{
    private static Question NewQuestion(string text) => new() { QuestionText = text, PubDate = DateTimeOffset.UnixEpoch };

    [Fact]
    public async Task Sixteen_concurrent_transactions_all_commit_and_hand_the_lock_over_in_milliseconds()
    {
        var question = NewQuestion("hot");
        await Db.SaveAsync(question);
        var choice = new Choice { Question = question, ChoiceText = "hot" };
        await Db.SaveAsync(choice);
        const int writers = 16, rounds = 10;
        // per transaction: when its body started (it held the write lock) and when the body ended
        var spans = new List<(long Entered, long Left)>();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                long entered = 0;
                await Db.AtomicAsync(async () =>
                {
                    entered = Stopwatch.GetTimestamp();
                    await Db.SaveAsync(NewQuestion($"w{w} r{i}"));
                    await Db.Choices.Filter(c => c.Id == choice.Id).UpdateAsync(c => c.Votes.Set(c.Votes + 1));
                    // hold the write lock a little, so that the others find it taken
                    await Task.Delay(1);
                });
                var left = Stopwatch.GetTimestamp();
                lock (spans)
                {
                    spans.Add((entered, left));
                }
            }
        })));

        Assert.Equal(writers * rounds, (await Db.Choices.GetAsync(c => c.Id == choice.Id)).Votes);
        Assert.Equal(writers * rounds + 1, await Db.Questions.CountAsync());
        // Every writer always has its next transaction waiting, so the write lock should never sit idle: the
        // time from one transaction's end (its commit returned) to the next one's start is the hand-over. With
        // SQLite's own busy handler in this build, a waiter slept whole seconds, so the lock sat idle for up to
        // 1 s while 15 writers waited. (A transaction's own time is not bounded here: a WAL checkpoint's fsync
        // on a busy disk can take hundreds of milliseconds on its own.)
        spans.Sort();
        var handovers = new List<double>();
        for (var k = 1; k < spans.Count; k++)
        {
            handovers.Add(Math.Max(0, Stopwatch.GetElapsedTime(spans[k - 1].Left, spans[k].Entered).TotalMilliseconds));
        }

        handovers.Sort();
        var median = handovers[handovers.Count / 2];
        var p95 = handovers[(int)Math.Ceiling(handovers.Count * 0.95) - 1];
        // The old behaviour idled the lock for a random part of a second at each hand-over (a median of hundreds of
        // milliseconds, and transactions failing with "database is locked"); the bounds are generous because the
        // other test classes load the 2 shared cores meanwhile (a single descheduled hand-over can take a second).
        Assert.True(median < 20 && p95 < 200, $"hand-over of the write lock: median {median:F1} ms, p95 {p95:F1} ms, max {handovers[^1]:F1} ms");
    }

    [Fact]
    public async Task Autocommit_writes_from_two_databases_on_one_file_lose_nothing_and_wait_less_than_a_second()
    {
        var question = NewQuestion("hot");
        await Db.SaveAsync(question);
        var choice = new Choice { Question = question, ChoiceText = "hot" };
        await Db.SaveAsync(choice);
        // a second pool on the same file: another process, as far as SQLite's locks are concerned
        using var other = new TestDb(new DatabaseOptions { ConnectionString = ConnectionString });
        var waits = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var db = w % 2 == 0 ? Db : other;
            for (var i = 0; i < 50; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await db.Choices.Filter(c => c.Id == choice.Id).UpdateAsync(c => c.Votes.Set(c.Votes + 1));
                lock (waits)
                {
                    waits.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        })));

        Assert.Equal(400, (await Db.Choices.GetAsync(c => c.Id == choice.Id)).Votes);
        waits.Sort();
        Assert.True(waits[^1] < 900, $"max update time {waits[^1]:F1} ms");
    }

    [Fact]
    public async Task A_lock_held_past_the_timeout_fails_the_transaction_after_the_configured_time_and_writes_nothing()
    {
        await Db.SaveAsync(NewQuestion("before"));
        using var impatient = new TestDb(new DatabaseOptions { ConnectionString = ConnectionString + ";Default Timeout=1" });
        await using (var holder = new SqliteConnection(ConnectionString))
        {
            await holder.OpenAsync();
            await using var hold = holder.BeginTransaction(deferred: false);
            var started = Stopwatch.GetTimestamp();
            var error = await Assert.ThrowsAsync<SqliteException>(() => impatient.AtomicAsync(async () =>
            {
                await impatient.SaveAsync(NewQuestion("never"));
                return 0;
            }));
            var elapsed = Stopwatch.GetElapsedTime(started);
            Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY: "database is locked"
            Assert.InRange(elapsed.TotalMilliseconds, 900, 3000);
            hold.Rollback();
        }

        Assert.Equal(["before"], (await Db.Questions.ToListAsync()).Select(q => q.QuestionText));
        // the lock released, the same database writes at once
        await impatient.AtomicAsync(() => impatient.SaveAsync(NewQuestion("after")));
        Assert.Equal(2, await Db.Questions.CountAsync());
    }
}
