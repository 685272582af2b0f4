using Dapper;
using Microsoft.Data.Sqlite;
using Peers;

// Minimal API + Dapper: QueryFirstAsync/QueryAsync/ExecuteAsync on a pooled SqliteConnection per request.
var builder = WebApplication.CreateSlimBuilder(args);
Tfb.Configure(builder);
var connectionString = Tfb.ConnectionString(builder.Configuration);
var app = builder.Build();
var writers = new SemaphoreSlim(1, 1);
const string WorldSql = "SELECT id AS Id, random_number AS RandomNumber FROM World WHERE id = @Id";

app.MapGet("/plaintext", () => TypedResults.Text(Tfb.HelloWorld));
app.MapGet("/json", () => TypedResults.Json(new Greeting(Tfb.HelloWorld), PeerJsonContext.Default.Greeting));
app.MapGet("/db", async () =>
{
    await using var connection = new SqliteConnection(connectionString);
    var world = await connection.QueryFirstAsync<WorldRow>(WorldSql, new { Id = Tfb.RandomNumber() });
    return TypedResults.Json(world, PeerJsonContext.Default.WorldRow);
});
app.MapGet("/queries", async (string? queries) =>
{
    var rows = new WorldRow[Tfb.QueryCount(queries)];
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    for (var i = 0; i < rows.Length; i++)
    {
        rows[i] = await connection.QueryFirstAsync<WorldRow>(WorldSql, new { Id = Tfb.RandomNumber() });
    }

    return TypedResults.Json(rows, PeerJsonContext.Default.WorldRowArray);
});
app.MapGet("/fortunes", async () =>
{
    await using var connection = new SqliteConnection(connectionString);
    var fortunes = (await connection.QueryAsync<FortuneRow>("SELECT id AS Id, message AS Message FROM Fortune")).AsList();
    return Tfb.FortunesPage(fortunes);
});
app.MapGet("/updates", async (string? queries) =>
{
    var ids = Tfb.DistinctIds(Tfb.QueryCount(queries));
    var rows = new WorldRow[ids.Length];
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    var parameters = new DynamicParameters();
    for (var i = 0; i < ids.Length; i++)
    {
        rows[i] = await connection.QueryFirstAsync<WorldRow>(WorldSql, new { Id = ids[i] });
        rows[i].RandomNumber = Tfb.RandomNumber();
        parameters.Add("$i" + i, rows[i].Id);
        parameters.Add("$n" + i, rows[i].RandomNumber);
    }

    await writers.WaitAsync();
    try
    {
        await connection.ExecuteAsync(Tfb.BatchUpdateSql(rows.Length), parameters);
    }
    finally
    {
        writers.Release();
    }

    return TypedResults.Json(rows, PeerJsonContext.Default.WorldRowArray);
});
await app.RunAsync();
