namespace Reinhardt.Runtime.Tests.Models;

[Model(App = "polls")]
public partial class Question
{
    public long Id { get; set; }

    [MaxLength(200)]
    public string QuestionText { get; set; } = "";

    public DateTimeOffset PubDate { get; set; }
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
}
