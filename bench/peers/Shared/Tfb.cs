using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Data.Sqlite;

namespace Peers;

/// <summary>The JSON test's body.</summary>
public sealed record Greeting([property: JsonPropertyName("message")] string Message);

/// <summary>A World row in TechEmpower's JSON shape.</summary>
public struct WorldRow
{
    /// <summary>The row's id.</summary>
    [JsonPropertyName("id")] public long Id { get; set; }

    /// <summary>Its number.</summary>
    [JsonPropertyName("randomNumber")] public int RandomNumber { get; set; }
}

/// <summary>A fortune.</summary>
public sealed class FortuneRow
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The message.</summary>
    public string Message { get; set; } = "";
}

/// <summary>Source-generated JSON shared by the peers.</summary>
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(WorldRow))]
[JsonSerializable(typeof(WorldRow[]))]
public sealed partial class PeerJsonContext : JsonSerializerContext;

/// <summary>What every peer shares: host settings, query-count parsing, the hand-written Fortunes page.</summary>
public static class Tfb
{
    /// <summary>The plaintext body and JSON message.</summary>
    public const string HelloWorld = "Hello, World!";

    /// <summary>The fortune added per request.</summary>
    public const string AddedFortune = "Additional fortune added at request time.";

    /// <summary>The SQLite connection string: the file samples/Bench seeded (ConnectionStrings:Default).</summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Default") ?? "Data Source=bench.sqlite3")
        {
            Pooling = true,
            Mode = SqliteOpenMode.ReadWrite,
        };
        return builder.ToString();
    }

    /// <summary>Logging at Warning, loopback hosts.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["AllowedHosts"] ??= "localhost;127.0.0.1";
    }

    /// <summary>A random id or number, 1 to 10,000.</summary>
    public static int RandomNumber() => Random.Shared.Next(1, 10_001);

    /// <summary>Distinct random ids for the update test.</summary>
    public static int[] DistinctIds(int count)
    {
        var drawn = new HashSet<int>(count);
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            int id;
            do
            {
                id = RandomNumber();
            }
            while (!drawn.Add(id));
            ids[i] = id;
        }

        return ids;
    }

    /// <summary>TechEmpower's rule: missing or non-numeric is 1, numbers clamped to 1-500.</summary>
    public static int QueryCount(string? queries) =>
        int.TryParse(queries, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 500) : 1;

    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The Fortunes page by hand: sorted rows, each message HTML-encoded, UTF-8.</summary>
    public static IResult FortunesPage(List<FortuneRow> fortunes)
    {
        fortunes.Add(new FortuneRow { Id = 0, Message = AddedFortune });
        fortunes.Sort(static (a, b) => string.CompareOrdinal(a.Message, b.Message));
        var html = new StringBuilder(2048);
        html.Append("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>");
        foreach (var fortune in fortunes)
        {
            html.Append("<tr><td>").Append(fortune.Id).Append("</td><td>");
            s_encoder.Encode(new StringWriter(html), fortune.Message);
            html.Append("</td></tr>");
        }

        html.Append("</table></body></html>");
        return TypedResults.Text(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The batched UPDATE of the update test: one statement with a CASE over the ids.</summary>
    public static string BatchUpdateSql(int count)
    {
        var sql = new StringBuilder("UPDATE World SET random_number = CASE id");
        for (var i = 0; i < count; i++)
        {
            sql.Append(" WHEN $i").Append(i).Append(" THEN $n").Append(i);
        }

        sql.Append(" ELSE random_number END WHERE id IN (");
        for (var i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? "$i" : ", $i").Append(i);
        }

        return sql.Append(')').ToString();
    }
}
