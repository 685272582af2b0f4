// Uses generated members (generator works) and would trip RH1006 without [MaxLength] (analyzers load).
Console.WriteLine(Note.TableName + " " + Note.ColumnList);

[Model(App = "notes")]
public partial class Note
{
    public long Id { get; set; }
    [MaxLength(100)] public string Title { get; set; } = "";
}

#if ANALYZER_PROBE
// .ci/run builds this once to see that the packaged analyzers run: RH1006 must fire here.
[Model(App = "notes")]
public partial class Probe
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
}
#endif
