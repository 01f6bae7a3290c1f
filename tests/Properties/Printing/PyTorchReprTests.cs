using Functional.Display.Notebook;
using Functional.Display.Python;
using Functional.Display.PyTorch;
using Functional.Domain.Tensors;
using Functional.Tests.Shared;
using LanguageExt;
using Xunit;

namespace Functional.Tests.Properties.Printing;

/// <summary>Our Python-style text against what PyTorch, IPython and Python printed (repr_cases.json, the notebook's own output).</summary>
public sealed class PyTorchReprTests
{
    public static TheoryData<string> TensorCases => PyTorchReprCases.NamesIn("tensors");

    public static TheoryData<string> PrettyCases => PyTorchReprCases.NamesIn("pretty");

    [Theory]
    [MemberData(nameof(TensorCases))]
    public void Tensor_repr_matches_pytorch(string name)
    {
        var spec = PyTorchReprCases.Named("tensors", name);
        MatchesCase(name, spec.GetProperty("expected").GetString()!, PyTorchReprCases.OurRepr(spec));
    }

    [Theory]
    [MemberData(nameof(TensorCases))]
    public void Tensor_repr_matches_pytorch_under_a_German_culture(string name)
    {
        var spec = PyTorchReprCases.Named("tensors", name);
        MatchesCase(name, spec.GetProperty("expected").GetString()!, GermanCulture.Run(() => PyTorchReprCases.OurRepr(spec)));
    }

    [Theory]
    [MemberData(nameof(PrettyCases))]
    public void IPython_pretty_output_matches(string name)
    {
        var spec = PyTorchReprCases.Named("pretty", name);
        MatchesCase(name, spec.GetProperty("pretty").GetString()!, PyTorchReprCases.ValueOf(spec.GetProperty("value")).Pretty());
    }

    [Theory]
    [MemberData(nameof(PrettyCases))]
    public void Plain_repr_matches_python(string name)
    {
        var spec = PyTorchReprCases.Named("pretty", name);
        MatchesCase(name, spec.GetProperty("repr").GetString()!, PyTorchReprCases.ValueOf(spec.GetProperty("value")).Repr());
    }

    [Fact]
    public void Float_formats_and_one_element_tensors_match_python_for_every_sample()
    {
        foreach (var sample in PyTorchReprCases.Section("floats"))
        {
            var value = PyTorchReprCases.FloatFromBits(sample.GetProperty("bits"));
            string[] python =
            [
                sample.GetProperty("fixed4").GetString()!, sample.GetProperty("fixed3").GetString()!, sample.GetProperty("fixed0").GetString()!,
                sample.GetProperty("sci4").GetString()!, sample.GetProperty("tensor").GetString()!,
            ];
            string[] ours =
            [
                PythonFloatFormat.Fixed(value, 4), PythonFloatFormat.Fixed(value, 3), PythonFloatFormat.Fixed(value, 0),
                PythonFloatFormat.Scientific(value, 4), PyTorchRepr.Tensor(ParameterValues.Of([value], 1)),
            ];
            PyTorchReference.AssertMatchesFile(PyTorchReprCases.RepositoryPath, python, ours,
                $"floats, bits 0x{BitConverter.SingleToUInt32Bits(value):X8}: .4f, .3f, .0f, .4e, tensor repr");
        }
    }

    [Fact]
    public void Training_log_lines_match_python_in_the_invariant_and_a_German_culture()
    {
        foreach (var line in PyTorchReprCases.Section("training_log"))
        {
            string Ours() => TrainingLog.TrainingLogLine(
                line.GetProperty("epoch").GetInt32(),
                PyTorchReprCases.FloatFromBits(line.GetProperty("train_bits")),
                PyTorchReprCases.FloatFromBits(line.GetProperty("test_bits")));
            var python = line.GetProperty("expected").GetString()!;
            var detail = $"training_log, epoch {line.GetProperty("epoch").GetInt32()}";
            PyTorchReference.AssertMatchesFile(PyTorchReprCases.RepositoryPath, python, Ours(), detail);
            PyTorchReference.AssertMatchesFile(PyTorchReprCases.RepositoryPath, python, GermanCulture.Run(Ours), detail + ", under de-DE");
        }
    }

    /// <summary>The notebook's cells that show the initial model, its parameters and the first log line, as PyTorch printed them.</summary>
    [Fact]
    public void The_notebooks_model_parameter_and_first_log_line_cells_are_reproduced()
    {
        var weight = ParameterValues.Of([0.3367f], 1);
        var bias = ParameterValues.Of([0.1288f], 1);
        var stateDict = new StateDict(Seq(new StateEntry("weight", weight), new StateEntry("bias", bias)));
        var notebook = RepositoryFiles.Lines(PyTorchReference.NotebookTranscript);

        Assert.Equal("OrderedDict([('weight', tensor([0.3367])), ('bias', tensor([0.1288]))])", PyTorchRepr.StateDict(stateDict));
        var modelAndStateDict = PythonValue.TupleOf(new PythonValue.Leaf("LinearRegressionModel()"), PythonValue.OrderedDictOf(stateDict));
        NotebookCell(notebook, 25, 26, modelAndStateDict.Pretty(), "(model, model.state_dict())");
        var parameters = PythonValue.ListOf(PythonValue.Parameter(weight), PythonValue.Parameter(bias));
        NotebookCell(notebook, 27, 30, parameters.Pretty(), "list(model.parameters())");
        NotebookCell(notebook, 31, 31, TrainingLog.TrainingLogLine(0, 0.7566978f, 0.7248f), "the first training log line");
    }

    [Fact]
    public void Data_that_does_not_fill_the_shape_is_rejected() =>
        Assert.Throws<ArgumentException>(() => PyTorchRepr.Tensor(ParameterValues.Of([1f, 2f], 3)));

    static void MatchesCase(string name, string pytorch, string ours) =>
        PyTorchReference.AssertMatchesFile(PyTorchReprCases.RepositoryPath, pytorch, ours, $"case '{name}'");

    /// <summary>Lines <paramref name="first"/> to <paramref name="last"/> (from 1) of the notebook's output under PyTorch.</summary>
    static void NotebookCell(string[] notebook, int first, int last, string ours, string cell) =>
        PyTorchReference.AssertMatchesFile(PyTorchReference.NotebookTranscript, notebook[(first - 1)..last], ours.Split('\n'), cell, first);

    private static Seq<T> Seq<T>(params T[] items) => items.ToSeq().Strict();
}
