"""The bench workloads through PyTorch, printed in the same tab-separated form as `Functional.Bench quick`.

    python3 pytorch_workloads.py quick [--threads N] [--only NAME]
    python3 pytorch_workloads.py ops [--threads N] [--n N]

Each epoch is the notebook's full-batch loop: forward, l1_loss, zero_grad, backward, step, then loss.item()
(our Trainer reads the loss every epoch for its NaN check, so the PyTorch side pays the same read).
Timing: time.perf_counter around samples of several calls, warm-up samples first, median of the rest; the
calls-per-sample table is the one in bench/Measurement/EpochTimer.cs.
"""
import argparse
import os
import resource
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "Shared"))
from notebook_models import LinearRegressionModel  # noqa: E402

EPOCH_SIZES = [100, 10_000, 1_000_000, 10_000_000]
WEIGHT, BIAS = 0.3, 0.9


def plan_for(count):
    if count <= 10_000:
        return 3, 15, 200
    if count <= 1_000_000:
        return 3, 15, 20
    return 2, 9, 1


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def measure(plan, call):
    warmup, timed, calls = plan
    for _ in range(warmup * calls):
        call()
    per_call = []
    faults_before = minor_faults()
    for _ in range(timed):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        per_call.append((time.perf_counter() - start) / calls)
    faults = minor_faults() - faults_before
    return statistics.median(per_call), faults / (timed * calls)


def line_of_size(count):
    x = (torch.arange(count, dtype=torch.float32) / count).unsqueeze(1)
    return x, x * WEIGHT + BIAS


class EpochWorkload:
    def __init__(self, x, y, seed=42):
        torch.manual_seed(seed)
        self.model = LinearRegressionModel()
        self.model.train()
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.01)
        self.loss_fn = nn.L1Loss()
        self.x, self.y = x, y

    def run(self):
        loss = self.loss_fn(self.model(self.x), self.y)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()


def notebook_workflow():
    """The notebook's cells 1 to 4 with its defaults: 300 epochs, test loss every 20 epochs."""
    X = torch.arange(0, 1, 0.01).unsqueeze(dim=1)
    y = WEIGHT * X + BIAS
    train = int(0.8 * len(X))
    X_train, y_train, X_test, y_test = X[:train], y[:train], X[train:], y[train:]
    torch.manual_seed(42)
    model = LinearRegressionModel()
    loss_fn = nn.L1Loss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    log = []
    for epoch in range(300):
        model.train()
        loss = loss_fn(model(X_train), y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        value = loss.item()
        if epoch % 20 == 0:
            model.eval()
            with torch.inference_mode():
                log.append((epoch, value, loss_fn(model(X_test), y_test).item()))
    model.eval()
    with torch.inference_mode():
        return log, model(X_test).tolist()


def print_row(name, result):
    seconds, faults = result
    print(f"{name}\t{seconds:.4E}\t{faults:.1f}", flush=True)


def quick(args):
    for count in EPOCH_SIZES:
        name = f"epoch-n{count}"
        if args.only and args.only != name:
            continue
        x, y = line_of_size(count)
        print_row(name, measure(plan_for(count), EpochWorkload(x, y).run))
        del x, y
    if not args.only or args.only == "workflow-300":
        print_row("workflow-300", measure((3, 15, 1), notebook_workflow))


def ops(args):
    count = args.n
    plan = plan_for(count)
    x, y = line_of_size(count)
    weight = torch.randn(1, requires_grad=True)
    bias = torch.randn(1, requires_grad=True)

    def mul_in_place():
        with torch.no_grad():
            x.mul_(1.0)

    def forward_loss_backward():
        if weight.grad is not None:
            weight.grad.zero_()
            bias.grad.zero_()
        nn.functional.l1_loss(weight * x + bias, y).backward()

    workload = EpochWorkload(x, y)

    def run_without_item():
        loss = workload.loss_fn(workload.model(workload.x), workload.y)
        workload.optimizer.zero_grad()
        loss.backward()
        workload.optimizer.step()

    pieces = [
        ("empty", lambda: torch.empty(count, 1)),
        ("zeros", lambda: torch.zeros(count, 1)),
        ("mul_ in place", mul_in_place),
        ("mul scalar", lambda: x * 0.3),
        ("sub", lambda: x - y),
        ("l1_loss", lambda: nn.functional.l1_loss(x, y)),
        ("forward+loss (grad)", lambda: nn.functional.l1_loss(weight * x + bias, y)),
        ("forward+loss+backward", forward_loss_backward),
        ("epoch (trainer)", workload.run),
        ("epoch (no item)", run_without_item),
    ]
    for name, call in pieces:
        seconds, faults = measure(plan, call)
        print(f"{name}\t{seconds * 1e6:.1f} us\t{faults:.1f} faults", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["quick", "ops"])
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads; 0 keeps PyTorch's default")
    parser.add_argument("--only", default="")
    parser.add_argument("--n", type=int, default=1_000_000)
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    print(f"# side\tpytorch {torch.__version__}")
    print(f"# threads\t{torch.get_num_threads()}")
    quick(args) if args.mode == "quick" else ops(args)


if __name__ == "__main__":
    main()
