using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Analyzers.Tests;

public class DiagnosticCatalogTests
{
    [Fact]
    public void Every_analyzer_diagnostic_is_documented_and_tracked() =>
        DiagnosticCatalog.AssertComplete(typeof(DiagnosticDescriptors), "src/Analyzers");
}
