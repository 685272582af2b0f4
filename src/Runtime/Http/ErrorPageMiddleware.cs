using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Hosting;

namespace Reinhardt.Http;

/// <summary>
/// The outermost middleware: turns an unhandled exception into a 500 page (a detailed, escaped page with
/// the exception in Development; Django's bare "Server Error (500)" elsewhere), a
/// <see cref="BadHttpRequestException"/> into its status with its reason, and gives an empty error
/// response (404, 405...) its page. Given the app's <see cref="SecurityHeaders"/>, it keeps them on the pages it writes.
/// </summary>
public sealed class ErrorPageMiddleware(RequestDelegate next, IHostEnvironment environment, ILogger<ErrorPageMiddleware> logger, Views.IRouteTable? routes = null, SecurityHeaders? securityHeaders = null)
{
    private readonly bool _development = environment.IsDevelopment();

    /// <summary>Runs the rest of the pipeline and answers its failures.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        Task pending;
        try
        {
            pending = next(context);
        }
        catch (Exception exception)
        {
            pending = Task.FromException(exception);
        }

        // the common case, a response written synchronously and well, costs no state machine
        if (pending.IsCompletedSuccessfully)
        {
            return NeedsPage(context.Response) ? ErrorPages.WriteAsync(context, context.Response.StatusCode, DevelopmentNotFoundText(context)) : Task.CompletedTask;
        }

        return AwaitAsync(pending, context);
    }

    private static bool NeedsPage(HttpResponse response) =>
        response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && response.ContentType is null;

    private async Task AwaitAsync(Task pending, HttpContext context)
    {
        try
        {
            await pending;
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            // bad input, not a server fault: the status Kestrel or a binder chose, and its reason
            logger.LogInformation("Bad request to {Path}: {Reason}", context.Request.Path, exception.Message);
            Clear(context.Response);
            await ErrorPages.WriteAsync(context, exception.StatusCode, exception.Message);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client went away; nothing to answer
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
            Clear(context.Response);
            if (_development)
            {
                await WriteDevelopmentPageAsync(context, exception);
            }
            else
            {
                await ErrorPages.WriteAsync(context, StatusCodes.Status500InternalServerError);
            }

            return;
        }

        if (NeedsPage(context.Response))
        {
            await ErrorPages.WriteAsync(context, context.Response.StatusCode, DevelopmentNotFoundText(context));
        }
    }

    /// <summary>Forgets what the failed response had set, except the headers every response carries.</summary>
    private void Clear(HttpResponse response)
    {
        response.Clear();
        securityHeaders?.Apply(response);
    }

    private string? DevelopmentNotFoundText(HttpContext context)
    {
        if (!_development || context.Response.StatusCode != StatusCodes.Status404NotFound || routes is null)
        {
            return null;
        }

        // Django's technical 404: which patterns were tried, in order
        return "No route matches " + context.Request.Path + ". Routes tried, in order: " + string.Join(", ", routes.Templates) + ".";
    }

    private static Task WriteDevelopmentPageAsync(HttpContext context, Exception exception)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"NONE,NOARCHIVE\"><title>")
            .Append(HtmlEncoder.Default.Encode(exception.GetType().Name)).Append(" at ").Append(HtmlEncoder.Default.Encode(context.Request.Path.ToString()))
            .Append("</title></head>\n<body>\n<h1>").Append(HtmlEncoder.Default.Encode(exception.GetType().FullName ?? exception.GetType().Name))
            .Append(" at ").Append(HtmlEncoder.Default.Encode(context.Request.Method + " " + context.Request.Path)).Append("</h1>\n<pre class=\"exception_value\">")
            .Append(HtmlEncoder.Default.Encode(exception.Message)).Append("</pre>\n<h2>Traceback</h2>\n<pre>")
            .Append(HtmlEncoder.Default.Encode(exception.ToString())).Append("</pre>\n<p>You are seeing this page because the environment is Development. ")
            .Append("Elsewhere this is a plain \"Internal Server Error (500)\" page.</p>\n</body>\n</html>\n");
        return ErrorPages.WriteHtmlAsync(context, StatusCodes.Status500InternalServerError, html.ToString());
    }
}
