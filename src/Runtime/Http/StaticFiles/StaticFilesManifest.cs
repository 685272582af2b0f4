using System.Text.Json;

namespace Reinhardt.Http;

/// <summary>
/// Django's <c>staticfiles.json</c> (written by <c>ManifestStaticFilesStorage</c> and by <c>collectstatic</c>):
/// <c>{"paths": {"css/site.css": "css/site.0123456789ab.css"}, "version": "1.1", "hash": "..."}</c>.
/// </summary>
public sealed class StaticFilesManifest
{
    /// <summary>The manifest's file name in the static root.</summary>
    public const string FileName = "staticfiles.json";

    /// <summary>The manifest version written; <c>1.0</c> and <c>1.1</c> are read, as Django does.</summary>
    public const string CurrentVersion = "1.1";

    /// <summary>A manifest with no entries, for a root without <c>staticfiles.json</c>.</summary>
    public static StaticFilesManifest Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), string.Empty);

    /// <summary>Creates a manifest from its name-to-hashed-name map.</summary>
    public StaticFilesManifest(IReadOnlyDictionary<string, string> paths, string hash)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Paths = paths;
        Hash = hash ?? string.Empty;
    }

    /// <summary>Each original name (forward slashes, relative to the root) and its hashed name.</summary>
    public IReadOnlyDictionary<string, string> Paths { get; }

    /// <summary>The hash of the whole manifest (Django 4.2+'s <c>manifest_hash</c>), empty when absent.</summary>
    public string Hash { get; }

    /// <summary>
    /// Reads <c>staticfiles.json</c> from <paramref name="root"/>; <see cref="Empty"/> when there is none.
    /// A file that is not a manifest of a known version is a configuration error, as in Django.
    /// </summary>
    public static StaticFilesManifest Load(string root)
    {
        var path = Path.Combine(root, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty;
    }

    /// <summary>Parses the manifest's JSON text.</summary>
    /// <exception cref="InvalidOperationException">The text is not JSON, not an object, or of an unknown version.</exception>
    public static StaticFilesManifest Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var rootElement = document.RootElement;
            if (rootElement.ValueKind == JsonValueKind.Object
                && rootElement.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
                && version.GetString() is "1.0" or "1.1")
            {
                var paths = new Dictionary<string, string>(StringComparer.Ordinal);
                if (rootElement.TryGetProperty("paths", out var entries) && entries.ValueKind == JsonValueKind.Object)
                {
                    foreach (var entry in entries.EnumerateObject())
                    {
                        if (entry.Value.ValueKind == JsonValueKind.String)
                        {
                            paths[entry.Name] = entry.Value.GetString()!;
                        }
                    }
                }

                var hash = rootElement.TryGetProperty("hash", out var hashElement) && hashElement.ValueKind == JsonValueKind.String ? hashElement.GetString()! : string.Empty;
                return new StaticFilesManifest(paths, hash);
            }
        }
        catch (JsonException)
        {
            // reported below with Django's message
        }

        throw new InvalidOperationException($"Couldn't load manifest '{FileName}' (version {CurrentVersion}).");
    }

    /// <summary>The hashed name for <paramref name="name"/>, or <see langword="null"/> when it is not in the manifest.</summary>
    public string? HashedName(string name) => Paths.TryGetValue(name, out var hashed) ? hashed : null;
}
