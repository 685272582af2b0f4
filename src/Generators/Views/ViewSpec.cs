using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Views;

/// <summary>What a route segment matches, at the level the matcher decides (<c>int</c> and <c>long</c> are both digits).</summary>
internal enum SegmentKind
{
    Literal,
    Digits,
    Uuid,
    Slug,
    Str,
    Path,
}

/// <summary>Django's path converters.</summary>
internal enum RouteConverter
{
    None,
    Int,
    Long,
    Slug,
    Uuid,
    Str,
    Path,
}

/// <summary>One segment of a route template: a literal, or a parameter with its converter.</summary>
internal sealed record RouteSegmentSpec(SegmentKind Kind, string Text, RouteConverter Converter);

/// <summary>A parsed route template, prefix included.</summary>
internal sealed record RouteTemplateSpec(string Template, EquatableArray<RouteSegmentSpec> Segments)
{
    /// <summary>The URLs the template matches, as a key: equal keys match the same URLs.</summary>
    public string ShapeKey => string.Join("/", System.Linq.Enumerable.Select(Segments, s => s.Kind == SegmentKind.Literal ? "'" + s.Text : "{" + s.Kind + "}"));
}

/// <summary>Where a handler parameter's value comes from.</summary>
internal enum BindingSource
{
    Route,
    Query,
    Header,
    JsonBody,
    Service,
    HttpContext,
    HttpRequest,
    HttpResponse,
    CancellationToken,
    User,
    WebSocket,
    Form,
}

/// <summary>How a query or header value is converted.</summary>
internal enum ValueKind
{
    None,
    String,
    Parsable,
    Enum,
    StringArray,
}

/// <summary>One handler parameter and how the generated code binds it.</summary>
/// <param name="Type">The parameter type, fully qualified (for nullable value types, the underlying type).</param>
/// <param name="Key">The route parameter, query key or header name.</param>
/// <param name="Optional">Absent values are allowed (nullable type or default value).</param>
/// <param name="DefaultValue">The C# literal of the default value, when the parameter has one.</param>
/// <param name="SegmentIndex">For route values: the segment the value is in.</param>
/// <param name="SuffixLength">For <c>path</c> route values: the length of the literal segments after it.</param>
internal sealed record HandlerParameterSpec(
    string Name,
    string Type,
    BindingSource Source,
    string Key,
    ValueKind Kind,
    bool Optional,
    bool NullableValueType,
    string? DefaultValue,
    RouteConverter Converter,
    int SegmentIndex,
    int SuffixLength);

/// <summary>What a handler returns.</summary>
internal enum ReturnKind
{
    Result,
    TaskOfResult,
    ValueTaskOfResult,
    Task,
    ValueTask,
}

/// <summary>One handler: a method of a view class answering one HTTP method on one route.</summary>
internal sealed record RouteSpec(
    string ViewType,
    bool IsStatic,
    string HandlerName,
    string HttpMethod,
    RouteTemplateSpec Template,
    string? UrlNamespace,
    string? Name,
    EquatableArray<HandlerParameterSpec> Parameters,
    ReturnKind Return,
    bool CsrfExempt,
    string? CsrfJustification,
    string? RateLimit,
    string RateLimitBy,
    bool IsWebSocket,
    bool LoginRequired = false,
    bool StaffRequired = false,
    EquatableArray<string> Permissions = default)
{
    /// <summary>The name reverse URLs use: <c>namespace:name</c>, or <c>name</c>.</summary>
    public string? QualifiedName => Name is null ? null : UrlNamespace is null ? Name : UrlNamespace + ":" + Name;
}

/// <summary>A <c>[View]</c> class: its declarations, constructor services and handlers.</summary>
/// <param name="ConstructorParameters">Fully qualified parameter types, <c>HttpContext</c> for the request.</param>
internal sealed record ViewClassSpec(HierarchyInfo Hierarchy, bool HasInstanceHandlers, EquatableArray<string> ConstructorParameters, EquatableArray<RouteSpec> Routes);

/// <summary>A route as declared, with its location, for the app-wide checks (conflicts, duplicate names).</summary>
internal sealed record RouteDeclaration(string ShapeKey, string HttpMethod, string Template, string? QualifiedName, string ReverseSignature, string Display, LocationInfo? Location);

/// <summary>A parsed view class: its spec (null when it cannot be generated), diagnostics and route declarations.</summary>
internal sealed record ViewParseResult(ViewClassSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<RouteDeclaration> Declarations);

/// <summary>Every route of the app, ordered, for the route table and the <c>Urls</c> class.</summary>
internal sealed record RouteTableSpec(string Namespace, EquatableArray<RouteSpec> Routes);
