using ApprovalTests;
using Functional.Domain.Tensors;
using Functional.Formats.TorchSave;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace Functional.Tests.Snapshots;

/// <summary>Every kind of bad model file gets one clear line and a non-zero exit from predict and inspect, never a crash.</summary>
public sealed class BadModelFileTests
{
    static byte[] TorchSaveFileOf(params (string Key, float[] Values, long[] Shape)[] entries) =>
        TorchSaveFormat.Write(new StateDict(toSeq(entries.Select(e => new StateEntry(e.Key, ParameterValues.Of(e.Values, e.Shape)))).Strict()));

    static readonly byte[] ValidModelFile = TorchSaveFileOf(("weight", [0.3067f], [1]), ("bias", [0.9011f], [1]));

    public static TheoryData<string> Cases() => new(BadFiles.Keys);

    static readonly IReadOnlyDictionary<string, byte[]?> BadFiles = new Dictionary<string, byte[]?>
    {
        ["missing"] = null,
        ["empty"] = [],
        ["truncated"] = ValidModelFile[..(ValidModelFile.Length / 2)],
        ["random_bytes"] = new Random(7).GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 500),
        ["zip_that_is_not_pytorch"] = ZipWithOneTextFile(),
        ["wrong_keys"] = TorchSaveFileOf(("weights", [0.3f], [1]), ("bias", [0.9f], [1]), ("extra", [1f], [1])),
        ["wrong_shape"] = TorchSaveFileOf(("weight", [0.3f, 0.1f, 0.2f], [3]), ("bias", [0.9f], [1])),
        ["nan_values"] = TorchSaveFileOf(("weight", [float.NaN], [1]), ("bias", [float.PositiveInfinity], [1])),
    };

    static byte[] ZipWithOneTextFile()
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create))
        using (var writer = new StreamWriter(zip.CreateEntry("notes/readme.txt").Open()))
            writer.Write("not a model");
        return memory.ToArray();
    }

    /// <summary>Writes the bad file of that name into a fresh folder (or nothing, for "missing") and gives its path.</summary>
    static string WrittenBadFile(string name)
    {
        var folder = Directory.CreateTempSubdirectory("functional-bad-").FullName;
        var path = Path.Combine(folder, name + ".pt");
        if (BadFiles[name] is { } bytes) File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_refuses_a_bad_file_in_one_line_and_inspect_shows_only_finite_state_dicts(string name)
    {
        var path = WrittenBadFile(name);
        var predict = CliProcess.Run("predict", "--model", path, "--x", "0.5");
        var inspect = CliProcess.Run("inspect", path);
        Assert.Equal(2, predict.ExitCode);
        Assert.Equal("", predict.Stdout);
        Assert.Single(predict.Stderr.TrimEnd('\n').Split('\n'));
        // inspect shows any well-formed finite state_dict (saying no model fits it); anything else is an error.
        Assert.Equal(name is "wrong_keys" or "wrong_shape" ? 0 : 2, inspect.ExitCode);
        var folder = Path.GetDirectoryName(path)!;
        var predictOutput = predict.Stderr.Replace(folder, "<dir>");
        var inspectOutput = (inspect.Stdout + inspect.Stderr).Replace(folder, "<dir>");
        using (ApprovalTests.Namers.ApprovalResults.ForScenario(name))
            Approvals.Verify($"predict (exit {predict.ExitCode}):\n{predictOutput}inspect (exit {inspect.ExitCode}):\n{inspectOutput}");
    }

    [Fact]
    public void Non_finite_values_load_when_explicitly_allowed()
    {
        var inspect = CliProcess.Run("inspect", WrittenBadFile("nan_values"), "--allow-nonfinite");
        Assert.Equal(0, inspect.ExitCode);
        Assert.Contains("OrderedDict([('weight', tensor([nan])), ('bias', tensor([inf]))])", inspect.Stdout);
    }

    [Fact]
    public void A_saved_safetensors_file_is_recognised_by_content_and_records_its_provenance()
    {
        var run = CliProcess.Run("--epochs", "20", "--out", "models/run.safetensors");
        Assert.Equal(0, run.ExitCode);
        var path = Path.Combine(run.WorkingDirectory, "models", "run.safetensors");
        var renamed = Path.Combine(run.WorkingDirectory, "models", "run.bin");
        File.Copy(path, renamed);
        var inspect = CliProcess.Run("inspect", renamed);
        Assert.Equal(0, inspect.ExitCode);
        Assert.StartsWith("Format: safetensors\n", inspect.Stdout);
        var file = File.ReadAllBytes(path);
        var header = System.Text.Encoding.UTF8.GetString(file, 8, (int)BitConverter.ToUInt64(file, 0));
        Assert.Contains("\"seed\":\"42\"", header);
        Assert.Contains("epochs=20", header);
    }
}
