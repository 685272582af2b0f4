namespace Reinhardt.Views;

/// <summary>
/// Marks a <c>partial</c> class whose handler methods are views. Its constructor parameters are resolved
/// from dependency injection per request (an <see cref="HttpContext"/> parameter receives the request).
/// With <see cref="RouteAttribute"/> on the class it is a class-based view: its public methods named
/// <c>Get</c>, <c>Post</c>, <c>Put</c>, <c>Patch</c> and <c>Delete</c> handle those methods of that route.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ViewAttribute : Attribute
{
    /// <summary>A path prefix for every route of the class, e.g. <c>/polls</c>.</summary>
    public string? Prefix { get; set; }

    /// <summary>The URL namespace of the class's route names (Django's <c>app_name</c>), e.g. <c>polls</c> for <c>polls:detail</c>.</summary>
    public string? Namespace { get; set; }
}

/// <summary>
/// A route: a path template such as <c>/polls/{id:int}/</c> (converters <c>int</c>, <c>long</c>,
/// <c>slug</c>, <c>uuid</c>, <c>str</c> (the default) and <c>path</c>) and the HTTP methods it answers.
/// On a method it makes the method a handler; on a <see cref="ViewAttribute"/> class it is the route of a class-based view.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public class RouteAttribute(string template) : Attribute
{
    /// <summary>The path template, relative to the class's <see cref="ViewAttribute.Prefix"/>.</summary>
    public string Template { get; } = template;

    /// <summary>The route's name for reverse URLs (<c>Urls.Polls.Detail(3)</c>, <c>{% url 'polls:detail' 3 %}</c>).</summary>
    public string? Name { get; set; }

    /// <summary>The HTTP methods answered; <c>GET</c> when empty. <c>HEAD</c> follows <c>GET</c> and <c>OPTIONS</c> is automatic.</summary>
    public string[] Methods { get; set; } = [];
}

/// <summary>A <c>GET</c> handler (<c>HEAD</c> is answered by it too).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class GetAttribute(string template) : RouteAttribute(template);

/// <summary>A <c>POST</c> handler (CSRF-protected unless <see cref="CsrfExemptAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PostAttribute(string template) : RouteAttribute(template);

/// <summary>A <c>PUT</c> handler (CSRF-protected unless <see cref="CsrfExemptAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PutAttribute(string template) : RouteAttribute(template);

/// <summary>A <c>PATCH</c> handler (CSRF-protected unless <see cref="CsrfExemptAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PatchAttribute(string template) : RouteAttribute(template);

/// <summary>A <c>DELETE</c> handler (CSRF-protected unless <see cref="CsrfExemptAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class DeleteAttribute(string template) : RouteAttribute(template);

/// <summary>
/// A WebSocket endpoint. The handler takes a <see cref="System.Net.WebSockets.WebSocket"/> (plus any
/// other bindable parameters) and returns <see cref="Task"/>; the upgrade is refused with 403 when the
/// <c>Origin</c> is not an allowed host or trusted origin.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class WebSocketAttribute(string template) : Attribute
{
    /// <summary>The path template.</summary>
    public string Template { get; } = template;

    /// <summary>The route's name for reverse URLs.</summary>
    public string? Name { get; set; }
}

/// <summary>
/// Exempts a handler (or every handler of a class) from CSRF checks, like Django's <c>@csrf_exempt</c>.
/// Give the reason; analyzers flag an unsafe-method handler exempted without one.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class CsrfExemptAttribute(string? justification = null) : Attribute
{
    /// <summary>Why the handler needs no CSRF protection (e.g. it authenticates by a signed webhook header).</summary>
    public string? Justification { get; } = justification;
}

/// <summary>What requests are counted together by a <see cref="RateLimitAttribute"/>.</summary>
public enum RateLimitKey
{
    /// <summary>The client's IP address.</summary>
    Ip,

    /// <summary>The authenticated user's name, falling back to the IP address for anonymous requests.</summary>
    User,

    /// <summary>All requests to the handler together.</summary>
    Global,
}

/// <summary>
/// Limits how often a handler may be called, e.g. <c>[RateLimit("5/m")]</c>: at most 5 requests a
/// minute per client IP (periods <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>, optionally with a count such as
/// <c>100/15m</c>). Requests over the limit get 429 with <c>Retry-After</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class RateLimitAttribute(string rate) : Attribute
{
    /// <summary>The rate: <c>count/period</c>.</summary>
    public string Rate { get; } = rate;

    /// <summary>What the requests are counted by; the client IP by default.</summary>
    public RateLimitKey By { get; set; } = RateLimitKey.Ip;
}

/// <summary>Binds a handler parameter from the JSON request body (System.Text.Json with the app's source-generated context).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class FromBodyAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata;

/// <summary>Binds a handler parameter from the query string (the default for simple types not in the route).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class FromQueryAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata
{
    /// <summary>The query key, when it differs from the parameter name.</summary>
    public string? Name { get; set; }
}

/// <summary>Binds a handler parameter from a request header.</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class FromHeaderAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata
{
    /// <summary>The header name, when it differs from the parameter name.</summary>
    public string? Name { get; set; }
}

/// <summary>Binds a handler parameter from a route value.</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class FromRouteAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata
{
    /// <summary>The route parameter, when it differs from the parameter name.</summary>
    public string? Name { get; set; }
}

/// <summary>Resolves a handler parameter from dependency injection (the default for class and interface types).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class FromServicesAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata;
