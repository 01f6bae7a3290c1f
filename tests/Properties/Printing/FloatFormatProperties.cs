using System.Globalization;
using FsCheck.Xunit;
using Functional.Display.Notebook;
using Functional.Display.Python;
using Functional.Display.PyTorch;
using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Tests.Properties.Printing;

public sealed class FloatFormatProperties
{
    [Property]
    public bool Fixed_four_digits_is_the_value_within_half_a_last_digit(float value)
    {
        if (!float.IsFinite(value)) return true;
        var printed = double.Parse(PythonFloatFormat.Fixed(value, 4), CultureInfo.InvariantCulture);
        return Math.Abs(printed - value) <= 0.5e-4 * (1 + 1e-9) + Math.Abs((double)value) * 1e-15;
    }

    [Property]
    public bool Scientific_mantissa_is_normalised_and_close(float value)
    {
        if (!float.IsFinite(value) || value == 0) return true;
        var text = PythonFloatFormat.Scientific(value, 4);
        var mantissa = Math.Abs(double.Parse(text[..text.IndexOf('e')], CultureInfo.InvariantCulture));
        var printed = double.Parse(text, CultureInfo.InvariantCulture);
        return mantissa is >= 1 and < 10 && Math.Abs(printed - value) <= Math.Abs((double)value) * 0.5e-4 * (1 + 1e-9);
    }

    [Property]
    public bool Negative_values_print_with_a_leading_minus(float value) =>
        !float.IsFinite(value) || PythonFloatFormat.Fixed(value, 4).StartsWith('-') == float.IsNegative(value);

    // One element means max/min == 1, so only the magnitude picks among _Formatter's three modes.
    [Property]
    public bool One_element_repr_uses_the_mode_pytorch_picks(float value)
    {
        var magnitude = Math.Abs((double)value);
        var integral = value == MathF.Ceiling(value);
        var element =
            !float.IsFinite(value) || value == 0 ? PythonFloatFormat.Fixed(value, 0) + (float.IsFinite(value) ? "." : "")
            : integral && magnitude <= 1e8 ? PythonFloatFormat.Fixed(value, 0) + "."
            : integral || magnitude > 1e8 || magnitude < 1e-4 ? PythonFloatFormat.Scientific(value, 4)
            : PythonFloatFormat.Fixed(value, 4);
        return PyTorchRepr.Tensor(ParameterValues.Of([value], 1)) == $"tensor([{element}])";
    }

    [Property]
    public bool Tensor_repr_is_the_same_under_a_german_culture(float[] values)
    {
        var tensor = ParameterValues.Of(values, values.Length);
        var columns = ParameterValues.Of(values, values.Length, 1);
        string Both() => PyTorchRepr.Tensor(tensor) + PyTorchRepr.Parameter(columns) + TrainingLog.Loss(values.FirstOrDefault());
        return Both() == PyTorchReprTests.UnderGermanCulture(Both);
    }

    [Property]
    public bool Bool_repr_is_as_wide_as_its_widest_word(bool[] values)
    {
        var repr = PyTorchRepr.Tensor(Prelude.Seq(new[] { (long)values.Length }), values.ToSeq().Strict());
        var width = values.Any(b => !b) ? 5 : 4;
        return values.Length == 0
            ? repr == "tensor([], dtype=torch.bool)"
            : values.All(b => repr.Contains((b ? "True" : "False").PadLeft(width)));
    }
}
