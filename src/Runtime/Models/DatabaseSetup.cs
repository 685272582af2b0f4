using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reinhardt.Data;

namespace Reinhardt;

/// <summary>Registering a <c>[Database]</c> class and creating its tables.</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// Registers <typeparamref name="TDatabase"/> as a singleton, connected with the configuration's
    /// <c>ConnectionStrings:Default</c> (or <paramref name="defaultConnectionString"/>), and the same instance as
    /// <see cref="Database"/> for framework services that need the app's database without knowing its type (sessions).
    /// </summary>
    public static IServiceCollection AddDatabase<TDatabase>(this IServiceCollection services, IConfiguration configuration, string defaultConnectionString = "Data Source=app.sqlite3")
        where TDatabase : Database, IDatabase<TDatabase>
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DatabaseOptions { ConnectionString = configuration.GetConnectionString("Default") ?? defaultConnectionString };
        var database = TDatabase.Create(options);
        services.AddSingleton(database);
        return services.AddSingleton<Database>(database);
    }

    /// <summary>
    /// Applies every migration of the app that is not applied yet (Django's <c>migrate</c>), then, when the database
    /// installs auth, creates the missing content types and model permissions (Django's post-migrate step).
    /// </summary>
    public static async Task<IReadOnlyList<(Data.Migrations.Migration Migration, bool Forwards)>> MigrateAsync<TDatabase>(this TDatabase database, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        var ran = await new Data.Migrations.MigrationExecutor(database, TDatabase.Migrations).MigrateAsync(progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        await Auth.ContentTypeSync.CreatePermissionsAsync(database, TDatabase.Tables, TDatabase.ModelContentTypes, cancellationToken).ConfigureAwait(false);
        return ran;
    }

    /// <summary>
    /// Creates every model table that does not exist yet, in one transaction. (The migrations
    /// replace this for apps that evolve their schema.)
    /// </summary>
    public static Task EnsureCreatedAsync<TDatabase>(this TDatabase database, CancellationToken cancellationToken = default)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.AtomicAsync(async () =>
        {
            await using var lease = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var table in TDatabase.Tables)
            {
                foreach (var statement in database.Dialect.CreateIndexesSql(table, ifNotExists: true).Prepend(database.Dialect.CreateTableSql(table, ifNotExists: true)))
                {
                    await using var command = database.CreateCommand(lease, statement, []);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }, cancellationToken);
    }
}
