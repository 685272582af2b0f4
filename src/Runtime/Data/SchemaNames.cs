using System.Security.Cryptography;
using System.Text;

namespace Reinhardt.Data;

/// <summary>Django's generated names for indexes and constraints, so schemas match Django's byte for byte.</summary>
public static class SchemaNames
{
    /// <summary>
    /// Django's <c>_create_index_name</c>: <c>{table}_{columns}_{8 hex of md5}{suffix}</c>, shortened
    /// to <paramref name="maxLength"/> the way Django shortens it.
    /// </summary>
    public static string IndexName(string table, IReadOnlyList<string> columns, string suffix = "", int maxLength = 200)
    {
        var hashSuffix = NamesDigest([table, .. columns], 8) + suffix;
        var name = $"{table}_{string.Join("_", columns)}_{hashSuffix}";
        if (name.Length <= maxLength)
        {
            return name;
        }

        var otherLength = (maxLength - hashSuffix.Length) / 2 - 1;
        var tablePart = table.Length > otherLength ? table[..otherLength] : table;
        var joined = string.Join("_", columns);
        var columnPart = joined.Length > otherLength ? joined[..otherLength] : joined;
        return $"{tablePart}_{columnPart}_{hashSuffix}";
    }

    /// <summary>Django's <c>names_digest</c>: md5 over the names, hex, first <paramref name="length"/> characters.</summary>
    public static string NamesDigest(IReadOnlyList<string> names, int length)
    {
        // MD5 here is a name hash for compatibility with Django's schema, never for security
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        foreach (var name in names)
        {
            md5.AppendData(Encoding.UTF8.GetBytes(name));
        }

        return Convert.ToHexStringLower(md5.GetHashAndReset())[..length];
    }
}
