"""The notebook's workflow under real PyTorch, parameterised like our CLI.

Prints one line per evaluated epoch ("epoch train_loss test_loss" with 3 decimals, as the notebook
formats them), then the final parameters and test predictions with 4 decimals. Used to produce
expected_runs.txt, which the C# tests compare against:

    /usr/bin/python3 notebook_run.py > expected_runs.txt
"""
import os
import sys
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "Shared"))
from notebook_models import LinearRegressionModel, LinearRegressionModelV2, QuadraticRegressionModel  # noqa: E402

CASES = [
    # name, model, weight, bias, start, end, step, split, epochs, lr, eval_every, seed, loss, optimizer
    ("notebook", "parameters", 0.3, 0.9, 0, 1, 0.01, 0.8, 300, 0.01, 20, 42, "l1", "sgd"),
    ("mse_adam", "parameters", 0.3, 0.9, 0, 1, 0.01, 0.8, 200, 0.01, 20, 42, "mse", "adam"),
    ("other_line_seed_7", "parameters", -1.5, 2.0, -1, 1, 0.05, 0.7, 150, 0.05, 10, 7, "l1", "sgd"),
    ("mse_sgd_fine_step", "parameters", 0.7, 0.3, 0, 2, 0.004, 0.75, 120, 0.1, 15, 123, "mse", "sgd"),
    ("linear_layer", "linear-layer", 0.3, 0.9, 0, 1, 0.01, 0.8, 300, 0.01, 20, 42, "l1", "sgd"),
    ("quadratic", "quadratic", 0.3, 0.9, 0, 1, 0.01, 0.8, 300, 0.01, 20, 42, "l1", "sgd"),
]


MODELS = {"parameters": LinearRegressionModel, "linear-layer": LinearRegressionModelV2, "quadratic": QuadraticRegressionModel}


def run(name, model, weight, bias, start, end, step, split, epochs, lr, eval_every, seed, loss, optimizer):
    print(f"case {name} {model} {weight} {bias} {start} {end} {step} {split} {epochs} {lr} {eval_every} {seed} {loss} {optimizer}")
    X = torch.arange(start, end, step).unsqueeze(dim=1)
    y = weight * X + bias
    n = int(len(X) * split)
    X_train, y_train, X_test, y_test = X[:n], y[:n], X[n:], y[n:]
    torch.manual_seed(seed)
    m = MODELS[model]()
    print("initial " + " ".join(f"{k}={v.flatten().tolist()}" for k, v in m.state_dict().items()))
    loss_fn = nn.L1Loss() if loss == "l1" else nn.MSELoss()
    opt = (torch.optim.SGD if optimizer == "sgd" else torch.optim.Adam)(params=m.parameters(), lr=lr)
    torch.manual_seed(seed)
    for epoch in range(epochs):
        m.train()
        l = loss_fn(m(X_train), y_train)
        opt.zero_grad()
        l.backward()
        opt.step()
        if epoch % eval_every == 0:
            m.eval()
            with torch.inference_mode():
                t = loss_fn(m(X_test), y_test)
            print(f"{epoch} {l:.3f} {t:.3f}")
    print("final " + " ".join(f"{k}={[f'{x:.4f}' for x in v.flatten().tolist()]}" for k, v in m.state_dict().items()))
    m.eval()
    with torch.inference_mode():
        p = m(X_test)
    print("predictions " + " ".join(f"{x:.4f}" for x in p.flatten().tolist()))


if __name__ == "__main__":
    for case in CASES:
        run(*case)
