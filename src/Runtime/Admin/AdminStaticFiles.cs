using System.Collections.Frozen;

namespace Reinhardt.Admin;

/// <summary>The admin's stylesheets and icons, embedded in the library and served below <c>/admin/static/</c> (no CDN, no collectstatic).</summary>
internal static class AdminStaticFiles
{
    private const string ResourcePrefix = "Reinhardt.Admin.Static.";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> s_files = Load();

    public static async Task ServeAsync(HttpContext context, string path)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await Http.ErrorPages.WriteAsync(context, StatusCodes.Status405MethodNotAllowed).ConfigureAwait(false);
            return;
        }

        if (!s_files.TryGetValue(path, out var file))
        {
            await Http.ErrorPages.WriteAsync(context, StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = file.ContentType;
        context.Response.ContentLength = file.Content.Length;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(file.Content, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(AdminStaticFiles).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var path = name[ResourcePrefix.Length..];
            var type = Path.GetExtension(path) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".js" => "text/javascript; charset=utf-8",
                _ => "application/octet-stream",
            };
            files[path] = (copy.ToArray(), type);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
