namespace Reinhardt.Runtime.Tests.Models;

[Model(App = "polls")]
public partial class Question
{
    public long Id { get; set; }

    [MaxLength(200)]
    public string QuestionText { get; set; } = "";

    public DateTimeOffset PubDate { get; set; }
}

[Model(App = "polls")]
public partial class Choice
{
    public long Id { get; set; }
    public long QuestionId { get; set; }
    [MaxLength(200)] public string ChoiceText { get; set; } = "";
    public int Votes { get; set; }
    public int? Rank { get; set; }
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
