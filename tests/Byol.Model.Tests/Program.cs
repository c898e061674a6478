using System.Globalization;
using Byol.Model.Tests.Runtime;

namespace Byol.Model.Tests;

/// <summary>
/// The test assembly's entry point, in place of the test SDK's empty generated one (GenerateProgramFile is off in the
/// project file). Test runners load the assembly and never call it; a test that needs a process of its own (its own
/// environment, or a crash that must not take the runner down) starts this assembly with a command.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) => args switch
    {
        [ScalarLifetimeStress.Command, var seconds, var steps] => ScalarLifetimeStress.Run(
            TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)), long.Parse(steps, CultureInfo.InvariantCulture), Console.Out),
        [MallocArenasTests.Command] => MallocArenasTests.RunChild(Console.Out),
        _ => 0,
    };
}
