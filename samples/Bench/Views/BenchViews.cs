using System.Globalization;
using System.Text.Json.Serialization;
using Bench.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Reinhardt.Templates;

namespace Bench.Views;

/// <summary>The JSON test's body: <c>{"message":"Hello, World!"}</c>.</summary>
/// <param name="Message">The greeting.</param>
public sealed record Greeting([property: JsonPropertyName("message")] string Message);

/// <summary>A <c>World</c> row as TechEmpower's JSON shape: <c>{"id":1,"randomNumber":42}</c>.</summary>
/// <param name="Id">The row's id.</param>
/// <param name="RandomNumber">Its number.</param>
public readonly record struct WorldRow([property: JsonPropertyName("id")] long Id, [property: JsonPropertyName("randomNumber")] int RandomNumber)
{
    /// <summary>The JSON shape of a model instance.</summary>
    public static WorldRow From(World world) => new(world.Id, world.RandomNumber);
}

/// <summary>Source-generated JSON for the benchmark's responses (no reflection, Native AOT).</summary>
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(WorldRow))]
[JsonSerializable(typeof(WorldRow[]))]
public sealed partial class BenchJsonContext : JsonSerializerContext;

/// <summary>The Fortunes page, compiled from <c>Templates/fortunes.html</c>; every message is escaped.</summary>
/// <param name="Fortunes">The fortunes, sorted by message.</param>
[Template("fortunes.html")]
public sealed partial record FortunesPage(IReadOnlyList<Fortune> Fortunes);

/// <summary>TechEmpower's six test types, as a Reinhardt user writes them.</summary>
[View]
public partial class BenchViews(BenchDb db)
{
    /// <summary>TechEmpower's text, for the plaintext and JSON tests.</summary>
    public const string HelloWorld = "Hello, World!";

    /// <summary>The fortune added to every Fortunes response (id 0).</summary>
    public const string AddedFortune = "Additional fortune added at request time.";

    /// <summary>Test 6: plaintext.</summary>
    [Get("/plaintext")]
    public static ContentHttpResult Plaintext() => TypedResults.Text(HelloWorld);

    /// <summary>Test 1: JSON serialization of a new object per request.</summary>
    [Get("/json")]
    public static JsonHttpResult<Greeting> Json() => TypedResults.Json(new Greeting(HelloWorld), BenchJsonContext.Default.Greeting);

    /// <summary>Test 2: one random row.</summary>
    [Get("/db")]
    public async Task<JsonHttpResult<WorldRow>> Db(CancellationToken cancellationToken)
    {
        var id = BenchApp.RandomNumber();
        var world = await db.Worlds.GetAsync(w => w.Id == id, cancellationToken);
        return TypedResults.Json(WorldRow.From(world), BenchJsonContext.Default.WorldRow);
    }

    /// <summary>Test 3: <c>queries</c> random rows, one query each (1 to 500; anything else is clamped or 1).</summary>
    [Get("/queries")]
    public async Task<JsonHttpResult<WorldRow[]>> Queries(string? queries, CancellationToken cancellationToken)
    {
        var rows = new WorldRow[QueryCount(queries)];
        for (var i = 0; i < rows.Length; i++)
        {
            var id = BenchApp.RandomNumber();
            rows[i] = WorldRow.From(await db.Worlds.GetAsync(w => w.Id == id, cancellationToken));
        }

        return TypedResults.Json(rows, BenchJsonContext.Default.WorldRowArray);
    }

    /// <summary>Test 4: every fortune plus one added at request time, sorted by message, through the compiled template.</summary>
    [Get("/fortunes")]
    public async Task<IResult> Fortunes(CancellationToken cancellationToken)
    {
        var fortunes = await db.Fortunes.ToListAsync(cancellationToken);
        fortunes.Add(new Fortune { Id = 0, Message = AddedFortune });
        fortunes.Sort(static (a, b) => string.CompareOrdinal(a.Message, b.Message));
        return new FortunesPage(fortunes);
    }

    /// <summary>
    /// Test 5: <c>queries</c> random rows (distinct), each read with its own query and given a new random number, then
    /// written back in one batched UPDATE (TechEmpower allows batching the updates).
    /// </summary>
    [Get("/updates")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "RH4003", Justification = "TechEmpower's update test is a GET by definition; the app is a benchmark, not a site")]
    public async Task<JsonHttpResult<WorldRow[]>> Updates(string? queries, CancellationToken cancellationToken)
    {
        var count = QueryCount(queries);
        var worlds = new World[count];
        var rows = new WorldRow[count];
        // distinct ids, so that the batched UPDATE stores exactly the numbers returned (a repeated id would
        // otherwise be read stale and written twice)
        var drawn = new HashSet<int>(count);
        for (var i = 0; i < count; i++)
        {
            int id;
            do
            {
                id = BenchApp.RandomNumber();
            }
            while (!drawn.Add(id));

            var world = await db.Worlds.GetAsync(w => w.Id == id, cancellationToken);
            world.RandomNumber = BenchApp.RandomNumber();
            worlds[i] = world;
            rows[i] = WorldRow.From(world);
        }

        await db.Worlds.BulkUpdateAsync(worlds, w => [w.RandomNumber], cancellationToken: cancellationToken);
        return TypedResults.Json(rows, BenchJsonContext.Default.WorldRowArray);
    }

    /// <summary>TechEmpower's rule: a missing or non-numeric value is 1, and numbers are clamped to 1-500.</summary>
    public static int QueryCount(string? queries) =>
        int.TryParse(queries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 500) : 1;
}
