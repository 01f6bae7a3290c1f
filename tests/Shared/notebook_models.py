"""The notebook's model classes (option 1, option 2), our extensions (quadratic, cubic, MLP) and the built-in `linear` (nn.Linear itself), as PyTorch code.

Shared by the Python scripts that produce expected values and by the C# tests that run PyTorch live.
"""
import torch
from torch import nn


class LinearRegressionModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(1, requires_grad=True, dtype=torch.float))
        self.bias = nn.Parameter(torch.randn(1, requires_grad=True, dtype=torch.float))

    def forward(self, x):
        return self.weight * x + self.bias


class LinearRegressionModelV2(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear_layer = nn.Linear(in_features=1, out_features=1)

    def forward(self, x):
        return self.linear_layer(x)


class QuadraticRegressionModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Parameter(torch.randn(1))
        self.b = nn.Parameter(torch.randn(1))
        self.c = nn.Parameter(torch.randn(1))

    def forward(self, x):
        return self.a * x * x + self.b * x + self.c


class CubicRegressionModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Parameter(torch.randn(1))
        self.b = nn.Parameter(torch.randn(1))
        self.c = nn.Parameter(torch.randn(1))
        self.d = nn.Parameter(torch.randn(1))

    def forward(self, x):
        return self.a * x * x * x + self.b * x * x + self.c * x + self.d


class MlpRegressionModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(in_features=1, out_features=8)
        self.output = nn.Linear(in_features=8, out_features=1)

    def forward(self, x):
        return self.output(nn.functional.relu(self.hidden(x)))



class Linear(nn.Linear):
    """The built-in `linear` model is PyTorch's own nn.Linear(in_features=k, out_features=1); on the notebook's line k is 1."""

    def __init__(self, in_features=1):
        super().__init__(in_features=in_features, out_features=1)
