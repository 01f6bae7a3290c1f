using System.Text.RegularExpressions;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// The published CLI (Native AOT) against the build the other tests run (<c>dotnet functional.dll</c>, JIT): the same
/// commands in two fresh folders must give the same exit codes, the same stdout and stderr, and the same files, byte for
/// byte. Only what a clock decides may differ: the run folder's timestamp and run.json's start time and durations.
/// The scenarios reach every command and every training path: each model kind (parameters, a layer, layers and
/// activations), autograd and fused steps, full batch and mini-batches, Adam, schedules, early stopping, checkpoints
/// and --resume, --config, a CSV table, safetensors, predict, inspect, export, bad flags, bad files and a diverging loss.
/// </summary>
public sealed class PublishedCliTests(PublishedCli published) : IClassFixture<PublishedCli>
{
    /// <summary>
    /// Each scenario's commands, run one after another in one folder; <c>{last.pt}</c> and <c>{run.json}</c> name what an
    /// earlier one wrote. At most one command of a scenario makes a run folder: two in the same second are named by the
    /// order they came in, which the two builds' speeds could decide differently.
    /// </summary>
    static readonly Dictionary<string, string[][]> Scenarios = new()
    {
        ["help"] = [["--help"], ["train", "--help"], ["predict", "--help"], ["inspect", "--help"], ["export", "--help"]],
        ["bad input"] = [["--epochs", "-1", "--lr", "fast", "--bogus"], ["predict", "--model", "missing.pt"]],
        ["diverging loss"] = [["--loss", "mse", "--lr", "1e6", "--no-plots"]],
        ["bad files"] =
        [
            ["--data", "bad.csv", "--model", "linear"],
            ["predict", "--model", "noise.pt", "--x", "1"],
            ["inspect", "noise.pt"],
            ["--epochs", "5", "--out", "/proc/version"],
        ],
        ["models and optimizers"] =
        [
            ["--model", "mlp", "--epochs", "40", "--optimizer", "adam", "--no-plots", "--out", "models/mlp.pt"],
            ["--model", "linear-layer", "--loss", "mse", "--epochs", "40", "--no-runs", "--plots", "layer-plots", "--out", "models/layer.pt"],
            ["--model", "cubic", "--epochs", "20", "--no-runs", "--plots", "plots", "--out", "models/cubic.pt"],
        ],
        ["mini-batches and fused steps"] =
        [
            ["--batch-size", "16", "--epochs", "30", "--lr-scheduler", "step", "--lr-step-size", "10", "--no-plots", "--out", "models/batches.pt"],
            ["--batch-size", "7", "--fused", "--epochs", "30", "--loss", "mse", "--step", "0.001", "--no-runs", "--out", "models/fused-batches.pt"],
            ["--fused", "--epochs", "50", "--step", "0.001", "--lr-scheduler", "cosine", "--no-runs", "--out", "models/fused.pt"],
        ],
        ["early stopping"] = [["--epochs", "300", "--lr", "0.1", "--early-stop-patience", "2", "--restore-best", "--no-plots"]],
        ["checkpoints, resume and replay"] =
        [
            ["--epochs", "60", "--eval-every", "10", "--checkpoint-every", "20", "--lr-scheduler", "plateau", "--no-plots"],
            ["--epochs", "100", "--eval-every", "10", "--resume", "{last.pt}", "--no-plots", "--no-runs", "--out", "models/resumed.pt"],
            ["--config", "{run.json}", "--no-plots", "--no-runs", "--out", "models/replayed.pt"],
        ],
        ["a saved model"] =
        [
            ["--epochs", "100", "--no-plots", "--no-runs"],
            ["predict", "--model", "models/01_pytorch_model", "--x", "0.5", "2", "-1e3"],
            ["predict", "--model", "models/01_pytorch_model"],
            ["inspect", "models/01_pytorch_model"],
            ["export", "--model", "models/01_pytorch_model", "--onnx", "model.onnx"],
        ],
        ["a CSV table"] =
        [
            ["--data", "houses.csv", "--model", "linear", "--epochs", "50", "--optimizer", "adam", "--lr", "0.05", "--out", "houses.safetensors"],
            ["predict", "--model", "houses.safetensors", "--input", "houses.csv", "--output", "predicted.csv"],
            ["inspect", "houses.safetensors"],
        ],
    };

    public static TheoryData<string> ScenarioNames => new(Scenarios.Keys);

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void The_published_CLI_prints_and_writes_what_the_build_does(string scenario)
    {
        using var built = new TempFolder();
        using var native = new TempFolder();
        foreach (var folder in new[] { built, native })
        {
            File.Copy(RepositoryFiles.PathOf("examples/houses.csv"), folder.File("houses.csv"));
            File.WriteAllText(folder.File("bad.csv"), "area,price\n1.5,2\n2.5,oops\n");
            File.WriteAllBytes(folder.File("noise.pt"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());
        }

        foreach (var step in Scenarios[scenario])
        {
            var expected = CliProcess.RunIn(built.Path, Resolved(step, built.Path));
            var actual = CliProcess.RunNativeIn(published.Executable, native.Path, Resolved(step, native.Path));
            var command = string.Join(' ', step);
            Assert.True(expected.ExitCode == actual.ExitCode, $"{command}: exit code {actual.ExitCode}, the build's {expected.ExitCode}\n{actual.Stderr}");
            Assert.Equal(Clockless(expected.Stdout), Clockless(actual.Stdout));
            Assert.Equal(Clockless(expected.Stderr), Clockless(actual.Stderr));
        }

        var (expectedFiles, actualFiles) = (Files(built.Path), Files(native.Path));
        Assert.Equal(expectedFiles.Keys, actualFiles.Keys);
        foreach (var (name, content) in expectedFiles) AssertSameBytes(name, content, actualFiles[name]);
    }

    static void AssertSameBytes(string name, byte[] expected, byte[] actual)
    {
        if (expected.AsSpan().SequenceEqual(actual)) return;
        if (Path.GetExtension(name) is ".json" or ".csv") Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(actual));
        var at = expected.AsSpan().CommonPrefixLength(actual);
        Assert.Fail($"{name} differs from the build's from byte {at} on ({expected.Length} bytes in the build's, {actual.Length} in the published CLI's)");
    }

    [Fact]
    public void The_published_main_job_prints_what_the_notebook_printed_under_PyTorch()
    {
        using var folder = new TempFolder();
        var run = CliProcess.RunNativeIn(published.Executable, folder.Path);

        Assert.Equal(0, run.ExitCode);
        PyTorchReference.AssertMatchesFile(PyTorchReference.NotebookTranscript, RepositoryFiles.Lines(PyTorchReference.NotebookTranscript),
            run.Stdout.TrimEnd('\n').Split('\n'), "the published CLI's default run");
    }

    static string[] Resolved(string[] step, string folder) =>
        step.Select(arg => arg switch
        {
            "{last.pt}" => OnlyFile(folder, "last.pt"),
            "{run.json}" => OnlyFile(folder, "run.json"),
            _ => arg,
        }).ToArray();

    static string OnlyFile(string folder, string name) =>
        Path.GetRelativePath(folder, Assert.Single(Directory.GetFiles(folder, name, SearchOption.AllDirectories)));

    /// <summary>Every file under the folder by its clockless relative path; run.json without its start time and durations.</summary>
    static SortedDictionary<string, byte[]> Files(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            file => Clockless(Path.GetRelativePath(folder, file)),
            file => Path.GetFileName(file) == "run.json"
                ? System.Text.Encoding.UTF8.GetBytes(Regex.Replace(File.ReadAllText(file), @"""(started_at|training|total)"": [^,\n]+", @"""$1"": <clock>"))
                : File.ReadAllBytes(file)), StringComparer.Ordinal);

    static string Clockless(string text) => Regex.Replace(text, @"\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z", "<timestamp>");
}
