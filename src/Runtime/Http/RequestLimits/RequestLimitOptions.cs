using System.Globalization;

namespace Reinhardt.Http;

/// <summary>
/// Limits on what a request may send, bound from the <c>RequestLimits</c> configuration section
/// (e.g. <c>RequestLimits:MaxFormFields</c>). The form limits are Django's <c>DATA_UPLOAD_*</c> defaults.
/// </summary>
public sealed class RequestLimitOptions
{
    private long? _maxRequestBodySize;

    /// <summary>
    /// The largest <c>application/x-www-form-urlencoded</c> body, and the largest total of the non-file
    /// fields of a multipart form, in bytes (Django's <c>DATA_UPLOAD_MAX_MEMORY_SIZE</c>, 2.5 MiB).
    /// </summary>
    public long MaxFormBodySize { get; set; } = 2_621_440;

    /// <summary>The most form fields (and query string parameters) a request may send (<c>DATA_UPLOAD_MAX_NUMBER_FIELDS</c>).</summary>
    public int MaxFormFields { get; set; } = 1000;

    /// <summary>The most files a multipart form may send (<c>DATA_UPLOAD_MAX_NUMBER_FILES</c>).</summary>
    public int MaxFiles { get; set; } = 100;

    /// <summary>
    /// The largest <c>multipart/form-data</c> body, files included, in bytes: 10 MiB. Django has no such total
    /// (uploads stream to disk); a bound keeps one request from filling the disk.
    /// </summary>
    public long MaxUploadBodySize { get; set; } = 10 * 1024 * 1024;

    /// <summary>The longest form field name, in characters (ASP.NET Core's form key limit; Django has none).</summary>
    public int MaxKeyLength { get; set; } = 2048;

    /// <summary>The largest body of any other content type (JSON, raw uploads...), in bytes; <see cref="MaxFormBodySize"/> unless set.</summary>
    public long MaxRequestBodySize
    {
        get => _maxRequestBodySize ?? MaxFormBodySize;
        set => _maxRequestBodySize = value;
    }

    /// <summary>
    /// How long a request may take before its <see cref="HttpContext.RequestAborted"/> token is cancelled and it
    /// is answered 503. Off (zero) by default, as in Django, which leaves it to gunicorn or uwsgi: Kestrel's own
    /// header and minimum-data-rate timeouts already cut off slow clients, and a timeout costs every request
    /// a timer (about 1 µs, measured in docs/benchmarks.md). Set it, e.g. <c>00:00:30</c>, to bound slow handlers.
    /// </summary>
    public TimeSpan Timeout { get; set; }

    /// <summary>The body limit for <paramref name="request"/>'s content type and the configuration key that sets it.</summary>
    public (long Limit, string Key) BodyLimit(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.ContentType;
        if (contentType is not null && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (MaxUploadBodySize, nameof(MaxUploadBodySize));
        }

        if (contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (MaxFormBodySize, nameof(MaxFormBodySize));
        }

        return (MaxRequestBodySize, nameof(MaxRequestBodySize));
    }

    /// <summary>The reason given when a body is over <paramref name="key"/>'s limit.</summary>
    internal static string BodyTooLarge(string key, long limit) =>
        "Request body exceeded RequestLimits:" + key + " (" + limit.ToString(CultureInfo.InvariantCulture) + " bytes).";

    /// <summary>The reason given for too many fields.</summary>
    internal string TooManyFields() =>
        "The number of GET/POST parameters exceeded RequestLimits:MaxFormFields (" + MaxFormFields.ToString(CultureInfo.InvariantCulture) + ").";

    /// <summary>The reason given for too many files.</summary>
    internal string TooManyFiles() =>
        "The number of files exceeded RequestLimits:MaxFiles (" + MaxFiles.ToString(CultureInfo.InvariantCulture) + ").";

    /// <summary>The reason given for a field name over the limit.</summary>
    internal string KeyTooLong() =>
        "A form field name exceeded RequestLimits:MaxKeyLength (" + MaxKeyLength.ToString(CultureInfo.InvariantCulture) + " characters).";
}
