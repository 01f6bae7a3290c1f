using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using Functional.Domain.Metrics;
using Functional.Domain.Tensors;
using Functional.Domain.Workflow;

namespace Functional.Formats.Runs;

/// <summary>run.json: everything needed to tell what a run did and to repeat it.</summary>
public static class RunJson
{
    public static string Of(WorkflowResult result, RunFacts facts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var (settings, training) = (result.Settings, result.Settings.Training);
            json.WriteStartObject();
            json.WriteString("model", settings.ModelKey);
            json.WriteNumber("seed", training.Seed);
            json.WriteNumber("epochs", training.Epochs);
            json.WriteStartObject("config");
            Data(json, result, facts);
            json.WriteNumber("train_split", settings.TrainSplit);
            json.WriteNumber("epochs", training.Epochs);
            json.WriteNumber("learning_rate", training.LearningRate);
            json.WriteNumber("eval_every", training.EvalEvery);
            json.WriteNumber("seed", training.Seed);
            json.WriteString("loss", training.Loss.ToString().ToLowerInvariant());
            json.WriteString("optimizer", training.Optimizer.ToString().ToLowerInvariant());
            json.WriteEndObject();
            Metrics(json, "test_metrics", result.TestMetrics);
            Parameters(json, "initial_parameters", result.Trained.Initial);
            Parameters(json, "final_parameters", result.Trained.Final);
            json.WriteString("model_path", facts.ModelPath);
            json.WriteString("model_format", facts.ModelFormat);
            json.WriteStartArray("plots");
            foreach (var plot in facts.Plots) json.WriteStringValue(plot);
            json.WriteEndArray();
            json.WriteString("started_at", facts.StartedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("durations_seconds");
            json.WriteNumber("training", facts.TrainingDuration.TotalSeconds);
            json.WriteNumber("total", facts.TotalDuration.TotalSeconds);
            json.WriteEndObject();
            json.WriteStartObject("versions");
            json.WriteString("torchsharp", facts.Versions.TorchSharp);
            json.WriteString("libtorch", facts.Versions.LibTorch);
            json.WriteString("dotnet", facts.Versions.DotNet);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Where the data came from: the line's numbers, or the CSV file (its path, SHA-256, header, the columns chosen and
    /// the rows read), so that a run can be repeated on the same data and a changed file noticed.
    /// </summary>
    static void Data(Utf8JsonWriter json, WorkflowResult result, RunFacts facts)
    {
        var settings = result.Settings;
        json.WriteStartObject("data");
        settings.Table.Match(
            Some: table =>
            {
                json.WriteString("csv", table.Path);
                facts.DataFile.IfSome(survey => json.WriteString("sha256", survey.Sha256));
                Strings(json, "columns", table.Columns.Header);
                json.WriteString("target", table.Columns.TargetName);
                Strings(json, "features", table.Columns.FeatureNames);
                json.WriteNumber("rows", result.Dataset.Count);
            },
            None: () =>
            {
                json.WriteNumber("weight", settings.Data.Weight);
                json.WriteNumber("bias", settings.Data.Bias);
                json.WriteNumber("start", settings.Data.Start);
                json.WriteNumber("end", settings.Data.End);
                json.WriteNumber("step", settings.Data.Step);
            });
        json.WriteEndObject();
    }

    static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    /// <summary>The test metrics after training, on the test split's rows.</summary>
    static void Metrics(Utf8JsonWriter json, string name, RegressionMetrics metrics)
    {
        json.WriteStartObject(name);
        json.WriteNumber("mae", metrics.MeanAbsoluteError);
        json.WriteNumber("mse", metrics.MeanSquaredError);
        json.WriteNumber("rmse", metrics.RootMeanSquaredError);
        json.WriteNumber("r2", metrics.RSquared);
        json.WriteEndObject();
    }

    /// <summary>Each parameter as its name with shape and row-major values; floats are written shortest round-trip.</summary>
    static void Parameters(Utf8JsonWriter json, string name, StateDict stateDict)
    {
        json.WriteStartObject(name);
        foreach (var entry in stateDict.Entries)
        {
            json.WriteStartObject(entry.Key);
            json.WriteStartArray("shape");
            foreach (var dimension in entry.Value.Shape) json.WriteNumberValue(dimension);
            json.WriteEndArray();
            json.WriteStartArray("values");
            foreach (var value in entry.Value.Data) json.WriteNumberValue(value);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
