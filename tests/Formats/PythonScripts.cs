namespace Functional.Tests.Formats;

/// <summary>Python snippets run against Debian's PyTorch 1.13; values cross the boundary as float32 bit patterns.</summary>
internal static class PythonScripts
{
    public const string Prelude = """
        import sys, json, collections, struct, zipfile, pickletools, io
        import numpy as np, torch
        from torch import nn

        class LinearRegressionModel(nn.Module):
            def __init__(self):
                super().__init__()
                self.linear_layer = nn.Linear(in_features=1, out_features=1)
            def forward(self, x):
                return self.linear_layer(x)

        def tensor_from_bits(bits, shape):
            # A fresh torch.empty has PyTorch's canonical strides (from_numpy of an empty array would not).
            t = torch.empty(shape, dtype=torch.float32)
            t.view(-1).copy_(torch.from_numpy(np.array(bits, dtype=np.uint32).view(np.float32).copy()))
            return t

        def bits_of(t):
            return t.detach().contiguous().reshape(-1).numpy().view(np.uint32).tolist()

        """;
}
