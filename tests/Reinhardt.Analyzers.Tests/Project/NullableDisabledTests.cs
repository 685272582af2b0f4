using Microsoft.CodeAnalysis;
using Reinhardt.Analyzers.Project;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Analyzers.Tests.Project;

public class NullableDisabledTests
{
    private const string UsesReinhardt = "[Reinhardt.Model] public partial class Tag { public long Id { get; set; } }";

    [Fact]
    public async Task Fires_when_nullable_is_disabled()
    {
        var compilation = CompilationFactory.Create([UsesReinhardt], nullable: NullableContextOptions.Disable);
        var diagnostic = Assert.Single(await AnalyzerHarness.GetDiagnosticsAsync(new NullableDisabledAnalyzer(), compilation));
        Assert.Equal("RH1001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("TestApp", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NullableContextOptions.Enable)]
    [InlineData(NullableContextOptions.Annotations)]
    [InlineData(NullableContextOptions.Warnings)]
    public async Task Is_silent_when_nullable_is_on(NullableContextOptions nullable) =>
        Assert.Empty(await AnalyzerHarness.GetDiagnosticsAsync(new NullableDisabledAnalyzer(), CompilationFactory.Create([UsesReinhardt], nullable: nullable)));

    [Fact]
    public async Task Is_silent_in_projects_without_Reinhardt()
    {
        // the test references always include Reinhardt; a compilation without it shows the rule stays silent
        var compilation = CompilationFactory.Create(["public class C { }"], nullable: NullableContextOptions.Disable)
            .RemoveReferences(CompilationFactory.References.Where(r => r.Display?.EndsWith("Reinhardt.dll", StringComparison.Ordinal) == true));
        Assert.Empty(await AnalyzerHarness.GetDiagnosticsAsync(new NullableDisabledAnalyzer(), compilation));
    }
}
