using Functional.Formats.Safetensors;
using Functional.Formats.TorchSave;
using Functional.Formats;
using Xunit;

namespace Functional.Tests.Formats;

public sealed class ModelFileTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    [Fact]
    public void Both_formats_are_recognised_by_content()
    {
        var dict = StateDicts.LinearRegression(1f, 2f);
        Assert.Equal(ModelFileFormat.TorchSave, ModelFile.Detect(TorchSaveFormat.Write(dict)).IfFail(_ => throw new Xunit.Sdk.XunitException("torch")));
        Assert.Equal(ModelFileFormat.Safetensors, ModelFile.Detect(SafetensorsFormat.Write(dict, NoMetadata)).IfFail(_ => throw new Xunit.Sdk.XunitException("safetensors")));
        Assert.True(StateDicts.BitIdentical(dict, ModelFile.Read(SafetensorsFormat.Write(dict, NoMetadata)).Match(l => l.StateDict, e => throw new Xunit.Sdk.XunitException(e.Message))));
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 1, 2, 3 }, "not a PyTorch or safetensors file")]
    [InlineData(new byte[] { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0 }, "legacy")]
    public void Other_content_is_refused_with_one_clear_message(byte[] bytes, string expected) =>
        Assert.Contains(expected, ModelFile.Read(bytes).Match(_ => "loaded!", e => e.Message));

    [Fact]
    public void A_zip_that_is_not_pytorch_is_refused()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open())) writer.Write("hello");
        Assert.Contains("not a PyTorch file", ModelFile.Read(stream.ToArray()).Match(_ => "loaded!", e => e.Message));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_values_are_refused_unless_allowed(float bad)
    {
        var bytes = TorchSaveFormat.Write(StateDicts.LinearRegression(bad, 0f));
        Assert.Contains("non-finite", ModelFile.Read(bytes).Match(_ => "loaded!", e => e.Message));
        Assert.True(ModelFile.Read(bytes, allowNonFinite: true).IsSucc);
    }
}
