using Polls;
using Polls.Models;
using Reinhardt.Auth;
using Reinhardt.Management;
using Xunit;

namespace Reinhardt.Integration.Tests.Auth;

/// <summary><c>createsuperuser</c> and <c>changepassword</c> through the Polls binary's management commands.</summary>
[Collection("environment variables")]
public sealed class AuthCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reinhardt-tests", Guid.NewGuid().ToString("N"));

    public AuthCommandTests() => Directory.CreateDirectory(_directory);

    private string Database => Path.Combine(_directory, "db.sqlite3");

    private async Task<(int Code, string Output)> Run(string input, params string[] args)
    {
        var output = new StringWriter();
        var options = new ManagementOptions { Error = output, Output = output, Input = new StringReader(input), Interactive = input.Length > 0 };
        var code = await ManagementCommands.RunAsync<PollsDb>(
            ["--SecretKey=auth-command-tests-" + new string('k', 40), "--Polls:LoadDemoData=false", "--Auth:PasswordIterations=1000", .. args, $"--ConnectionStrings:Default=Data Source={Database}"],
            PollsApp.Build,
            options);
        return (code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private async Task<User?> UserAsync(string username)
    {
        using var db = new PollsDb(new Reinhardt.Data.DatabaseOptions { ConnectionString = "Data Source=" + Database });
        return await db.Users().Filter(u => u.Username == username).FirstOrDefaultAsync();
    }

    [Fact]
    public async Task Createsuperuser_noinput_reads_the_environment()
    {
        Assert.Equal(0, (await Run("", "migrate")).Code);
        Environment.SetEnvironmentVariable("DJANGO_SUPERUSER_USERNAME", "admin");
        Environment.SetEnvironmentVariable("DJANGO_SUPERUSER_EMAIL", "admin@example.com");
        Environment.SetEnvironmentVariable("REINHARDT_SUPERUSER_PASSWORD", "Environment-pass-1");
        try
        {
            var (code, output) = await Run("", "createsuperuser", "--noinput");
            Assert.Equal("Superuser created successfully.\n", output);
            Assert.Equal(0, code);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DJANGO_SUPERUSER_USERNAME", null);
            Environment.SetEnvironmentVariable("DJANGO_SUPERUSER_EMAIL", null);
            Environment.SetEnvironmentVariable("REINHARDT_SUPERUSER_PASSWORD", null);
        }

        var user = await UserAsync("admin");
        Assert.NotNull(user);
        Assert.True(user.IsSuperuser && user.IsStaff && user.IsActive);
        Assert.Equal("admin@example.com", user.Email);
        Assert.True(user.CheckPassword("Environment-pass-1"));

        var (again, message) = await Run("", "createsuperuser", "--noinput", "--username", "admin");
        Assert.Equal(1, again);
        Assert.Contains("That username is already taken.", message, StringComparison.Ordinal);
        var (missing, why) = await Run("", "createsuperuser", "--noinput");
        Assert.Equal(1, missing);
        Assert.Contains("You must use --username with --noinput.", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Createsuperuser_prompts_and_changepassword_changes_it()
    {
        await Run("", "migrate");
        // a mismatch, then a common password refused (no bypass), then a good one
        var input = "boss\nboss@example.com\nFirst-try-1\nSecond-try-2\npassword\npassword\nn\nGood-password-7\nGood-password-7\n";
        var (code, output) = await Run(input, "createsuperuser");
        Assert.Equal(0, code);
        Assert.Equal(
            "Username: Email address: Password: Password (again): Error: Your passwords didn't match.\n"
            + "Password: Password (again): This password is too common.\nBypass password validation and create user anyway? [y/N]: "
            + "Password: Password (again): Superuser created successfully.\n",
            output);
        var user = await UserAsync("boss");
        Assert.NotNull(user);
        Assert.True(user.IsSuperuser);
        Assert.True(user.CheckPassword("Good-password-7"));

        var (changed, changeOutput) = await Run("Changed-pass-8\nChanged-pass-8\n", "changepassword", "boss");
        Assert.Equal(0, changed);
        Assert.Equal("Changing password for user 'boss'\nPassword: Password (again): Password changed successfully for user 'boss'\n", changeOutput);
        Assert.True((await UserAsync("boss"))!.CheckPassword("Changed-pass-8"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
