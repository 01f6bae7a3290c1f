using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Functional.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace Functional.Tests.Deploy;

/// <summary>
/// The C# snippet of the README's "Deploy" section, read from the README itself (so it cannot drift), compiled as the
/// program of a console project (with the SDK's implicit usings) and run on a model exported the way the README says:
/// it prints our predictions.
/// </summary>
public sealed class ReadmeSnippetTests
{
    static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    [Fact]
    public void The_README_deploy_snippet_compiles_and_prints_our_predictions()
    {
        using var folder = new TempFolder();
        var model = DeployModels.Find("parameters");
        var state = DeployModels.SeededState(model, seed: 42);
        Directory.CreateDirectory(folder.File("models"));
        var saved = DeployModels.SavedModel(folder, model, state);
        Assert.Equal(0, DeployModels.Export("--model", saved, "--onnx", folder.File("models/01_pytorch_model.onnx")).ExitCode);
        var program = Build(Snippet(), folder);

        var run = ChildProcess.Run("dotnet", [program], folder.Path, new() { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" });

        Assert.True(run.ExitCode == 0, run.Stderr);
        var printed = run.Stdout.Trim().Split(' ').Select(text => float.Parse(text, CultureInfo.InvariantCulture)).ToArray();
        var ours = DeployModels.OurPredictions(model, state, [0.5f, 0.9f], features: 1);
        Assert.Equal(ours.Length, printed.Length);
        var worst = ours.Zip(printed, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1e-6, $"the snippet printed {run.Stdout.Trim()}, we predict {string.Join(" ", ours)}");
    }

    /// <summary>The first C# block of the README's "## Deploy" section.</summary>
    static string Snippet()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var section = Regex.Match(readme, @"\n## Deploy[^\n]*\n(.*?)(\n## |\z)", RegexOptions.Singleline);
        Assert.True(section.Success, "README.md has no '## Deploy' section");
        var block = Regex.Match(section.Groups[1].Value, @"```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "the Deploy section has no ```csharp block");
        return block.Groups[1].Value;
    }

    /// <summary>The snippet as Program.cs of a console app, beside ONNX Runtime's managed and native libraries; returns the dll.</summary>
    static string Build(string snippet, TempFolder folder)
    {
        var onnxRuntime = typeof(InferenceSession).Assembly.Location;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(onnxRuntime).Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("snippet",
            [CSharpSyntaxTree.ParseText(snippet, parse, path: "Program.cs"),
             CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n")), parse, path: "Usings.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        var program = folder.File("snippet.dll");
        var emitted = compilation.Emit(program);
        Assert.True(emitted.Success && !emitted.Diagnostics.Any(d => d.Severity >= DiagnosticSeverity.Warning),
            string.Join("\n", emitted.Diagnostics));

        File.WriteAllText(folder.File("snippet.runtimeconfig.json"), $$"""
            { "runtimeOptions": { "tfm": "net{{Environment.Version.Major}}.0", "framework": { "name": "Microsoft.NETCore.App", "version": "{{Environment.Version}}" } } }
            """);
        File.Copy(onnxRuntime, folder.File(Path.GetFileName(onnxRuntime)));
        var native = Directory.EnumerateFiles(AppContext.BaseDirectory, "libonnxruntime.so", SearchOption.AllDirectories).First();
        File.CreateSymbolicLink(folder.File("libonnxruntime.so"), native);
        return program;
    }

    static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}

/// <summary>A child process run to its end, with its output.</summary>
internal static class ChildProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> arguments, string folder, Dictionary<string, string> environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
