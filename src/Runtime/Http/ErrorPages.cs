using System.Text;
using System.Text.Encodings.Web;

namespace Reinhardt.Http;

/// <summary>
/// The HTML pages for error responses, as plain as Django's: a title and, where the framework knows it, a
/// reason that is safe to show (never an exception message or stack trace outside Development).
/// </summary>
public static class ErrorPages
{
    /// <summary>
    /// Writes the error page for <paramref name="statusCode"/>, with <paramref name="reason"/> (plain text,
    /// escaped here) when given. Does nothing once the response has started.
    /// </summary>
    public static Task WriteAsync(HttpContext context, int statusCode, string? reason = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <meta name=\"robots\" content=\"NONE,NOARCHIVE\">\n  <title>")
            .Append(Title(statusCode)).Append("</title>\n</head>\n<body>\n  <h1>").Append(Title(statusCode)).Append("</h1>\n");
        var text = reason ?? DefaultText(statusCode);
        if (text is not null)
        {
            html.Append("  <p>").Append(HtmlEncoder.Default.Encode(text)).Append("</p>\n");
        }

        html.Append("</body>\n</html>\n");
        return WriteHtmlAsync(context, statusCode, html.ToString());
    }

    /// <summary>Answers <paramref name="statusCode"/> with a complete HTML document.</summary>
    internal static Task WriteHtmlAsync(HttpContext context, int statusCode, string html)
    {
        var response = context.Response;
        var bytes = Encoding.UTF8.GetBytes(html);
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    /// <summary>The page title for a status code, e.g. <c>Not Found (404)</c>.</summary>
    public static string Title(int statusCode) =>
        (ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? phrase : "Error") + " (" + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

    private static string? DefaultText(int statusCode) => statusCode switch
    {
        StatusCodes.Status404NotFound => "The requested resource was not found on this server.",
        StatusCodes.Status405MethodNotAllowed => "The method is not allowed for the requested URL.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this server accepts.",
        StatusCodes.Status429TooManyRequests => "Too many requests; try again later.",
        _ => null,
    };
}
