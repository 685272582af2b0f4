using System.ComponentModel;

namespace Reinhardt.Templates;

/// <summary>
/// The lookups compiled templates make where Django's would quietly give nothing: a list index out of range
/// and a missing dictionary key are <see langword="null"/> (rendered as Django renders <c>None</c> lookups),
/// never an exception.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TemplateLookups
{
    /// <summary><c>items.3</c>.</summary>
    public static T? At<T>(IReadOnlyList<T>? items, int index) =>
        items is not null && index >= 0 && index < items.Count ? items[index] : default;

    /// <summary><c>counts.key</c>.</summary>
    public static TValue? Get<TValue>(IReadOnlyDictionary<string, TValue>? mapping, string key) =>
        mapping is not null && mapping.TryGetValue(key, out var value) ? value : default;
}
