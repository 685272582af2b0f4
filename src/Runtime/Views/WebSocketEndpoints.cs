using System.ComponentModel;
using System.Net.WebSockets;
using Microsoft.AspNetCore.HostFiltering;
using Reinhardt.Http;

namespace Reinhardt.Views;

/// <summary>
/// Accepts WebSocket connections for <see cref="WebSocketAttribute"/> handlers, refusing a request that is
/// not an upgrade (400) or whose <c>Origin</c> is missing or not an allowed host (403), as Channels'
/// <c>AllowedHostsOriginValidator</c> does.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WebSocketEndpoints
{
    /// <summary>The accepted socket, or <see langword="null"/> when the request was refused (the response is written).</summary>
    public static async Task<WebSocket?> AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ErrorPages.WriteAsync(context, StatusCodes.Status400BadRequest, "This URL accepts only WebSocket connections.");
            return null;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri) || !IsAllowedOrigin(context, originUri))
        {
            await ErrorPages.WriteAsync(context, StatusCodes.Status403Forbidden, "WebSocket origin '" + origin + "' is not allowed.");
            return null;
        }

        return await context.WebSockets.AcceptWebSocketAsync();
    }

    private static bool IsAllowedOrigin(HttpContext context, Uri origin)
    {
        var hosts = context.RequestServices.GetService<IOptions<HostFilteringOptions>>()?.Value.AllowedHosts;
        return (hosts is not null && AllowedHosts.IsAllowed(hosts as IReadOnlyList<string> ?? [.. hosts], origin.Host))
            || string.Equals(origin.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
