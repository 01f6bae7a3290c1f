using System.Runtime.CompilerServices;
using Functional.TorchAdapter.Backend;

namespace Functional.Tests.Shared;

/// <summary>Tests that train in their own process compute as the CLI does: MKL on its one code path (PyTorchArithmetic).</summary>
static class PyTorchArithmeticInTests
{
    [ModuleInitializer]
    internal static void BeforeAnyTest() => PyTorchArithmetic.UseEverywhere();
}
