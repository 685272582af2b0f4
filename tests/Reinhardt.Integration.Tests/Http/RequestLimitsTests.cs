using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reinhardt.Http;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Integration.Tests.Http;

/// <summary>Request body, form and time limits, each with its exact status and reason, over real HTTP.</summary>
public sealed class RequestLimitsTests
{
    /// <summary>Requests that reached a handler, so a rejection before reading can be told from one after.</summary>
    private int _handled;

    private Func<string[], WebApplication> Build => args =>
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddReinhardtRequestLimits(builder.Configuration);
        var app = builder.Build();
        app.Use(next => new ErrorPageMiddleware(next, app.Environment, app.Services.GetRequiredService<ILogger<ErrorPageMiddleware>>()).InvokeAsync);
        app.UseRouting();
        app.UseReinhardtRequestLimits();
        app.MapPost("/form", (RequestDelegate)(async context =>
        {
            Interlocked.Increment(ref _handled);
            var form = await RequestForms.ReadFormAsync(context, context.RequestAborted);
            var files = string.Join(",", form.Files.Select(f => f.FileName + ":" + f.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            await context.Response.WriteAsync($"fields={form.Count} files={form.Files.Count} {files}");
        }));
        app.MapPost("/raw", (RequestDelegate)(async context =>
        {
            Interlocked.Increment(ref _handled);
            var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            await context.Response.WriteAsync("read " + buffer.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }));
        app.MapGet("/query", (RequestDelegate)(context => context.Response.WriteAsync("query " + context.Request.Query.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        app.MapGet("/upgrade", (RequestDelegate)(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
            await context.Response.WriteAsync("finished");
        }));
        app.MapGet("/slow", (RequestDelegate)(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
            await context.Response.WriteAsync("finished");
        }));
        return app;
    };

    private Task<LoopbackApp> Start(params string[] settings) =>
        LoopbackApp.StartAsync(Build, [.. settings.Select(s => "--RequestLimits:" + s)]);

    private static async Task<(HttpStatusCode Status, string Body)> Send(HttpClient client, string path, HttpContent content, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static FormUrlEncodedContent Form(int fields, int valueLength = 1, int keyLength = 1) =>
        new(Enumerable.Range(0, fields).Select(i => KeyValuePair.Create(new string('k', keyLength) + i.ToString(System.Globalization.CultureInfo.InvariantCulture), new string('v', valueLength))));

    private static MultipartFormDataContent Multipart(int fields, int files, int fileSize = 10, int valueLength = 1)
    {
        var content = new MultipartFormDataContent();
        for (var i = 0; i < fields; i++)
        {
            content.Add(new StringContent(new string('v', valueLength)), "field" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < files; i++)
        {
            var file = new ByteArrayContent(new byte[fileSize]);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "upload", "file" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".bin");
        }

        return content;
    }

    [Fact]
    public void The_defaults_are_Djangos()
    {
        var options = new RequestLimitOptions();
        Assert.Equal(2_621_440, options.MaxFormBodySize);
        Assert.Equal(1000, options.MaxFormFields);
        Assert.Equal(100, options.MaxFiles);
        Assert.Equal(10 * 1024 * 1024, options.MaxUploadBodySize);
        Assert.Equal(2048, options.MaxKeyLength);
        Assert.Equal(options.MaxFormBodySize, options.MaxRequestBodySize);
        Assert.Equal(TimeSpan.Zero, options.Timeout);
    }

    [Fact]
    public void The_options_bind_from_the_RequestLimits_section_and_the_other_body_limit_follows_the_form_limit()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RequestLimits:MaxFormBodySize"] = "5000",
            ["RequestLimits:MaxFiles"] = "3",
            ["RequestLimits:Timeout"] = "00:00:05",
        }).Build();
        using var services = new ServiceCollection().AddReinhardtRequestLimits(configuration).BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
        Assert.Equal(5000, options.MaxFormBodySize);
        Assert.Equal(5000, options.MaxRequestBodySize);
        Assert.Equal(3, options.MaxFiles);
        Assert.Equal(1000, options.MaxFormFields);
        Assert.Equal(TimeSpan.FromSeconds(5), services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutOptions>>().Value.DefaultPolicy!.Timeout);
    }

    [Fact]
    public async Task A_form_body_over_the_limit_with_its_length_declared_is_413_before_any_handler_reads_it()
    {
        await using var app = await Start("MaxFormBodySize=100");
        var (status, body) = await Send(app.Client, "/form", Form(10, valueLength: 20));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Request body exceeded RequestLimits:MaxFormBodySize (100 bytes).", body, StringComparison.Ordinal);
        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task A_json_body_over_the_limit_with_its_length_declared_is_413()
    {
        await using var app = await Start("MaxFormBodySize=100");
        var (status, body) = await Send(app.Client, "/raw", new StringContent("{\"text\": \"" + new string('x', 200) + "\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Request body exceeded RequestLimits:MaxRequestBodySize (100 bytes).", body, StringComparison.Ordinal);
        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task A_chunked_body_growing_past_the_limit_is_413_while_it_is_read()
    {
        await using var app = await Start("MaxRequestBodySize=1000");
        var (status, body) = await Send(app.Client, "/raw", new ByteArrayContent(new byte[3000]), chunked: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Request body too large", body, StringComparison.Ordinal);
        Assert.Equal(1, _handled);
    }

    [Fact]
    public async Task A_chunked_form_growing_past_the_limit_is_413_with_the_settings_reason()
    {
        await using var app = await Start("MaxFormBodySize=200");
        var (status, body) = await Send(app.Client, "/form", Form(20, valueLength: 30), chunked: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Request body exceeded RequestLimits:MaxFormBodySize (200 bytes).", body, StringComparison.Ordinal);
        Assert.Equal(1, _handled);
    }

    [Fact]
    public async Task Bodies_under_the_limits_are_accepted_chunked_or_not()
    {
        await using var app = await Start("MaxRequestBodySize=1000");
        Assert.Equal((HttpStatusCode.OK, "read 1000"), await Send(app.Client, "/raw", new ByteArrayContent(new byte[1000])));
        // Kestrel counts a chunked body's framing toward the limit too, so stay a few bytes under it
        Assert.Equal((HttpStatusCode.OK, "read 950"), await Send(app.Client, "/raw", new ByteArrayContent(new byte[950]), chunked: true));
        Assert.Equal((HttpStatusCode.OK, "fields=5 files=0 "), await Send(app.Client, "/form", Form(5)));
    }

    [Fact]
    public async Task Too_many_form_fields_is_400()
    {
        await using var app = await Start("MaxFormFields=5");
        Assert.Equal((HttpStatusCode.OK, "fields=5 files=0 "), await Send(app.Client, "/form", Form(5)));
        var (status, body) = await Send(app.Client, "/form", Form(6));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The number of GET/POST parameters exceeded RequestLimits:MaxFormFields (5).", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_keys_count_as_separate_fields()
    {
        await using var app = await Start("MaxFormFields=3");
        var (status, body) = await Send(app.Client, "/form", new StringContent("a=1&a=2&a=3&a=4", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("MaxFormFields (3)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_multipart_fields_is_400()
    {
        await using var app = await Start("MaxFormFields=4", "MaxFiles=10");
        Assert.Equal(HttpStatusCode.OK, (await Send(app.Client, "/form", Multipart(4, 2))).Status);
        var (status, body) = await Send(app.Client, "/form", Multipart(5, 1));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The number of GET/POST parameters exceeded RequestLimits:MaxFormFields (4).", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_files_is_400()
    {
        await using var app = await Start("MaxFiles=2");
        Assert.Equal((HttpStatusCode.OK, "fields=1 files=2 file0.bin:10,file1.bin:10"), await Send(app.Client, "/form", Multipart(1, 2)));
        var (status, body) = await Send(app.Client, "/form", Multipart(1, 3));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The number of files exceeded RequestLimits:MaxFiles (2).", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_key_over_the_length_limit_is_400()
    {
        await using var app = await Start("MaxKeyLength=50");
        Assert.Equal(HttpStatusCode.OK, (await Send(app.Client, "/form", Form(1, keyLength: 49))).Status);
        var (status, body) = await Send(app.Client, "/form", Form(1, keyLength: 60));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("A form field name exceeded RequestLimits:MaxKeyLength (50 characters).", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multipart_field_name_over_the_length_limit_is_400()
    {
        await using var app = await Start("MaxKeyLength=50");
        var content = new MultipartFormDataContent { { new StringContent("x"), new string('k', 60) } };
        var (status, body) = await Send(app.Client, "/form", content);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("MaxKeyLength (50 characters)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_do_not_count_toward_the_form_body_limit_but_multipart_fields_do()
    {
        await using var app = await Start("MaxFormBodySize=1000", "MaxUploadBodySize=100000");
        Assert.Equal((HttpStatusCode.OK, "fields=1 files=1 file0.bin:50000"), await Send(app.Client, "/form", Multipart(1, 1, fileSize: 50_000)));

        var (status, body) = await Send(app.Client, "/form", Multipart(3, 0, valueLength: 400));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Request body exceeded RequestLimits:MaxFormBodySize (1000 bytes).", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multipart_body_over_the_upload_limit_is_413()
    {
        await using var app = await Start("MaxUploadBodySize=20000");
        var (status, body) = await Send(app.Client, "/form", Multipart(1, 1, fileSize: 30_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Request body exceeded RequestLimits:MaxUploadBodySize (20000 bytes).", body, StringComparison.Ordinal);
        Assert.Equal(0, _handled);

        var (chunkedStatus, chunkedBody) = await Send(app.Client, "/form", Multipart(1, 1, fileSize: 30_000), chunked: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedStatus);
        Assert.Contains("Request body exceeded RequestLimits:MaxUploadBodySize (20000 bytes).", chunkedBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_query_parameters_is_400()
    {
        await using var app = await Start("MaxFormFields=3");
        using (var ok = await app.Client.GetAsync("/query?a=1&b=2&c=3"))
        {
            Assert.Equal("query 3", await ok.Content.ReadAsStringAsync());
        }

        using var response = await app.Client.GetAsync("/query?a=1&b=2&c=3&d=4");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MaxFormFields (3)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_is_not_a_form_reads_as_an_empty_form()
    {
        await using var app = await Start();
        Assert.Equal((HttpStatusCode.OK, "fields=0 files=0 "), await Send(app.Client, "/form", new StringContent("{}", Encoding.UTF8, "application/json")));
    }

    [Theory]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--x--\r\n")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue-without-an-end")]
    [InlineData("multipart/form-data; boundary=x", "no boundary at all")]
    public async Task Malformed_multipart_data_is_400_not_500(string contentType, string data)
    {
        await using var app = await Start();
        var content = new StringContent(data, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var (status, body) = await Send(app.Client, "/form", content);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The form data is malformed", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_over_the_timeout_is_503_with_a_reason()
    {
        await using var app = await Start("Timeout=00:00:00.300");
        var started = DateTime.UtcNow;
        using var response = await app.Client.GetAsync("/slow");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("The request took longer than RequestLimits:Timeout (00:00:00.3000000).", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));

        using var fast = await app.Client.GetAsync("/query");
        Assert.Equal(HttpStatusCode.OK, fast.StatusCode);
    }

    [Fact]
    public async Task An_upgrade_request_such_as_a_WebSocket_has_no_timeout()
    {
        await using var app = await Start("Timeout=00:00:00.300");
        var (status, body) = await StaticFilesTests.RawGetAsync(app.BaseAddress, "/upgrade", "Connection: Upgrade, close\r\nUpgrade: websocket\r\n");
        Assert.Equal(200, status);
        Assert.Contains("finished", body, StringComparison.Ordinal);

        var (plainStatus, _) = await StaticFilesTests.RawGetAsync(app.BaseAddress, "/upgrade");
        Assert.Equal(503, plainStatus);
    }
}
