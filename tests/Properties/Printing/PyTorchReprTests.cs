using System.Globalization;
using Functional.Display.Notebook;
using Functional.Display.Python;
using Functional.Display.PyTorch;
using Functional.Domain.Tensors;
using LanguageExt;
using Xunit;

namespace Functional.Tests.Properties.Printing;

public sealed class PyTorchReprTests
{
    public static TheoryData<string> TensorCases => ReprCases.NamesIn("tensors");

    public static TheoryData<string> PrettyCases => ReprCases.NamesIn("pretty");

    [Theory]
    [MemberData(nameof(TensorCases))]
    public void Tensor_repr_matches_pytorch(string name)
    {
        var spec = ReprCases.Named("tensors", name);
        Assert.Equal(spec.GetProperty("expected").GetString(), ReprCases.OurRepr(spec));
    }

    [Theory]
    [MemberData(nameof(TensorCases))]
    public void Tensor_repr_ignores_the_current_culture(string name)
    {
        var spec = ReprCases.Named("tensors", name);
        Assert.Equal(spec.GetProperty("expected").GetString(), UnderGermanCulture(() => ReprCases.OurRepr(spec)));
    }

    [Theory]
    [MemberData(nameof(PrettyCases))]
    public void IPython_pretty_output_matches(string name)
    {
        var spec = ReprCases.Named("pretty", name);
        Assert.Equal(spec.GetProperty("pretty").GetString(), ReprCases.ValueOf(spec.GetProperty("value")).Pretty());
    }

    [Theory]
    [MemberData(nameof(PrettyCases))]
    public void Plain_repr_matches_python(string name)
    {
        var spec = ReprCases.Named("pretty", name);
        Assert.Equal(spec.GetProperty("repr").GetString(), ReprCases.ValueOf(spec.GetProperty("value")).Repr());
    }

    [Fact]
    public void Float_formats_match_python_for_every_sample()
    {
        foreach (var sample in ReprCases.Section("floats"))
        {
            var value = ReprCases.FloatFromBits(sample.GetProperty("bits"));
            Assert.Equal(sample.GetProperty("fixed4").GetString(), PythonFloatFormat.Fixed(value, 4));
            Assert.Equal(sample.GetProperty("fixed3").GetString(), PythonFloatFormat.Fixed(value, 3));
            Assert.Equal(sample.GetProperty("fixed0").GetString(), PythonFloatFormat.Fixed(value, 0));
            Assert.Equal(sample.GetProperty("sci4").GetString(), PythonFloatFormat.Scientific(value, 4));
            Assert.Equal(sample.GetProperty("tensor").GetString(), PyTorchRepr.Tensor(ParameterValues.Of([value], 1)));
        }
    }

    [Fact]
    public void Training_log_lines_match_python()
    {
        foreach (var line in ReprCases.Section("training_log"))
        {
            string Ours() => TrainingLog.TrainingLogLine(
                line.GetProperty("epoch").GetInt32(),
                ReprCases.FloatFromBits(line.GetProperty("train_bits")),
                ReprCases.FloatFromBits(line.GetProperty("test_bits")));
            Assert.Equal(line.GetProperty("expected").GetString(), Ours());
            Assert.Equal(line.GetProperty("expected").GetString(), UnderGermanCulture(Ours));
        }
    }

    [Fact]
    public void Notebook_cell_outputs_are_reproduced()
    {
        var weight = ParameterValues.Of([0.3367f], 1);
        var bias = ParameterValues.Of([0.1288f], 1);
        var stateDict = new StateDict(Seq(new StateEntry("weight", weight), new StateEntry("bias", bias)));

        Assert.Equal("OrderedDict([('weight', tensor([0.3367])), ('bias', tensor([0.1288]))])", PyTorchRepr.StateDict(stateDict));
        Assert.Equal(
            "(LinearRegressionModel(),\n OrderedDict([('weight', tensor([0.3367])), ('bias', tensor([0.1288]))]))",
            PythonValue.TupleOf(new PythonValue.Leaf("LinearRegressionModel()"), PythonValue.OrderedDictOf(stateDict)).Pretty());
        Assert.Equal(
            "[Parameter containing:\n tensor([0.3367], requires_grad=True),\n Parameter containing:\n tensor([0.1288], requires_grad=True)]",
            PythonValue.ListOf(PythonValue.Parameter(weight), PythonValue.Parameter(bias)).Pretty());
        Assert.Equal("Epoch: 0 | Train loss: 0.757 | Test loss: 0.725", TrainingLog.TrainingLogLine(0, 0.7566978f, 0.7248f));
    }

    [Fact]
    public void Data_that_does_not_fill_the_shape_is_rejected() =>
        Assert.Throws<ArgumentException>(() => PyTorchRepr.Tensor(ParameterValues.Of([1f, 2f], 3)));

    internal static T UnderGermanCulture<T>(Func<T> action)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static Seq<T> Seq<T>(params T[] items) => items.ToSeq().Strict();
}
