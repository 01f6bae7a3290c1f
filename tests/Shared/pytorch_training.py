"""The notebook's training under real PyTorch 1.13, written the way a PyTorch user writes it.

The line is made with torch.arange, the model is the class from notebook_models.py named by the configuration,
the loss is nn.L1Loss or nn.MSELoss, the optimiser torch.optim.SGD or torch.optim.Adam, and mini-batches come from
a real DataLoader(TensorDataset(X_train, y_train), batch_size, shuffle=True, generator=torch.Generator().manual_seed(seed)).
The epoch's mini-batch loss is PyTorch's tutorials' running_loss += loss.item() * inputs.size(0), divided by the
number of samples. A training loss that is NaN or infinite stops training, as Lightning's check_finite does.

Optional keys: "lr_scheduler" ({"kind": "step"|"exponential"|"cosine"|"plateau", and its arguments}) makes the
torch.optim.lr_scheduler a PyTorch user makes, stepped after each epoch (scheduler.step()) or, for ReduceLROnPlateau, at
each evaluation with the test loss (scheduler.step(test_loss)); "early_stop" ({"patience": N or null, "min_delta": D,
"restore_best": bool}) watches the test loss at each evaluation with Lightning's EarlyStopping rule (mode "min",
check_finite), written out in the loop: the best score a float32 tensor starting at inf, an evaluation improving when
torch.lt(test_loss - (-min_delta), best), a wait count that stops training when it reaches the patience; restore_best
loads the best evaluation's state_dict (a deepcopy) when training ends. The learning rate of every epoch is reported.

Gradient accumulation, as a user writes it when the full batch does not fit: "accumulate_rows" (a row count) trains each
full-batch epoch over X_train.split(rows), each block's loss_fn(reduction="sum")(model(X_block), y_block) / len(X_train)
backpropagated (the gradients add up), then one optimizer.step(); the epoch's loss is the blocks' loss.item() added up,
and the test loss is the blocks' summed losses added up as Python floats, divided by len(X_test).

Checkpoints as PyTorch's "saving and loading a general checkpoint" recipe: "save_checkpoint" ({"epoch": k, "path": p})
torch.saves {'epoch', 'model_state_dict', 'optimizer_state_dict', 'loss', 'scheduler_state_dict', 'generator_state'}
(the last two where there is a scheduler or a DataLoader) once k epochs are done; "resume" (a path) torch.loads one and
calls model.load_state_dict, optimizer.load_state_dict, scheduler.load_state_dict and the generator's set_state, then
trains on from epoch checkpoint['epoch'].

Reads one configuration per line (JSON) on stdin and prints one result per line (JSON) on stdout, so one process runs
hundreds of configurations. Run from tests/Shared (or with it on PYTHONPATH):

    echo '{"id": 0, "class_name": "LinearRegressionModel", "weight": 0.3, "bias": 0.9, "start": 0.0, "end": 1.0,
           "step": 0.01, "train_split": 0.8, "epochs": 300, "lr": 0.01, "eval_every": 20, "batch_size": null,
           "seed": 42, "loss": "l1", "optimizer": "sgd"}' | /usr/bin/python3 pytorch_training.py

Losses and parameters are printed with repr(), which round-trips exactly; state_dicts and predictions as the notebook
shows them (IPython's pretty printer, the tensor's repr).
"""
import copy
import json
import math
import sys

import torch
from IPython.lib.pretty import pretty
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import notebook_models


def train(config):
    model_class = getattr(notebook_models, config["class_name"], None)
    if model_class is None:
        return {"skipped": f"tests/Shared/notebook_models.py has no class {config['class_name']}"}

    X = torch.arange(float(config["start"]), float(config["end"]), float(config["step"])).unsqueeze(dim=1)
    y = config["weight"] * X + config["bias"]
    train_split = int(config["train_split"] * len(X))
    X_train, y_train = X[:train_split], y[:train_split]
    X_test, y_test = X[train_split:], y[train_split:]

    torch.manual_seed(config["seed"])
    model = model_class()
    initial = pretty(model.state_dict())
    loss_fn = nn.L1Loss() if config["loss"] == "l1" else nn.MSELoss()
    summed_loss_fn = nn.L1Loss(reduction="sum") if config["loss"] == "l1" else nn.MSELoss(reduction="sum")
    accumulate_rows = config.get("accumulate_rows")
    optimizer_class = torch.optim.SGD if config["optimizer"] == "sgd" else torch.optim.Adam
    optimizer = optimizer_class(params=model.parameters(), lr=config["lr"])
    train_loader, generator = None, None
    if config["batch_size"] is not None:
        generator = torch.Generator().manual_seed(config["seed"])
        train_loader = DataLoader(TensorDataset(X_train, y_train), batch_size=config["batch_size"], shuffle=True,
                                  generator=generator)

    scheduler, plateau = None, False
    schedule = config.get("lr_scheduler")
    if schedule is not None:
        kind = schedule["kind"]
        if kind == "step":
            scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=schedule["step_size"], gamma=schedule["gamma"])
        elif kind == "exponential":
            scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=schedule["gamma"])
        elif kind == "cosine":
            scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=schedule["t_max"])
        else:
            scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=schedule["factor"], patience=schedule["patience"])
            plateau = True

    early_stop = config.get("early_stop")
    if early_stop is not None:
        min_delta = -early_stop["min_delta"]  # Lightning negates it for mode "min"
        best_score, wait_count, best_epoch, best_state = torch.tensor(float("inf")), 0, None, None
    stopped_early = None

    start_epoch = 0
    if config.get("resume") is not None:
        checkpoint = torch.load(config["resume"])
        model.load_state_dict(checkpoint["model_state_dict"])
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        if scheduler is not None:
            scheduler.load_state_dict(checkpoint["scheduler_state_dict"])
        if generator is not None:
            generator.set_state(checkpoint["generator_state"])
        start_epoch = checkpoint["epoch"]
    save = config.get("save_checkpoint")

    epochs, lines, losses, last, stopped, lrs = config["epochs"], [], [], None, None, []
    for epoch in range(start_epoch, epochs):
        lr = optimizer.param_groups[0]["lr"]
        model.train()
        if accumulate_rows is not None:
            optimizer.zero_grad()
            train_loss = 0.0
            for X_block, y_block in zip(X_train.split(accumulate_rows), y_train.split(accumulate_rows)):
                loss = summed_loss_fn(model(X_block), y_block) / len(X_train)
                loss.backward()
                train_loss += loss.item()
            optimizer.step()
        elif train_loader is None:
            y_pred = model(X_train)
            loss = loss_fn(y_pred, y_train)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            train_loss = loss.item()
        else:
            running_loss = 0.0
            for X_batch, y_batch in train_loader:
                loss = loss_fn(model(X_batch), y_batch)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                running_loss += loss.item() * X_batch.size(0)
            train_loss = running_loss / len(train_loader.dataset)
        if not math.isfinite(train_loss):
            stopped = {"epoch": epoch, "train_loss": repr(train_loss)}
            break
        lrs.append(repr(lr))

        evaluate = epoch % config["eval_every"] == 0
        if evaluate or epoch == epochs - 1:
            model.eval()
            with torch.inference_mode():
                if accumulate_rows is None:
                    test_loss_tensor = loss_fn(model(X_test), y_test)
                else:
                    test_loss_tensor = torch.tensor(sum(summed_loss_fn(model(X_block), y_block).item() for X_block, y_block
                                                        in zip(X_test.split(accumulate_rows), y_test.split(accumulate_rows))) / len(X_test))
            test_loss = test_loss_tensor.item()
            if evaluate:
                lines.append(f"Epoch: {epoch} | Train loss: {train_loss:.3f} | Test loss: {test_loss:.3f}")
                losses.append([epoch, repr(train_loss), repr(test_loss)])
                if plateau:
                    scheduler.step(test_loss)
                if early_stop is not None:
                    current = test_loss_tensor.clone()
                    if early_stop["patience"] is not None and not torch.isfinite(current):
                        stopped_early = epoch
                    elif torch.lt(current - min_delta, best_score):
                        best_score, wait_count, best_epoch = current, 0, epoch
                        if early_stop["restore_best"]:
                            best_state = copy.deepcopy(model.state_dict())
                    elif torch.isfinite(current):
                        wait_count += 1
                        if early_stop["patience"] is not None and wait_count >= early_stop["patience"]:
                            stopped_early = epoch
            if epoch == epochs - 1 or stopped_early is not None:
                last = [epoch, repr(train_loss), repr(test_loss)]
        if scheduler is not None and not plateau:
            scheduler.step()
        if save is not None and epoch + 1 == save["epoch"]:
            checkpoint = {"epoch": epoch + 1, "model_state_dict": model.state_dict(),
                          "optimizer_state_dict": optimizer.state_dict(), "loss": train_loss}
            if scheduler is not None:
                checkpoint["scheduler_state_dict"] = scheduler.state_dict()
            if generator is not None:
                checkpoint["generator_state"] = generator.get_state()
            torch.save(checkpoint, save["path"])
        if stopped_early is not None:
            break

    if early_stop is not None and best_state is not None and stopped is None:
        model.load_state_dict(best_state)

    result = {"initial": initial, "lines": lines, "losses": losses, "stopped": stopped, "lrs": lrs,
              "stopped_early": stopped_early, "best_epoch": best_epoch if early_stop is not None and stopped is None else None}
    if stopped is None:
        model.eval()
        with torch.inference_mode():
            y_preds = model(X_test)
        result.update(
            last=last,
            final=pretty(model.state_dict()),
            final_values={key: [repr(v) for v in value.flatten().tolist()] for key, value in model.state_dict().items()},
            predictions=repr(y_preds))
    return result


if __name__ == "__main__":
    for line in sys.stdin:
        if line.strip():
            config = json.loads(line)
            print(json.dumps({"id": config["id"], **train(config)}), flush=True)
