using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reinhardt.Http;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Integration.Tests.Http;

/// <summary>A static root on disk (with a Django manifest) served by a Reinhardt app over real HTTP.</summary>
public sealed class StaticFilesFixture : IAsyncLifetime
{
    public const string SiteCss = "body { color: #123; }\n";
    public const string HashedCss = "body { color: #456; }\n";
    public const string Secret = "SECRET-OUTSIDE-THE-ROOT";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "reinhardt-tests", "static-" + Guid.NewGuid().ToString("N"));

    public string Root => Path.Combine(Directory, "static");

    public LoopbackApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Root, "css"));
        System.IO.Directory.CreateDirectory(Path.Combine(Root, "img"));
        await File.WriteAllTextAsync(Path.Combine(Root, "css", "site.css"), SiteCss);
        await File.WriteAllTextAsync(Path.Combine(Root, "css", "site.0123456789ab.css"), HashedCss);
        await File.WriteAllBytesAsync(Path.Combine(Root, "img", "logo.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5, 6]);
        await File.WriteAllTextAsync(Path.Combine(Root, ".env"), Secret);
        await File.WriteAllTextAsync(Path.Combine(Directory, "secret.txt"), Secret);
        await File.WriteAllTextAsync(Path.Combine(Root, StaticFilesManifest.FileName),
            """{"paths": {"css/site.css": "css/site.0123456789ab.css", "fonts/my font.woff": "fonts/my font.fedcba987654.woff"}, "version": "1.1", "hash": "aaaaaaaaaaaa"}""");
        App = await LoopbackApp.StartAsync(Build, "--StaticFiles:Root=" + Root);
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddReinhardtStaticFiles(builder.Configuration);
        var app = builder.Build();
        app.Use(next => new ErrorPageMiddleware(next, app.Environment, app.Services.GetRequiredService<ILogger<ErrorPageMiddleware>>()).InvokeAsync);
        app.UseReinhardtStaticFiles();
        app.UseRouting();
        app.MapGet("/url/{**name}", (RequestDelegate)(context => context.Response.WriteAsync(context.StaticUrl((string)context.Request.RouteValues["name"]!))));
        app.MapFallback("{**path}", (RequestDelegate)(context => context.Response.WriteAsync("fallback view " + context.Request.Path)));
        return app;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

public sealed class StaticFilesTests(StaticFilesFixture fixture) : IClassFixture<StaticFilesFixture>
{
    private HttpClient Client => fixture.App.Client;

    [Fact]
    public async Task A_file_is_served_with_its_type_etag_last_modified_and_revalidation()
    {
        using var response = await Client.GetAsync("/static/css/site.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticFilesFixture.SiteCss, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task If_None_Match_with_the_etag_is_304_without_a_body()
    {
        using var first = await Client.GetAsync("/static/css/site.css");
        var etag = first.Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/css/site.css");
        request.Headers.IfNoneMatch.Add(etag);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, response.Headers.ETag);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/static/css/site.css");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-etag\""));
        using var changed = await Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task If_Modified_Since_the_last_modified_date_is_304()
    {
        using var first = await Client.GetAsync("/static/css/site.css");
        var lastModified = first.Content.Headers.LastModified!.Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/css/site.css");
        request.Headers.IfModifiedSince = lastModified;
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);

        using var older = new HttpRequestMessage(HttpMethod.Get, "/static/css/site.css");
        older.Headers.IfModifiedSince = lastModified.AddDays(-1);
        using var modified = await Client.SendAsync(older);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
    }

    [Fact]
    public async Task A_hashed_name_is_cached_for_a_year_as_immutable()
    {
        using var response = await Client.GetAsync("/static/css/site.0123456789ab.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticFilesFixture.HashedCss, await response.Content.ReadAsStringAsync());
        var cacheControl = response.Headers.CacheControl!;
        Assert.True(cacheControl.Public);
        Assert.Equal(TimeSpan.FromDays(365), cacheControl.MaxAge);
        Assert.Contains("immutable", cacheControl.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("css/site.0123456789ab.css", true)]
    [InlineData("site.0123456789ab", true)]
    [InlineData("app.js.0123456789ab.map", true)]
    [InlineData("css/site.css", false)]
    [InlineData("site.0123456789AB.css", false)]
    [InlineData("site.0123456789a.css", false)]
    [InlineData("0123456789ab.css", false)]
    public void Hashed_names_are_Django_manifest_names(string name, bool hashed) =>
        Assert.Equal(hashed, StaticFilesExtensions.IsHashedName(name));

    [Fact]
    public async Task A_range_request_gets_part_of_the_file()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/css/site.css");
        request.Headers.Range = new RangeHeaderValue(0, 3);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(StaticFilesFixture.SiteCss[..4], await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_file_is_404_with_a_page_and_never_reaches_a_view()
    {
        using var response = await Client.GetAsync("/static/css/missing.css");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not Found (404)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var view = await Client.GetAsync("/elsewhere");
        Assert.Equal("fallback view /elsewhere", await view.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/static/css/")]
    [InlineData("/static/css")]
    [InlineData("/static/")]
    [InlineData("/static/.env")]
    public async Task Directories_are_not_listed_and_dotfiles_not_served(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("site.css", body, StringComparison.Ordinal);
        Assert.DoesNotContain(StaticFilesFixture.Secret, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/static/..%2fsecret.txt")]
    [InlineData("/static/..%2Fsecret.txt")]
    [InlineData("/static/css/..%2f..%2fsecret.txt")]
    [InlineData("/static/..%5csecret.txt")]
    [InlineData("/static/css/..%5c..%5csecret.txt")]
    [InlineData("/static//etc/passwd")]
    [InlineData("/static/%2fetc/passwd")]
    public async Task Paths_leaving_the_root_are_refused(string target)
    {
        // raw, so neither the client nor Uri normalises the path before the server sees it
        var (status, body) = await RawGetAsync(fixture.App.BaseAddress, target);
        Assert.True(status is 400 or 404, $"{target} answered {status}");
        Assert.DoesNotContain(StaticFilesFixture.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/static/../secret.txt")]
    [InlineData("/static/css/../../secret.txt")]
    [InlineData("/static/%2e%2e/secret.txt")]
    [InlineData("/static/css/%2E%2E/%2e%2e/secret.txt")]
    public async Task Dot_segments_are_resolved_by_the_server_so_the_path_leaves_the_static_url(string target)
    {
        // Kestrel removes dot segments: /static/../secret.txt is /secret.txt, a view's path, never a file outside the root
        var (status, body) = await RawGetAsync(fixture.App.BaseAddress, target);
        Assert.Equal(200, status);
        Assert.Contains("fallback view /secret.txt", body, StringComparison.Ordinal);
        Assert.DoesNotContain(StaticFilesFixture.Secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_HEAD_request_gets_the_headers_only()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/static/css/site.css");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetByteCount(StaticFilesFixture.SiteCss), response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("css/site.css", "/static/css/site.0123456789ab.css")]
    [InlineData("/css/site.css", "/static/css/site.0123456789ab.css")]
    [InlineData("img/logo.png", "/static/img/logo.png")]
    [InlineData("fonts/my font.woff", "/static/fonts/my%20font.fedcba987654.woff")]
    [InlineData("fonts/my font.woff?#iefix", "/static/fonts/my%20font.fedcba987654.woff?#iefix")]
    public async Task Urls_come_from_the_manifest_through_the_request(string name, string url)
    {
        using var response = await Client.GetAsync("/url/" + Uri.EscapeDataString(name).Replace("%2F", "/", StringComparison.Ordinal));
        Assert.Equal(url, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_manifest_url_serves_the_hashed_file()
    {
        using var urlResponse = await Client.GetAsync("/url/css/site.css");
        using var response = await Client.GetAsync(await urlResponse.Content.ReadAsStringAsync());
        Assert.Equal(StaticFilesFixture.HashedCss, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Static_files_can_be_turned_off()
    {
        await using var app = await LoopbackApp.StartAsync(StaticFilesFixture.Build, "--StaticFiles:Root=" + fixture.Root, "--StaticFiles:Enabled=false");
        using var response = await app.Client.GetAsync("/static/css/site.css");
        Assert.Equal("fallback view /static/css/site.css", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_url_prefix_is_served_and_used_in_urls()
    {
        await using var app = await LoopbackApp.StartAsync(StaticFilesFixture.Build, "--StaticFiles:Root=" + fixture.Root, "--StaticFiles:Url=/assets/");
        using var file = await app.Client.GetAsync("/assets/css/site.css");
        Assert.Equal(StaticFilesFixture.SiteCss, await file.Content.ReadAsStringAsync());
        using var url = await app.Client.GetAsync("/url/css/site.css");
        Assert.Equal("/assets/css/site.0123456789ab.css", await url.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Without_a_manifest_names_are_their_own_urls()
    {
        var urls = new StaticFileUrls("/static/", StaticFilesManifest.Load(Path.Combine(fixture.Directory, "no-such-root")));
        Assert.Same(StaticFilesManifest.Empty, urls.Manifest);
        Assert.Equal("/static/css/site.css", urls.Url("css/site.css"));
        Assert.Equal("/static/a%2Bb%C3%A9.js", urls.Url("a+bé.js"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"paths": {}}""")]
    [InlineData("""{"paths": {}, "version": "2.0"}""")]
    public void A_manifest_that_cannot_be_read_is_a_configuration_error(string json)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StaticFilesManifest.Parse(json));
        Assert.Equal("Couldn't load manifest 'staticfiles.json' (version 1.1).", error.Message);
    }

    [Fact]
    public void A_version_1_0_manifest_is_read()
    {
        var manifest = StaticFilesManifest.Parse("""{"paths": {"a.js": "a.0123456789ab.js"}, "version": "1.0"}""");
        Assert.Equal("a.0123456789ab.js", manifest.HashedName("a.js"));
        Assert.Null(manifest.HashedName("b.js"));
        Assert.Equal(string.Empty, manifest.Hash);
    }

    /// <summary>Sends a GET with the request target exactly as given; returns the status and body.</summary>
    internal static async Task<(int Status, string Body)> RawGetAsync(Uri baseAddress, string target, string extraHeaders = "")
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = client.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {baseAddress.Host}\r\n{(extraHeaders.Length > 0 ? extraHeaders : "Connection: close\r\n")}\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var statusLine = text.Split("\r\n", 2)[0];
        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), text);
    }
}

/// <summary><c>collectstatic</c> through the Polls binary's management commands, then the result served.</summary>
public sealed class CollectStaticTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reinhardt-tests", "collect-" + Guid.NewGuid().ToString("N"));

    public CollectStaticTests()
    {
        Write("first/css/site.css", "body { color: red; }\n");
        Write("first/fonts/café.woff", "woff");
        Write("first/.secret", "hidden");
        Write("first/css/site.css~", "editor backup");
        Write("second/css/site.css", "the first folder's file wins");
        Write("second/js/app.js", "console.log(1);\n");
        Write("second/LICENSE", "MIT\n");
    }

    private string Root => Path.Combine(_directory, "static");

    private void Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static string Md5Prefix(string content) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(content)))[..12];

    private async Task<(int Code, string Output)> CollectStatic(params string[] extra)
    {
        var output = new StringWriter();
        var options = new Reinhardt.Management.ManagementOptions { Output = output, Error = output, Interactive = false };
        string[] args =
        [
            "collectstatic", "--noinput", .. extra,
            "--StaticFiles:Root=" + Root,
            "--StaticFiles:SourceDirectories:0=" + Path.Combine(_directory, "first"),
            "--StaticFiles:SourceDirectories:1=" + Path.Combine(_directory, "second"),
            "--ConnectionStrings:Default=Data Source=" + Path.Combine(_directory, "db.sqlite3"),
            "--SecretKey=collectstatic-tests-" + new string('k', 40),
        ];
        var code = await Reinhardt.Management.ManagementCommands.RunAsync<global::Polls.Models.PollsDb>(args, global::Polls.PollsApp.Build, options);
        return (code, output.ToString());
    }

    [Fact]
    public async Task Files_are_copied_under_their_names_and_their_content_hashed_names()
    {
        var (code, output) = await CollectStatic();
        Assert.Equal(0, code);
        Assert.Equal($"\n4 static files copied to '{Root}', 4 post-processed.\n", output.Replace("\r\n", "\n", StringComparison.Ordinal));

        var hashedCss = $"css/site.{Md5Prefix("body { color: red; }\n")}.css";
        Assert.Equal("body { color: red; }\n", File.ReadAllText(Path.Combine(Root, "css/site.css")));
        Assert.Equal("body { color: red; }\n", File.ReadAllText(Path.Combine(Root, hashedCss)));
        Assert.True(File.Exists(Path.Combine(Root, $"LICENSE.{Md5Prefix("MIT\n")}")));
        Assert.True(File.Exists(Path.Combine(Root, $"js/app.{Md5Prefix("console.log(1);\n")}.js")));
        Assert.False(File.Exists(Path.Combine(Root, ".secret")));
        Assert.False(File.Exists(Path.Combine(Root, "css/site.css~")));

        var manifest = StaticFilesManifest.Load(Root);
        Assert.Equal(hashedCss, manifest.HashedName("css/site.css"));
        Assert.Equal(["LICENSE", "css/site.css", "fonts/café.woff", "js/app.js"], manifest.Paths.Keys.Order(StringComparer.Ordinal));
        // what Django 4.2's ManifestStaticFilesStorage computes for the same files (md5 of json.dumps(sorted(paths)))
        Assert.Equal("1ede1983e0b0", manifest.Hash);
    }

    [Fact]
    public async Task The_collected_root_is_served_with_hashed_urls_cached_for_a_year()
    {
        Assert.Equal(0, (await CollectStatic()).Code);
        await using var app = await LoopbackApp.StartAsync(StaticFilesFixture.Build, "--StaticFiles:Root=" + Root);
        using var url = await app.Client.GetAsync("/url/css/site.css");
        var hashedUrl = await url.Content.ReadAsStringAsync();
        Assert.Equal($"/static/css/site.{Md5Prefix("body { color: red; }\n")}.css", hashedUrl);
        using var file = await app.Client.GetAsync(hashedUrl);
        Assert.Equal("body { color: red; }\n", await file.Content.ReadAsStringAsync());
        Assert.Equal(StaticFilesExtensions.ImmutableCacheControl, file.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Clear_removes_files_no_longer_in_the_sources()
    {
        Write("static/stale.txt", "old");
        Assert.Equal(0, (await CollectStatic()).Code);
        Assert.True(File.Exists(Path.Combine(Root, "stale.txt")));
        Assert.Equal(0, (await CollectStatic("--clear")).Code);
        Assert.False(File.Exists(Path.Combine(Root, "stale.txt")));
        Assert.True(File.Exists(Path.Combine(Root, "css/site.css")));
    }

    [Fact]
    public async Task A_missing_source_folder_is_a_command_error()
    {
        Directory.Delete(Path.Combine(_directory, "second"), recursive: true);
        var (code, output) = await CollectStatic();
        Assert.Equal(1, code);
        Assert.StartsWith("CommandError: The directory '" + Path.Combine(_directory, "second") + "' in StaticFiles:SourceDirectories does not exist.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("css/site.css", "css/site.{0}.css")]
    [InlineData("LICENSE", "LICENSE.{0}")]
    [InlineData("archive.tar.gz", "archive.tar.{0}.gz")]
    [InlineData(".bashrc", ".bashrc.{0}")]
    [InlineData("dir.v2/file", "dir.v2/file.{0}")]
    public void Hashed_names_split_the_extension_as_Python_does(string name, string expected)
    {
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, Md5Prefix("x")), StaticFilesCollector.HashedName(name, "x"u8));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
