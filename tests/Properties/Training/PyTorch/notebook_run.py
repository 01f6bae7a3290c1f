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
    # name, model, weight, bias, start, end, step, split, epochs, lr, eval_every, seed, loss, optimizer[, batch_size]
    ("notebook", "parameters", 0.3, 0.9, 0, 1, 0.01, 0.8, 300, 0.01, 20, 42, "l1", "sgd"),
    ("mse_adam", "parameters", 0.3, 0.9, 0, 1, 0.01, 0.8, 200, 0.01, 20, 42, "mse", "adam"),
    ("other_line_seed_7", "parameters", -1.5, 2.0, -1, 1, 0.05, 0.7, 150, 0.05, 10, 7, "l1", "sgd"),
    ("mse_sgd_fine_step", "parameters", 0.7, 0.3, 0, 2, 0.004, 0.75, 120, 0.1, 15, 123, "mse", "sgd"),
    ("linear_layer", "linear-layer", 0.3, 0.9, 0, 1, 0.01, 0.8, 300, 0.01, 20, 42, "l1", "sgd"),
    ("quadratic", "quadratic", 0.3, 0.9, 0, 1, 0.01, 0.8, 300, 0.01, 20, 42, "l1", "sgd"),
    ("mini_batches", "parameters", 0.3, 0.9, 0, 1, 0.01, 0.8, 60, 0.01, 5, 42, "l1", "sgd", 16),
    ("mini_batches_uneven_adam", "linear-layer", 0.7, -0.2, 0, 2, 0.01, 0.8, 40, 0.01, 4, 3, "mse", "adam", 30),
]


MODELS = {"parameters": LinearRegressionModel, "linear-layer": LinearRegressionModelV2, "quadratic": QuadraticRegressionModel}


def run(name, model, weight, bias, start, end, step, split, epochs, lr, eval_every, seed, loss, optimizer, batch_size=None):
    batch_text = f" {batch_size}" if batch_size else ""
    print(f"case {name} {model} {weight} {bias} {start} {end} {step} {split} {epochs} {lr} {eval_every} {seed} {loss} {optimizer}{batch_text}")
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
    shuffling = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        m.train()
        if batch_size and batch_size < n:
            # DataLoader(shuffle=True) style: a fresh permutation each epoch, one step per batch;
            # the reported loss is the epoch's mean over samples, rounded to float32.
            order = torch.randperm(n, generator=shuffling)
            total = 0.0
            for begin in range(0, n, batch_size):
                idx = order[begin:begin + batch_size]
                batch_loss = loss_fn(m(X_train[idx]), y_train[idx])
                opt.zero_grad()
                batch_loss.backward()
                opt.step()
                total += batch_loss.item() * len(idx)
            l = torch.tensor(total / n, dtype=torch.float32)
        else:
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
