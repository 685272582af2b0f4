using Microsoft.CodeAnalysis;

namespace Reinhardt.Generators;

/// <summary>
/// Every diagnostic the generators report. IDs are never reused; retired ones stay as comments.
/// Range RH0xxx: generator usage (models, forms, views, templates).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string HelpLinkBase = "https://github.com/reinhardt-web/reinhardt/blob/main/docs/diagnostics/";

    private static DiagnosticDescriptor Error(string id, string title, string message, string category = "Usage") =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");

    private static DiagnosticDescriptor Warning(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");

    // Models: RH0001-RH0099
    public static readonly DiagnosticDescriptor ModelMustBePartial = Error(
        "RH0001",
        "Model class must be partial",
        "Model '{0}' must be declared 'partial' so Reinhardt can generate its members");

    public static readonly DiagnosticDescriptor UnsupportedFieldType = Error(
        "RH0002",
        "Unsupported model field type",
        "Property '{0}.{1}' has type '{2}', which is not a supported model field type");

    public static readonly DiagnosticDescriptor ModelWithoutPrimaryKey = Error(
        "RH0003",
        "Model has no primary key",
        "Model '{0}' has no primary key: add a 'long Id {{ get; set; }}' property");

    public static readonly DiagnosticDescriptor DatabaseMustBePartial = Error(
        "RH0004",
        "Database class must be partial",
        "Database '{0}' must be declared 'partial' so Reinhardt can generate its query sets");

    public static readonly DiagnosticDescriptor RelationMustBePartial = Error(
        "RH0005",
        "Relation property must be partial",
        "Relation '{0}.{1}' must be a 'partial' property so Reinhardt can implement it (keeping '{1}Id' in step and refusing to read it unloaded)");

    public static readonly DiagnosticDescriptor RelationTargetNotModel = Error(
        "RH0006",
        "Relation to a type that is not a model",
        "Relation '{0}.{1}' points to '{2}', which is not a [Model] class");

    public static readonly DiagnosticDescriptor SetNullOnNonNullableRelation = Error(
        "RH0007",
        "OnDelete.SetNull on a non-nullable relation",
        "Relation '{0}.{1}' uses OnDelete.SetNull but is not nullable: declare it with '?' or choose another OnDelete");

    public static readonly DiagnosticDescriptor InvalidCheckMethod = Error(
        "RH0008",
        "Check constraint method has the wrong shape",
        "Check constraint '{0}.{1}' must be 'static Q {1}(Columns c)': static, taking the model's Columns and returning a condition");

    public static readonly DiagnosticDescriptor UnknownUniqueTogetherField = Error(
        "RH0009",
        "UniqueTogether names an unknown field",
        "UniqueTogether on '{0}' names '{1}', which is not a field of the model");

    public static readonly DiagnosticDescriptor ValidatorDoesNotFitType = Error(
        "RH0010",
        "Validator does not fit the field type",
        "[{2}] on '{0}.{1}' does not fit its type '{3}'");

    public static readonly DiagnosticDescriptor GeneratedMemberClash = Error(
        "RH0011",
        "Member clashes with a generated member",
        "Member '{0}.{1}' has the name of a member Reinhardt generates for models; rename it");

    public static readonly DiagnosticDescriptor DuplicateTableName = Error(
        "RH0012",
        "Two models share a table",
        "Model '{0}' uses table '{1}', which model '{2}' already uses; set [Model(Table = ...)] or a different App");

    public static readonly DiagnosticDescriptor TwoPrimaryKeys = Error(
        "RH0013",
        "Model has two primary keys",
        "Model '{0}' marks '{1}' as [PrimaryKey] but '{2}' already is its primary key");

    public static readonly DiagnosticDescriptor PrimaryKeyNotInteger = Error(
        "RH0014",
        "Primary key is not an integer",
        "Primary key '{0}.{1}' has type '{2}'; a primary key is an auto-increment 'long' or 'int'");

    public static readonly DiagnosticDescriptor InvalidChoicesSource = Error(
        "RH0016",
        "Choices source missing or of the wrong type",
        "[Choices(\"{2}\")] on '{0}.{1}' needs a static member '{2}' listing '{3}' values or ('{3}', string) pairs");

    public static readonly DiagnosticDescriptor DuplicateMigration = Error(
        "RH0017",
        "Two migrations have the same name",
        "Migration '{0}' is declared twice; rename or delete one of the files");

    public static readonly DiagnosticDescriptor MissingMigrationDependency = Error(
        "RH0018",
        "Migration depends on a migration that does not exist",
        "Migration '{0}' depends on '{1}', which no migration file declares");

    public static readonly DiagnosticDescriptor UnknownIndexField = Error(
        "RH0019",
        "Index names an unknown field",
        "Index on '{0}' names '{1}', which is not a field of the model");

    public static readonly DiagnosticDescriptor InvalidCommand = Error(
        "RH0020",
        "Command class has the wrong shape",
        "Command '{0}' must be a non-abstract class implementing IManagementCommand with a public constructor");

    public static readonly DiagnosticDescriptor InvalidThroughModel = Error(
        "RH0015",
        "Through model lacks the foreign keys of the relation",
        "Many-to-many '{0}.{1}' goes through '{2}', which must be a [Model] with a [ForeignKey] to each side");

    // Views: RH0030-RH0049 (route typing and conflicts are RH1003/RH1004 in the typing range)
    public static readonly DiagnosticDescriptor ViewMustBePartial = Error(
        "RH0030",
        "View class must be partial, non-generic and constructible",
        "View '{0}' must be a non-generic, non-abstract 'partial' class (in partial containing types) with an accessible constructor, so Reinhardt can create it per request");

    public static readonly DiagnosticDescriptor InvalidRouteTemplate = Error(
        "RH0031",
        "Invalid route template",
        "Route '{0}' is not valid: {1}");

    public static readonly DiagnosticDescriptor UnsupportedHandlerParameter = Error(
        "RH0032",
        "Handler parameter cannot be bound",
        "Parameter '{0}' of {1} has type '{2}', which Reinhardt cannot bind: use a route value, a query or header value (string, a parsable type, an enum), [FromBody], a service, HttpContext or CancellationToken");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "RH0033",
        "Handler return type is not supported",
        "Handler {0} returns '{1}': return IResult, a typed result, or Task/ValueTask of one");

    public static readonly DiagnosticDescriptor DuplicateRouteName = Error(
        "RH0034",
        "Route name used for different URLs",
        "Route name '{0}' on {1} is already the name of '{2}' ({3}): reverse URLs need one URL per name");

    public static readonly DiagnosticDescriptor InvalidRateLimit = Error(
        "RH0035",
        "Invalid rate limit",
        "Rate '{0}' on {1} is not valid: write 'count/period' with period s, m, h or d, optionally multiplied (e.g. '5/m', '100/15m')");

    public static readonly DiagnosticDescriptor InvalidWebSocketHandler = Error(
        "RH0036",
        "WebSocket handler has the wrong shape",
        "WebSocket handler {0} must take a System.Net.WebSockets.WebSocket parameter and return Task or ValueTask (it returns '{1}')");

    // Templates: RH0040-RH0049 (and RH1007, RH1008, RH4002 in the typing and CSRF ranges); the parser's and binder's error ids map here
    public static readonly DiagnosticDescriptor TemplateSyntaxError = Error(
        "RH0040",
        "Template syntax error",
        "{0}");

    public static readonly DiagnosticDescriptor UnknownTemplateTag = Error(
        "RH0041",
        "Unknown template tag",
        "{0}");

    public static readonly DiagnosticDescriptor UnclosedTemplateTag = Error(
        "RH0042",
        "Unclosed or mismatched template block",
        "{0}");

    public static readonly DiagnosticDescriptor MisplacedExtends = Error(
        "RH0043",
        "extends is not the first tag",
        "{0}");

    public static readonly DiagnosticDescriptor DuplicateTemplateBlock = Error(
        "RH0044",
        "Block name used twice in a template",
        "{0}");

    public static readonly DiagnosticDescriptor TemplateNotFound = Error(
        "RH0046",
        "Template not found",
        "{0}");

    public static readonly DiagnosticDescriptor UnresolvedTemplateName = Error(
        "RH1007",
        "Template variable or filter does not resolve",
        "{0}",
        "Typing");

    public static readonly DiagnosticDescriptor TemplateValueTypeMismatch = Error(
        "RH0047",
        "Template value of the wrong type",
        "{0}");

    public static readonly DiagnosticDescriptor UnresolvedTemplateUrl = Error(
        "RH1008",
        "Reverse URL with an unknown route or wrong arguments",
        "{0}",
        "Typing");

    public static readonly DiagnosticDescriptor PostFormWithoutCsrfToken = Error(
        "RH4002",
        "POST form without {% csrf_token %}",
        "{0}",
        "Security");

    public static readonly DiagnosticDescriptor TemplateValueInCode = Error(
        "RH3003",
        "Template variable inside a script, style or event handler",
        "{0}",
        "Security");

    public static readonly DiagnosticDescriptor TemplateUrlFromPlainText = Warning(
        "RH3004",
        "URL attribute bound to plain text",
        "{0}",
        "Security");

    public static readonly DiagnosticDescriptor TemplateEscapingOff = Warning(
        "RH3005",
        "Escaping turned off for data",
        "{0}",
        "Security");

    /// <summary>The descriptor of a template parser or binder error id.</summary>
    public static DiagnosticDescriptor ForTemplateError(string id) => id switch
    {
        "RH0041" => UnknownTemplateTag,
        "RH0042" => UnclosedTemplateTag,
        "RH0043" => MisplacedExtends,
        "RH0044" => DuplicateTemplateBlock,
        "RH0046" => TemplateNotFound,
        "RH1007" => UnresolvedTemplateName,
        "RH0047" => TemplateValueTypeMismatch,
        "RH1008" => UnresolvedTemplateUrl,
        "RH4002" => PostFormWithoutCsrfToken,
        "RH3003" => TemplateValueInCode,
        "RH3004" => TemplateUrlFromPlainText,
        "RH3005" => TemplateEscapingOff,
        _ => TemplateSyntaxError,
    };

    public static readonly DiagnosticDescriptor TemplateContextMustBePartial = Error(
        "RH0045",
        "Template context must be partial and non-generic",
        "Template context '{0}' must be a non-generic 'partial' class or record so Reinhardt can add its renderer");

    // Forms: RH0050-RH0059 (validators that do not fit and bad choice sources share the models' RH0010 and RH0016)
    public static readonly DiagnosticDescriptor FormMustBePartial = Error(
        "RH0050",
        "Form class must be partial and non-generic",
        "Form '{0}' must be a non-generic 'partial' class (and every containing type partial) so Reinhardt can generate its binder and validation");

    public static readonly DiagnosticDescriptor ModelFormUnknownField = Error(
        "RH0051",
        "Model form names a field the model lacks",
        "Model form '{0}' names field '{1}', which model '{2}' does not have as a public settable property");

    public static readonly DiagnosticDescriptor UnsupportedFormFieldType = Error(
        "RH0052",
        "Unsupported form field type",
        "Property '{0}' has type '{1}', which is not a form field type (string, numbers, bool, dates, times, Guid, enums, IFormFile, or arrays of choices)");

    public static readonly DiagnosticDescriptor InvalidValidatorMethod = Error(
        "RH0053",
        "Custom validator method is missing or has the wrong shape",
        "[Validator(\"{0}\")] on '{1}' must name a static method of the form taking the field's value and returning string? (the error, or null)");

    // Admin: RH0060-RH0069
    public static readonly DiagnosticDescriptor AdminMustBePartial = Error(
        "RH0060",
        "Admin or inline class must be partial and non-generic",
        "Admin class '{0}' must be a non-generic 'partial' class (and every containing type partial) so Reinhardt can generate its admin");

    public static readonly DiagnosticDescriptor AdminUnknownMember = Error(
        "RH0061",
        "Admin names a member the model lacks",
        "Admin '{0}' names '{1}', which model '{2}' does not have as a public property or parameterless method");

    public static readonly DiagnosticDescriptor AdminInvalidMember = Error(
        "RH0062",
        "Admin option cannot use this member",
        "Admin '{0}' cannot use '{1}' in {2}: {3}");

    public static readonly DiagnosticDescriptor AdminInvalidInline = Error(
        "RH0063",
        "Inline does not fit its admin",
        "Inline '{0}' cannot be used by '{1}': {2}");

    public static readonly DiagnosticDescriptor AdminInvalidAction = Error(
        "RH0064",
        "Admin action method has the wrong shape",
        "[AdminAction] method '{0}' must return Task and take QuerySet<{1}, {1}.Columns> (and optionally a CancellationToken); its Permission must be view, add, change or delete");

    public static readonly DiagnosticDescriptor RouteParameterMismatch = Error(
        "RH1003",
        "Route parameter and handler parameter disagree",
        "{0}",
        "Typing");

    public static readonly DiagnosticDescriptor ConflictingRoutes = Error(
        "RH1004",
        "Routes match the same URLs",
        "Route '{0}' on {1} matches the same URLs as '{2}' on {3}: make the patterns or converters distinct",
        "Typing");
}
