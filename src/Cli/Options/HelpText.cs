using Functional.Domain.Models;
using LanguageExt;

namespace Functional.Cli.Options;

public static class HelpText
{
    public static IEnumerable<string> Lines(Seq<ModelSpec> models)
    {
        yield return "functional: the PyTorch 01 workflow notebook in C# (make a line, train a model on it, save and reload it)";
        yield return "";
        yield return "Usage: dotnet run --project src/Cli -- [options]          train, save, reload and compare (the notebook)";
        yield return "       dotnet run --project src/Cli -- predict --model PATH [--x X1 X2 ...] [--allow-nonfinite]";
        yield return "       dotnet run --project src/Cli -- inspect PATH [--allow-nonfinite]";
        yield return "";
        yield return "Options (defaults are the notebook's values):";
        var rows = OptionTable.All.Map(o => ($"  {o.Name} {o.ValueName}".TrimEnd(), $"{o.Description} (default: {o.Default(CliOptions.Defaults)})")).ToList();
        rows.Add(("  --help", "show this help and exit"));
        var width = rows.Max(r => r.Item1.Length) + 2;
        foreach (var (left, right) in rows) yield return left.PadRight(width) + right;
        yield return "";
        yield return "Models (--model):";
        foreach (var model in models) yield return $"  {model.Key.PadRight(width - 2)}{model.ClassName}: {string.Join(", ", model.StateDict.Parameters.Map(p => $"{p.Key} {p.ShapeText}"))}";
        yield return "";
        yield return "Exit codes: 0 success, 1 failure while running, 2 bad input, 130 stopped by Ctrl+C (no model file written).";
    }
}
