using System.Collections;
using Reinhardt.Templates;

namespace Reinhardt.Forms;

/// <summary>
/// The error messages of one field, or of the whole form (Django's <c>ErrorList</c>): renders as
/// <c>&lt;ul class="errorlist" id="id_x_error"&gt;&lt;li&gt;...&lt;/li&gt;&lt;/ul&gt;</c>, nothing when empty.
/// </summary>
public sealed class ErrorList : IReadOnlyList<string>, IHtmlWritable
{
    private readonly List<string> _messages = [];

    /// <summary>An empty list with the <c>errorlist</c> class, linked to the field whose id is <paramref name="fieldId"/>.</summary>
    public ErrorList(string? fieldId = null, string errorClass = "errorlist")
    {
        FieldId = string.IsNullOrEmpty(fieldId) ? null : fieldId;
        ErrorClass = errorClass;
    }

    /// <summary>The CSS class of the list: <c>errorlist</c>, or <c>errorlist nonfield</c> for the form's own errors.</summary>
    public string ErrorClass { get; }

    /// <summary>The field's id; the list's id is it followed by <c>_error</c>, which the field's <c>aria-describedby</c> names.</summary>
    public string? FieldId { get; }

    /// <inheritdoc/>
    public int Count => _messages.Count;

    /// <inheritdoc/>
    public string this[int index] => _messages[index];

    /// <summary>Adds a message.</summary>
    public void Add(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _messages.Add(message);
    }

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => _messages.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public void WriteHtml(ref TemplateWriter writer)
    {
        if (_messages.Count == 0)
        {
            return;
        }

        writer.WriteLiteral("<ul class=\""u8);
        writer.Write(ErrorClass);
        writer.WriteLiteral("\""u8);
        if (FieldId is not null)
        {
            writer.WriteLiteral(" id=\""u8);
            writer.Write(FieldId);
            writer.WriteLiteral("_error\""u8);
        }

        writer.WriteLiteral(">"u8);
        foreach (var message in _messages)
        {
            writer.WriteLiteral("<li>"u8);
            writer.Write(message);
            writer.WriteLiteral("</li>"u8);
        }

        writer.WriteLiteral("</ul>"u8);
    }

    /// <summary>The list's HTML (<c>&lt;ul class="errorlist"&gt;...</c>, empty without messages) as a string.</summary>
    public string Render() => FormLayout.ToHtml(this);

    /// <summary>The messages, one per line with a leading <c>* </c> (Django's <c>as_text</c>).</summary>
    public override string ToString() => string.Join("\n", _messages.Select(m => "* " + m));
}

/// <summary>
/// A form's errors by field name (Django's <c>ErrorDict</c>); the form's own errors are under <see cref="NonFieldErrorsKey"/>.
/// Renders as <c>&lt;ul class="errorlist"&gt;&lt;li&gt;field&lt;ul class="errorlist"&gt;...&lt;/ul&gt;&lt;/li&gt;&lt;/ul&gt;</c>.
/// </summary>
public sealed class FormErrors : IReadOnlyDictionary<string, ErrorList>, IHtmlWritable
{
    /// <summary>The key of errors that belong to no field (Django's <c>__all__</c>).</summary>
    public const string NonFieldErrorsKey = "__all__";

    private readonly Dictionary<string, ErrorList> _errors = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <inheritdoc/>
    public int Count => _errors.Count;

    /// <inheritdoc/>
    public ErrorList this[string key] => _errors[key];

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _order;

    /// <inheritdoc/>
    public IEnumerable<ErrorList> Values => _order.Select(k => _errors[k]);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _errors.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ErrorList value) => _errors.TryGetValue(key, out value);

    internal ErrorList GetOrAdd(string key, Func<ErrorList> create)
    {
        if (!_errors.TryGetValue(key, out var list))
        {
            _errors[key] = list = create();
            _order.Add(key);
        }

        return list;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, ErrorList>> GetEnumerator() => _order.Select(k => new KeyValuePair<string, ErrorList>(k, _errors[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public void WriteHtml(ref TemplateWriter writer)
    {
        if (_errors.Count == 0)
        {
            return;
        }

        writer.WriteLiteral("<ul class=\"errorlist\">"u8);
        foreach (var key in _order)
        {
            writer.WriteLiteral("<li>"u8);
            writer.Write(key);
            _errors[key].WriteHtml(ref writer);
            writer.WriteLiteral("</li>"u8);
        }

        writer.WriteLiteral("</ul>"u8);
    }
}
