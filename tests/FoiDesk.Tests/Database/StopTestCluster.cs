using FoiDesk.Tests.Database;

// An NUnit [SetUpFixture] applies to its namespace and those below it: here, every test of the assembly.
namespace FoiDesk.Tests;

/// <summary>
/// Stops the shared test cluster when this assembly's tests are done, rather than relying on process exit
/// alone, which a test host that is killed or crashes never reaches (issue 13: /tmp/fdt-* servers left running).
/// </summary>
[SetUpFixture]
public sealed class StopTestCluster
{
    [OneTimeTearDown]
    public void AfterAllTests() => TestCluster.Stop();
}
