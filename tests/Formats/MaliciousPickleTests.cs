using System.Text;
using Functional.Formats.TorchSave;
using Functional.Formats.Zip;
using Xunit;

namespace Functional.Tests.Formats;

/// <summary>A pickle can name any Python callable; the reader must refuse, by name, everything but the state_dict allow-list.</summary>
public sealed class MaliciousPickleTests
{
    [Theory]
    [InlineData("os", "system", "os.system")]
    [InlineData("builtins", "eval", "builtins.eval")]
    [InlineData("__main__", "LinearRegressionModel", "__main__.LinearRegressionModel")]
    public void A_global_outside_the_allow_list_is_refused_by_name(string module, string name, string expected)
    {
        // PROTO 2, GLOBAL module name, BINUNICODE 'touch /tmp/pwned', TUPLE1, REDUCE, STOP
        var command = Encoding.UTF8.GetBytes("touch /tmp/pwned");
        byte[] pickle =
        [
            0x80, 2, (byte)'c', .. Encoding.ASCII.GetBytes($"{module}\n{name}\n"),
            (byte)'X', (byte)command.Length, 0, 0, 0, .. command, 0x85, (byte)'R', (byte)'.',
        ];

        var error = TorchSaveFormat.Read(ArchiveWith(pickle)).Match(_ => "loaded!", e => e.Message);

        Assert.Contains($"'{expected}'", error);
        Assert.Contains("refused", error);
    }

    /// <summary>The checkpoint reader goes through the same machine: a callable in the optimizer's state is refused by name.</summary>
    [Theory]
    [InlineData("os", "system")]
    [InlineData("torch.optim.adam", "Adam")]
    [InlineData("builtins", "getattr")]
    public void A_checkpoint_whose_optimizer_state_names_a_callable_is_refused_by_name(string module, string name)
    {
        // {'optimizer_state_dict': module.name('x')}
        var pickle = Encoding.Latin1.GetBytes(
            "\u0080\u0002}q\u0000X\u0014\u0000\u0000\u0000optimizer_state_dictq\u0001c" + module + "\n" + name + "\nX\u0001\u0000\u0000\u0000x\u0085Rs.");
        var error = Functional.Formats.Checkpoints.CheckpointFormat.Read(ArchiveWith(pickle)).Match(_ => "loaded!", e => e.Message);
        Assert.Contains($"refused to load '{module}.{name}'", error);
    }

    [Fact]
    public void An_unsupported_dtype_is_named()
    {
        var pickle = Encoding.Latin1.GetBytes("\u0080\u0002ctorch\nHalfStorage\n.");
        var error = TorchSaveFormat.Read(ArchiveWith(pickle)).Match(_ => "loaded!", e => e.Message);
        Assert.Contains("float16", error);
    }

    [Fact]
    public void A_checkpoint_dict_with_non_tensor_values_is_refused_with_the_key()
    {
        // {'epoch': 3}
        var pickle = Encoding.Latin1.GetBytes("\u0080\u0002}q\u0000X\u0005\u0000\u0000\u0000epochq\u0001K\u0003s.");
        var error = TorchSaveFormat.Read(ArchiveWith(pickle)).Match(_ => "loaded!", e => e.Message);
        Assert.Contains("'epoch' is a int", error);
    }

    private static byte[] ArchiveWith(byte[] pickle) => PyTorchZipWriter.Write(
    [
        new ZipEntryContent("archive/data.pkl", pickle),
        new ZipEntryContent("archive/version", "3\n"u8.ToArray()),
    ]);
}
