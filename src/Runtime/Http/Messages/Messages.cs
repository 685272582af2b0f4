namespace Reinhardt.Http;

/// <summary>
/// Django's messages API (<c>django.contrib.messages</c>): one-time notices stored in the session, shown on a
/// later request, typically after a redirect: <c>Messages.Success(context, "Saved.")</c>, then
/// <c>foreach (var m in Messages.Get(context))</c> in the next page.
/// </summary>
public static class Messages
{
    /// <summary>Adds a message (Django's <c>add_message</c>); dropped when empty or below the request's level.</summary>
    /// <exception cref="InvalidOperationException">The message middleware is not installed.</exception>
    public static void Add(HttpContext context, MessageLevel level, string message, string? extraTags = null) =>
        Storage(context, required: true).Add(level, message, extraTags);

    /// <summary>Adds a <see cref="MessageLevel.Debug"/> message.</summary>
    public static void Debug(HttpContext context, string message, string? extraTags = null) => Add(context, MessageLevel.Debug, message, extraTags);

    /// <summary>Adds an <see cref="MessageLevel.Info"/> message.</summary>
    public static void Info(HttpContext context, string message, string? extraTags = null) => Add(context, MessageLevel.Info, message, extraTags);

    /// <summary>Adds a <see cref="MessageLevel.Success"/> message.</summary>
    public static void Success(HttpContext context, string message, string? extraTags = null) => Add(context, MessageLevel.Success, message, extraTags);

    /// <summary>Adds a <see cref="MessageLevel.Warning"/> message.</summary>
    public static void Warning(HttpContext context, string message, string? extraTags = null) => Add(context, MessageLevel.Warning, message, extraTags);

    /// <summary>Adds an <see cref="MessageLevel.Error"/> message.</summary>
    public static void Error(HttpContext context, string message, string? extraTags = null) => Add(context, MessageLevel.Error, message, extraTags);

    /// <summary>
    /// The pending messages (Django's <c>get_messages</c>); iterating them marks them read. Empty when the
    /// message middleware is not installed.
    /// </summary>
    public static MessageStorage Get(HttpContext context) => Storage(context, required: false);

    /// <summary>The minimum level stored in this request (Django's <c>get_level</c>).</summary>
    public static MessageLevel GetLevel(HttpContext context) => Storage(context, required: false).Level;

    /// <summary>Sets the minimum level stored for the rest of this request (Django's <c>set_level</c>).</summary>
    public static void SetLevel(HttpContext context, MessageLevel level) => Storage(context, required: true).Level = level;

    private static MessageStorage Storage(HttpContext context, bool required)
    {
        ArgumentNullException.ThrowIfNull(context);
        if ((context.Features.Get<MessageStorage>() ?? InstalledMiddleware<MessageMiddleware>.Of(context)?.Attach(context)) is { } storage)
        {
            return storage;
        }

        return required
            ? throw new InvalidOperationException("You cannot add messages without installing the message middleware: call app.UseReinhardtMessages() (Django's MessageMiddleware).")
            : new MessageStorage(null, MessageLevel.Info, Message.DefaultTags);
    }
}
