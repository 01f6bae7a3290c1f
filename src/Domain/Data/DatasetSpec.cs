namespace Functional.Domain.Data;

/// <summary>A straight line <c>y = weight * x + bias</c> sampled at <c>arange(start, end, step)</c>.</summary>
public sealed record DatasetSpec(double Weight, double Bias, double Start, double End, double Step)
{
    /// <summary>The notebook's line: weight 0.3, bias 0.9, x in [0, 1) every 0.01.</summary>
    public static DatasetSpec Notebook { get; } = new(0.3, 0.9, 0.0, 1.0, 0.01);

    /// <summary>How many samples <c>torch.arange(start, end, step)</c> gives: <c>ceil((end - start) / step)</c> in double.</summary>
    public long SampleCount => (long)Math.Ceiling((End - Start) / Step);
}
