using System.Globalization;
using Functional.Domain.Text;
using LanguageExt;
using LanguageExt.Common;

namespace Functional.Formats;

/// <summary>
/// The elements one file's tensors may still take (see <see cref="FormatLimits.ElementBudget"/>), counted across every
/// tensor as it is built, so a thousand views of one storage cannot add up to what no single tensor may be.
/// </summary>
internal sealed class ElementBudget(long tensorDataBytes)
{
    private readonly long total = FormatLimits.ElementBudget(tensorDataBytes);
    private long taken;

    /// <summary>The element count of <paramref name="shape"/>, taken from the budget; an error when it does not fit.</summary>
    public Fin<long> Take(IReadOnlyList<long> shape)
    {
        if (shape.Count > FormatLimits.MaxDimensions)
            return Error.New($"a tensor has {N(shape.Count)} dimensions (shape {Echo.Shape(shape)}); at most {FormatLimits.MaxDimensions} are supported");
        if (shape.Any(d => d < 0))
            return Error.New($"a tensor has a negative size (shape {Echo.Shape(shape)})");
        var count = StorageLayout.ElementCount(shape, total - taken);
        if (count.Case is long elements)
        {
            taken += elements;
            return elements;
        }
        return Error.New(
            $"a tensor of shape {Echo.Shape(shape)} would bring the elements built from this file past {N(total)}: " +
            $"its {N(tensorDataBytes)} bytes of tensor data hold {N(tensorDataBytes / sizeof(float))} float32 values, and views that repeat " +
            $"stored values may add {N(FormatLimits.ExtraElements)} (see Limits in the README)");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
