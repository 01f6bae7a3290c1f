using Functional.Display.Python;
namespace Functional.Display.PyTorch;

/// <summary>
/// torch._tensor_str._Formatter: one width for every element so columns line up, decided from the
/// (summarised) values before any of them is printed.
/// </summary>
internal sealed class ElementFormatter<T>(int width, Func<T, string> formatUnpadded)
{
    public int Width => width;

    public string Format(T value) => formatUnpadded(value).PadLeft(width);
}

internal static class ElementFormatter
{
    private const int Precision = 4;

    public static ElementFormatter<bool> ForBools(IEnumerable<bool> values) =>
        new(values.Select(b => PythonBool(b).Length).Prepend(1).Max(), PythonBool);

    public static string PythonBool(bool value) => value ? "True" : "False";

    public static ElementFormatter<float> ForFloats(IReadOnlyList<float> values)
    {
        var nonzeroFinite = values.Where(v => float.IsFinite(v) && v != 0).ToList();
        if (nonzeroFinite.Count == 0)
            return new(1, IntegralWithPoint);

        // PyTorch widens to double before comparing magnitudes.
        var magnitudes = nonzeroFinite.Select(v => Math.Abs((double)v)).ToList();
        var largest = magnitudes.Max();
        var smallest = magnitudes.Min();
        var integral = nonzeroFinite.All(v => v == MathF.Ceiling(v));
        var wideRange = largest / smallest > 1000.0 || largest > 1.0e8;
        var scientific = integral ? wideRange : wideRange || smallest < 1.0e-4;

        if (scientific)
            return new(nonzeroFinite.Max(v => Scientific(v).Length), v => Scientific(v));
        if (integral)
            return new(nonzeroFinite.Max(v => PythonFloatFormat.Fixed(v, 0).Length + 1), IntegralWithPoint);
        return new(nonzeroFinite.Max(v => FixedPoint(v).Length), v => FixedPoint(v));
    }

    private static string FixedPoint(double value) => PythonFloatFormat.Fixed(value, Precision);

    private static string Scientific(double value) => PythonFloatFormat.Scientific(value, Precision);

    // A trailing point marks the tensor as floating even when every value is whole; nan/inf get none.
    private static string IntegralWithPoint(float value) =>
        PythonFloatFormat.Fixed(value, 0) + (float.IsFinite(value) ? "." : "");
}
