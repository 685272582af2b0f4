using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Reinhardt.Http;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Integration.Tests.Http;

/// <summary>Django's messages framework over real HTTP: added before a redirect, shown once after it.</summary>
public class MessagesTests
{
    public static TheoryData<SessionEngine> Engines => [SessionEngine.Database, SessionEngine.SignedCookie];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_message_added_before_a_redirect_is_shown_once(SessionEngine engine)
    {
        await using var app = await SessionTestApp.StartAsync(engine);
        using (var post = await app.Client.PostAsync("/messages/add?text=Saved.", null))
        {
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.Equal("/messages/show", post.Headers.Location?.OriginalString);
            Assert.Single(post.SetCookies());
        }

        Assert.Equal("25|success|Saved.\n", await app.GetTextAsync("/messages/show"));
        Assert.Equal("", await app.GetTextAsync("/messages/show"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Messages_accumulate_in_order_until_read(SessionEngine engine)
    {
        await using var app = await SessionTestApp.StartAsync(engine);
        (await app.Client.PostAsync("/messages/add?text=One&level=Info", null)).Dispose();
        (await app.Client.PostAsync("/messages/add?text=Two&level=Error&tags=urgent", null)).Dispose();
        Assert.Equal("20|info|One\n40|urgent error|Two\n", await app.GetTextAsync("/messages/show"));
        Assert.Equal("", await app.GetTextAsync("/messages/show"));
    }

    [Fact]
    public async Task Unread_messages_are_kept()
    {
        await using var app = await SessionTestApp.StartAsync(SessionEngine.Database);
        (await app.Client.PostAsync("/messages/add?text=Later", null)).Dispose();

        // requests that do not read them, including one that only counts them
        await app.GetTextAsync("/session/nothing");
        Assert.Equal("1", await app.GetTextAsync("/messages/count"));
        await app.GetTextAsync("/session/get?key=x");
        Assert.Equal("25|success|Later\n", await app.GetTextAsync("/messages/show"));
        Assert.Equal("0", await app.GetTextAsync("/messages/count"));
    }

    [Fact]
    public async Task A_message_added_after_reading_is_kept_for_the_next_request()
    {
        await using var app = await SessionTestApp.StartAsync(SessionEngine.SignedCookie);
        (await app.Client.PostAsync("/messages/add?text=First", null)).Dispose();
        Assert.Equal("25|success|First\n", await app.GetTextAsync("/messages/show?then-add=Second"));
        Assert.Equal("20|info|Second\n", await app.GetTextAsync("/messages/show"));
        Assert.Equal("", await app.GetTextAsync("/messages/show"));
    }

    [Fact]
    public async Task Messages_below_the_level_are_dropped()
    {
        await using var app = await SessionTestApp.StartAsync(SessionEngine.Database);
        (await app.Client.PostAsync("/messages/add?text=Hidden&level=Debug", null)).Dispose();
        Assert.Equal("", await app.GetTextAsync("/messages/show"));

        // the request's own level (Django's set_level)
        (await app.Client.PostAsync("/messages/add?text=Low&level=Info&min=Warning", null)).Dispose();
        (await app.Client.PostAsync("/messages/add?text=Shown&level=Debug&min=Debug", null)).Dispose();
        Assert.Equal("10|debug|Shown\n", await app.GetTextAsync("/messages/show"));
    }

    [Fact]
    public async Task The_configured_level_and_tags_apply()
    {
        await using var app = await SessionTestApp.StartAsync(SessionEngine.SignedCookie, null, "--Messages:Level=Debug", "--Messages:Tags:Error=danger", "--Messages:Tags:35=notice");
        (await app.Client.PostAsync("/messages/add?text=Trace&level=Debug", null)).Dispose();
        (await app.Client.PostAsync("/messages/add?text=Broken&level=Error", null)).Dispose();
        Assert.Equal("10|debug|Trace\n40|danger|Broken\n", await app.GetTextAsync("/messages/show"));

        await using var warning = await SessionTestApp.StartAsync(SessionEngine.SignedCookie, null, "--Messages:Level=30");
        (await warning.Client.PostAsync("/messages/add?text=Info&level=Info", null)).Dispose();
        (await warning.Client.PostAsync("/messages/add?text=Warn&level=Warning", null)).Dispose();
        Assert.Equal("30|warning|Warn\n", await warning.GetTextAsync("/messages/show"));
    }

    [Fact]
    public async Task Messages_are_stored_in_the_session_as_django_does()
    {
        await using var app = await SessionTestApp.StartAsync(SessionEngine.SignedCookie);
        (await app.Client.PostAsync("/messages/add?text=Saved%20%22x%22", null)).Dispose();
        (await app.Client.PostAsync("/messages/add?text=Bad&level=Error&tags=urgent", null)).Dispose();
        var session = Signing.Loads(app.SessionCookie()!, SessionTestApp.Secret, SignedCookieSessionStore.Salt);

        // SessionStorage.serialize_messages([Message(SUCCESS, 'Saved "x"'), Message(ERROR, 'Bad', extra_tags='urgent')]) in Django
        Assert.Equal(
            "[[\"__json_message\", 0, 25, \"Saved \\\"x\\\"\"], [\"__json_message\", 0, 40, \"Bad\", \"urgent\"]]",
            session!["_messages"]!.GetValue<string>());
    }

    [Fact]
    public async Task Messages_stored_by_django_are_shown()
    {
        await using var app = await SessionTestApp.StartAsync(SessionEngine.SignedCookie);
        var cookie = Signing.Dumps(
            new JsonObject { ["_messages"] = "[[\"__json_message\", 0, 25, \"From Django \\u00e9\"], [\"__json_message\", 1, 30, \"Careful\", \"extra\"]]" },
            SessionTestApp.Secret, SignedCookieSessionStore.Salt, compress: true);
        app.Cookies.Add(app.BaseAddress, new Cookie("sessionid", cookie));
        Assert.Equal("25|success|From Django \u00e9\n30|extra warning|Careful\n", await app.GetTextAsync("/messages/show"));
        Assert.Equal("", await app.GetTextAsync("/messages/show"));
    }

    [Fact]
    public async Task Reading_the_last_messages_removes_them_from_the_session()
    {
        await using var app = await SessionTestApp.StartAsync(SessionEngine.Database);
        await app.GetTextAsync("/session/set?key=user&value=ada");
        (await app.Client.PostAsync("/messages/add?text=Hello", null)).Dispose();
        var withMessages = Signing.Loads(Assert.Single(await app.SessionRowsAsync()).Data, SessionTestApp.Secret, DatabaseSessionStore.Salt);
        Assert.NotNull(withMessages!["_messages"]);

        await app.GetTextAsync("/messages/show");
        var after = Signing.Loads(Assert.Single(await app.SessionRowsAsync()).Data, SessionTestApp.Secret, DatabaseSessionStore.Salt);
        Assert.Equal("{\"user\":\"ada\"}", after!.ToJsonString());
    }

    [Fact]
    public async Task Requests_that_do_not_use_messages_leave_the_session_alone()
    {
        await using var app = await SessionTestApp.StartAsync(SessionEngine.Database);
        using var response = await app.Client.GetAsync("/session/nothing");
        Assert.Empty(response.SetCookies());
        Assert.DoesNotContain("Cookie", response.Headers.Vary);
    }

    [Fact]
    public void Without_the_middleware_there_are_no_messages_and_adding_fails()
    {
        var context = new DefaultHttpContext();
        Assert.Empty(Messages.Get(context));
        Assert.Equal(MessageLevel.Info, Messages.GetLevel(context));
        Assert.Throws<InvalidOperationException>(() => Messages.Success(context, "Saved."));
    }

    [Fact]
    public void Message_tags_are_djangos()
    {
        Assert.Equal("debug", new Message(MessageLevel.Debug, "x").Tags);
        Assert.Equal("info", new Message(MessageLevel.Info, "x").Tags);
        Assert.Equal("success", new Message(MessageLevel.Success, "x").Tags);
        Assert.Equal("warning", new Message(MessageLevel.Warning, "x").Tags);
        Assert.Equal("error", new Message(MessageLevel.Error, "x").Tags);
        Assert.Equal("a b error", new Message(MessageLevel.Error, "x", "a b").Tags);
        Assert.Equal("custom", new Message((MessageLevel)35, "x", "custom").Tags);
        Assert.Equal("x", new Message(MessageLevel.Info, "x").ToString());
    }
}
