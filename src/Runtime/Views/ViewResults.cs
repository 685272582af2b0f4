using System.ComponentModel;

namespace Reinhardt.Views;

/// <summary>Executes what a handler returned; the generated route table calls the overload for the handler's return type.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ViewResults
{
    /// <summary>Executes a result.</summary>
    public static Task ExecuteAsync<TResult>(TResult result, HttpContext context) where TResult : IResult =>
        result is null ? throw new InvalidOperationException("The view returned null instead of a result.") : result.ExecuteAsync(context);

    /// <summary>Awaits and executes a result.</summary>
    public static Task ExecuteAsync<TResult>(Task<TResult> result, HttpContext context) where TResult : IResult =>
        result.IsCompletedSuccessfully ? ExecuteAsync(result.Result, context) : Awaited(result, context);

    /// <summary>Awaits and executes a result.</summary>
    public static Task ExecuteAsync<TResult>(ValueTask<TResult> result, HttpContext context) where TResult : IResult =>
        result.IsCompletedSuccessfully ? ExecuteAsync(result.Result, context) : Awaited(result.AsTask(), context);

    private static async Task Awaited<TResult>(Task<TResult> result, HttpContext context) where TResult : IResult =>
        await ExecuteAsync(await result, context);

    /// <summary>The 404 answer for a route value its handler's type cannot hold (an <c>int</c> beyond <see cref="int.MaxValue"/>).</summary>
    public static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
