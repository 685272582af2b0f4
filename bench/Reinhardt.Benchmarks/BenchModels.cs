namespace Reinhardt.Benchmarks;

/// <summary>A typical content row: key, two strings, a number, a flag.</summary>
[Model(App = "bench")]
public partial class Post
{
    public long Id { get; set; }
    [MaxLength(200)] public string Title { get; set; } = "";
    [Text] public string Body { get; set; } = "";
    public int Score { get; set; }
    public bool Published { get; set; }
}

/// <summary>The same shape as a plain class, for the hand-written and Dapper baselines.</summary>
public sealed class PostRow
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public int Score { get; set; }
    public bool Published { get; set; }
}

[Database]
public partial class BenchDb;
