using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reinhardt.Http;
using Reinhardt.Testing;
using Reinhardt.Views;
using Xunit;

namespace Reinhardt.Integration.Tests.Http;

/// <summary>Per-endpoint fixed-window rate limits over real HTTP, from two client addresses.</summary>
public sealed class RateLimitTests
{
    private static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddReinhardtRateLimits();
        var app = builder.Build();
        app.Use(next => new ErrorPageMiddleware(next, app.Environment, app.Services.GetRequiredService<ILogger<ErrorPageMiddleware>>()).InvokeAsync);
        app.UseRouting();
        // stands in for authentication: X-Test-User signs the request in
        app.Use(next => context =>
        {
            if (context.Request.Headers["X-Test-User"] is [{ Length: > 0 } name])
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test"));
            }

            return next(context);
        });
        app.UseReinhardtRateLimits();
        RequestDelegate ok = context => context.Response.WriteAsync("ok " + context.Request.Path);
        app.MapGet("/a", ok).WithMetadata(new RateLimitAttribute("3/m"));
        app.MapGet("/b", ok).WithMetadata(new RateLimitAttribute("3/m"));
        app.MapGet("/global", ok).WithMetadata(new RateLimitAttribute("2/m") { By = RateLimitKey.Global });
        app.MapGet("/user", ok).WithMetadata(new RateLimitAttribute("2/m") { By = RateLimitKey.User });
        app.MapGet("/short", ok).WithMetadata(new RateLimitAttribute("1/1s"));
        app.MapGet("/bad", ok).WithMetadata(new RateLimitAttribute("5/x"));
        app.MapGet("/free", ok);
        return app;
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x address is loopback on Linux).</summary>
    private static HttpClient ClientFrom(LoopbackApp app, string source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = app.BaseAddress };

    private static async Task<HttpStatusCode> Get(HttpClient client, string path, string? user = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode[]> GetMany(HttpClient client, string path, int count, string? user = null)
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            statuses[i] = await Get(client, path, user);
        }

        return statuses;
    }

    private static readonly HttpStatusCode Ok = HttpStatusCode.OK;
    private static readonly HttpStatusCode Throttled = HttpStatusCode.TooManyRequests;

    [Fact]
    public async Task The_allowed_requests_pass_then_429_with_Retry_After_and_a_reason()
    {
        await using var app = await LoopbackApp.StartAsync(Build);
        Assert.Equal([Ok, Ok, Ok], await GetMany(app.Client, "/a", 3));

        using var response = await app.Client.GetAsync("/a");
        Assert.Equal(Throttled, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Too Many Requests (429)", body, StringComparison.Ordinal);
        Assert.Contains("Request was throttled. Expected available in " + retryAfter.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " seconds.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_endpoint_has_its_own_window()
    {
        await using var app = await LoopbackApp.StartAsync(Build);
        Assert.Equal([Ok, Ok, Ok, Throttled], await GetMany(app.Client, "/a", 4));
        Assert.Equal([Ok, Ok, Ok, Throttled], await GetMany(app.Client, "/b", 4));
        Assert.Equal(Throttled, await Get(app.Client, "/a"));
    }

    [Fact]
    public async Task An_endpoint_without_a_rate_limit_is_never_throttled()
    {
        await using var app = await LoopbackApp.StartAsync(Build);
        Assert.All(await GetMany(app.Client, "/free", 20), status => Assert.Equal(Ok, status));
    }

    [Fact]
    public async Task Each_client_address_has_its_own_window()
    {
        await using var app = await LoopbackApp.StartAsync(Build);
        using var other = ClientFrom(app, "127.0.0.2");
        Assert.Equal([Ok, Ok, Ok, Throttled], await GetMany(app.Client, "/a", 4));
        Assert.Equal([Ok, Ok, Ok, Throttled], await GetMany(other, "/a", 4));
    }

    [Fact]
    public async Task The_global_key_counts_every_client_together()
    {
        await using var app = await LoopbackApp.StartAsync(Build);
        using var other = ClientFrom(app, "127.0.0.2");
        Assert.Equal(Ok, await Get(app.Client, "/global"));
        Assert.Equal(Ok, await Get(other, "/global"));
        Assert.Equal(Throttled, await Get(app.Client, "/global"));
        Assert.Equal(Throttled, await Get(other, "/global"));
    }

    [Fact]
    public async Task The_user_key_counts_each_user_and_falls_back_to_the_address_for_anonymous_requests()
    {
        await using var app = await LoopbackApp.StartAsync(Build);
        Assert.Equal([Ok, Ok, Throttled], await GetMany(app.Client, "/user", 3, "alice"));
        Assert.Equal([Ok, Ok, Throttled], await GetMany(app.Client, "/user", 3, "bob"));
        // the same address, signed out: its own window, not alice's or bob's
        Assert.Equal([Ok, Ok, Throttled], await GetMany(app.Client, "/user", 3));
        // alice from another address is still alice
        using var other = ClientFrom(app, "127.0.0.2");
        Assert.Equal(Throttled, await Get(other, "/user", "alice"));
        Assert.Equal(Ok, await Get(other, "/user"));
    }

    [Fact]
    public async Task The_window_opens_again_after_Retry_After()
    {
        await using var app = await LoopbackApp.StartAsync(Build);
        Assert.Equal(Ok, await Get(app.Client, "/short"));
        using var response = await app.Client.GetAsync("/short");
        Assert.Equal(Throttled, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        Assert.Equal(Ok, await Get(app.Client, "/short"));
    }

    [Fact]
    public async Task A_bad_rate_on_an_endpoint_is_a_server_error_naming_the_problem()
    {
        await using var app = await LoopbackApp.StartAsync(Build);
        Assert.Equal(HttpStatusCode.InternalServerError, await Get(app.Client, "/bad"));

        var limiter = new EndpointRateLimiter();
        var context = new DefaultHttpContext();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new RateLimitAttribute("5/x")), "GET /bad"));
        var error = Assert.Throws<InvalidOperationException>(() => limiter.AttemptAcquire(context));
        Assert.Equal("[RateLimit] on GET /bad: Invalid rate '5/x': the period 'x' must end in s, m, h or d (seconds, minutes, hours, days).", error.Message);
    }

    [Fact]
    public async Task The_limiter_is_disposed_with_the_app()
    {
        var app = Build(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        var limiter = app.Services.GetRequiredService<EndpointRateLimiter>();
        var context = new DefaultHttpContext();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new RateLimitAttribute("5/m")), "GET /x"));
        using (var lease = limiter.AttemptAcquire(context))
        {
            Assert.True(lease.IsAcquired);
        }

        await app.StopAsync();
        await app.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => limiter.AttemptAcquire(context));
    }

    [Theory]
    [InlineData("5/m", 5, 60)]
    [InlineData("100/15m", 100, 900)]
    [InlineData("10/s", 10, 1)]
    [InlineData("3/2h", 3, 7200)]
    [InlineData("1000/d", 1000, 86400)]
    [InlineData("1/1s", 1, 1)]
    public void Rates_parse_into_count_and_window(string text, int count, int seconds)
    {
        Assert.Equal(new RateLimitRate(count, TimeSpan.FromSeconds(seconds)), RateLimitRate.Parse(text));
        Assert.True(RateLimitRate.TryParse(text, out var rate));
        Assert.Equal(count, rate.Count);
    }

    [Theory]
    [InlineData("", "Invalid rate '': expected count/period such as 5/m or 100/15m.")]
    [InlineData("5", "Invalid rate '5': expected count/period such as 5/m or 100/15m.")]
    [InlineData("5/m/s", "Invalid rate '5/m/s': expected count/period such as 5/m or 100/15m.")]
    [InlineData("0/m", "Invalid rate '0/m': the count '0' must be a whole number above zero.")]
    [InlineData("-1/m", "Invalid rate '-1/m': the count '-1' must be a whole number above zero.")]
    [InlineData(" 5/m", "Invalid rate ' 5/m': the count ' 5' must be a whole number above zero.")]
    [InlineData("a/m", "Invalid rate 'a/m': the count 'a' must be a whole number above zero.")]
    [InlineData("5/", "Invalid rate '5/': the period '' must end in s, m, h or d (seconds, minutes, hours, days).")]
    [InlineData("5/x", "Invalid rate '5/x': the period 'x' must end in s, m, h or d (seconds, minutes, hours, days).")]
    [InlineData("5/M", "Invalid rate '5/M': the period 'M' must end in s, m, h or d (seconds, minutes, hours, days).")]
    [InlineData("5/0m", "Invalid rate '5/0m': the period's multiple '0' must be a whole number above zero.")]
    [InlineData("5/1.5m", "Invalid rate '5/1.5m': the period's multiple '1.5' must be a whole number above zero.")]
    public void Bad_rates_are_refused_with_the_reason(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => RateLimitRate.Parse(text));
        Assert.Equal(message, error.Message);
        Assert.False(RateLimitRate.TryParse(text, out _));
    }

    [Fact]
    public void A_null_rate_is_refused()
    {
        Assert.False(RateLimitRate.TryParse(null, out _, out var error));
        Assert.Equal("Invalid rate null: expected count/period such as 5/m or 100/15m.", error);
    }
}
