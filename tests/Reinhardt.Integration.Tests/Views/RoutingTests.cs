using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Integration.Tests.Views;

/// <summary>One app for the routing tests: started once, talked to over HTTP on 127.0.0.1.</summary>
public sealed class RoutingAppFixture : IAsyncLifetime
{
    public LoopbackApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await LoopbackApp.StartAsync(RoutingApp.Build);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class RoutingTests(RoutingAppFixture fixture) : IClassFixture<RoutingAppFixture>
{
    private HttpClient Client => fixture.App.Client;

    private async Task<(HttpStatusCode Status, string Body)> Get(string url)
    {
        using var response = await Client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task AssertText(string url, string expected)
    {
        var (status, body) = await Get(url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url}: {(int)status} {body}");
        Assert.Equal(expected, body);
    }

    private async Task AssertStatus(string url, HttpStatusCode expected)
    {
        var (status, body) = await Get(url);
        Assert.True(status == expected, $"GET {url}: expected {(int)expected}, got {(int)status} {body}");
    }

    [Fact]
    public async Task Int_converter_matches_digits_within_int_and_nothing_else()
    {
        await AssertText("/conv/int/0/", "int:0");
        await AssertText("/conv/int/2147483647/", "int:2147483647");
        await AssertStatus("/conv/int/2147483648/", HttpStatusCode.NotFound);
        await AssertStatus("/conv/int/-1/", HttpStatusCode.NotFound);
        await AssertStatus("/conv/int/1a/", HttpStatusCode.NotFound);
        await AssertStatus("/conv/int//", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Long_converter_matches_digits_within_long()
    {
        await AssertText("/conv/long/9223372036854775807/", "long:9223372036854775807");
        await AssertStatus("/conv/long/9223372036854775808/", HttpStatusCode.NotFound);
        await AssertStatus("/conv/long/x/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Slug_converter_matches_letters_digits_hyphens_and_underscores()
    {
        await AssertText("/conv/slug/hello-world_2/", "slug:hello-world_2");
        await AssertStatus("/conv/slug/a.b/", HttpStatusCode.NotFound);
        await AssertStatus("/conv/slug/caf%C3%A9/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Uuid_converter_matches_lowercase_hyphenated_uuids()
    {
        await AssertText("/conv/uuid/0f8fad5b-d9cb-469f-a165-70867728950e/", "uuid:0f8fad5b-d9cb-469f-a165-70867728950e");
        await AssertStatus("/conv/uuid/0F8FAD5B-D9CB-469F-A165-70867728950E/", HttpStatusCode.NotFound);
        await AssertStatus("/conv/uuid/0f8fad5bd9cb469fa16570867728950e/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Str_converter_matches_any_non_empty_segment_decoded()
    {
        await AssertText("/conv/str/hello%20world/", "str:hello world");
        await AssertText("/conv/str/caf%C3%A9/", "str:café");
        await AssertStatus("/conv/str/a/b/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Path_converter_takes_the_rest_including_slashes_before_literal_suffixes()
    {
        await AssertText("/conv/path/a/", "path:a");
        await AssertText("/conv/path/a/b/c/", "path:a/b/c");
        await AssertText("/conv/path/a/b/edit/", "path-edit:a/b");
        await AssertText("/conv/path/" + string.Join("/", Enumerable.Range(0, 40)) + "/", "path:" + string.Join("/", Enumerable.Range(0, 40)));
        await AssertStatus("/conv/path//", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Two_parameters_bind_by_name()
    {
        await AssertText("/conv/two/2024/spring-sale/", "two:2024:spring-sale");
    }

    [Fact]
    public async Task Literals_beat_digits_beat_slugs_beat_any_text_with_backtracking()
    {
        await AssertText("/prec/new/", "new");
        await AssertText("/prec/42/", "id:42");
        await AssertText("/prec/a-b/", "slug:a-b");
        await AssertText("/prec/a.b/", "text:a.b");
        await AssertText("/prec/42/x/", "id-x:42");

        // digits match {id:int} first, whose subtree has no "y": the matcher backtracks to {text}
        await AssertText("/prec/42/y/", "text-y:42");
    }

    [Fact]
    public async Task Unknown_paths_are_404_with_a_page_that_does_not_list_routes_outside_development()
    {
        using var response = await Client.GetAsync("/nowhere/");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("<h1>Not Found (404)</h1>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("/conv/", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_method_is_405_with_allow_listing_the_routes_methods()
    {
        using var response = await Client.DeleteAsync("/conv/int/1/");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD, OPTIONS", string.Join(", ", response.Content.Headers.Allow));

        using var items = await Client.PostAsync("/items/5/", new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, items.StatusCode);
        Assert.Equal("DELETE, GET, HEAD, PATCH, PUT, OPTIONS", string.Join(", ", items.Content.Headers.Allow));
        Assert.Contains("Method Not Allowed (405)", await items.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_is_answered_by_the_get_handler_without_a_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/conv/int/7/");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Options_answers_200_with_allow_and_no_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/items/");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GET, HEAD, POST, OPTIONS", string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Append_slash_redirects_get_permanently_keeping_the_query_string()
    {
        using var response = await Client.GetAsync("/conv/int/5?x=1&y=%20");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/conv/int/5/?x=1&y=%20", response.Headers.Location?.OriginalString);

        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/about"));
        Assert.Equal(HttpStatusCode.MovedPermanently, head.StatusCode);
    }

    [Fact]
    public async Task Append_slash_does_not_redirect_posts_routes_without_slash_or_paths_that_would_not_match()
    {
        using var post = await Client.PostAsync("/about", new StringContent(""));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await AssertText("/conv/no-slash", "no-slash");
        await AssertStatus("/conv/no-slash/", HttpStatusCode.NotFound);
        await AssertStatus("/conv/int/x", HttpStatusCode.NotFound);
    }

    [Fact]
    public void Reverse_urls_are_built_from_the_route_table()
    {
        Assert.Equal("/conv/int/5/", Urls.Conv.Int(5));
        Assert.Equal("/conv/two/2024/spring/", Urls.Conv.Two(2024, "spring"));
        Assert.Equal("/items/", Urls.Items.List());
        Assert.Equal("/items/3/", Urls.Items.Detail(3));
        Assert.Equal("/about/", Urls.About());
        Assert.Equal("/search/", Urls.Search());
        Assert.Equal("/ws/echo/lobby/", Urls.Echo("lobby"));
        Assert.Equal("/conv/str/a%20b%3Fc%23d%25%C3%A9/", Urls.Conv.Str("a b?c#d%é"));
        Assert.Equal("/conv/str/-._~!$&'()*+,;=:@/", Urls.Conv.Str("-._~!$&'()*+,;=:@"));
        Assert.Equal("/conv/path/a/b%20c/edit/", Urls.Conv.PathEdit("a/b c"));
    }

    [Fact]
    public void Reverse_urls_refuse_values_their_converter_would_not_match()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Urls.Conv.Int(-1));
        Assert.Throws<ArgumentException>(() => Urls.Conv.Slug("not a slug"));
        Assert.Throws<ArgumentException>(() => Urls.Conv.Str("a/b"));
        Assert.Throws<ArgumentException>(() => Urls.Conv.Str(""));
        Assert.Throws<ArgumentException>(() => Urls.Conv.Path(""));
    }

    [Theory]
    [InlineData("a b?c#d%é")]
    [InlineData("100% <sure> & \"quoted\"")]
    [InlineData("日本語")]
    public async Task Reverse_urls_round_trip_through_the_matcher(string value)
    {
        await AssertText(Urls.Conv.Str(value), "str:" + value);
        await AssertText(Urls.Conv.Path("x/" + value), "path:x/" + value);
        await AssertText(Urls.Conv.PathEdit(value + "/y"), "path-edit:" + value + "/y");
        var id = Guid.NewGuid();
        await AssertText(Urls.Conv.Uuid(id), "uuid:" + id);
        await AssertText(Urls.Conv.Long(long.MaxValue), "long:" + long.MaxValue);
        await AssertText(Urls.Conv.Slug("a-b_c"), "slug:a-b_c");
    }

    [Fact]
    public async Task Query_values_bind_with_defaults_nullables_enums_and_repeats()
    {
        await AssertText("/search/?q=x", "Hello|q=x|page=1|exact=null|color=Red|sort=null|tags=");
        await AssertText("/search/?q=caf%C3%A9&page=3&exact=true&color=green&sort=new&tag=a&tag=b", "Hello|q=café|page=3|exact=True|color=Green|sort=new|tags=a,b");
    }

    [Theory]
    [InlineData("/search/", "The query parameter &#x27;q&#x27; is required.")]
    [InlineData("/search/?q=x&page=two", "The query parameter &#x27;page&#x27; has an invalid value.")]
    [InlineData("/search/?q=x&exact=maybe", "The query parameter &#x27;exact&#x27; has an invalid value.")]
    [InlineData("/search/?q=x&color=blue", "The query parameter &#x27;color&#x27; must be one of: Red, Green.")]
    [InlineData("/version/", "The header &#x27;X-Api-Version&#x27; is required.")]
    public async Task Bad_query_and_header_values_are_400_with_the_reason(string url, string reason)
    {
        var (status, body) = await Get(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_values_bind_by_their_header_name()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/version/");
        request.Headers.Add("X-Api-Version", "3");
        using var response = await Client.SendAsync(request);
        Assert.Equal("version:3", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Json_bodies_bind_with_the_source_generated_context_and_typed_results_serialize()
    {
        using var response = await Client.PostAsync("/items/", new StringContent("""{"name":"bolt","quantity":3}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/items/7/", response.Headers.Location?.OriginalString);
        Assert.Equal("""{"id":7,"name":"bolt","quantity":3}""", await response.Content.ReadAsStringAsync());

        await AssertText("/typed/", """{"id":1,"name":"typed","quantity":2}""");
    }

    [Theory]
    [InlineData("{\"name\":", "application/json", HttpStatusCode.BadRequest, "The JSON body is not valid")]
    [InlineData("null", "application/json", HttpStatusCode.BadRequest, "A JSON body is required.")]
    [InlineData("{\"name\":\"x\",\"quantity\":\"many\"}", "application/json", HttpStatusCode.BadRequest, "The JSON body is not valid")]
    [InlineData("name=x", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Expected a JSON body")]
    public async Task Bad_json_bodies_are_4xx_with_the_reason(string body, string contentType, HttpStatusCode expected, string reason)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await Client.PostAsync("/items/", content);
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Views_get_constructor_services_and_the_request()
    {
        await AssertText("/items/", "Hello items GET");
        using var patch = await Client.PatchAsync("/items/3/", new StringContent(""));
        Assert.Equal("detail:3:PATCH", await patch.Content.ReadAsStringAsync());
        using var put = await Client.PutAsync("/items/4/", new StringContent(""));
        Assert.Equal("put:4", await put.Content.ReadAsStringAsync());
        using var delete = await Client.DeleteAsync("/items/4/");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task Class_based_views_answer_their_methods_and_405_others()
    {
        await AssertText("/about/", "about");
        using var post = await Client.PostAsync("/about/", new StringContent(""));
        Assert.Equal("about posted", await post.Content.ReadAsStringAsync());
        using var put = await Client.PutAsync("/about/", new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal("GET, HEAD, POST, OPTIONS", string.Join(", ", put.Content.Headers.Allow));
    }

    [Fact]
    public async Task Unhandled_exceptions_are_a_plain_500_outside_development()
    {
        var (status, body) = await Get("/boom/");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("Internal Server Error (500)", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internals", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_response_carries_djangos_security_headers()
    {
        foreach (var url in new[] { "/about/", "/nowhere/", "/boom/" })
        {
            using var response = await Client.GetAsync(url);
            Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Cross-Origin-Opener-Policy")));
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }
    }

    [Theory]
    [InlineData("evil.com", HttpStatusCode.BadRequest)]
    [InlineData("example.com.evil.com", HttpStatusCode.BadRequest)]
    [InlineData("example.com", HttpStatusCode.OK)]
    [InlineData("www.example.com", HttpStatusCode.OK)]
    [InlineData("localhost:8000", HttpStatusCode.OK)]
    public async Task Hosts_outside_allowed_hosts_are_400(string host, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/about/");
        request.Headers.Host = host;
        using var response = await Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Contains("The request hostname is invalid.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Websockets_echo_with_route_values_from_an_allowed_origin()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", fixture.App.BaseAddress.GetLeftPart(UriPartial.Authority));
        await socket.ConnectAsync(new Uri("ws://" + fixture.App.BaseAddress.Authority + Urls.Echo("lobby")), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hi"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[100];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal("lobby:hi", Encoding.UTF8.GetString(buffer, 0, received.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Theory]
    [InlineData("http://evil.com")]
    [InlineData(null)]
    public async Task Websockets_refuse_foreign_or_missing_origins_with_403(string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri("ws://" + fixture.App.BaseAddress.Authority + "/ws/echo/lobby/"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Unsafe_methods_need_the_csrf_token_the_page_rendered()
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };
        using var missing = await client.PostAsync("/form/", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Contains("CSRF cookie not set.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = await client.GetStringAsync("/form/");
        Assert.Equal(64, token.Length);
        using var wrong = await client.PostAsync("/form/", new FormUrlEncodedContent([new("csrfmiddlewaretoken", new string('a', 64))]));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("CSRF token from POST incorrect.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var posted = await client.PostAsync("/form/", new FormUrlEncodedContent([new("csrfmiddlewaretoken", token)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("submitted", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rate_limits_declared_on_a_view_answer_429_with_retry_after()
    {
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await Client.PostAsync("/limited/", new StringContent(""));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await Client.PostAsync("/limited/", new StringContent(""));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Oversized_form_bodies_are_413_before_the_csrf_check()
    {
        using var response = await Client.PostAsync("/form/", new FormUrlEncodedContent([new("big", new string('x', 3 * 1024 * 1024))]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("MaxFormBodySize", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_without_a_database_keeps_sessions_in_signed_cookies()
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = fixture.App.BaseAddress };
        Assert.Equal("1", await client.GetStringAsync("/visits/"));
        Assert.Equal("2", await client.GetStringAsync("/visits/"));
        using var response = await client.GetAsync("/visits/");
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sessionid=", StringComparison.Ordinal));
        Assert.Contains(":", cookie, StringComparison.Ordinal); // signed: value:timestamp:signature
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Websocket_routes_refuse_plain_requests_with_400()
    {
        var (status, body) = await Get("/ws/echo/lobby/");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("accepts only WebSocket connections", body, StringComparison.Ordinal);
    }
}

public sealed class RoutingConfigurationTests
{
    [Fact]
    public async Task Development_shows_the_exception_and_the_routes_tried()
    {
        await using var app = await LoopbackApp.StartAsync(RoutingApp.Build, "--environment", "Development");
        using var boom = await app.Client.GetAsync("/boom/");
        var body = await boom.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, boom.StatusCode);
        Assert.Contains("System.InvalidOperationException", body, StringComparison.Ordinal);
        Assert.Contains("secret internals", body, StringComparison.Ordinal);

        using var missing = await app.Client.GetAsync("/nowhere/");
        Assert.Contains("/conv/int/{value:int}/", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssl_redirect_sends_http_to_https_permanently()
    {
        await using var app = await LoopbackApp.StartAsync(RoutingApp.Build, "--Security:SslRedirect=true", "--Security:SslPort=8443");
        using var response = await app.Client.GetAsync("/about/?a=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("https://127.0.0.1:8443/about/?a=1", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Static_files_are_served_before_routing_with_validators()
    {
        var root = Directory.CreateTempSubdirectory("reinhardt-static-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "site.0123456789ab.css"), "body { color: red; }");
        await using var app = await LoopbackApp.StartAsync(RoutingApp.Build, "--StaticFiles:Root=" + root);
        using var response = await app.Client.GetAsync("/static/site.0123456789ab.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Append_slash_can_be_turned_off()
    {
        await using var app = await LoopbackApp.StartAsync(RoutingApp.Build, "--Views:AppendSlash=false");
        using var response = await app.Client.GetAsync("/about");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Security_headers_follow_configuration()
    {
        await using var app = await LoopbackApp.StartAsync(RoutingApp.Build, "--Security:FrameOptions=SAMEORIGIN", "--Security:ReferrerPolicy=no-referrer");
        using var response = await app.Client.GetAsync("/about/");
        Assert.Equal("SAMEORIGIN", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
    }
}
