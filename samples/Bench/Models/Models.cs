namespace Bench.Models;

/// <summary>TechEmpower's <c>World</c> table: 10,000 rows, each with a random number 1-10,000.</summary>
[Model(Table = "World")]
public partial class World
{
    /// <summary>The primary key, 1 to 10,000.</summary>
    public long Id { get; set; }

    /// <summary>A number 1 to 10,000 (column <c>random_number</c>).</summary>
    public int RandomNumber { get; set; }
}

/// <summary>TechEmpower's <c>Fortune</c> table: 12 messages.</summary>
[Model(Table = "Fortune")]
public partial class Fortune
{
    /// <summary>The primary key.</summary>
    public long Id { get; set; }

    /// <summary>The fortune (unescaped; the template escapes it).</summary>
    [MaxLength(2048)]
    public string Message { get; set; } = "";
}

/// <summary>The benchmark's database: <c>db.Worlds</c>, <c>db.Fortunes</c>.</summary>
[Database]
public partial class BenchDb;
