using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
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
            json.WriteStartObject("data");
            json.WriteNumber("weight", settings.Data.Weight);
            json.WriteNumber("bias", settings.Data.Bias);
            json.WriteNumber("start", settings.Data.Start);
            json.WriteNumber("end", settings.Data.End);
            json.WriteNumber("step", settings.Data.Step);
            json.WriteEndObject();
            json.WriteNumber("train_split", settings.TrainSplit);
            json.WriteNumber("epochs", training.Epochs);
            json.WriteNumber("learning_rate", training.LearningRate);
            json.WriteNumber("eval_every", training.EvalEvery);
            json.WriteNumber("seed", training.Seed);
            json.WriteString("loss", training.Loss.ToString().ToLowerInvariant());
            json.WriteString("optimizer", training.Optimizer.ToString().ToLowerInvariant());
            json.WriteEndObject();
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
