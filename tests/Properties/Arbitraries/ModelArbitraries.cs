using FsCheck;
using FsCheck.Fluent;
using Functional.Formats;
using Functional.Models;
using Functional.TorchAdapter.Models;

namespace Functional.Tests.Properties.Arbitraries;

public static class ModelArbitraries
{
    /// <summary>Every model in the catalog, so a newly declared model is covered with no change here.</summary>
    public static Arbitrary<TorchModel> DeclaredModel() => Gen.Elements(ModelCatalog.All.ToArray()).ToArbitrary();

    public static Arbitrary<ModelFileFormat> ModelFileFormat() =>
        Gen.Elements(Formats.ModelFileFormat.TorchSave, Formats.ModelFileFormat.Safetensors).ToArbitrary();
}
