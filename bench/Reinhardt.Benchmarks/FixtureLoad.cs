using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reinhardt.Data;

namespace Reinhardt.Benchmarks;

/// <summary>Times <c>loaddata</c> of a large fixture (wall clock, fresh database each round).</summary>
public static class FixtureLoad
{
    public static async Task RunAsync(int objects, int rounds)
    {
        var json = Fixture(objects);
        Console.WriteLine($"fixture: {objects:N0} objects, {json.Length / 1024.0 / 1024.0:F1} MiB");
        for (var round = 1; round <= rounds; round++)
        {
            var path = Path.Combine(Path.GetTempPath(), $"reinhardt-fixture-{Guid.NewGuid():N}.sqlite3");
            using (var db = new BenchDb(new DatabaseOptions { ConnectionString = "Data Source=" + path }))
            {
                await db.EnsureCreatedAsync();
                var clock = Stopwatch.StartNew();
                var loaded = await Fixtures.LoadAsync(db, BenchDb.FixtureModels, json, "bench.json");
                clock.Stop();
                Console.WriteLine($"round {round}: {loaded:N0} objects in {clock.Elapsed.TotalSeconds:F2} s ({loaded / clock.Elapsed.TotalSeconds:N0} objects/s)");
            }

            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static byte[] Fixture(int objects)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            for (var i = 1; i <= objects; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("model", "bench.post");
                writer.WriteNumber("pk", i);
                writer.WriteStartObject("fields");
                writer.WriteString("title", "Post number " + i);
                writer.WriteString("body", "A body with some text, number " + i);
                writer.WriteNumber("score", i % 100);
                writer.WriteBoolean("published", i % 3 != 0);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return stream.ToArray();
    }
}
