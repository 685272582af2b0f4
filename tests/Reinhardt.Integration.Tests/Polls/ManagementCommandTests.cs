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
        var code = await ManagementCommands.RunAsync<PollsDb>(["--SecretKey=management-command-tests-" + new string('k', 40), .. args, $"--ConnectionStrings:Default=Data Source={Path.Combine(_directory, "db.sqlite3")}"], PollsApp.Build, options);
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
        Assert.Equal("Operations to perform:\n  Apply all migrations: admin, auth, contenttypes, polls\nRunning migrations:\n  Applying contenttypes.0001_initial... OK\n  Applying auth.0001_initial... OK\n  Applying admin.0001_initial... OK\n  Applying polls.0001_initial... OK\n", output);

        Assert.Equal("Operations to perform:\n  Apply all migrations: admin, auth, contenttypes, polls\nRunning migrations:\n  No migrations to apply.\n", (await Run("migrate")).Output);
        Assert.Equal("admin\n [X] 0001_initial\nauth\n [X] 0001_initial\ncontenttypes\n [X] 0001_initial\npolls\n [X] 0001_initial\n", (await Run("showmigrations")).Output);

        var sql = (await Run("sqlmigrate", "polls", "0001_initial")).Output;
        Assert.StartsWith("BEGIN;\nCREATE TABLE \"polls_question\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT,", sql, StringComparison.Ordinal);
        Assert.EndsWith("COMMIT;\n", sql, StringComparison.Ordinal);
        Assert.Equal("BEGIN;\nDROP TABLE \"polls_choice\";\nDROP TABLE \"polls_question\";\nCOMMIT;\n", (await Run("sqlmigrate", "polls", "0001_initial", "--backwards")).Output);

        Assert.Contains("Unapplying polls.0001_initial... OK", (await Run("migrate", "polls", "zero")).Output, StringComparison.Ordinal);
        Assert.Equal("admin\n [X] 0001_initial\nauth\n [X] 0001_initial\ncontenttypes\n [X] 0001_initial\npolls\n [ ] 0001_initial\n", (await Run("showmigrations")).Output);
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

    private string Fixture(string name, string? content = null)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content ?? File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "polls.json")));
        return path;
    }

    private PollsDb Database() => new(new Reinhardt.Data.DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "db.sqlite3")}" });

    [Fact]
    public async Task A_Django_dumpdata_fixture_loads_unchanged_and_dumps_back()
    {
        await Run("migrate");
        var (code, output) = await Run("loaddata", Fixture("polls.json"));
        Assert.Equal(0, code);
        Assert.EndsWith("Installed 5 object(s) from 1 fixture(s)\n", output, StringComparison.Ordinal);

        using var db = Database();
        var question = await db.Questions.GetAsync(q => q.Id == 2);
        Assert.Equal("Favourite é framework? <script>", question.QuestionText);
        Assert.Equal(new DateTimeOffset(2024, 5, 18, 10, 0, 0, 123, TimeSpan.Zero), question.PubDate);
        Assert.Equal(["Not much", "The sky"], (await db.Choices.Filter(c => c.Question.Id == 1).OrderBy(c => c.Id).ToListAsync()).Select(c => c.ChoiceText));

        var dumped = (await Run("dumpdata", "polls", "--indent", "2")).Output;
        var expected = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixture("again.json")));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, System.Text.Json.Nodes.JsonNode.Parse(dumped)), dumped);

        // loading again updates the same rows: nothing duplicated
        await Run("loaddata", Fixture("polls.json"));
        Assert.Equal(3, await db.Choices.CountAsync());
    }

    [Theory]
    [InlineData("[{\"model\": \"polls.question\", \"pk\": 1, \"fields\": {\"question_text\": \"x\",}}]", "bad.json:1:")]
    [InlineData("[\n{\"model\": \"polls.question\", \"pk\": 1, \"fields\": {\"question_text\": \"x\", \"pub_date\": \"2024-01-01T00:00:00Z\"}},\n  {\"model\": \"polls.poll\", \"pk\": 1, \"fields\": {}}\n]", "bad.json:3:3: unknown model 'polls.poll'")]
    [InlineData("[\n{\"model\": \"polls.choice\", \"pk\": 1, \"fields\": {\"question\": 99, \"choice_text\": \"dangling\", \"votes\": 0}}\n]", "foreign key")]
    [InlineData("[\n{\"model\": \"polls.question\", \"pk\": 1, \"fields\": {\"question_txt\": \"typo\"}}\n]", "bad.json:2:1: polls.question has no field named 'question_txt'")]
    [InlineData("[\n{\"model\": \"polls.choice\", \"pk\": 1, \"fields\": {\"question\": 1, \"votes\": \"many\"}}\n]", "bad.json:2:1: field 'votes': \"many\" is not a valid Int32")]
    public async Task A_bad_fixture_loads_nothing_and_says_where(string content, string message)
    {
        await Run("migrate");
        await Run("loaddata", Fixture("polls.json"));
        var (code, output) = await Run("loaddata", Fixture("bad.json", content));
        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        using var db = Database();
        Assert.Equal(2, await db.Questions.CountAsync());
        Assert.Equal("What's new?", (await db.Questions.GetAsync(q => q.Id == 1)).QuestionText);
        Assert.Equal(3, await db.Choices.CountAsync());
    }

    [Fact]
    public async Task App_defined_commands_are_registered_without_reflection()
    {
        await Run("migrate");
        await Run("loaddata", Fixture("polls.json"));
        Assert.Equal((0, "Successfully reset votes of poll \"1\"\n"), await Run("resetvotes", "1"));
        using var db = Database();
        Assert.Equal([0, 0, 12], (await db.Choices.OrderBy(c => c.Id).ToListAsync()).Select(c => c.Votes));
        Assert.Equal((1, "Poll \"9\" does not exist\n"), await Run("resetvotes", "9"));
    }

    // everything check --deploy asks for; each test below breaks one part of it
    private static readonly string[] s_deployable =
    [
        "--environment", "Production", "--AllowedHosts=polls.example.com", "--Security:HstsSeconds=31536000", "--Security:SslRedirect=true",
        "--Sessions:CookieSecure=true", "--Csrf:CookieSecure=true", "--Csrf:TrustedOrigins:0=https://admin.example.com",
    ];

    [Fact]
    public async Task Check_reports_no_issues_and_deploy_reports_Djangos_warnings()
    {
        Assert.Equal((0, "System check identified no issues (0 silenced).\n"), await Run("check"));

        // a later --SecretKey overrides the test's default (strong) one
        var (code, output) = await Run("check", "--deploy", "--environment", "Development", "--AllowedHosts=*", "--SecretKey=django-insecure-" + new string('x', 60));
        Assert.Equal(0, code); // warnings only
        var ids = output.Split('\n').Where(l => l.StartsWith("?: (", StringComparison.Ordinal)).Select(l => l[4..l.IndexOf(')', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["security.W004", "security.W008", "security.W009", "security.W012", "security.W016", "security.W018", "security.W020"], ids);
        Assert.Contains("\nWARNINGS:\n", output, StringComparison.Ordinal);
        Assert.Contains("?: (security.W009) Your SecretKey has less than 50 characters, less than 5 unique characters, or it's prefixed with 'django-insecure-'", output, StringComparison.Ordinal);
        Assert.Contains("?: (security.W020) AllowedHosts must not be empty or '*' in deployment", output, StringComparison.Ordinal);
        Assert.EndsWith("System check identified 7 issues (0 silenced).\n", output, StringComparison.Ordinal);
        Assert.Equal(1, (await Run("check", "--deploy", "--fail-level", "WARNING")).Code);

        Assert.Equal((0, "System check identified no issues (0 silenced).\n"), await Run(["check", "--deploy", .. s_deployable]));
    }

    [Theory]
    [InlineData("--SecretKey=short-key-Ab1", "security.W009")]
    [InlineData("--SecretKey=abababababababababababababababababababababababababababab", "security.W009")]
    [InlineData("--SecretKeyFallbacks:0=old", "security.W025")]
    [InlineData("--Security:FrameOptions=SAMEORIGIN", "security.W019")]
    [InlineData("--Sessions:CookieHttpOnly=false", "security.W013")]
    [InlineData("--Security:HstsSeconds=0", "security.W004")]
    [InlineData("--AllowedHosts=polls.example.com;*", "security.W020")]
    public async Task Deploy_flags_one_weak_setting(string setting, string id)
    {
        // the later setting wins over the deployable one
        var (code, output) = await Run(["check", "--deploy", .. s_deployable, setting]);
        Assert.Equal(0, code);
        Assert.Contains($"\nWARNINGS:\n?: ({id}) ", output, StringComparison.Ordinal);
        Assert.EndsWith("System check identified 1 issue (0 silenced).\n", output, StringComparison.Ordinal);
        Assert.Equal(1, (await Run(["check", "--deploy", "--fail-level", "WARNING", .. s_deployable, setting])).Code);
    }

    [Fact]
    public async Task A_trusted_origin_without_a_scheme_is_an_error_and_fails_the_check()
    {
        var (code, output) = await Run("check", "--Csrf:TrustedOrigins:0=admin.example.com");
        Assert.Equal(1, code);
        Assert.Contains("ERRORS:\n?: (4_0.E001) The values in Csrf:TrustedOrigins must start with a scheme (usually http:// or https://) but found admin.example.com.", output, StringComparison.Ordinal);
        Assert.EndsWith("System check identified 1 issue (0 silenced).\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runserver_serves_at_the_given_address()
    {
        var port = Reinhardt.Testing.LoopbackApp.FreePort();
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Polls.exe" : "Polls");
        // a configured --urls elsewhere loses to runserver's own address (the app is only awaited on that one)
        var elsewhere = Reinhardt.Testing.LoopbackApp.FreePort();
        await using var app = await Reinhardt.Testing.LoopbackApp.StartProcessAsync(
            executable, "/polls/", port: port, extraArgs: ["--urls", $"http://127.0.0.1:{elsewhere}", "runserver", $"127.0.0.1:{port}"]);
        using var response = await app.Client.GetAsync("/polls/");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Now listening on: http://127.0.0.1:" + port, app.ProcessOutput, StringComparison.Ordinal);
    }
}
