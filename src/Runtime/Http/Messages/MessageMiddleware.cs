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

    /// <summary>
    /// Runs the rest of the pipeline, then stores the unread messages. The storage is attached when first used (by
    /// <see cref="Messages"/>), so a request that neither adds nor reads messages leaves the session untouched.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var next = _next(context);
        if (!next.IsCompletedSuccessfully)
        {
            return AfterAsync(next, context);
        }

        return context.Features[typeof(MessageStorage)] is MessageStorage storage && !context.Response.HasStarted ? storage.UpdateAsync().AsTask() : Task.CompletedTask;
    }

    private static async Task AfterAsync(Task next, HttpContext context)
    {
        await next.ConfigureAwait(false);
        if (context.Features[typeof(MessageStorage)] is MessageStorage storage && !context.Response.HasStarted)
        {
            await storage.UpdateAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The request's storage, with the hook that stores unread messages before the response starts.</summary>
    internal MessageStorage Attach(HttpContext context)
    {
        // the session's hook first, so that (run in reverse order) ours stores the messages before it saves
        if (context.Features[typeof(Session)] is null && InstalledMiddleware<SessionMiddleware>.Of(context) is null)
        {
            throw new InvalidOperationException(
                "The session-based message storage requires the session middleware, before the message middleware: call app.UseReinhardtSessions() before app.UseReinhardtMessages().");
        }

        _ = context.GetSession();
        var storage = new MessageStorage(context, _level, _levelTags);
        context.Features.Set(storage);

        // callbacks run in reverse order of registration: this one before the session middleware's, which saves
        context.Response.OnStarting(_onStarting, storage);
        return storage;
    }
}
