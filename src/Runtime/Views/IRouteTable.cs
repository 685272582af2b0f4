namespace Reinhardt.Views;

/// <summary>
/// An app's route table, generated at build time from its <see cref="ViewAttribute"/> classes
/// (the generated <c>RouteTable.Instance</c> in the app's root namespace).
/// </summary>
public interface IRouteTable
{
    /// <summary>
    /// The endpoint for the request's path and method: the handler; an automatic <c>OPTIONS</c> or
    /// <c>405</c> endpoint when the path matches but the method does not; <see langword="null"/> when no route matches the path.
    /// </summary>
    Endpoint? Match(HttpContext context);

    /// <summary>Whether any route matches <paramref name="path"/> (for Django's <c>APPEND_SLASH</c>).</summary>
    bool MatchesPath(string path);

    /// <summary>Whether any route is a <see cref="WebSocketAttribute"/> endpoint (the WebSocket middleware is added only then).</summary>
    bool HasWebSocketRoutes { get; }

    /// <summary>The route templates in matching order, for the development 404 page.</summary>
    IReadOnlyList<string> Templates { get; }
}
