using System.Text;

namespace Reinhardt.Generators.Common;

/// <summary>Django's naming: C# <c>QuestionText</c> is the field <c>question_text</c>.</summary>
internal static class IdentifierCase
{
    /// <summary>
    /// PascalCase or camelCase to snake_case; acronyms stay one word
    /// (<c>HTMLContent</c> → <c>html_content</c>, <c>Line2Text</c> → <c>line2_text</c>).
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var startsWordAfterAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (previousIsLowerOrDigit || startsWordAfterAcronym)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// English plural of a PascalCase type name, for query-set names (<c>Question</c> → <c>Questions</c>,
    /// <c>Category</c> → <c>Categories</c>, <c>Box</c> → <c>Boxes</c>).
    /// </summary>
    public static string Pluralize(string name)
    {
        if (name.Length > 1 && name.EndsWith("y", System.StringComparison.Ordinal) && "aeiou".IndexOf(char.ToLowerInvariant(name[name.Length - 2])) < 0)
        {
            return name.Substring(0, name.Length - 1) + "ies";
        }

        foreach (var suffix in new[] { "s", "x", "z", "ch", "sh" })
        {
            if (name.EndsWith(suffix, System.StringComparison.Ordinal))
            {
                return name + "es";
            }
        }

        return name + "s";
    }
}
