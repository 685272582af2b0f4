using System.CommandLine;
using Reinhardt.Data;
using Reinhardt.Http;
using Reinhardt.Management;

namespace Reinhardt.Auth;

/// <summary>
/// Django's <c>createsuperuser</c> and <c>changepassword</c>, added to the management commands of a database that
/// installs <see cref="AuthDatabase"/>.
/// </summary>
internal static class AuthCommands
{
    /// <summary>Django's <c>createsuperuser</c>: interactive prompts, or <c>--noinput</c> with <c>DJANGO_SUPERUSER_*</c> (or <c>REINHARDT_SUPERUSER_*</c>) variables.</summary>
    public static Command CreateSuperuser(Func<string[], WebApplication> buildApp, ManagementOptions options)
    {
        var username = new Option<string?>("--username") { Description = "The user name of the superuser." };
        var email = new Option<string?>("--email") { Description = "The email address of the superuser." };
        var noInput = new Option<bool>("--noinput", "--no-input") { Description = "Ask nothing: --username (or DJANGO_SUPERUSER_USERNAME) is required; DJANGO_SUPERUSER_EMAIL and DJANGO_SUPERUSER_PASSWORD are read." };
        var command = new Command("createsuperuser", "Creates a superuser (Django's createsuperuser).") { username, email, noInput };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = buildApp([]);
            var auth = Service(host);
            var output = options.Output;
            var name = parse.GetValue(username) ?? Variable("USERNAME");
            var address = parse.GetValue(email) ?? Variable("EMAIL");
            if (parse.GetValue(noInput) || !options.Interactive)
            {
                if (string.IsNullOrEmpty(name))
                {
                    throw new InvalidOperationException("You must use --username with --noinput.");
                }

                if (await auth.Database.Users().Filter(u => u.Username == name).ExistsAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException("Error: That username is already taken.");
                }

                await auth.CreateUserAsync(name, address ?? "", Variable("PASSWORD"), isStaff: true, isSuperuser: true, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync("Superuser created successfully.").ConfigureAwait(false);
                return 0;
            }

            var input = options.Input;
            while (true)
            {
                if (string.IsNullOrEmpty(name))
                {
                    await output.WriteAsync("Username: ").ConfigureAwait(false);
                    name = (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim() ?? throw new InvalidOperationException("Superuser creation skipped.");
                    if (name.Length == 0)
                    {
                        await output.WriteLineAsync("Error: This field cannot be blank.").ConfigureAwait(false);
                        continue;
                    }
                }

                if (await auth.Database.Users().Filter(u => u.Username == name).ExistsAsync(cancellationToken).ConfigureAwait(false))
                {
                    await output.WriteLineAsync("Error: That username is already taken.").ConfigureAwait(false);
                    name = null;
                    continue;
                }

                break;
            }

            if (address is null)
            {
                await output.WriteAsync("Email address: ").ConfigureAwait(false);
                address = (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim() ?? "";
            }

            var candidate = new User { Username = name, Email = address };
            var password = await PromptPasswordAsync(auth, candidate, options, allowBypass: true, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Superuser creation skipped.");
            await auth.CreateUserAsync(name, address, password, isStaff: true, isSuperuser: true, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync("Superuser created successfully.").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>Django's <c>changepassword [username]</c>: three attempts to type a valid password twice.</summary>
    public static Command ChangePassword(Func<string[], WebApplication> buildApp, ManagementOptions options)
    {
        var username = new Argument<string?>("username") { Arity = ArgumentArity.ZeroOrOne, Description = "The user (default: the current OS user)." };
        var command = new Command("changepassword", "Changes a user's password (Django's changepassword).") { username };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = buildApp([]);
            var auth = Service(host);
            var name = parse.GetValue(username) ?? Environment.UserName;
            var user = await auth.Database.Users().Filter(u => u.Username == name).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"user '{name}' does not exist");
            await options.Output.WriteLineAsync($"Changing password for user '{name}'").ConfigureAwait(false);
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var password = await PromptPasswordAsync(auth, user, options, allowBypass: false, cancellationToken, once: true).ConfigureAwait(false);
                if (password is not null)
                {
                    await auth.SetPasswordAsync(user, password, cancellationToken).ConfigureAwait(false);
                    await options.Output.WriteLineAsync($"Password changed successfully for user '{name}'").ConfigureAwait(false);
                    return 0;
                }
            }

            throw new InvalidOperationException($"Aborting password change for user '{name}' after 3 attempts");
        });
        return command;
    }

    /// <summary>Password, then again; blank, mismatched or invalid passwords are refused with Django's messages.</summary>
    private static async Task<string?> PromptPasswordAsync(AuthService auth, User user, ManagementOptions options, bool allowBypass, CancellationToken cancellationToken, bool once = false)
    {
        var output = options.Output;
        var input = options.Input;
        while (true)
        {
            await output.WriteAsync("Password: ").ConfigureAwait(false);
            var password = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteAsync("Password (again): ").ConfigureAwait(false);
            var again = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (password is null || again is null)
            {
                return null;
            }

            if (password != again)
            {
                await output.WriteLineAsync(once ? "Passwords do not match. Please try again." : "Error: Your passwords didn't match.").ConfigureAwait(false);
            }
            else if (password.Length == 0)
            {
                await output.WriteLineAsync(once ? "Passwords do not match. Please try again." : "Error: Blank passwords aren't allowed.").ConfigureAwait(false);
            }
            else if (auth.Validation.Validate(password, user) is { Count: > 0 } errors)
            {
                await output.WriteLineAsync(string.Join("\n", errors)).ConfigureAwait(false);
                if (allowBypass)
                {
                    await output.WriteAsync("Bypass password validation and create user anyway? [y/N]: ").ConfigureAwait(false);
                    var answer = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    if (answer is { Length: > 0 } && char.ToLowerInvariant(answer.Trim()[0]) == 'y')
                    {
                        return password;
                    }
                }
            }
            else
            {
                return password;
            }

            if (once)
            {
                return null;
            }
        }
    }

    private static AuthService Service(WebApplication host) =>
        host.Services.GetService<AuthService>() ?? new AuthService(
            host.Services.GetRequiredService<Database>(),
            host.Services.GetRequiredService<SecretKey>(),
            host.Services.GetRequiredService<IOptions<AuthOptions>>(),
            host.Services.GetService<TimeProvider>() ?? TimeProvider.System);

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable("DJANGO_SUPERUSER_" + name) ?? Environment.GetEnvironmentVariable("REINHARDT_SUPERUSER_" + name);
}
