#!/usr/bin/python3
"""Writes repr_cases.json: expected strings printed by real PyTorch 1.13 / IPython 8 / Python for the C# printing tests.

Run from the repository root:  /usr/bin/python3 tests/Properties/Printing/generate_repr_cases.py
Float32 values travel as their bit patterns so nan, -0.0 and every rounding edge survive exactly.
"""
import collections
import json
import math
import os
import struct
import sys

import torch
from torch import nn
from IPython.lib.pretty import pretty

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Shared"))
from notebook_models import LinearRegressionModel, LinearRegressionModelV2  # noqa: E402


def bits_of(t):
    return [struct.unpack("<I", struct.pack("<f", v))[0] for v in t.reshape(-1).tolist()]


def tensor_spec(t):
    if t.dtype == torch.bool:
        return {"dtype": "bool", "shape": list(t.shape), "bools": [bool(b) for b in t.reshape(-1).tolist()]}
    return {"dtype": "float32", "shape": list(t.shape), "bits": bits_of(t)}


def f(values, *shape):
    t = torch.tensor(values, dtype=torch.float32)
    return t.reshape(*shape) if shape else t


torch.manual_seed(42)
tensors = {
    "scalar_1d": f([0.3367]),
    "bias_1d": f([0.1288]),
    "zero": f([0.0]),
    "negative_zero": f([-0.0]),
    "zeros_mixed_sign": f([0.0, -0.0, 0.0]),
    "tiny": f([1e-5]),
    "large": f([123456.7]),
    "tiny_and_one": f([1e-5, 1.0]),
    "mixed_signs": f([-1.5, 2.25, -0.125, 3.0]),
    "integers": f([1.0, 2.0, 3.0]),
    "negative_integers": f([-1.0, 20.0, -300.0]),
    "integers_wide_range": f([1.0, 5000.0]),
    "integers_above_1e8": f([2e8, 1.0]),
    "integers_with_nan_inf": f([1.0, float("nan"), float("inf"), float("-inf")]),
    "nan_only": f([float("nan")]),
    "inf_only": f([float("inf"), float("-inf")]),
    "zeros_and_nan": f([0.0, float("nan")]),
    "fraction_with_nan": f([0.5, float("nan"), -float("inf")]),
    "sci_with_nan": f([1e-7, float("nan"), 1.0]),
    "round_half_even_edges": f([0.00005, 0.00015, 0.12345, 0.5, 2.5]),
    "sci_large": f([1e10, 2.5e-3]),
    "sci_negative": f([-1e-6, 3.0]),
    "max_float": f([3.4028234663852886e38, 1.0]),
    "min_subnormal": f([1.401298464324817e-45, 1.0]),
    "column_5x1": torch.arange(0, 0.05, 0.01).unsqueeze(1),
    "column_10x1": (torch.arange(0, 1, 0.02).unsqueeze(1))[:10],
    "column_20x1_regression": 0.7 * torch.arange(0.8, 1.0, 0.01).unsqueeze(1) + 0.3,
    "matrix_2x3": torch.randn(2, 3),
    "matrix_3x2_mixed": f([[1.0, -2.5], [100.25, 0.0], [-0.001, 7.0]]),
    "cube_2x3x4": torch.randn(2, 3, 4),
    "hyper_2x2x2x2": torch.randn(2, 2, 2, 2),
    "long_vector_30": torch.randn(30),
    "long_vector_100_sci": torch.randn(100) * 1e-6,
    "row_1x25": torch.randn(1, 25),
    "summarised_1d_2000": torch.randn(2000),
    "summarised_2d_50x50": torch.randn(50, 50),
    "summarised_column_1001x1": torch.arange(1001, dtype=torch.float32).unsqueeze(1),
    "summarised_3d_11x10x10": torch.randn(11, 10, 10),
    "summarised_wide_2x600": torch.randn(2, 600),
    "zero_dim": torch.tensor(0.5),
    "zero_dim_integer": torch.tensor(3.0),
    "empty_1d": torch.zeros(0),
    "empty_2x0": torch.zeros(2, 0),
    "empty_0x3x1": torch.zeros(0, 3, 1),
    "randn_4": torch.randn(4),
    "rand_8": torch.rand(8),
    "bool_column": torch.ones(20, 1, dtype=torch.bool),
    "bool_mixed": torch.tensor([True, False, True]),
    "bool_all_true": torch.tensor([True, True]),
    "bool_matrix": torch.tensor([[True, False], [False, False]]),
    "bool_zero_dim": torch.tensor(True),
    "bool_empty": torch.zeros(0, dtype=torch.bool),
    "bool_empty_2d": torch.zeros(3, 0, dtype=torch.bool),
    "bool_summarised": torch.rand(1200) > 0.5,
}

tensor_cases = [dict(name=name, kind="tensor", **tensor_spec(t), requires_grad=False, expected=repr(t))
                for name, t in tensors.items()]
for name in ["randn_4", "column_5x1", "zero_dim", "empty_1d"]:
    t = tensors[name].clone().requires_grad_()
    tensor_cases.append(dict(name=name + "_requires_grad", kind="tensor", **tensor_spec(t.detach()), requires_grad=True, expected=repr(t)))
for name in ["scalar_1d", "column_5x1", "matrix_2x3", "summarised_1d_2000", "row_1x25", "empty_2x0", "long_vector_30"]:
    p = nn.Parameter(tensors[name].clone())
    tensor_cases.append(dict(name=name + "_parameter", kind="parameter", **tensor_spec(tensors[name]), requires_grad=True, expected=repr(p)))
# A last line long enough that the requires_grad suffix moves to its own line.
wide = torch.randn(1, 12)
tensor_cases.append(dict(name="suffix_wraps", kind="parameter", **tensor_spec(wide), requires_grad=True, expected=repr(nn.Parameter(wide))))


class ThreeParameterModel(nn.Module):
    """Not one of our models: three parameters show how the printers lay out a longer state_dict."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(1))
        self.bias = nn.Parameter(torch.randn(1))
        self.offset = nn.Parameter(torch.randn(1))


def node(value):
    """The value as a JSON tree the C# test rebuilds, mirroring the real Python object."""
    if isinstance(value, nn.Parameter):
        return {"t": "parameter", **tensor_spec(value.detach())}
    if isinstance(value, torch.Tensor):
        return {"t": "tensor", **tensor_spec(value)}
    if isinstance(value, nn.Module):
        return {"t": "leaf", "text": repr(value)}
    if isinstance(value, collections.OrderedDict):
        return {"t": "odict", "entries": [[node(k), node(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"t": "tuple", "items": [node(v) for v in value]}
    if isinstance(value, list):
        return {"t": "list", "items": [node(v) for v in value]}
    if isinstance(value, str):
        return {"t": "str", "value": value}
    if isinstance(value, int):
        return {"t": "int", "value": value}
    raise TypeError(type(value))


torch.manual_seed(42)
model_0 = LinearRegressionModel()
torch.manual_seed(42)
model_v2 = LinearRegressionModelV2()
three = ThreeParameterModel()
wide_model = nn.Linear(8, 3)
pretty_values = {
    "notebook_model_and_state_dict": (model_0, model_0.state_dict()),
    "notebook_parameter_list": list(model_0.parameters()),
    "notebook_state_dict": model_0.state_dict(),
    "notebook_sizes_tuple": (80, 80, 20, 20),
    "v2_model_and_state_dict": (model_v2, model_v2.state_dict()),
    "v2_state_dict": model_v2.state_dict(),
    "v2_parameter_list": list(model_v2.parameters()),
    "three_parameter_state_dict": three.state_dict(),
    "three_parameter_model_and_state_dict": (three, three.state_dict()),
    "wide_linear_state_dict": wide_model.state_dict(),
    "wide_linear_parameters": list(wide_model.parameters()),
    "empty_state_dict": collections.OrderedDict(),
    "single_tuple": (model_0,),
    "empty_tuple": (),
    "empty_list": [],
    "strings_with_quotes": ["it's", 'say "hi"', "both ' \"", "back\\slash\nnew"],
    "column_tensor_in_tuple": (torch.arange(0, 0.05, 0.01).unsqueeze(1), torch.arange(0.9, 0.95, 0.01).unsqueeze(1)),
    "many_ints": list(range(40)),
    "long_int_list": list(range(1003)),
    "nested_lists": [[1, 2, [3, 4, 5] * 8], (6, [7] * 30)],
    "module_then_tensor": (model_v2, torch.randn(3, 2)),
}
pretty_cases = [
    {"name": name, "value": node(value), "pretty": pretty(value), "repr": repr(value)}
    for name, value in pretty_values.items()
]

float32_samples = [0.0, -0.0, 1e-5, 0.7567, 0.72502, 0.0005, 0.0015, 0.0025, 123456.7, -0.00049, 2.5e-4, 1e30, -3.75,
                   float("nan"), float("inf"), float("-inf"), 1.401298464324817e-45, 0.99951, 9.9995]
torch.manual_seed(7)
float32_samples += (torch.randn(40) * torch.pow(10.0, torch.randint(-8, 9, (40,)).float())).tolist()
float32_samples = [struct.unpack("<f", struct.pack("<f", v))[0] for v in float32_samples]
float_cases = [
    {"bits": struct.unpack("<I", struct.pack("<f", v))[0],
     "fixed4": "{:.4f}".format(v), "sci4": "{:.4e}".format(v), "fixed0": "{:.0f}".format(v), "fixed3": f"{v:.3f}",
     "tensor": repr(torch.tensor([v]))}
    for v in float32_samples
]

log_cases = [
    {"epoch": epoch, "train_bits": struct.unpack("<I", struct.pack("<f", tr))[0],
     "test_bits": struct.unpack("<I", struct.pack("<f", te))[0],
     "expected": f"Epoch: {epoch} | Train loss: {torch.tensor(tr).item():.3f} | Test loss: {torch.tensor(te).item():.3f}"}
    for epoch, tr, te in [(0, 0.7566978, 0.7248), (20, 0.5254, 0.4541), (280, 0.0039, 0.0063), (5, 0.0005, 0.0015), (7, 12.34567, 0.0)]
]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "repr_cases.json")
with open(out, "w") as fh:
    json.dump({"generator": f"torch {torch.__version__}", "tensors": tensor_cases, "pretty": pretty_cases,
               "floats": float_cases, "training_log": log_cases}, fh, indent=1)
    fh.write("\n")
print(f"wrote {len(tensor_cases)} tensor, {len(pretty_cases)} pretty, {len(float_cases)} float, {len(log_cases)} log cases to {out}")
