using Reinhardt.Data;

namespace Reinhardt.Auth;

/// <summary>
/// What Django does after <c>migrate</c> (its <c>create_contenttypes</c> and <c>create_permissions</c>): a content type
/// for every model of the database's <c>ModelContentTypes</c>, and its add, change, delete and view permissions, where
/// missing. Nothing happens on a database without the auth tables.
/// </summary>
public static class ContentTypeSync
{
    /// <summary>Django's default permissions, in its order.</summary>
    public static IReadOnlyList<string> DefaultPermissions { get; } = ["add", "change", "delete", "view"];

    /// <summary>Creates the missing content types and permissions; returns how many permissions were created.</summary>
    public static async Task<int> CreatePermissionsAsync(Database database, IReadOnlyList<TableSchema> tables, IReadOnlyList<ModelContentType> models, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(models);
        if (!tables.Any(t => t.Name == "auth_permission") || !tables.Any(t => t.Name == "django_content_type"))
        {
            return 0;
        }

        var created = 0;
        await database.AtomicAsync(async () =>
        {
            var contentTypes = await database.ContentTypes().ToListAsync(cancellationToken).ConfigureAwait(false);
            var existing = (await database.Permissions().ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(p => (p.ContentTypeId, p.Codename)).ToHashSet();
            foreach (var model in models)
            {
                var contentType = contentTypes.FirstOrDefault(c => c.AppLabel == model.AppLabel && c.Model == model.Model);
                if (contentType is null)
                {
                    contentType = new ContentType { AppLabel = model.AppLabel, Model = model.Model };
                    await database.SaveAsync(contentType, cancellationToken).ConfigureAwait(false);
                    contentTypes.Add(contentType);
                }

                foreach (var action in DefaultPermissions)
                {
                    var codename = action + "_" + model.Model;
                    if (existing.Add((contentType.Id, codename)))
                    {
                        var permission = new Permission { Name = "Can " + action + " " + model.VerboseName, Codename = codename, ContentType = contentType };
                        await database.SaveAsync(permission, cancellationToken).ConfigureAwait(false);
                        created++;
                    }
                }
            }
        }, cancellationToken).ConfigureAwait(false);
        return created;
    }
}
