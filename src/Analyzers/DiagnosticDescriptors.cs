using Microsoft.CodeAnalysis;

namespace Reinhardt.Analyzers;

/// <summary>
/// Every diagnostic the analyzers report. IDs are never reused; retired ones stay as comments.
/// Ranges: RH1xxx typing, RH2xxx SQL injection, RH3xxx XSS, RH4xxx CSRF, RH5xxx cookies, headers,
/// hosts and redirects, RH6xxx secrets and crypto, RH7xxx request limits, RH9xxx AOT safety.
/// </summary>
public static class DiagnosticDescriptors
{
    private const string HelpLinkBase = "https://github.com/reinhardt-web/reinhardt/blob/main/docs/diagnostics/";

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");

    /// <summary>RH1001: a project using Reinhardt has nullable reference types disabled.</summary>
    public static readonly DiagnosticDescriptor NullableDisabled = Create(
        "RH1001",
        "Enable nullable reference types",
        "Project '{0}' uses Reinhardt with nullable reference types disabled; set <Nullable>enable</Nullable> so NULL columns and optional fields are typed",
        "Design",
        DiagnosticSeverity.Error);

    /// <summary>RH2003: an interpolated value is wrapped in quotes inside raw SQL.</summary>
    public static readonly DiagnosticDescriptor QuotedSqlPlaceholder = Create(
        "RH2003",
        "Quoted placeholder in raw SQL",
        "'{{{0}}}' is wrapped in quotes in raw SQL: interpolated values are parameters, so the quotes make it the literal text '@p0'; remove them",
        "Security",
        DiagnosticSeverity.Error);

    /// <summary>RH1006: a string model field has no maximum length.</summary>
    public static readonly DiagnosticDescriptor StringFieldWithoutMaxLength = Create(
        "RH1006",
        "String model field without a maximum length",
        "String field '{0}.{1}' has no [MaxLength]; add one so the column and its forms agree, or mark it [Text] if it is unbounded",
        "Design",
        DiagnosticSeverity.Warning);
}
