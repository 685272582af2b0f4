using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Bench;
using Microsoft.Data.Sqlite;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Integration.Tests.Bench;

/// <summary>
/// samples/Bench over real HTTP on 127.0.0.1 with its own seeded SQLite file, checked against TechEmpower's
/// validation rules (the same checks bench/verify-tfb.sh makes against every contender).
/// </summary>
public sealed class TechEmpowerTests : IAsyncLifetime
{
    private LoopbackApp _app = null!;

    public async Task InitializeAsync() => _app = await LoopbackApp.StartAsync(BenchApp.Build);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Startup_seeds_10000_worlds_with_numbers_1_to_10000_and_the_12_fortunes()
    {
        await using var connection = new SqliteConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), min(id), max(id), min(random_number), max(random_number) FROM World";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal([10_000L, 1L, 10_000L], new[] { reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2) });
            Assert.InRange(reader.GetInt64(3), 1, 10_000);
            Assert.InRange(reader.GetInt64(4), 1, 10_000);
        }

        command.CommandText = "SELECT message FROM Fortune ORDER BY id";
        var messages = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                messages.Add(reader.GetString(0));
            }
        }

        Assert.Equal(BenchApp.FortuneMessages, messages);
    }

    [Fact]
    public async Task Plaintext_is_hello_world_as_text_plain_with_server_and_date_headers()
    {
        using var response = await _app.Client.GetAsync("/plaintext");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Hello, World!", await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(response.Headers.Server);
        Assert.NotNull(response.Headers.Date);
    }

    [Fact]
    public async Task Json_is_one_message_object()
    {
        using var response = await _app.Client.GetAsync("/json");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(response.Headers.Server);
        Assert.NotNull(response.Headers.Date);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Equal("Hello, World!", Assert.Single(json.RootElement.EnumerateObject(), p => p.Name == "message").Value.GetString());
        Assert.Single(json.RootElement.EnumerateObject());
    }

    [Fact]
    public async Task Db_is_one_world_object_matching_its_row()
    {
        using var response = await _app.Client.GetAsync("/db");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        var (id, number) = World(json.RootElement);
        Assert.Equal(number, await RandomNumberInFileAsync(id));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("?queries=0", 1)]
    [InlineData("?queries=-1", 1)]
    [InlineData("?queries=foo", 1)]
    [InlineData("?queries=", 1)]
    [InlineData("?queries=1", 1)]
    [InlineData("?queries=7", 7)]
    [InlineData("?queries=20", 20)]
    [InlineData("?queries=500", 500)]
    [InlineData("?queries=501", 500)]
    [InlineData("?queries=99999999999", 1)]
    public async Task Queries_returns_an_array_of_the_clamped_count(string query, int rows)
    {
        using var response = await _app.Client.GetAsync("/queries" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(rows, json.RootElement.GetArrayLength());
        foreach (var world in json.RootElement.EnumerateArray())
        {
            _ = World(world);
        }
    }

    [Fact]
    public async Task Fortunes_are_all_rows_plus_the_added_one_sorted_by_message_and_escaped()
    {
        using var response = await _app.Client.GetAsync("/fortunes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>", html, StringComparison.Ordinal);
        // the script fortune arrives as text, never as markup
        Assert.Contains("<td>&lt;script&gt;alert(&quot;This should not be displayed in a browser alert box.&quot;);&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<td>0</td><td>Additional fortune added at request time.</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>12</td><td>フレームワークのベンチマーク</td>", html, StringComparison.Ordinal);

        var document = new HtmlParser().ParseDocument(html);
        var rows = document.QuerySelectorAll("tr").Skip(1).Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        var expected = BenchApp.FortuneMessages.Select((message, i) => (Id: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Message: message))
            .Append((Id: "0", Message: "Additional fortune added at request time."))
            .OrderBy(f => f.Message, StringComparer.Ordinal)
            .Select(f => new[] { f.Id, f.Message })
            .ToList();
        Assert.Equal(expected, rows);
    }

    [Theory]
    [InlineData("?queries=foo", 1)]
    [InlineData("?queries=0", 1)]
    [InlineData("?queries=20", 20)]
    [InlineData("?queries=501", 500)]
    public async Task Updates_return_the_clamped_count_and_write_the_new_numbers_to_the_file(string query, int rows)
    {
        using var response = await _app.Client.GetAsync("/updates" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(rows, json.RootElement.GetArrayLength());
        // distinct rows, each stored with the number returned for it
        var returned = json.RootElement.EnumerateArray().Select(World).ToList();
        Assert.Equal(rows, returned.Select(w => w.Id).Distinct().Count());
        foreach (var (id, number) in returned)
        {
            Assert.Equal(number, await RandomNumberInFileAsync(id));
        }
    }

    [Fact]
    public async Task Updates_change_rows_over_many_requests_and_concurrent_ones_all_succeed()
    {
        var before = await AllNumbersAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => _app.Client.GetAsync("/updates?queries=20")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var after = await AllNumbersAsync();
        // 320 random rows each got a random number; a new number equal to the old one happens 1 time in 10,000
        Assert.True(before.Zip(after).Count(pair => pair.First != pair.Second) > 250);
    }

    private static (long Id, int RandomNumber) World(JsonElement world)
    {
        Assert.Equal(JsonValueKind.Object, world.ValueKind);
        Assert.Equal(["id", "randomNumber"], world.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var id = world.GetProperty("id").GetInt64();
        var number = world.GetProperty("randomNumber").GetInt32();
        Assert.InRange(id, 1, 10_000);
        Assert.InRange(number, 1, 10_000);
        return (id, number);
    }

    private async Task<long> RandomNumberInFileAsync(long id)
    {
        await using var connection = new SqliteConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT random_number FROM World WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long[]> AllNumbersAsync()
    {
        await using var connection = new SqliteConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT random_number FROM World ORDER BY id";
        var numbers = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetInt64(0));
        }

        return [.. numbers];
    }
}
