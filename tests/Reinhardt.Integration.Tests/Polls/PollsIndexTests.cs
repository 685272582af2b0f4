using System.Net;
using AngleSharp.Html.Parser;
using Polls;
using Polls.Models;
using Reinhardt;
using Reinhardt.Data;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Integration.Tests.Polls;

/// <summary>The Polls index over real HTTP on 127.0.0.1, against its own SQLite file.</summary>
public class PollsIndexTests
{
    [Fact]
    public async Task Index_lists_the_seeded_question() =>
        await Index_lists_the_seeded_question_on(await LoopbackApp.StartAsync(PollsApp.Build));

    [Fact]
    public async Task Index_hides_future_questions_and_escapes_text() =>
        await Index_hides_future_questions_and_escapes_text_on(await LoopbackApp.StartAsync(PollsApp.Build));

    [Fact]
    public async Task Root_redirects_to_the_index()
    {
        await using var app = await LoopbackApp.StartAsync(PollsApp.Build);
        using var response = await app.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/polls/", response.Headers.Location?.OriginalString);
    }

    [AotBinaryFact]
    public async Task Aot_binary_lists_the_seeded_question() =>
        await Index_lists_the_seeded_question_on(await LoopbackApp.StartProcessAsync(AotBinaryFactAttribute.PollsBinary!, "/polls/"));

    [AotBinaryFact]
    public async Task Aot_binary_hides_future_questions_and_escapes_text() =>
        await Index_hides_future_questions_and_escapes_text_on(await LoopbackApp.StartProcessAsync(AotBinaryFactAttribute.PollsBinary!, "/polls/"));

    private static async Task Index_lists_the_seeded_question_on(LoopbackApp app)
    {
        await using var _ = app;
        using var response = await app.Client.GetAsync("/polls/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(["What's up?"], document.QuerySelectorAll("li").Select(li => li.TextContent));
    }

    private static async Task Index_hides_future_questions_and_escapes_text_on(LoopbackApp app)
    {
        await using var _ = app;
        (await app.Client.GetAsync("/polls/")).Dispose(); // the app has created and seeded its database

        var db = new PollsDb(new DatabaseOptions { ConnectionString = app.ConnectionString });
        await db.SaveAsync(new Question { QuestionText = "<script>alert('x')</script>", PubDate = DateTimeOffset.UtcNow.AddDays(-30) });
        await db.SaveAsync(new Question { QuestionText = "Future question", PubDate = DateTimeOffset.UtcNow.AddDays(30) });

        var html = await app.Client.GetStringAsync("/polls/");
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Equal(["What's up?", "<script>alert('x')</script>"], document.QuerySelectorAll("li").Select(li => li.TextContent));
    }
}
