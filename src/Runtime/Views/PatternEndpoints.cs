using System.ComponentModel;
using Microsoft.AspNetCore.Routing;

namespace Reinhardt.Views;

/// <summary>
/// The handlers of one URL pattern, by HTTP method, with the automatic answers Django's <c>View</c> gives:
/// <c>HEAD</c> by the <c>GET</c> handler, <c>OPTIONS</c> with <c>Allow</c>, and 405 with <c>Allow</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PatternEndpoints
{
    private readonly Endpoint[] _handlers;
    private readonly string[] _methods;
    private readonly Endpoint? _get;
    private readonly Endpoint _options;
    private readonly Endpoint _notAllowed;

    /// <summary>Creates the pattern's endpoints from its handlers.</summary>
    public PatternEndpoints(string template, params ViewEndpoint[] handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        Template = template;
        _handlers = new Endpoint[handlers.Length];
        _methods = new string[handlers.Length];
        var allow = new List<string>();
        for (var i = 0; i < handlers.Length; i++)
        {
            _handlers[i] = handlers[i].Endpoint;
            _methods[i] = handlers[i].Method;
            allow.Add(handlers[i].Method);
            if (HttpMethods.IsGet(handlers[i].Method))
            {
                _get = handlers[i].Endpoint;
                allow.Add(HttpMethods.Head);
            }
        }

        allow.Add(HttpMethods.Options);
        Allow = string.Join(", ", allow.Distinct(StringComparer.Ordinal));
        var allowHeader = Allow;
        _options = new Endpoint(
            context =>
            {
                context.Response.Headers.Allow = allowHeader;
                context.Response.ContentLength = 0;
                return Task.CompletedTask;
            },
            new EndpointMetadataCollection(new HttpMethodMetadata([HttpMethods.Options])),
            "OPTIONS " + template);
        _notAllowed = new Endpoint(
            context =>
            {
                context.Response.Headers.Allow = allowHeader;
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return Task.CompletedTask;
            },
            // no view runs, nothing changes: a 405 says more than a CSRF 403 would
            new EndpointMetadataCollection(new CsrfExemptAttribute("answers 405 without running a view")),
            "405 " + template);
    }

    /// <summary>The route template.</summary>
    public string Template { get; }

    /// <summary>The <c>Allow</c> header value.</summary>
    public string Allow { get; }

    /// <summary>The endpoint for <paramref name="method"/>.</summary>
    public Endpoint Select(string method)
    {
        var methods = _methods;
        for (var i = 0; i < methods.Length; i++)
        {
            // Kestrel hands out the interned method strings, so reference equality usually decides
            if (ReferenceEquals(methods[i], method) || string.Equals(methods[i], method, StringComparison.OrdinalIgnoreCase))
            {
                return _handlers[i];
            }
        }

        if (_get is not null && HttpMethods.IsHead(method))
        {
            return _get;
        }

        return HttpMethods.IsOptions(method) ? _options : _notAllowed;
    }
}

/// <summary>A handler endpoint and the HTTP method it answers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ViewEndpoint
{
    /// <summary>Creates the endpoint with its metadata: the method, the route name, and the handler's attributes (CSRF exemption, rate limit).</summary>
    public ViewEndpoint(string method, string template, string? name, RequestDelegate handler, params object[] metadata)
    {
        Method = method;
        var items = new List<object>(metadata.Length + 2) { new HttpMethodMetadata([method]) };
        if (name is not null)
        {
            items.Add(new RouteNameMetadata(name));
        }

        items.AddRange(metadata);
        Endpoint = new Endpoint(handler, new EndpointMetadataCollection(items), method + " " + template);
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The ASP.NET Core endpoint.</summary>
    public Endpoint Endpoint { get; }
}
