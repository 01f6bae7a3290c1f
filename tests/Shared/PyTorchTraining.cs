using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Functional.Tests.Shared;

/// <summary>One configuration of the notebook's training as tests/Shared/pytorch_training.py reads it (one JSON line).</summary>
public sealed record TrainingCase(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("class_name")] string ClassName,
    [property: JsonPropertyName("weight")] double Weight,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("end")] double End,
    [property: JsonPropertyName("step")] double Step,
    [property: JsonPropertyName("train_split")] double TrainSplit,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("lr")] double LearningRate,
    [property: JsonPropertyName("eval_every")] int EvalEvery,
    [property: JsonPropertyName("batch_size")] int? BatchSize,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("loss")] string Loss,
    [property: JsonPropertyName("optimizer")] string Optimizer,
    [property: JsonPropertyName("lr_scheduler")] ScheduleCase? LrScheduler = null,
    [property: JsonPropertyName("early_stop")] EarlyStopCase? EarlyStop = null,
    [property: JsonPropertyName("save_checkpoint")] SaveCheckpointCase? SaveCheckpoint = null,
    [property: JsonPropertyName("resume")] string? Resume = null,
    [property: JsonPropertyName("accumulate_rows")] long? AccumulateRows = null);

/// <summary>torch.save the recipe's checkpoint dictionary to <paramref name="Path"/> once <paramref name="Epoch"/> epochs are done.</summary>
public sealed record SaveCheckpointCase(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("path")] string Path);

/// <summary>A torch.optim.lr_scheduler and its arguments (those of the other kinds null).</summary>
public sealed record ScheduleCase(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("step_size")] int? StepSize,
    [property: JsonPropertyName("gamma")] double? Gamma,
    [property: JsonPropertyName("t_max")] int? TMax,
    [property: JsonPropertyName("factor")] double? Factor,
    [property: JsonPropertyName("patience")] int? Patience);

/// <summary>Lightning's EarlyStopping on the test loss (patience null: only the best is followed) and restoring the best weights.</summary>
public sealed record EarlyStopCase(
    [property: JsonPropertyName("patience")] int? Patience,
    [property: JsonPropertyName("min_delta")] double MinDelta,
    [property: JsonPropertyName("restore_best")] bool RestoreBest);

/// <summary>One evaluated epoch's losses, exactly (Python floats).</summary>
public sealed record EpochLosses(int Epoch, double TrainLoss, double TestLoss);

/// <summary>
/// What a training run showed: the initial and final state_dict and the test predictions as the notebook displays them,
/// the printed epoch lines, the exact losses of those epochs and of the last epoch, the exact final parameters, and the
/// epoch at which a non-finite training loss stopped it. The same shape for PyTorch's run and ours, so they compare.
/// </summary>
public sealed record TrainingReport(
    string Initial,
    IReadOnlyList<string> Lines,
    IReadOnlyList<EpochLosses> Losses,
    (int Epoch, double TrainLoss)? Stopped,
    EpochLosses? Last,
    string? Final,
    IReadOnlyList<(string Key, double[] Values)> FinalValues,
    string? Predictions,
    IReadOnlyList<double> Rates,
    int? StoppedEarly,
    int? BestEpoch)
{
    /// <summary>
    /// Every difference, in words; empty when the two runs printed the same. <paramref name="exact"/>: also the same
    /// losses and parameters bit for bit. Without it (--fused, which sums in another order than autograd), a printed
    /// number may differ from PyTorch's by one unit in its last printed digit, where the two straddle a rounding boundary.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(TrainingReport pytorch, bool exact)
    {
        var differences = new List<string>();
        void Check(bool same, string what, object? ours, object? theirs)
        {
            if (!same) differences.Add($"{what}: ours {Show(ours)}, PyTorch {Show(theirs)}");
        }
        bool Printed(string? ours, string? theirs) => exact ? ours == theirs : PrintedNumbers.Agree(ours, theirs);
        Check(Printed(Initial, pytorch.Initial), "initial state_dict", Initial, pytorch.Initial);
        Check(Stopped?.Epoch == pytorch.Stopped?.Epoch, "stopped at epoch", Stopped?.Epoch, pytorch.Stopped?.Epoch);
        Check(Stopped is null || pytorch.Stopped is null || double.IsNaN(Stopped.Value.TrainLoss) == double.IsNaN(pytorch.Stopped.Value.TrainLoss),
            "non-finite training loss", Stopped?.TrainLoss, pytorch.Stopped?.TrainLoss);
        Check(Lines.Count == pytorch.Lines.Count, "number of printed epoch lines", Lines.Count, pytorch.Lines.Count);
        var firstLine = Enumerable.Range(0, Math.Min(Lines.Count, pytorch.Lines.Count)).FirstOrDefault(i => !Printed(Lines[i], pytorch.Lines[i]), -1);
        if (firstLine >= 0) Check(false, $"printed epoch line {firstLine}", Lines[firstLine], pytorch.Lines[firstLine]);
        Check(Printed(Final, pytorch.Final), "final state_dict", Final, pytorch.Final);
        Check(exact ? Predictions == pytorch.Predictions : PrintedNumbers.AgreeAsTensor(Predictions, pytorch.Predictions), "test predictions", Predictions, pytorch.Predictions);
        Check(StoppedEarly == pytorch.StoppedEarly, "early stopping stopped after epoch", StoppedEarly, pytorch.StoppedEarly);
        Check(BestEpoch == pytorch.BestEpoch, "best epoch", BestEpoch, pytorch.BestEpoch);
        var firstRate = Enumerable.Range(0, Math.Min(Rates.Count, pytorch.Rates.Count)).FirstOrDefault(i => Rates[i] != pytorch.Rates[i], -1);
        Check(Rates.Count == pytorch.Rates.Count, "epochs trained (learning rates reported)", Rates.Count, pytorch.Rates.Count);
        if (firstRate >= 0) Check(false, $"learning rate of epoch {firstRate}", Rates[firstRate], pytorch.Rates[firstRate]);
        if (exact)
        {
            var firstLoss = Enumerable.Range(0, Math.Min(Losses.Count, pytorch.Losses.Count)).FirstOrDefault(i => Losses[i] != pytorch.Losses[i], -1);
            if (firstLoss >= 0) Check(false, "exact losses", Losses[firstLoss], pytorch.Losses[firstLoss]);
            Check(Last == pytorch.Last, "exact last-epoch losses", Last, pytorch.Last);
            Check(FinalValues.Count == pytorch.FinalValues.Count
                  && Enumerable.Range(0, FinalValues.Count).All(i => FinalValues[i].Key == pytorch.FinalValues[i].Key && FinalValues[i].Values.SequenceEqual(pytorch.FinalValues[i].Values)),
                "exact final parameters", Parameters(FinalValues), Parameters(pytorch.FinalValues));
        }
        return differences;
    }

    static string Parameters(IReadOnlyList<(string Key, double[] Values)> values) =>
        string.Join(" ", values.Select(v => $"{v.Key}=[{string.Join(", ", v.Values.Select(Repr))}]"));

    static string Show(object? value) => value switch
    {
        null => "none",
        string text => text.Replace("\n", "\\n"),
        double number => Repr(number),
        _ => value.ToString() ?? "",
    };

    public static string Repr(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// Two printed texts that are the same apart from their numbers, and whose numbers agree to within one unit in the
/// last printed digit (PyTorch prints 207847. where the other side prints 207846.9844: one unit of the coarser) or 1e-5
/// relative. Whole numbers without a point (epochs) must be equal.
/// </summary>
public static class PrintedNumbers
{
    static readonly System.Text.RegularExpressions.Regex Number =
        new(@"-?\d+(\.\d*)?(e[+-]\d+)?", System.Text.RegularExpressions.RegexOptions.Compiled);

    public static bool Agree(string? ours, string? theirs)
    {
        if (ours is null || theirs is null) return ours == theirs;
        var (a, b) = (Number.Matches(ours), Number.Matches(theirs));
        return a.Count == b.Count
               && Number.Replace(ours, "#") == Number.Replace(theirs, "#")
               && Enumerable.Range(0, a.Count).All(i => Close(a[i].Value, b[i].Value));
    }

    /// <summary>
    /// <see cref="Agree"/>, or within 1e-6 of the tensor's largest element: a prediction near zero is w x + b cancelling,
    /// and parameters one float rounding apart (--fused's double sums) move it by about that much; the 4 digits PyTorch
    /// prints of -1.78e-04 then differ where the tensor's 3.7 do not (seed (12255890072963111366,14419119098253988737)).
    /// </summary>
    public static bool AgreeAsTensor(string? ours, string? theirs)
    {
        if (ours is null || theirs is null) return ours == theirs;
        var (a, b) = (Number.Matches(ours), Number.Matches(theirs));
        if (a.Count != b.Count || Number.Replace(ours, "#") != Number.Replace(theirs, "#")) return false;
        var largest = b.Select(number => Math.Abs(Parse(number.Value))).DefaultIfEmpty(0).Max();
        return Enumerable.Range(0, a.Count).All(i => Close(a[i].Value, b[i].Value) || Math.Abs(Parse(a[i].Value) - Parse(b[i].Value)) <= 1e-6 * largest);
    }

    static bool Close(string ours, string theirs)
    {
        if (ours == theirs) return true;
        if (!ours.Contains('.') || !theirs.Contains('.')) return false;
        var (a, b) = (Parse(ours), Parse(theirs));
        return Math.Abs(a - b) <= Math.Max(Math.Max(Unit(ours), Unit(theirs)) * 1.000001, 1e-5 * Math.Abs(b));
    }

    /// <summary>One unit in the last printed digit: 0.001 for 1.234, 10 for 1.234e+04, 1 for 207847.</summary>
    static double Unit(string text)
    {
        var (mantissa, exponent) = text.IndexOf('e') is var e and >= 0 ? (text[..e], int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture)) : (text, 0);
        var decimals = mantissa.Length - mantissa.IndexOf('.') - 1;
        return Math.Pow(10, exponent - decimals);
    }

    static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>
/// Runs training configurations through real PyTorch (tests/Shared/pytorch_training.py, Debian's python3-torch and
/// python3-ipython) in one Python process: every configuration goes to its stdin as a JSON line, one result comes back per line.
/// </summary>
internal static class PyTorchTraining
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string Script => Path.Combine(AppContext.BaseDirectory, "Shared", "pytorch_training.py");

    /// <summary>PyTorch's report of every case, by id; a case whose model has no PyTorch class maps to the reason it was skipped.</summary>
    public static IReadOnlyDictionary<int, (TrainingReport? Report, string? Skipped)> Run(IReadOnlyList<TrainingCase> cases)
    {
        var start = new ProcessStartInfo(PythonTorch.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Script)!,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add(Script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {PythonTorch.Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        foreach (var trainingCase in cases) process.StandardInput.WriteLine(JsonSerializer.Serialize(trainingCase, Json));
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Script} failed ({process.ExitCode}):\n{stderr.Result}");
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToDictionary(r => r.Id, r => (r.Report, r.Skipped));
    }

    static (int Id, TrainingReport? Report, string? Skipped) Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var id = root.GetProperty("id").GetInt32();
        if (root.TryGetProperty("skipped", out var skipped)) return (id, null, skipped.GetString());
        var stopped = root.GetProperty("stopped");
        var finished = stopped.ValueKind == JsonValueKind.Null;
        return (id, new TrainingReport(
            root.GetProperty("initial").GetString()!,
            root.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList(),
            root.GetProperty("losses").EnumerateArray().Select(Losses).ToList(),
            finished ? null : (stopped.GetProperty("epoch").GetInt32(), Float(stopped.GetProperty("train_loss"))),
            finished ? Losses(root.GetProperty("last")) : null,
            finished ? root.GetProperty("final").GetString() : null,
            finished ? root.GetProperty("final_values").EnumerateObject().Select(p => (p.Name, p.Value.EnumerateArray().Select(Float).ToArray())).ToList() : [],
            finished ? root.GetProperty("predictions").GetString() : null,
            root.GetProperty("lrs").EnumerateArray().Select(Float).ToList(),
            Epoch(root.GetProperty("stopped_early")),
            Epoch(root.GetProperty("best_epoch"))), null);
    }

    static int? Epoch(JsonElement epoch) => epoch.ValueKind == JsonValueKind.Null ? null : epoch.GetInt32();

    static EpochLosses Losses(JsonElement triple) => new(triple[0].GetInt32(), Float(triple[1]), Float(triple[2]));

    /// <summary>Python's repr of a float: round-trips exactly; nan and inf spelled its way.</summary>
    static double Float(JsonElement repr) => repr.GetString() switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
