using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Primitives;

namespace Reinhardt.Views;

/// <summary>
/// Binds handler parameters for the generated route table. Bad input never escapes as a 500: every
/// failure is a <see cref="BadHttpRequestException"/> with the status and a reason (400, or 415 for a
/// body of the wrong content type), which the error page middleware answers.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ViewBinding
{
    /// <summary>A required query-string value parsed as <typeparamref name="T"/>.</summary>
    public static T Query<T>(HttpContext context, string name) where T : IParsable<T> =>
        Parse<T>(Required(context.Request.Query[name], "query parameter", name), "query parameter", name);

    /// <summary>An optional query-string value, <paramref name="fallback"/> when absent or empty.</summary>
    public static T Query<T>(HttpContext context, string name, T fallback) where T : IParsable<T> =>
        context.Request.Query[name] is { Count: > 0 } values && !string.IsNullOrEmpty(values[0]) ? Parse<T>(values[0]!, "query parameter", name) : fallback;

    /// <summary>An optional query-string value of a value type, <see langword="null"/> when absent or empty.</summary>
    public static T? QueryOrNull<T>(HttpContext context, string name) where T : struct, IParsable<T> =>
        context.Request.Query[name] is { Count: > 0 } values && !string.IsNullOrEmpty(values[0]) ? Parse<T>(values[0]!, "query parameter", name) : null;

    /// <summary>A required query-string value as text.</summary>
    public static string QueryString(HttpContext context, string name) => Required(context.Request.Query[name], "query parameter", name);

    /// <summary>An optional query-string value as text.</summary>
    public static string? QueryStringOrNull(HttpContext context, string name) =>
        context.Request.Query[name] is { Count: > 0 } values ? values[0] : null;

    /// <summary>Every value of a repeated query-string key (<c>?tag=a&amp;tag=b</c>).</summary>
    public static string[] QueryValues(HttpContext context, string name) => context.Request.Query[name].ToArray()!;

    /// <summary>A required header value parsed as <typeparamref name="T"/>.</summary>
    public static T Header<T>(HttpContext context, string name) where T : IParsable<T> =>
        Parse<T>(Required(context.Request.Headers[name], "header", name), "header", name);

    /// <summary>A required header value as text.</summary>
    public static string HeaderString(HttpContext context, string name) => Required(context.Request.Headers[name], "header", name);

    /// <summary>An optional header value as text.</summary>
    public static string? HeaderStringOrNull(HttpContext context, string name) =>
        context.Request.Headers[name] is { Count: > 0 } values ? values[0] : null;

    /// <summary>An enum from the query string by name or number (case-insensitive).</summary>
    public static TEnum QueryEnum<TEnum>(HttpContext context, string name) where TEnum : struct, Enum
    {
        var text = Required(context.Request.Query[name], "query parameter", name);
        return Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new BadHttpRequestException($"The query parameter '{name}' must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.", StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// Reads the JSON body as <typeparamref name="T"/> with the app's source-generated
    /// <see cref="System.Text.Json.Serialization.JsonSerializerContext"/> (registered with
    /// <c>builder.Services.ConfigureHttpJsonOptions(o =&gt; o.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default))</c>).
    /// </summary>
    public static async Task<T> JsonBodyAsync<T>(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Expected a JSON body (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            throw new BadHttpRequestException("The JSON body is not valid: " + exception.Message, StatusCodes.Status400BadRequest, exception);
        }

        return value ?? throw new BadHttpRequestException("A JSON body is required.", StatusCodes.Status400BadRequest);
    }

    private static string Required(StringValues values, string kind, string name) =>
        values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0]! : throw new BadHttpRequestException($"The {kind} '{name}' is required.", StatusCodes.Status400BadRequest);

    private static T Parse<T>(string text, string kind, string name) where T : IParsable<T> =>
        T.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BadHttpRequestException($"The {kind} '{name}' has an invalid value.", StatusCodes.Status400BadRequest);
}
