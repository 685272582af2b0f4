using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>Strings that break naive SQL building survive insert, filter and update byte for byte.</summary>
public sealed class HostileStringTests : SqliteFileFixture
{
    public static TheoryData<string> Hostile => new()
    {
        "Robert'); DROP TABLE polls_question;--",
        "' OR '1'='1",
        "\" OR \"\"=\"",
        "-- comment",
        "; SELECT 1;",
        "/* block */",
        "a\0b\0",
        "emoji 🎸🇫🇷 and combining é",
        "\\'\\\"\\\\",
        "%_%_\\%",
        "@p0 $p0 :p0 ?",
        "\u2028\u2029\r\n\t",
        "",
        new string('x', 1024 * 1024),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Round_trips_through_insert_filter_and_update(string text)
    {
        var question = new Question { QuestionText = text, PubDate = DateTimeOffset.UnixEpoch };
        await Db.SaveAsync(question);

        var found = await Db.Questions.GetAsync(q => q.QuestionText == text);
        Assert.Equal(question.Id, found.Id);
        Assert.Equal(text, found.QuestionText);
        Assert.Equal(text.Length, found.QuestionText.Length);
        if (text.Length > 0 && text.Length < 100)
        {
            Assert.Equal(question.Id, (await Db.Questions.GetAsync(q => q.QuestionText.Contains(text))).Id);
            Assert.Equal(question.Id, (await Db.Questions.GetAsync(q => q.QuestionText.IContains(text))).Id);
        }

        Assert.Equal(1, await Db.Questions.Filter(q => q.Id == question.Id).UpdateAsync(q => q.QuestionText.Set(q.QuestionText + text)));
        Assert.Equal(text + text, (await Db.Questions.GetAsync(q => q.Id == question.Id)).QuestionText);
        Assert.Equal(1, await Db.Questions.CountAsync());
    }
}
