using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reinhardt.Http;

/// <summary>
/// A request's messages (Django's <c>SessionStorage</c>): those stored by earlier requests, loaded from the
/// session key <c>_messages</c> on first use, and those added now. Iterating marks them read; at the end of
/// the request <see cref="MessageMiddleware"/> stores only the ones not read. Counting does not mark them read.
/// </summary>
public sealed class MessageStorage : IReadOnlyCollection<Message>
{
    /// <summary>The session key messages are kept under, Django's.</summary>
    public const string SessionKey = "_messages";

    /// <summary>Django's marker of an encoded message.</summary>
    private const string MessageMarker = "__json_message";

    private readonly HttpContext? _context;
    private readonly IReadOnlyDictionary<int, string> _levelTags;
    private List<Message>? _loaded;
    private List<Message> _queued = [];
    private bool _updated;

    /// <summary>Creates the storage of one request.</summary>
    internal MessageStorage(HttpContext? context, MessageLevel level, IReadOnlyDictionary<int, string> levelTags)
    {
        _context = context;
        _levelTags = levelTags;
        Level = level;
    }

    /// <summary>Messages below this level are not stored (Django's <c>storage.level</c>, per request).</summary>
    public MessageLevel Level { get; set; }

    /// <summary>Whether the messages were iterated, so they count as read.</summary>
    public bool Used { get; private set; }

    /// <summary>Whether a message was added in this request.</summary>
    public bool AddedNew { get; private set; }

    /// <summary>The number of pending messages, stored and new.</summary>
    public int Count => Loaded.Count + _queued.Count;

    private List<Message> Loaded => _loaded ??= Load();

    /// <summary>Queues a message unless it is empty or below <see cref="Level"/> (Django's <c>add</c>).</summary>
    /// <exception cref="InvalidOperationException">The message middleware is not installed.</exception>
    public void Add(MessageLevel level, string message, string? extraTags = null)
    {
        if (_context is null)
        {
            throw new InvalidOperationException("You cannot add messages without installing the message middleware: call app.UseReinhardtMessages() (Django's MessageMiddleware).");
        }

        if (string.IsNullOrEmpty(message) || level < Level)
        {
            return;
        }

        AddedNew = true;
        _queued.Add(new Message(level, message, extraTags, _levelTags));
    }

    /// <summary>Iterates the messages, stored then new, and marks them read.</summary>
    public IEnumerator<Message> GetEnumerator()
    {
        Used = true;
        if (_queued.Count > 0)
        {
            Loaded.AddRange(_queued);
            _queued = [];
        }

        return Loaded.ToList().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Django's <c>update</c>: when the messages were read, keeps only those added after; when some were added
    /// and none read, keeps them all; otherwise leaves the session untouched.
    /// </summary>
    internal async ValueTask UpdateAsync()
    {
        if (_updated || _context is null)
        {
            return;
        }

        _updated = true;
        if (!Used && !AddedNew)
        {
            return;
        }

        var session = _context.GetSession();
        await session.LoadAsync().ConfigureAwait(false);
        var keep = Used ? _queued : [.. Loaded, .. _queued];
        if (keep.Count == 0)
        {
            session.Remove(SessionKey);
            return;
        }

        var encoded = new JsonArray();
        foreach (var message in keep)
        {
            // 0: the text is not marked safe (Reinhardt escapes message text when rendered)
            var item = new JsonArray(MessageMarker, 0, (int)message.Level, message.Text);
            if (message.ExtraTags is not null)
            {
                item.Add((JsonNode)JsonValue.Create(message.ExtraTags));
            }

            encoded.Add((JsonNode)item);
        }

        // Django stores the JSON text of the list, written by json.dumps with its default separators
        session.Set(SessionKey, DjangoJson.Serialize(encoded, compact: false));
    }

    private List<Message> Load()
    {
        var messages = new List<Message>();
        if (_context is null)
        {
            return messages;
        }

        var stored = _context.GetSession().Get(SessionKey);
        if (stored is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            stored = DjangoJson.TryParse(System.Text.Encoding.UTF8.GetBytes(text.GetValue<string>()), out var parsed) ? parsed : null;
        }

        if (stored is not JsonArray list)
        {
            return messages;
        }

        foreach (var item in list)
        {
            // ["__json_message", is_safe, level, message] or [..., extra_tags]
            if (item is JsonArray { Count: 4 or 5 } fields
                && fields[0] is JsonValue marker && marker.GetValueKind() == JsonValueKind.String && marker.GetValue<string>() == MessageMarker
                && fields[2] is JsonValue level && level.GetValueKind() == JsonValueKind.Number && level.TryGetValue<int>(out var levelNumber)
                && fields[3] is JsonValue body && body.GetValueKind() == JsonValueKind.String)
            {
                var extraTags = fields.Count == 5 && fields[4] is JsonValue tags && tags.GetValueKind() == JsonValueKind.String ? tags.GetValue<string>() : null;
                messages.Add(new Message((MessageLevel)levelNumber, body.GetValue<string>(), extraTags, _levelTags));
            }
        }

        return messages;
    }
}
