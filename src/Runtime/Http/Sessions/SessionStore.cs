using System.Text.Json.Nodes;

namespace Reinhardt.Http;

/// <summary>
/// Where a <see cref="Session"/>'s data lives: the storage half of Django's <c>SessionBase</c>. The
/// <c>async</c> flag selects the synchronous path (a lazily loaded session read from synchronous code).
/// </summary>
public abstract class SessionStore
{
    /// <summary>The data of the live session with this key; null when there is none (unknown, expired or tampered with).</summary>
    public abstract ValueTask<JsonObject?> LoadAsync(string sessionKey, bool async, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a session's data until <paramref name="expireDate"/>, creating a new session (with a new key) when
    /// <paramref name="sessionKey"/> is null. Returns the key to send in the cookie, or null when the session
    /// was deleted meanwhile (for example by a concurrent logout) and must not be brought back.
    /// </summary>
    public abstract ValueTask<string?> SaveAsync(string? sessionKey, JsonObject data, DateTimeOffset expireDate, CancellationToken cancellationToken = default);

    /// <summary>Deletes a session.</summary>
    public abstract ValueTask DeleteAsync(string sessionKey, CancellationToken cancellationToken = default);

    /// <summary>Deletes expired sessions (Django's <c>clear_expired</c>, run by <c>clearsessions</c>); returns how many.</summary>
    public abstract ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default);
}
