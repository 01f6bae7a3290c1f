using Functional.Tests.Shared;

namespace Functional.Tests.Formats;

/// <summary>
/// What every Python snippet of these tests starts with: imports, the notebook's model classes (tests/Shared/notebook_models.py)
/// and helpers that move float32 values across the boundary as bit patterns. Runs against Debian's PyTorch 1.13.
/// </summary>
internal static class PythonPrelude
{
    public static string Text => Imports + NotebookModelsPython.Source + BitHelpers;

    const string Imports = """
        import sys, json, collections, struct, zipfile, pickletools, io
        import numpy as np, torch
        from torch import nn

        """;

    const string BitHelpers = """

        def tensor_from_bits(bits, shape):
            # A fresh torch.empty has PyTorch's canonical strides (from_numpy of an empty array would not).
            t = torch.empty(shape, dtype=torch.float32)
            t.view(-1).copy_(torch.from_numpy(np.array(bits, dtype=np.uint32).view(np.float32).copy()))
            return t

        def bits_of(t):
            return t.detach().contiguous().reshape(-1).numpy().view(np.uint32).tolist()

        """;
}
