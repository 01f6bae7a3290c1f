using Functional.Formats.Safetensors;
using Functional.Formats.TorchSave;
using Functional.Formats;
using Xunit;

namespace Functional.Tests.Formats;

public sealed class ModelFileTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    private static readonly Domain.Tensors.StateDict Notebook = LinearLayerStateDict.With(1f, 2f);

    [Fact]
    public void Both_formats_are_recognised_by_content()
    {
        Assert.Equal(ModelFileFormat.TorchSave, DetectedFormat(TorchSaveFormat.Write(Notebook)));
        Assert.Equal(ModelFileFormat.Safetensors, DetectedFormat(SafetensorsFormat.Write(Notebook, NoMetadata)));
    }

    [Fact]
    public void A_safetensors_file_read_as_a_model_file_gives_bit_identical_values()
    {
        var loaded = ModelFile.Read(SafetensorsFormat.Write(Notebook, NoMetadata))
            .Match(l => l.StateDict, e => throw new Xunit.Sdk.XunitException(e.Message));
        Assert.Equal("", StateDictBits.FirstDifference(Notebook, loaded).IfNone(""));
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 1, 2, 3 }, "not a PyTorch or safetensors file")]
    [InlineData(new byte[] { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0 }, "legacy")]
    public void Empty_unknown_and_legacy_content_is_refused_with_a_message_naming_what_it_is(byte[] bytes, string expected) =>
        Assert.Contains(expected, ErrorOf(bytes));

    [Fact]
    public void A_zip_that_is_not_pytorch_is_refused()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open()))
            writer.Write("hello");
        Assert.Contains("not a PyTorch file", ErrorOf(stream.ToArray()));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_values_are_refused_unless_allowed(float bad)
    {
        var bytes = TorchSaveFormat.Write(LinearLayerStateDict.With(bad, 0f));
        Assert.Contains("non-finite", ErrorOf(bytes));
        Assert.True(ModelFile.Read(bytes, allowNonFinite: true).IsSucc);
    }

    private static ModelFileFormat DetectedFormat(byte[] bytes) =>
        ModelFile.Detect(bytes).IfFail(e => throw new Xunit.Sdk.XunitException(e.Message));

    private static string ErrorOf(byte[] bytes) => ModelFile.Read(bytes).Match(_ => "loaded!", e => e.Message);
}
