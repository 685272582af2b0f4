using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Generators.Tests.Common;

public class DiagnosticCatalogTests
{
    [Fact]
    public void Every_generator_diagnostic_is_documented_and_tracked() =>
        DiagnosticCatalog.AssertComplete(typeof(DiagnosticDescriptors), "src/Generators");
}
