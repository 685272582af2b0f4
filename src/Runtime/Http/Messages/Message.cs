using System.Globalization;

namespace Reinhardt.Http;

/// <summary>The levels of Django's messages framework (<c>django.contrib.messages.constants</c>); other integers are custom levels.</summary>
public enum MessageLevel
{
    /// <summary>Development-related messages (10, tag <c>debug</c>); below the default minimum level, so not stored.</summary>
    Debug = 10,

    /// <summary>Informational messages (20, tag <c>info</c>).</summary>
    Info = 20,

    /// <summary>An action succeeded (25, tag <c>success</c>).</summary>
    Success = 25,

    /// <summary>A failure did not occur but may be imminent (30, tag <c>warning</c>).</summary>
    Warning = 30,

    /// <summary>An action did not succeed (40, tag <c>error</c>).</summary>
    Error = 40,
}

/// <summary>
/// Django's messages settings, bound from the <c>Messages</c> configuration section: <c>Messages:Level</c>
/// (<c>MESSAGE_LEVEL</c>, a level name or number) and <c>Messages:Tags</c> (<c>MESSAGE_TAGS</c>, e.g.
/// <c>Messages:Tags:Error=danger</c> or <c>Messages:Tags:40=danger</c>).
/// </summary>
public sealed class MessageOptions
{
    /// <summary>Messages below this level are dropped when added; <see cref="MessageLevel.Info"/> by default.</summary>
    public MessageLevel Level { get; set; } = MessageLevel.Info;

    /// <summary>Tags replacing or adding to the default level tags, keyed by level name or number.</summary>
    public Dictionary<string, string> Tags { get; set; } = [];

    /// <summary>The tag of every level: Django's defaults with <see cref="Tags"/> applied.</summary>
    internal IReadOnlyDictionary<int, string> LevelTags()
    {
        var tags = new Dictionary<int, string>(Message.DefaultTags);
        foreach (var (key, tag) in Tags)
        {
            if (int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                tags[number] = tag;
            }
            else if (Enum.TryParse<MessageLevel>(key, ignoreCase: true, out var level))
            {
                tags[(int)level] = tag;
            }
            else
            {
                throw new InvalidOperationException($"Messages:Tags:{key} is not a message level (a number, or Debug, Info, Success, Warning, Error).");
            }
        }

        return tags;
    }
}

/// <summary>One message (Django's <c>django.contrib.messages.storage.base.Message</c>).</summary>
public sealed class Message
{
    internal static readonly IReadOnlyDictionary<int, string> DefaultTags = new Dictionary<int, string>
    {
        [(int)MessageLevel.Debug] = "debug",
        [(int)MessageLevel.Info] = "info",
        [(int)MessageLevel.Success] = "success",
        [(int)MessageLevel.Warning] = "warning",
        [(int)MessageLevel.Error] = "error",
    };

    /// <summary>Creates a message, tagged with Django's default tag for its level.</summary>
    public Message(MessageLevel level, string text, string? extraTags = null)
        : this(level, text, extraTags, DefaultTags)
    {
    }

    internal Message(MessageLevel level, string text, string? extraTags, IReadOnlyDictionary<int, string> levelTags)
    {
        ArgumentNullException.ThrowIfNull(text);
        Level = level;
        Text = text;
        ExtraTags = extraTags;
        LevelTag = levelTags.TryGetValue((int)level, out var tag) ? tag : "";
    }

    /// <summary>The level.</summary>
    public MessageLevel Level { get; }

    /// <summary>The text (Django's <c>message</c>); plain text, escaped when rendered.</summary>
    public string Text { get; }

    /// <summary>Extra space-separated tags given when adding it.</summary>
    public string? ExtraTags { get; }

    /// <summary>The level's tag, e.g. <c>success</c>; empty for a custom level without one.</summary>
    public string LevelTag { get; }

    /// <summary>The extra tags then the level tag, space-separated (Django's <c>tags</c>), e.g. for a CSS class.</summary>
    public string Tags => string.Join(' ', new[] { ExtraTags, LevelTag }.Where(tag => !string.IsNullOrEmpty(tag)));

    /// <summary>The text.</summary>
    public override string ToString() => Text;
}
