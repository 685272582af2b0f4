using Microsoft.AspNetCore.Builder;
using Reinhardt.Management;
using Reinhardt.Runtime.Tests.Models;
using Xunit;

namespace Reinhardt.Runtime.Tests.Migrations;

/// <summary><c>makemigrations --check</c> fails CI when models changed without a migration.</summary>
public sealed class MakeMigrationsCheckTests
{
    [Fact]
    public async Task Models_without_migrations_fail_the_check_and_nothing_is_written()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reinhardt-tests", Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        var options = new ManagementOptions { DefaultApp = "tests", MigrationsDirectory = Path.Combine(directory, "Migrations"), Output = output, Error = output };
        static WebApplication Build(string[] args)
        {
            var builder = WebApplication.CreateSlimBuilder(args);
            builder.Services.AddDatabase<TestDb>(builder.Configuration, "Data Source=:memory:");
            return builder.Build();
        }

        var code = await ManagementCommands.RunAsync<TestDb>(["makemigrations", "--check"], Build, options);

        Assert.Equal(1, code);
        var text = output.ToString();
        Assert.StartsWith("Migrations for 'tests':", text, StringComparison.Ordinal);
        Assert.Contains("0001_initial.cs", text, StringComparison.Ordinal);
        Assert.Contains("- Create model polls_question", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
    }
}
