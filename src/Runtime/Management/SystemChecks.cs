using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Reinhardt.Data;
using Reinhardt.Data.Migrations;

namespace Reinhardt.Management;

/// <summary>One finding of <c>check</c>, with Django's identifier where Django has the same check.</summary>
/// <param name="Id">The check identifier, e.g. <c>security.W020</c>.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Error">Whether it is an error rather than a warning.</param>
public sealed record CheckIssue(string Id, string Message, bool Error);

/// <summary>
/// The checks only the running configuration can answer (Django's <c>manage.py check</c> and
/// <c>check --deploy</c>); what the source shows is checked at build time by the analyzers.
/// </summary>
public static class SystemChecks
{
    /// <summary>Runs the checks.</summary>
    public static IReadOnlyList<CheckIssue> Run<TDatabase>(WebApplication app, TDatabase database, bool deploy)
        where TDatabase : Database, IDatabase<TDatabase>
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(database);
        var issues = new List<CheckIssue>();

        // models.W001-style: the schema the migrations build must be the models' schema
        var state = new MigrationExecutor(database, TDatabase.Migrations).StateBefore(null);
        var changes = MigrationAutodetector.Changes(state, TDatabase.Tables, null, database.Dialect);
        if (changes.Count > 0)
        {
            issues.Add(new CheckIssue(
                "models.W001",
                $"Your models have changes that are not reflected in a migration ({changes.Count} operation(s), first: {changes[0].Describe()}). Run 'makemigrations'.",
                Error: false));
        }

        if (!deploy)
        {
            return issues;
        }

        if (app.Environment.IsDevelopment())
        {
            issues.Add(new CheckIssue(
                "security.W018",
                "The app runs in the Development environment, which shows detailed error pages; set ASPNETCORE_ENVIRONMENT=Production in deployment.",
                Error: false));
        }

        var hosts = app.Configuration["AllowedHosts"];
        if (string.IsNullOrWhiteSpace(hosts) || hosts.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(h => h == "*"))
        {
            issues.Add(new CheckIssue(
                "security.W020",
                "AllowedHosts must list the site's host names in deployment (not empty, not '*').",
                Error: false));
        }

        var urls = app.Configuration["urls"] ?? app.Configuration["ASPNETCORE_URLS"] ?? string.Empty;
        if (urls.Length > 0 && !urls.Split(';').Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            issues.Add(new CheckIssue(
                "security.W008",
                "The app listens on HTTP only; serve HTTPS (directly, or behind a proxy that terminates TLS) in deployment.",
                Error: false));
        }

        return issues;
    }
}
