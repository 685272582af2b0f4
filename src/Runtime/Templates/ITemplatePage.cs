using System.Buffers;
using System.IO.Pipelines;

namespace Reinhardt.Templates;

/// <summary>
/// A compiled template with its typed context: the <c>[Template]</c> partial types implement it (and
/// <see cref="IResult"/>) through generated code.
/// </summary>
public interface ITemplatePage
{
    /// <summary>Renders the page; <paramref name="httpContext"/> (when there is a request) feeds <c>{% csrf_token %}</c> and <c>json_script</c>.</summary>
    void Render(ref TemplateWriter writer, HttpContext? httpContext);
}

/// <summary>Rendering a compiled template to buffers, pipes, strings and HTTP responses.</summary>
public static class TemplateRendering
{
    /// <summary>The content type of rendered pages.</summary>
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>Renders <paramref name="page"/> into <paramref name="output"/> (no request: <c>{% csrf_token %}</c> renders nothing).</summary>
    public static void Render(this ITemplatePage page, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(page);
        RenderInto(page, output, null);
    }

    /// <summary>Renders <paramref name="page"/> into <paramref name="output"/> and flushes it.</summary>
    public static ValueTask<FlushResult> RenderAsync(this ITemplatePage page, PipeWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        RenderInto(page, output, null);
        return output.FlushAsync(cancellationToken);
    }

    /// <summary>Renders <paramref name="page"/> to a string (tests, e-mails).</summary>
    public static string RenderToString(this ITemplatePage page, HttpContext? httpContext = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var buffer = new ArrayBufferWriter<byte>(4096);
        RenderInto(page, buffer, httpContext);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="page"/> as the response to <paramref name="httpContext"/>, straight into its body pipe.</summary>
    public static Task WriteResponseAsync(ITemplatePage page, HttpContext httpContext, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = HtmlContentType;
        var body = response.BodyWriter;
        RenderInto(page, body, httpContext);
        var flush = body.FlushAsync(httpContext.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }

    /// <summary>The page as a result with another status code (a form re-displayed with 400, a custom 404 page).</summary>
    public static IResult WithStatus(this ITemplatePage page, int statusCode) => new StatusPageResult(page, statusCode);

    private sealed class StatusPageResult(ITemplatePage page, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteResponseAsync(page, httpContext, statusCode);
    }

    // the writer buffers: every entry point renders and flushes through here
    private static void RenderInto(ITemplatePage page, IBufferWriter<byte> output, HttpContext? httpContext)
    {
        var writer = new TemplateWriter(output);
        page.Render(ref writer, httpContext);
        writer.Flush();
    }
}
