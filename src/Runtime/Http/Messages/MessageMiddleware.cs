namespace Reinhardt.Http;

/// <summary>
/// Django's <c>MessageMiddleware</c>: gives each request its <see cref="MessageStorage"/> and, before the
/// response starts, stores the messages not read (in the session, so it must run inside
/// <see cref="SessionMiddleware"/>).
/// </summary>
public sealed class MessageMiddleware
{
    private readonly RequestDelegate _next;
    private readonly MessageLevel _level;
    private readonly IReadOnlyDictionary<int, string> _levelTags;
    private readonly Func<object, Task> _onStarting;

    /// <summary>Creates the middleware.</summary>
    public MessageMiddleware(RequestDelegate next, IOptions<MessageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _next = next;
        _level = options.Value.Level;
        _levelTags = options.Value.LevelTags();
        _onStarting = static state => ((MessageStorage)state).UpdateAsync().AsTask();
    }

    /// <summary>Attaches the storage, runs the rest of the pipeline, then stores the unread messages.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<Session>() is null)
        {
            throw new InvalidOperationException(
                "The session-based message storage requires the session middleware, before the message middleware: call app.UseReinhardtSessions() before app.UseReinhardtMessages().");
        }

        var storage = new MessageStorage(context, _level, _levelTags);
        context.Features.Set(storage);

        // callbacks run in reverse order of registration: this one before the session middleware's, which saves
        context.Response.OnStarting(_onStarting, storage);
        await _next(context).ConfigureAwait(false);
        if (!context.Response.HasStarted)
        {
            await storage.UpdateAsync().ConfigureAwait(false);
        }
    }
}
