using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Reinhardt.Http;

/// <summary>
/// Reads a request's form within <see cref="RequestLimitOptions"/>, as Django's <c>request.POST</c> and
/// <c>request.FILES</c> do within <c>DATA_UPLOAD_*</c>: every limit crossed is a
/// <see cref="BadHttpRequestException"/> with its status (400 or 413) and a reason naming the setting,
/// never a 500. Forms and CSRF read the form through here.
/// </summary>
public static class RequestForms
{
    /// <summary>
    /// The request's form fields and files; empty when the request has no form content type.
    /// </summary>
    /// <exception cref="BadHttpRequestException">
    /// 413 when the body (or the non-file part of a multipart body) is over its limit; 400 for too many fields,
    /// too many files, a field name too long, or malformed form data.
    /// </exception>
    public static async Task<IFormCollection> ReadFormAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return FormCollection.Empty;
        }

        var limits = context.RequestServices?.GetService<IOptions<RequestLimitOptions>>()?.Value ?? new RequestLimitOptions();
        var multipart = request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);
        var (bodyLimit, bodyKey) = limits.BodyLimit(request);
        if (context.Features.Get<IFormFeature>() is not { Form: not null })
        {
            RequestLimitsMiddleware.LimitBody(context, bodyLimit, bodyKey);
            context.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                // multipart counts files and fields together as sections; each kind is checked on its own below
                ValueCountLimit = multipart ? limits.MaxFormFields + limits.MaxFiles : limits.MaxFormFields,
                KeyLengthLimit = limits.MaxKeyLength,
                ValueLengthLimit = (int)Math.Min(limits.MaxFormBodySize, int.MaxValue),
                MultipartBodyLengthLimit = limits.MaxUploadBodySize,
                BufferBodyLengthLimit = limits.MaxUploadBodySize,
            }));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            throw Rejection(exception, limits, multipart, bodyKey, bodyLimit);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own message names its feature; ours names the setting
            throw new BadHttpRequestException(RequestLimitOptions.BodyTooLarge(bodyKey, bodyLimit), StatusCodes.Status413PayloadTooLarge, exception);
        }
        catch (IOException exception) when (exception is not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            // the multipart reader reached the end of the body inside a part or before the first boundary
            throw new BadHttpRequestException("The form data is malformed: the multipart body ended before its closing boundary.", StatusCodes.Status400BadRequest, exception);
        }

        Check(form, limits);
        return form;
    }

    private static BadHttpRequestException Rejection(InvalidDataException exception, RequestLimitOptions limits, bool multipart, string bodyKey, long bodyLimit)
    {
        // the platform's form readers report each limit only by its (fixed, English) message
        var message = exception.Message;
        if (message.Contains("value count limit", StringComparison.OrdinalIgnoreCase))
        {
            var reason = multipart
                ? "The number of GET/POST parameters and files exceeded RequestLimits:MaxFormFields + RequestLimits:MaxFiles ("
                  + (limits.MaxFormFields + limits.MaxFiles).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")."
                : limits.TooManyFields();
            return new BadHttpRequestException(reason, StatusCodes.Status400BadRequest, exception);
        }

        if (message.Contains("key length limit", StringComparison.OrdinalIgnoreCase))
        {
            return new BadHttpRequestException(limits.KeyTooLong(), StatusCodes.Status400BadRequest, exception);
        }

        if (message.Contains("value length limit", StringComparison.OrdinalIgnoreCase))
        {
            return new BadHttpRequestException(RequestLimitOptions.BodyTooLarge(nameof(RequestLimitOptions.MaxFormBodySize), limits.MaxFormBodySize), StatusCodes.Status413PayloadTooLarge, exception);
        }

        if (message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            return new BadHttpRequestException(RequestLimitOptions.BodyTooLarge(bodyKey, bodyLimit), StatusCodes.Status413PayloadTooLarge, exception);
        }

        return new BadHttpRequestException("The form data is malformed: " + message, StatusCodes.Status400BadRequest, exception);
    }

    private static void Check(IFormCollection form, RequestLimitOptions limits)
    {
        var fields = 0;
        long fieldBytes = 0;
        foreach (var (key, values) in form)
        {
            if (key.Length > limits.MaxKeyLength)
            {
                throw new BadHttpRequestException(limits.KeyTooLong(), StatusCodes.Status400BadRequest);
            }

            fields += Math.Max(values.Count, 1);
            fieldBytes += Encoding.UTF8.GetByteCount(key);
            foreach (var value in values)
            {
                fieldBytes += Encoding.UTF8.GetByteCount(value ?? string.Empty);
            }
        }

        if (fields > limits.MaxFormFields)
        {
            throw new BadHttpRequestException(limits.TooManyFields(), StatusCodes.Status400BadRequest);
        }

        if (form.Files.Count > limits.MaxFiles)
        {
            throw new BadHttpRequestException(limits.TooManyFiles(), StatusCodes.Status400BadRequest);
        }

        foreach (var file in form.Files)
        {
            if (file.Name.Length > limits.MaxKeyLength)
            {
                throw new BadHttpRequestException(limits.KeyTooLong(), StatusCodes.Status400BadRequest);
            }
        }

        // Django's DATA_UPLOAD_MAX_MEMORY_SIZE counts the non-file fields of a multipart body
        if (fieldBytes > limits.MaxFormBodySize)
        {
            throw new BadHttpRequestException(RequestLimitOptions.BodyTooLarge(nameof(RequestLimitOptions.MaxFormBodySize), limits.MaxFormBodySize), StatusCodes.Status413PayloadTooLarge);
        }
    }
}
