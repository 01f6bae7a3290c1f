"""The main job with --batch-size, as a PyTorch user writes it at scale: the notebook's line at n samples, split,
trained with mini-batches drawn through index tensors over one torch.randperm per epoch (the idiomatic fast form;
a DataLoader fetching sample by sample is far slower), the test loss at epoch 0 and every 20th epoch, predictions,
state_dict saved, reloaded into a fresh model and compared. What `functional --step 1/n --batch-size B --no-plots
--no-runs` does. Prints the notebook's lines (tensors summarised by PyTorch) and the seconds of training.

    python3 pytorch_minibatch.py --n 100000000 --batch-size 1000000 --epochs 1 [--threads 2] [--out PATH]
"""
import argparse
import os
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "Shared"))
from notebook_models import LinearRegressionModel  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--batch-size", type=int, required=True)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--out", default="01_pytorch_model.pth")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)

    weight, bias = 0.3, 0.9
    X = torch.arange(0, 1, 1 / args.n).unsqueeze(dim=1)
    y = weight * X + bias
    print(f"Number of X samples: {len(X)}")
    print(f"First 10 X & y samples:\nX: {X[:10]}\ny: {y[:10]}")
    train_split = int(len(X) * 0.8)
    X_train, y_train, X_test, y_test = X[:train_split], y[:train_split], X[train_split:], y[train_split:]

    torch.manual_seed(42)
    model = LinearRegressionModel()
    loss_fn = nn.L1Loss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    generator = torch.Generator().manual_seed(42)

    start = time.perf_counter()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(train_split, generator=generator)
        running_loss = 0.0
        for first in range(0, train_split, args.batch_size):
            indices = order[first:first + args.batch_size]
            loss = loss_fn(model(X_train[indices]), y_train[indices])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running_loss += loss.item() * len(indices)
        if epoch % 20 == 0:
            model.eval()
            with torch.inference_mode():
                test_loss = loss_fn(model(X_test), y_test)
            print(f"Epoch: {epoch} | MAE Train Loss: {running_loss / train_split} | MAE Test Loss: {test_loss} ")
    training = time.perf_counter() - start

    model.eval()
    with torch.inference_mode():
        y_preds = model(X_test)
    print(y_preds)
    print(model.state_dict())
    torch.save(obj=model.state_dict(), f=args.out)
    loaded = LinearRegressionModel()
    loaded.load_state_dict(torch.load(f=args.out))
    loaded.eval()
    with torch.inference_mode():
        loaded_preds = loaded(X_test)
    print(y_preds == loaded_preds)
    print(f"training\t{training:.3f}\ts")


if __name__ == "__main__":
    main()
