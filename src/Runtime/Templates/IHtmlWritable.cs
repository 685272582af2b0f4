namespace Reinhardt.Templates;

/// <summary>
/// A value that writes its own HTML (Django's <c>__html__</c> protocol): a compiled template writes it through
/// <see cref="WriteHtml"/> instead of escaping its text. Forms, bound fields and error lists implement it; the
/// implementation is responsible for escaping whatever data it contains.
/// </summary>
public interface IHtmlWritable
{
    /// <summary>Writes the value's HTML to <paramref name="writer"/>.</summary>
    void WriteHtml(ref TemplateWriter writer);
}
