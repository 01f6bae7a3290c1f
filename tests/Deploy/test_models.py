"""PyTorch classes of the models tests/Deploy declares (TestModels/), written as a PyTorch user would write them.

The deploy checks find a model's class here or in tests/Shared/notebook_models.py by its [Model] class name.
"""
import torch
from torch import nn


class WideMlpModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 6)
        self.output = nn.Linear(6, 1)

    def forward(self, x):
        activation = nn.functional.relu(self.hidden(x))
        return self.output(activation)


class FormulaModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.randn(1))
        self.shift = nn.Parameter(torch.randn(3))

    def forward(self, x):
        scaled = 2 * x * self.scale - 0.5
        return 1 / (3 + nn.functional.tanh(-scaled)) + (x - self.shift).sigmoid() / 4
