using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Templates;

/// <summary>What a context value is, as far as the template language cares.</summary>
internal enum TemplateValueKind
{
    Object,
    String,
    Boolean,
    Integer,
    Float,
    Decimal,
    DateTime,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Guid,
    Enum,
    Safe,
    Sequence,
    Mapping,
}

/// <summary>A member a template can look up: <c>question.question_text</c> is <c>QuestionText</c>.</summary>
/// <param name="Name">The C# member name.</param>
/// <param name="TemplateName">The name templates use (snake_case, as Django's fields).</param>
/// <param name="TypeKey">The key of the member's type in <see cref="TemplateContextSpec.Types"/>.</param>
/// <param name="Nullable">Whether the value may be <see langword="null"/> (a nullable reference or value type).</param>
/// <param name="IsMethod">A parameterless method, called as Django calls callables.</param>
internal sealed record TemplateMember(string Name, string TemplateName, string TypeKey, bool Nullable, bool IsMethod);

/// <summary>A type reachable from the context: its kind, its element (sequences, mappings) and its members.</summary>
/// <param name="Key">The fully qualified type (nullable value types unwrapped), <c>global::</c> prefixed.</param>
/// <param name="ElementTypeKey">A sequence's element type or a mapping's value type.</param>
/// <param name="Indexable">A list or array (<c>items.0</c>).</param>
internal sealed record TemplateType(string Key, TemplateValueKind Kind, string? ElementTypeKey, bool Indexable, EquatableArray<TemplateMember> Members);

/// <summary>A <c>[Template]</c> context: the partial type, its template, and every type a template could reach from it.</summary>
internal sealed record TemplateContextSpec(HierarchyInfo Hierarchy, string TemplatePath, string RootTypeKey, EquatableArray<TemplateType> Types);

/// <summary>A parsed context and its diagnostics (with locations, kept apart from the spec).</summary>
internal sealed record TemplateContextParseResult(TemplateContextSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? AttributeLocation = null);
