namespace Functional.Domain.Tensors;

/// <summary>The values of one nn.Linear layer, detached from any module: weight [out, in] and bias [out].</summary>
public sealed record LinearValues(ParameterValues Weight, ParameterValues Bias);
