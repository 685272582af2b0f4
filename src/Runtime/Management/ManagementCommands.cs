using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Reinhardt.Data;
using Reinhardt.Data.Migrations;

namespace Reinhardt.Management;

/// <summary>Where <c>makemigrations</c> writes, and where commands print.</summary>
public sealed class ManagementOptions
{
    /// <summary>The app label of new migrations when there are none yet (Django's app name).</summary>
    public string DefaultApp { get; set; } = "app";

    /// <summary>The folder migration files are written to, relative to the working directory.</summary>
    public string MigrationsDirectory { get; set; } = "Migrations";

    /// <summary>The namespace of written migration files.</summary>
    public string MigrationsNamespace { get; set; } = "Migrations";

    /// <summary>Where commands print.</summary>
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>Where command errors print.</summary>
    public TextWriter Error { get; set; } = Console.Error;

    /// <summary>Where answers to questions come from.</summary>
    public TextReader Input { get; set; } = Console.In;

    /// <summary>Whether commands may ask questions (by default, when standard input is a terminal).</summary>
    public bool Interactive { get; set; } = !Console.IsInputRedirected;
}

/// <summary>
/// The app binary as its own <c>manage.py</c>: with no command it serves; otherwise it runs
/// <c>runserver</c>, <c>migrate</c>, <c>makemigrations</c>, <c>showmigrations</c>,
/// <c>sqlmigrate</c>, <c>flush</c>, <c>loaddata</c>, <c>dumpdata</c>, <c>check</c>, <c>clearsessions</c> or <c>collectstatic</c>. Options the commands do not know (<c>--urls</c>,
/// <c>--ConnectionStrings:Default=...</c>) go to the app's configuration.
/// </summary>
public static class ManagementCommands
{
    /// <summary>Runs the command line; returns the process exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="buildApp">Builds the app from configuration arguments (not started).</param>
    /// <param name="options">Where migrations go and output is printed.</param>
    public static async Task<int> RunAsync<TDatabase>(string[] args, Func<string[], WebApplication> buildApp, ManagementOptions? options = null)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(buildApp);
        options ??= new ManagementOptions();

        // configuration for the app (--urls, --ConnectionStrings:Default=...) is not the command's business
        var (commandLine, configuration) = SplitConfiguration(args);
        if (commandLine.Length == 0)
        {
            await using var app = buildApp(args);
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }

        var root = new RootCommand("Reinhardt management commands (Django's manage.py).");
        WebApplication Build(string[] extra) => buildApp([.. configuration, .. extra]);
        root.Subcommands.Add(RunServer(Build));
        root.Subcommands.Add(Migrate<TDatabase>(Build, options));
        root.Subcommands.Add(MakeMigrations<TDatabase>(Build, options));
        root.Subcommands.Add(ShowMigrations<TDatabase>(Build, options));
        root.Subcommands.Add(SqlMigrate<TDatabase>(Build, options));
        root.Subcommands.Add(Flush<TDatabase>(Build, options));
        root.Subcommands.Add(LoadData<TDatabase>(Build, options));
        root.Subcommands.Add(DumpData<TDatabase>(Build, options));
        root.Subcommands.Add(Check<TDatabase>(Build, options));
        root.Subcommands.Add(ClearSessions(Build, options));
        root.Subcommands.Add(CollectStatic(Build, options));
        if (TDatabase.Tables.Any(t => t.Name == "auth_user"))
        {
            root.Subcommands.Add(Auth.AuthCommands.CreateSuperuser(Build, options));
            root.Subcommands.Add(Auth.AuthCommands.ChangePassword(Build, options));
        }

        foreach (var registration in TDatabase.Commands)
        {
            root.Subcommands.Add(AppCommand<TDatabase>(registration, Build, options));
        }
        try
        {
            return await root.Parse(commandLine).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = options.Output, Error = options.Error }).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or FixtureException or MigrationException)
        {
            // Django's CommandError: the message, no stack trace
            await options.Error.WriteLineAsync("CommandError: " + error.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// Separates the app's configuration arguments (<c>--Section:Key=value</c>, <c>--AllowedHosts=...</c>,
    /// <c>--urls value</c>, <c>--environment value</c>) from the command and its own arguments.
    /// </summary>
    private static (string[] CommandLine, string[] Configuration) SplitConfiguration(string[] args)
    {
        var commandLine = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var token = args[i];
            var key = token.StartsWith("--", StringComparison.Ordinal) ? token[2..].Split('=', 2)[0] : null;
            // configuration keys are PascalCase (--AllowedHosts=..., --ConnectionStrings:Default=...) or the host's own
            // lowercase ones (--urls, --environment); command options are lowercase kebab-case
            if (key is { Length: > 0 } && (char.IsUpper(key[0]) || key.Contains(':', StringComparison.Ordinal) || HostKeys.Contains(key)))
            {
                configuration.Add(token);
                if (!token.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    configuration.Add(args[++i]);
                }
            }
            else
            {
                commandLine.Add(token);
            }
        }

        return ([.. commandLine], [.. configuration]);
    }

    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase) { "urls", "environment", "contentRoot", "applicationName" };

    private static Command RunServer(Func<string[], WebApplication> buildApp)
    {
        var address = new Argument<string>("addrport") { Description = "Address and port, or just a port (127.0.0.1:8000 by default).", DefaultValueFactory = _ => "127.0.0.1:8000" };
        var command = new Command("runserver", "Serves the app.") { address };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var value = parse.GetValue(address)!;
            var url = "http://" + (value.Contains(':', StringComparison.Ordinal) ? value : "127.0.0.1:" + value);
            await using var app = buildApp(["--urls", url]);
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Migrate<TDatabase>(Func<string[], WebApplication> buildApp, ManagementOptions options)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        var app = new Argument<string?>("app") { Arity = ArgumentArity.ZeroOrOne, Description = "Only this app." };
        var target = new Argument<string?>("target") { Arity = ArgumentArity.ZeroOrOne, Description = "Migrate to this migration (zero unapplies all)." };
        var command = new Command("migrate", "Applies or unapplies migrations.") { app, target };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (host, database) = Open<TDatabase>(buildApp, parse);
            await using (host.ConfigureAwait(false))
            {
                var output = options.Output;
                await output.WriteLineAsync("Operations to perform:").ConfigureAwait(false);
                var appName = parse.GetValue(app);
                await output.WriteLineAsync(appName is null
                    ? "  Apply all migrations: " + string.Join(", ", TDatabase.Migrations.Select(m => m.App).Distinct().Order(StringComparer.Ordinal))
                    : $"  Target {appName}: {parse.GetValue(target) ?? "latest"}").ConfigureAwait(false);
                await output.WriteLineAsync("Running migrations:").ConfigureAwait(false);
                var ran = await new MigrationExecutor(database, TDatabase.Migrations).MigrateAsync(appName, parse.GetValue(target), null, cancellationToken).ConfigureAwait(false);
                await Auth.ContentTypeSync.CreatePermissionsAsync(database, TDatabase.Tables, TDatabase.ModelContentTypes, cancellationToken).ConfigureAwait(false);
                if (ran.Count == 0)
                {
                    await output.WriteLineAsync("  No migrations to apply.").ConfigureAwait(false);
                }

                foreach (var (migration, forwards) in ran)
                {
                    await output.WriteLineAsync($"  {(forwards ? "Applying" : "Unapplying")} {migration.Key}... OK").ConfigureAwait(false);
                }

                return 0;
            }
        });
        return command;
    }

    private static Command MakeMigrations<TDatabase>(Func<string[], WebApplication> buildApp, ManagementOptions options)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        var app = new Argument<string?>("app") { Arity = ArgumentArity.ZeroOrOne, Description = "The app label of the new migration." };
        var check = new Option<bool>("--check") { Description = "Exit with 1 when the models have changes without a migration; write nothing." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the migration without writing it." };
        var rename = new Option<string[]>("--rename") { Description = "A confirmed rename, old:new for a table or table.old:new for a column (renames are never guessed)." };
        var name = new Option<string?>("--name") { Description = "The migration's name instead of the suggested one." };
        var command = new Command("makemigrations", "Writes a migration for the changes to the models.") { app, check, dryRun, rename, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (host, database) = Open<TDatabase>(buildApp, parse);
            await using (host.ConfigureAwait(false))
            {
                var output = options.Output;
                var renames = (parse.GetValue(rename) ?? []).Select(r => r.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
                var executor = new MigrationExecutor(database, TDatabase.Migrations);
                var state = executor.StateBefore(null);
                if (options.Interactive && !parse.GetValue(check))
                {
                    // never guessed: each candidate is asked, as Django's questioner does
                    foreach (var (from, to) in MigrationAutodetector.PossibleRenames(state, TDatabase.Tables).Where(r => !renames.ContainsKey(r.From)))
                    {
                        await output.WriteAsync($"Did you rename {from} to {to}? [y/N] ").ConfigureAwait(false);
                        if (options.Input.ReadLine()?.Trim().ToUpperInvariant() is "Y" or "YES")
                        {
                            renames[from] = to;
                        }
                    }
                }

                var changes = MigrationAutodetector.Changes(state, TDatabase.Tables, renames, database.Dialect);
                if (changes.Count == 0)
                {
                    await output.WriteLineAsync("No changes detected").ConfigureAwait(false);
                    return 0;
                }

                var appLabel = parse.GetValue(app) ?? executor.Plan.LastOrDefault()?.App ?? options.DefaultApp;
                var existing = executor.Plan.Where(m => m.App == appLabel).ToList();
                var number = existing.Select(m => int.TryParse(m.Name.AsSpan(0, Math.Min(4, m.Name.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
                var migrationName = number.ToString("0000", CultureInfo.InvariantCulture) + "_" + (parse.GetValue(name) ?? MigrationAutodetector.SuggestName(changes, existing.Count == 0, DateTimeOffset.UtcNow));
                var dependencies = existing.Count == 0 ? [] : new[] { (appLabel, existing[^1].Name) };
                var source = MigrationWriter.Write(options.MigrationsNamespace, appLabel, migrationName, dependencies, changes);
                var path = Path.Combine(options.MigrationsDirectory, migrationName + ".cs");

                await output.WriteLineAsync($"Migrations for '{appLabel}':").ConfigureAwait(false);
                await output.WriteLineAsync("  " + path).ConfigureAwait(false);
                foreach (var change in changes)
                {
                    await output.WriteLineAsync("    - " + change.Describe()).ConfigureAwait(false);
                }

                if (parse.GetValue(check))
                {
                    return 1;
                }

                if (parse.GetValue(dryRun))
                {
                    await output.WriteAsync(source).ConfigureAwait(false);
                    return 0;
                }

                Directory.CreateDirectory(options.MigrationsDirectory);
                await File.WriteAllTextAsync(path, source, cancellationToken).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static Command ShowMigrations<TDatabase>(Func<string[], WebApplication> buildApp, ManagementOptions options)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        var command = new Command("showmigrations", "Lists the migrations and whether they are applied.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (host, database) = Open<TDatabase>(buildApp, parse);
            await using (host.ConfigureAwait(false))
            {
                var executor = new MigrationExecutor(database, TDatabase.Migrations);
                var applied = await executor.AppliedAsync(cancellationToken).ConfigureAwait(false);
                foreach (var group in executor.Plan.GroupBy(m => m.App).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    await options.Output.WriteLineAsync(group.Key).ConfigureAwait(false);
                    foreach (var migration in group)
                    {
                        await options.Output.WriteLineAsync($" [{(applied.Contains(migration.Key) ? "X" : " ")}] {migration.Name}").ConfigureAwait(false);
                    }
                }

                return 0;
            }
        });
        return command;
    }

    private static Command SqlMigrate<TDatabase>(Func<string[], WebApplication> buildApp, ManagementOptions options)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        var app = new Argument<string>("app");
        var name = new Argument<string>("migration");
        var backwards = new Option<bool>("--backwards") { Description = "The SQL that unapplies it." };
        var command = new Command("sqlmigrate", "Prints the SQL of a migration.") { app, name, backwards };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (host, database) = Open<TDatabase>(buildApp, parse);
            await using (host.ConfigureAwait(false))
            {
                var statements = await new MigrationExecutor(database, TDatabase.Migrations)
                    .SqlAsync(parse.GetValue(app)!, parse.GetValue(name)!, parse.GetValue(backwards), cancellationToken).ConfigureAwait(false);
                await options.Output.WriteLineAsync("BEGIN;").ConfigureAwait(false);
                foreach (var statement in statements)
                {
                    await options.Output.WriteLineAsync(statement.StartsWith("--", StringComparison.Ordinal) ? statement : statement + ";").ConfigureAwait(false);
                }

                await options.Output.WriteLineAsync("COMMIT;").ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static Command Flush<TDatabase>(Func<string[], WebApplication> buildApp, ManagementOptions options)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        var noInput = new Option<bool>("--noinput") { Description = "Do not ask for confirmation." };
        var command = new Command("flush", "Deletes every row of every model table (the schema and migration history stay).") { noInput };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!parse.GetValue(noInput))
            {
                await options.Output.WriteAsync("This deletes ALL data in the database. Type 'yes' to continue: ").ConfigureAwait(false);
                if (Console.ReadLine()?.Trim() != "yes")
                {
                    await options.Output.WriteLineAsync("Flush cancelled.").ConfigureAwait(false);
                    return 1;
                }
            }

            var (host, database) = Open<TDatabase>(buildApp, parse);
            await using (host.ConfigureAwait(false))
            {
                await database.AtomicAsync(async () =>
                {
                    foreach (var table in TDatabase.Tables.Reverse())
                    {
                        await database.NonQueryAsync(new SqlWriter(database.Dialect).Append("DELETE FROM ").AppendName(table.Name), async: true, cancellationToken).ConfigureAwait(false);
                    }
                }, cancellationToken).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static Command ClearSessions(Func<string[], WebApplication> buildApp, ManagementOptions options)
    {
        var command = new Command("clearsessions", "Deletes expired sessions (a no-op for signed-cookie sessions).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            _ = parse;
            var host = buildApp([]);
            await using (host.ConfigureAwait(false))
            {
                if (host.Services.GetService<Http.SessionStore>() is not { } store)
                {
                    await options.Error.WriteLineAsync("Sessions are not enabled: the app does not call services.AddReinhardtSessions(configuration).").ConfigureAwait(false);
                    return 1;
                }

                await store.ClearExpiredAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static Command LoadData<TDatabase>(Func<string[], WebApplication> buildApp, ManagementOptions options)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        var files = new Argument<string[]>("fixture") { Arity = ArgumentArity.OneOrMore, Description = "Fixture files in Django's JSON format." };
        var command = new Command("loaddata", "Loads fixtures, all or nothing.") { files };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (host, database) = Open<TDatabase>(buildApp, parse);
            await using (host.ConfigureAwait(false))
            {
                var total = 0;
                var paths = parse.GetValue(files)!;
                foreach (var path in paths)
                {
                    var json = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                    var progress = new ConsoleProgress(options.Output, path);
                    total += await Fixtures.LoadAsync(database, TDatabase.FixtureModels, json, path, progress, cancellationToken).ConfigureAwait(false);
                }

                await options.Output.WriteLineAsync($"Installed {total} object(s) from {paths.Length} fixture(s)").ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static Command DumpData<TDatabase>(Func<string[], WebApplication> buildApp, ManagementOptions options)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        var labels = new Argument<string[]>("app_label[.ModelName]") { Arity = ArgumentArity.ZeroOrMore };
        var indent = new Option<int?>("--indent") { Description = "Pretty-print with indentation." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of the standard output." };
        var command = new Command("dumpdata", "Writes the data as a fixture in Django's JSON format.") { labels, indent, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(labels) ?? [];
            var models = TDatabase.FixtureModels
                .Where(m => wanted.Length == 0 || wanted.Any(w => string.Equals(w, m.Label, StringComparison.OrdinalIgnoreCase) || m.Label.StartsWith(w + ".", StringComparison.Ordinal)))
                .ToList();
            var unknown = wanted.Where(w => !TDatabase.FixtureModels.Any(m => string.Equals(w, m.Label, StringComparison.OrdinalIgnoreCase) || m.Label.StartsWith(w + ".", StringComparison.Ordinal))).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException("Unknown app or model: " + string.Join(", ", unknown));
            }

            var (host, database) = Open<TDatabase>(buildApp, parse);
            await using (host.ConfigureAwait(false))
            {
                var path = parse.GetValue(output);
                Stream stream = path is null ? new MemoryStream() : File.Create(path);
                await using (stream.ConfigureAwait(false))
                {
                    await Fixtures.DumpAsync(database, models, stream, parse.GetValue(indent) is > 0, cancellationToken).ConfigureAwait(false);
                    if (stream is MemoryStream memory)
                    {
                        await options.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(memory.ToArray())).ConfigureAwait(false);
                    }
                }

                return 0;
            }
        });
        return command;
    }

    private static Command Check<TDatabase>(Func<string[], WebApplication> buildApp, ManagementOptions options)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        var deploy = new Option<bool>("--deploy") { Description = "Also run the checks that matter in production." };
        var failLevel = new Option<string>("--fail-level") { Description = "ERROR (default) or WARNING: the level that makes the exit code 1.", DefaultValueFactory = _ => "ERROR" };
        var command = new Command("check", "Runs Django-style system checks on the running configuration.") { deploy, failLevel };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (host, database) = Open<TDatabase>(buildApp, parse);
            await using (host.ConfigureAwait(false))
            {
                var issues = SystemChecks.Run<TDatabase>(host, database, parse.GetValue(deploy));
                var output = options.Output;
                if (issues.Count == 0)
                {
                    await output.WriteLineAsync("System check identified no issues (0 silenced).").ConfigureAwait(false);
                    return 0;
                }

                await output.WriteLineAsync("System check identified some issues:").ConfigureAwait(false);
                foreach (var group in issues.GroupBy(i => i.Error).OrderByDescending(g => g.Key))
                {
                    await output.WriteLineAsync().ConfigureAwait(false);
                    await output.WriteLineAsync(group.Key ? "ERRORS:" : "WARNINGS:").ConfigureAwait(false);
                    foreach (var issue in group)
                    {
                        await output.WriteLineAsync($"?: ({issue.Id}) {issue.Message}").ConfigureAwait(false);
                    }
                }

                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync($"System check identified {issues.Count} issue{(issues.Count == 1 ? string.Empty : "s")} (0 silenced).").ConfigureAwait(false);
                var failOnWarnings = string.Equals(parse.GetValue(failLevel), "WARNING", StringComparison.OrdinalIgnoreCase);
                return issues.Any(i => i.Error || failOnWarnings) ? 1 : 0;
            }
        });
        return command;
    }

    private static Command CollectStatic(Func<string[], WebApplication> buildApp, ManagementOptions options)
    {
        var noInput = new Option<bool>("--noinput", "--no-input") { Description = "Do not ask for confirmation." };
        var clear = new Option<bool>("--clear") { Description = "Delete the existing files of the static root first." };
        var command = new Command("collectstatic", "Copies the static files into StaticFiles:Root with hashed names and writes staticfiles.json.") { noInput, clear };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = buildApp([]);
            var settings = new Reinhardt.Http.StaticFilesOptions();
            host.Configuration.GetSection("StaticFiles").Bind(settings);
            var contentRoot = host.Environment.ContentRootPath;
            var root = settings.RootPath(contentRoot);
            var output = options.Output;
            if (options.Interactive && !parse.GetValue(noInput))
            {
                await output.WriteLineAsync($"You have requested to collect static files at the destination location as specified in your settings:\n\n    {root}\n").ConfigureAwait(false);
                await output.WriteAsync("This will overwrite existing files!\nAre you sure you want to do this?\n\nType 'yes' to continue, or 'no' to cancel: ").ConfigureAwait(false);
                if (!string.Equals(options.Input.ReadLine()?.Trim(), "yes", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("Collecting static files cancelled.");
                }
            }

            var sources = settings.SourceDirectories.Select(source => Path.GetFullPath(Path.Combine(contentRoot, source))).ToList();
            var result = await Reinhardt.Http.StaticFilesCollector.CollectAsync(sources, root, parse.GetValue(clear), cancellationToken).ConfigureAwait(false);
            var files = result.Copied == 1 ? "static file" : "static files";
            await output.WriteLineAsync($"\n{result.Copied} {files} copied to '{root}', {result.Copied} post-processed.").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command AppCommand<TDatabase>(CommandRegistration registration, Func<string[], WebApplication> buildApp, ManagementOptions options)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        var arguments = new Argument<string[]>("arguments") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(registration.Name, registration.Description) { arguments };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = buildApp([]);
            var instance = registration.Create(host.Services);
            return await instance.RunAsync(parse.GetValue(arguments) ?? [], options.Output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Prints a loaded-object count every 10,000 objects.</summary>
    private sealed class ConsoleProgress(TextWriter output, string source) : IProgress<int>
    {
        public void Report(int value)
        {
            if (value > 0 && value % 10_000 == 0)
            {
                output.WriteLine($"  {source}: {value} objects...");
            }
        }
    }

    /// <summary>The app (built, not started, so its configuration applies) and its database.</summary>
    private static (WebApplication Host, TDatabase Database) Open<TDatabase>(Func<string[], WebApplication> buildApp, ParseResult parse)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        _ = parse;
        var host = buildApp([]);
        return (host, host.Services.GetRequiredService<TDatabase>());
    }
}
