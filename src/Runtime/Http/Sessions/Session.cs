using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reinhardt.Http;

/// <summary>
/// A visitor's session (Django's <c>request.session</c>): string keys to JSON values, loaded on first use
/// and saved by <see cref="SessionMiddleware"/> at the end of the request when modified. Get it with
/// <c>context.GetSession()</c> (loads synchronously on first use) or <c>await context.GetSessionAsync()</c>.
/// Keys starting with an underscore are the framework's (<c>_session_expiry</c>, <c>_messages</c>, ...).
/// </summary>
/// <remarks>
/// As in Django, changing a JSON object or array returned by <see cref="Get"/> in place is not noticed:
/// set it again, or set <see cref="Modified"/>.
/// </remarks>
public sealed class Session
{
    /// <summary>The key of a custom expiry (Django's <c>_session_expiry</c>).</summary>
    public const string ExpiryKey = "_session_expiry";

    private readonly SessionStore _store;
    private readonly ReinhardtSessionOptions _options;
    private readonly TimeProvider _time;
    private JsonObject? _data;
    private List<string>? _deletedKeys;

    /// <summary>Creates a session for the key a request's cookie carried (loaded lazily).</summary>
    public Session(SessionStore store, ReinhardtSessionOptions options, TimeProvider timeProvider, string? sessionKey)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _options = options;
        _time = timeProvider;

        // Django's _validate_session_key: anything shorter is not a key we made
        SessionKey = sessionKey is { Length: >= 8 } ? sessionKey : null;
    }

    /// <summary>The session's key (for signed cookies, the cookie value); null for a new session not yet saved.</summary>
    public string? SessionKey { get; private set; }

    /// <summary>Whether the data changed in this request, so it is saved (Django's <c>modified</c>; set it after changing a value in place).</summary>
    public bool Modified { get; set; }

    /// <summary>Whether the data was read or written in this request, so the response depends on the cookie (<c>Vary: Cookie</c>).</summary>
    public bool Accessed { get; private set; }

    /// <summary>Django's <c>is_empty()</c>: no session key and no data (a new session, or one just flushed).</summary>
    public bool IsEmpty => SessionKey is null && (_data is null || _data.Count == 0);

    /// <summary>Whether the data has been loaded.</summary>
    public bool IsLoaded => _data is not null;

    /// <summary>The keys, in insertion order.</summary>
    public IReadOnlyList<string> Keys => Data.Select(pair => pair.Key).ToArray();

    /// <summary>The number of keys.</summary>
    public int Count => Data.Count;

    internal bool ResponseProcessed { get; set; }

    private JsonObject Data
    {
        get
        {
            Accessed = true;
            // the synchronous path, for code that did not await LoadAsync first
            return _data ??= LoadCoreAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>Loads the data now, asynchronously (otherwise the first read loads it synchronously).</summary>
    public async ValueTask LoadAsync(CancellationToken cancellationToken = default)
    {
        Accessed = true;
        _data ??= await LoadCoreAsync(async: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the session has <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => Data.ContainsKey(key);

    /// <summary>The value of <paramref name="key"/>; null when absent (or JSON null).</summary>
    public JsonNode? Get(string key) => Data.TryGetPropertyValue(key, out var value) ? value : null;

    /// <summary>The string value of <paramref name="key"/>; null when absent or not a string.</summary>
    public string? GetString(string key) =>
        Get(key) is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The integer value of <paramref name="key"/>; null when absent or not an integer.</summary>
    public long? GetInt64(string key) => TryGetInt64(Get(key), out var number) ? number : null;

    /// <summary>The integer value of <paramref name="key"/>; null when absent, not an integer or out of range.</summary>
    public int? GetInt32(string key) => GetInt64(key) is long number && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    /// <summary>The boolean value of <paramref name="key"/>; null when absent or not a boolean.</summary>
    public bool? GetBoolean(string key) => Get(key) is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    /// <summary>The numeric value of <paramref name="key"/>; null when absent or not a number.</summary>
    public double? GetDouble(string key)
    {
        if (Get(key) is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        return double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? d : null;
    }

    /// <summary>Sets a string (null stores JSON null).</summary>
    public void Set(string key, string? value) => Set(key, (JsonNode?)(value is null ? null : JsonValue.Create(value)));

    /// <summary>Sets an integer.</summary>
    public void Set(string key, long value) => Set(key, JsonValue.Create(value));

    /// <summary>Sets an integer.</summary>
    public void Set(string key, int value) => Set(key, JsonValue.Create((long)value));

    /// <summary>Sets a boolean.</summary>
    public void Set(string key, bool value) => Set(key, JsonValue.Create(value));

    /// <summary>Sets a number (finite: JSON has no NaN or infinity).</summary>
    public void Set(string key, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Session values must be finite numbers.");
        }

        Set(key, JsonValue.Create(value));
    }

    /// <summary>Sets any JSON value (a node that belongs to another tree is copied).</summary>
    public void Set(string key, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Data[key] = value?.Parent is null ? value : value.DeepClone();
        Modified = true;
    }

    /// <summary>Removes <paramref name="key"/> (Django's <c>pop</c>); the session counts as modified only if it was there.</summary>
    public bool Remove(string key)
    {
        var removed = Data.Remove(key);
        Modified |= removed;
        return removed;
    }

    /// <summary>Removes every key, keeping the session key (Django's <c>clear()</c>).</summary>
    public void Clear()
    {
        _data = [];
        Accessed = true;
        Modified = true;
    }

    /// <summary>
    /// Deletes the session and its data and forgets its key, as at logout (Django's <c>flush()</c>): the stored
    /// session is deleted at the end of the request and the cookie removed.
    /// </summary>
    public void Flush()
    {
        Clear();
        ForgetKey();
    }

    /// <summary>
    /// Keeps the data under a new key and deletes the old session (Django's <c>cycle_key()</c>), as at login,
    /// so a key an attacker planted before login is worthless after it.
    /// </summary>
    public void CycleKey()
    {
        _ = Data;
        ForgetKey();
        Modified = true;
    }

    /// <summary>Expire <paramref name="seconds"/> after the last save, renewed on each save; 0 expires at browser close (Django's <c>set_expiry(int)</c>).</summary>
    public void SetExpiry(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        Set(ExpiryKey, seconds);
    }

    /// <summary>Expire <paramref name="fromNow"/> from now, a fixed date (Django's <c>set_expiry(timedelta)</c>).</summary>
    public void SetExpiry(TimeSpan fromNow) => SetExpiry(_time.GetUtcNow() + fromNow);

    /// <summary>Expire at <paramref name="at"/> (Django's <c>set_expiry(datetime)</c>, stored as ISO 8601 like Django 4+).</summary>
    public void SetExpiry(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'+00:00'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'";
        Set(ExpiryKey, utc.ToString(format, CultureInfo.InvariantCulture));
    }

    /// <summary>Back to the configured expiry (Django's <c>set_expiry(None)</c>).</summary>
    public void ClearExpiry() => Remove(ExpiryKey);

    /// <summary>Seconds until the session expires, counted from now (Django's <c>get_expiry_age()</c>).</summary>
    public int GetExpiryAge()
    {
        var expiry = Get(ExpiryKey);
        if (TryGetExpiryDate(expiry, out var at))
        {
            return (int)Math.Clamp(Math.Floor((at - _time.GetUtcNow()).TotalSeconds), int.MinValue, int.MaxValue);
        }

        return TryGetInt64(expiry, out var seconds) && seconds != 0 ? (int)Math.Clamp(seconds, 0, int.MaxValue) : _options.CookieAge;
    }

    /// <summary>When the session expires if saved now (Django's <c>get_expiry_date()</c>).</summary>
    public DateTimeOffset GetExpiryDate()
    {
        var expiry = Get(ExpiryKey);
        if (TryGetExpiryDate(expiry, out var at))
        {
            return at;
        }

        var seconds = TryGetInt64(expiry, out var custom) && custom != 0 ? custom : _options.CookieAge;
        return _time.GetUtcNow().AddSeconds(seconds);
    }

    /// <summary>Whether the cookie lasts only until the browser closes (Django's <c>get_expire_at_browser_close()</c>).</summary>
    public bool ExpireAtBrowserClose
    {
        get
        {
            var expiry = Get(ExpiryKey);
            if (expiry is null)
            {
                return _options.ExpireAtBrowserClose;
            }

            return TryGetInt64(expiry, out var seconds) && seconds == 0;
        }
    }

    /// <summary>Deletes the sessions this request flushed or cycled away from.</summary>
    internal async ValueTask DeleteForgottenAsync(CancellationToken cancellationToken)
    {
        if (_deletedKeys is null)
        {
            return;
        }

        foreach (var key in _deletedKeys)
        {
            await _store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }

        _deletedKeys = null;
    }

    /// <summary>Saves the data (creating the stored session when it has no key); false when it was deleted meanwhile.</summary>
    internal async ValueTask<bool> SaveAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        var key = await _store.SaveAsync(SessionKey, _data!, GetExpiryDate(), cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return false;
        }

        SessionKey = key;
        return true;
    }

    private void ForgetKey()
    {
        if (SessionKey is not null)
        {
            (_deletedKeys ??= []).Add(SessionKey);
        }

        SessionKey = null;
    }

    private async ValueTask<JsonObject> LoadCoreAsync(bool async, CancellationToken cancellationToken)
    {
        if (SessionKey is null)
        {
            return [];
        }

        if (await _store.LoadAsync(SessionKey, async, cancellationToken).ConfigureAwait(false) is { } data)
        {
            return data;
        }

        // unknown, expired or tampered with: a new session, never one under the key the client chose
        SessionKey = null;
        return [];
    }

    private static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue json || json.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        return json.TryGetValue(out value)
            || long.TryParse(json.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryGetExpiryDate(JsonNode? node, out DateTimeOffset at)
    {
        at = default;
        return node is JsonValue json && json.GetValueKind() == JsonValueKind.String && json.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }
}
