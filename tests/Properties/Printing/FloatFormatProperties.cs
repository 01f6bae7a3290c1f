using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
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
    public Property Fixed_four_digits_is_the_value_within_half_a_last_digit(float value)
    {
        if (!float.IsFinite(value)) return true.ToProperty();
        var text = PythonFloatFormat.Fixed(value, 4);
        var printed = double.Parse(text, CultureInfo.InvariantCulture);
        return (Math.Abs(printed - value) <= 0.5e-4 * (1 + 1e-9) + Math.Abs((double)value) * 1e-15).Label($"{value:R} printed {text}");
    }

    [Property]
    public Property Scientific_mantissa_is_normalised_and_close(float value)
    {
        if (!float.IsFinite(value) || value == 0) return true.ToProperty();
        var text = PythonFloatFormat.Scientific(value, 4);
        var mantissa = Math.Abs(double.Parse(text[..text.IndexOf('e')], CultureInfo.InvariantCulture));
        var printed = double.Parse(text, CultureInfo.InvariantCulture);
        return (mantissa is >= 1 and < 10).Label($"{value:R} printed {text}: mantissa not in [1, 10)")
            .And((Math.Abs(printed - value) <= Math.Abs((double)value) * 0.5e-4 * (1 + 1e-9)).Label($"{value:R} printed {text}: too far"));
    }

    [Property]
    public Property A_leading_minus_is_printed_exactly_for_negative_values(float value)
    {
        if (!float.IsFinite(value)) return true.ToProperty();
        var text = PythonFloatFormat.Fixed(value, 4);
        return (text.StartsWith('-') == float.IsNegative(value)).Label($"{value:R} printed {text}");
    }

    // One element means max/min == 1, so only the magnitude picks among _Formatter's three modes.
    [Property]
    public Property One_element_repr_uses_the_mode_pytorch_picks(float value)
    {
        var magnitude = Math.Abs((double)value);
        var integral = value == MathF.Ceiling(value);
        var element =
            !float.IsFinite(value) || value == 0 ? PythonFloatFormat.Fixed(value, 0) + (float.IsFinite(value) ? "." : "")
            : integral && magnitude <= 1e8 ? PythonFloatFormat.Fixed(value, 0) + "."
            : integral || magnitude > 1e8 || magnitude < 1e-4 ? PythonFloatFormat.Scientific(value, 4)
            : PythonFloatFormat.Fixed(value, 4);
        var repr = PyTorchRepr.Tensor(ParameterValues.Of([value], 1));
        return (repr == $"tensor([{element}])").Label($"{value:R}: {repr}, expected tensor([{element}])");
    }

    [Property]
    public Property Tensor_parameter_and_loss_text_is_the_same_under_a_German_culture(float[] values)
    {
        var tensor = ParameterValues.Of(values, values.Length);
        var columns = ParameterValues.Of(values, values.Length, 1);
        string All() => PyTorchRepr.Tensor(tensor) + PyTorchRepr.Parameter(columns) + TrainingLog.Loss(values.FirstOrDefault());
        var (invariant, german) = (All(), GermanCulture.Run(All));
        return (invariant == german).Label($"invariant:\n{invariant}\nde-DE:\n{german}");
    }

    [Property]
    public Property Bool_repr_pads_every_element_to_its_widest_word(bool[] values)
    {
        var repr = PyTorchRepr.Tensor(Prelude.Seq(new[] { (long)values.Length }), values.ToSeq().Strict());
        var width = values.Any(b => !b) ? 5 : 4;
        return (values.Length == 0
                ? repr == "tensor([], dtype=torch.bool)"
                : values.All(b => repr.Contains((b ? "True" : "False").PadLeft(width))))
            .Label(repr);
    }
}
