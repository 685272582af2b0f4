using Polls;
using Polls.Models;
using Reinhardt.Management;
using Xunit;

namespace Reinhardt.Integration.Tests.Polls;

/// <summary>The Polls binary as its own manage.py, on a temporary SQLite file.</summary>
public sealed class ManagementCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reinhardt-tests", Guid.NewGuid().ToString("N"));

    public ManagementCommandTests() => Directory.CreateDirectory(_directory);

    private async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var options = new ManagementOptions
        {
            Error = output,
            DefaultApp = PollsApp.Management.DefaultApp,
            MigrationsNamespace = PollsApp.Management.MigrationsNamespace,
            MigrationsDirectory = Path.Combine(_directory, "Migrations"),
            Output = output,
        };
        var code = await ManagementCommands.RunAsync<PollsDb>([.. args, $"--ConnectionStrings:Default=Data Source={Path.Combine(_directory, "db.sqlite3")}"], PollsApp.Build, options);
        return (code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_committed_migrations_match_the_models()
    {
        var (code, output) = await Run("makemigrations", "--check");
        Assert.Equal(0, code);
        Assert.Equal("No changes detected\n", output);
        Assert.False(Directory.Exists(Path.Combine(_directory, "Migrations")));
    }

    [Fact]
    public async Task Migrate_then_showmigrations_and_sqlmigrate()
    {
        var (code, output) = await Run("migrate");
        Assert.Equal(0, code);
        Assert.Equal("Operations to perform:\n  Apply all migrations: polls\nRunning migrations:\n  Applying polls.0001_initial... OK\n", output);

        Assert.Equal("Operations to perform:\n  Apply all migrations: polls\nRunning migrations:\n  No migrations to apply.\n", (await Run("migrate")).Output);
        Assert.Equal("polls\n [X] 0001_initial\n", (await Run("showmigrations")).Output);

        var sql = (await Run("sqlmigrate", "polls", "0001_initial")).Output;
        Assert.StartsWith("BEGIN;\nCREATE TABLE \"polls_question\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT,", sql, StringComparison.Ordinal);
        Assert.EndsWith("COMMIT;\n", sql, StringComparison.Ordinal);
        Assert.Equal("BEGIN;\nDROP TABLE \"polls_question\";\nCOMMIT;\n", (await Run("sqlmigrate", "polls", "0001_initial", "--backwards")).Output);

        Assert.Contains("Unapplying polls.0001_initial... OK", (await Run("migrate", "polls", "zero")).Output, StringComparison.Ordinal);
        Assert.Equal("polls\n [ ] 0001_initial\n", (await Run("showmigrations")).Output);
    }

    [Fact]
    public async Task Flush_deletes_the_rows_and_keeps_the_schema()
    {
        await Run("migrate");
        var db = new PollsDb(new Reinhardt.Data.DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "db.sqlite3")}" });
        await db.SaveAsync(new Question { QuestionText = "Doomed?", PubDate = DateTimeOffset.UtcNow });
        Assert.Equal(0, (await Run("flush", "--noinput")).Code);
        Assert.Equal(0, await db.Questions.CountAsync());
        db.Dispose();
    }

    [Fact]
    public async Task Mistakes_are_clear_errors_with_exit_code_1()
    {
        var (missingCode, missing) = await Run("migrate", "polls", "0099_nothing");
        Assert.Equal(1, missingCode);
        Assert.EndsWith("CommandError: App 'polls' has no migration named '0099_nothing'. (Parameter 'target')\n", missing, StringComparison.Ordinal);
        var (code, output) = await Run("migrate", "--no-such-option");
        Assert.Equal(1, code);
        Assert.Contains("--no-such-option", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
