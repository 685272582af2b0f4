using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Reinhardt.Http;

/// <summary>What <see cref="StaticFilesCollector.CollectAsync"/> did.</summary>
/// <param name="Copied">The files copied (each under its name and its hashed name).</param>
/// <param name="Manifest">The manifest written to the root.</param>
public sealed record StaticFilesCollection(int Copied, StaticFilesManifest Manifest);

/// <summary>
/// Django's <c>collectstatic</c> with <c>ManifestStaticFilesStorage</c>: copies every file of the source folders
/// into the static root, once under its name and once under its hashed name (<c>name.&lt;first 12 hex of the
/// content's MD5&gt;.ext</c>), and writes <c>staticfiles.json</c>. The first source folder holding a name wins;
/// dotfiles, <c>*~</c> and <c>CVS</c> are ignored (Django's default ignore patterns). Unlike Django, <c>url()</c>
/// and <c>@import</c> references inside CSS are not rewritten to hashed names.
/// </summary>
public static class StaticFilesCollector
{
    /// <summary>Collects <paramref name="sources"/> into <paramref name="root"/>.</summary>
    /// <param name="sources">The source folders (full paths), in priority order.</param>
    /// <param name="root">The static root (full path); created when missing.</param>
    /// <param name="clear">Delete the root's existing files first (<c>--clear</c>).</param>
    /// <param name="cancellationToken">Stops between files.</param>
    /// <exception cref="InvalidOperationException">A source folder is missing, or is the root itself.</exception>
    public static async Task<StaticFilesCollection> CollectAsync(IReadOnlyList<string> sources, string root, bool clear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(root);
        root = Path.GetFullPath(root);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in sources.Select(Path.GetFullPath))
        {
            if (!Directory.Exists(source))
            {
                throw new InvalidOperationException($"The directory '{source}' in StaticFiles:SourceDirectories does not exist.");
            }

            if (string.Equals(source.TrimEnd(Path.DirectorySeparatorChar), root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                throw new InvalidOperationException("StaticFiles:SourceDirectories should not contain StaticFiles:Root.");
            }

            foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(source, path).Replace(Path.DirectorySeparatorChar, '/');
                if (!Ignored(name))
                {
                    files.TryAdd(name, path);
                }
            }
        }

        if (clear && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
        var paths = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, path) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var hashed = HashedName(name, content);
            await WriteAsync(Path.Combine(root, name), content, cancellationToken).ConfigureAwait(false);
            await WriteAsync(Path.Combine(root, hashed), content, cancellationToken).ConfigureAwait(false);
            paths[name] = hashed;
        }

        var manifest = new StaticFilesManifest(paths, ManifestHash(paths));
        await File.WriteAllBytesAsync(Path.Combine(root, StaticFilesManifest.FileName), ManifestJson(manifest), cancellationToken).ConfigureAwait(false);
        return new StaticFilesCollection(files.Count, manifest);
    }

    /// <summary>
    /// Django's hashed name: <c>css/site.css</c> with content hashing to <c>0123456789ab...</c> is
    /// <c>css/site.0123456789ab.css</c> (the extension as Python's <c>os.path.splitext</c> takes it).
    /// </summary>
    public static string HashedName(string name, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = Convert.ToHexStringLower(MD5.HashData(content))[..12];
        var slash = name.LastIndexOf('/');
        var fileName = name[(slash + 1)..];
        var dot = fileName.LastIndexOf('.');
        // splitext: a name made only of leading dots before its last dot has no extension (".bashrc")
        var extensionAt = dot > 0 && fileName[..dot].TrimStart('.').Length > 0 ? slash + 1 + dot : name.Length;
        return name[..extensionAt] + "." + hash + name[extensionAt..];
    }

    private static bool Ignored(string name) =>
        name.Split('/').Any(segment => segment.StartsWith('.') || segment.EndsWith('~') || segment == "CVS");

    private static async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] ManifestJson(StaticFilesManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("paths");
            foreach (var (name, hashed) in manifest.Paths)
            {
                writer.WriteString(name, hashed);
            }

            writer.WriteEndObject();
            writer.WriteString("version", StaticFilesManifest.CurrentVersion);
            writer.WriteString("hash", manifest.Hash);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // Django 4.2+: the MD5 (first 12 hex) of json.dumps(sorted(hashed_files.items())), in Python's default formatting
    private static string ManifestHash(SortedDictionary<string, string> paths)
    {
        var text = new StringBuilder("[");
        foreach (var (name, hashed) in paths)
        {
            if (text.Length > 1)
            {
                text.Append(", ");
            }

            text.Append('[');
            AppendPythonJsonString(text, name);
            text.Append(", ");
            AppendPythonJsonString(text, hashed);
            text.Append(']');
        }

        text.Append(']');
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    // json.dumps with ensure_ascii=True
    private static void AppendPythonJsonString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
