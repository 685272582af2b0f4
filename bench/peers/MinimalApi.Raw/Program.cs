using Microsoft.Data.Sqlite;
using Peers;

// Hand-written: a pooled SqliteConnection per request, a command per query, a by-ordinal reader.
var builder = WebApplication.CreateSlimBuilder(args);
Tfb.Configure(builder);
var connectionString = Tfb.ConnectionString(builder.Configuration);
var app = builder.Build();
var writers = new SemaphoreSlim(1, 1); // SQLite takes one writer: queue them in-process rather than poll the lock

app.MapGet("/plaintext", () => TypedResults.Text(Tfb.HelloWorld));
app.MapGet("/json", () => TypedResults.Json(new Greeting(Tfb.HelloWorld), PeerJsonContext.Default.Greeting));
app.MapGet("/db", async () =>
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = WorldQuery(connection);
    return TypedResults.Json(await ReadWorldAsync(command, Tfb.RandomNumber()), PeerJsonContext.Default.WorldRow);
});
app.MapGet("/queries", async (string? queries) =>
{
    var rows = new WorldRow[Tfb.QueryCount(queries)];
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = WorldQuery(connection);
    for (var i = 0; i < rows.Length; i++)
    {
        rows[i] = await ReadWorldAsync(command, Tfb.RandomNumber());
    }

    return TypedResults.Json(rows, PeerJsonContext.Default.WorldRowArray);
});
app.MapGet("/fortunes", async () =>
{
    var fortunes = new List<FortuneRow>();
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT id, message FROM Fortune";
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        fortunes.Add(new FortuneRow { Id = reader.GetInt64(0), Message = reader.GetString(1) });
    }

    return Tfb.FortunesPage(fortunes);
});
app.MapGet("/updates", async (string? queries) =>
{
    var ids = Tfb.DistinctIds(Tfb.QueryCount(queries));
    var rows = new WorldRow[ids.Length];
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using (var command = WorldQuery(connection))
    {
        for (var i = 0; i < ids.Length; i++)
        {
            rows[i] = await ReadWorldAsync(command, ids[i]);
            rows[i].RandomNumber = Tfb.RandomNumber();
        }
    }

    await using var update = connection.CreateCommand();
    update.CommandText = Tfb.BatchUpdateSql(rows.Length);
    for (var i = 0; i < rows.Length; i++)
    {
        update.Parameters.AddWithValue("$i" + i, rows[i].Id);
        update.Parameters.AddWithValue("$n" + i, rows[i].RandomNumber);
    }

    await writers.WaitAsync();
    try
    {
        await update.ExecuteNonQueryAsync();
    }
    finally
    {
        writers.Release();
    }

    return TypedResults.Json(rows, PeerJsonContext.Default.WorldRowArray);
});
await app.RunAsync();

static SqliteCommand WorldQuery(SqliteConnection connection)
{
    var command = connection.CreateCommand();
    command.CommandText = "SELECT id, random_number FROM World WHERE id = $id";
    command.Parameters.Add("$id", SqliteType.Integer);
    return command;
}

static async Task<WorldRow> ReadWorldAsync(SqliteCommand command, int id)
{
    command.Parameters[0].Value = id;
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return new WorldRow { Id = reader.GetInt64(0), RandomNumber = reader.GetInt32(1) };
}
