namespace Reinhardt.Runtime.Tests.Models;

[Model(App = "polls")]
public partial class Author
{
    public long Id { get; set; }
    [MaxLength(100)] public string Name { get; set; } = "";
}

[Model(App = "polls")]
public partial class Profile
{
    public long Id { get; set; }
    [OneToOne(OnDelete.Cascade)] public partial Author Author { get; set; }
    [MaxLength(100)] public string Bio { get; set; } = "";
}

[Model(App = "polls")]
public partial class Question
{
    public long Id { get; set; }

    [MaxLength(200)]
    public string QuestionText { get; set; } = "";

    public DateTimeOffset PubDate { get; set; }

    [ForeignKey(OnDelete.SetNull, RelatedName = "Questions")]
    public partial Author? Author { get; set; }
}

[Model(App = "polls")]
public partial class Choice
{
    public long Id { get; set; }
    [ForeignKey(OnDelete.Cascade)] public partial Question Question { get; set; }
    [MaxLength(200)] public string ChoiceText { get; set; } = "";
    public int Votes { get; set; }
    public int? Rank { get; set; }
}

/// <summary>A ballot: protects its choice from deletion.</summary>
[Model(App = "polls")]
public partial class Ballot
{
    public long Id { get; set; }
    [ForeignKey(OnDelete.Protect)] public partial Choice Choice { get; set; }
}

/// <summary>A review: restricts deleting its question, but is cascaded away with its choice.</summary>
[Model(App = "polls")]
public partial class Review
{
    public long Id { get; set; }
    [ForeignKey(OnDelete.Restrict)] public partial Question Question { get; set; }
    [ForeignKey(OnDelete.Cascade)] public partial Choice? Choice { get; set; }
}

[Model(App = "kitchen")]
public partial class EveryType
{
    public long Id { get; set; }
    public bool Flag { get; set; }
    public int Small { get; set; }
    public long Big { get; set; }
    public double Ratio { get; set; }
    public decimal Price { get; set; }
    [MaxLength(20)] public string Code { get; set; } = "";
    [Text] public string? Notes { get; set; }
    public int? MaybeCount { get; set; }
    public Guid Token { get; set; }
    public byte[] Blob { get; set; } = [];
    public DateTime When { get; set; }
    public DateOnly Day { get; set; }
    public TimeOnly At { get; set; }
    public TimeSpan Duration { get; set; }
    public DateTimeOffset? Maybe { get; set; }
}

[Database]
public partial class TestDb;

/// <summary>Every validator and constraint kind, for FullClean tests.</summary>
[Model(App = "kitchen")]
[UniqueTogether(nameof(Name), nameof(Price))]
[Index(nameof(Kind), nameof(Size), Name = "product_kind_size")]
public partial class Product
{
    public long Id { get; set; }
    [Unique, MaxLength(20), RegularExpression("^[A-Z]+$")] public string Code { get; set; } = "";
    [MinLength(3), MaxLength(50)] public string Name { get; set; } = "";
    [Blank, MaxLength(100)] public string Notes { get; set; } = "";
    [Range(0, 1000)] public decimal Price { get; set; }
    [Choices(nameof(Kinds)), MaxLength(10)] public string Kind { get; set; } = "tool";
    [Choices(nameof(Sizes))] public int? Size { get; set; }
    [DbIndex] public int Stock { get; set; }
    public int? Reserved { get; set; }

    public static readonly (string Value, string Label)[] Kinds = [("tool", "Tool"), ("part", "Spare part")];

    public static IEnumerable<int> Sizes => [1, 2, 3];

    [Check]
    private static Q StockCoversReserved(Columns c) => c.Stock >= 0 & (c.Reserved.IsNull() | c.Reserved <= c.Stock.AsNullable());

    partial void Clean(ValidationErrors errors)
    {
        if (Name == "forbidden")
        {
            errors.Add(ValidationErrors.NonFieldErrors, "This name is reserved.");
        }
    }
}

[Model(App = "blog")]
public partial class Tag
{
    public long Id { get; set; }
    [MaxLength(50), Unique] public string Name { get; set; } = "";
}

[Model(App = "blog")]
public partial class Article
{
    public long Id { get; set; }
    [MaxLength(100)] public string Title { get; set; } = "";
    [ManyToMany] public partial ManyToMany<Tag> Tags { get; }
    [ManyToMany(Through = typeof(Authorship), RelatedName = "Articles")] public partial ManyToMany<Author> Writers { get; }
}

/// <summary>An explicit through model, with a field of its own.</summary>
[Model(App = "blog")]
public partial class Authorship
{
    public long Id { get; set; }
    [ForeignKey(OnDelete.Cascade)] public partial Article Article { get; set; }
    [ForeignKey(OnDelete.Cascade)] public partial Author Author { get; set; }
    public int? Position { get; set; }
}
