"""The notebook's workflow on a CSV file, written as a PyTorch user writes it: the table read with pandas, X and y
made with torch.tensor(..., dtype=torch.float32), the notebook's split, model = nn.Linear(k, 1) after
torch.manual_seed(seed), nn.L1Loss or nn.MSELoss, torch.optim.SGD or torch.optim.Adam, full batch or the batches of a
real DataLoader(TensorDataset(X_train, y_train), batch_size, shuffle=True, generator=torch.Generator().manual_seed(seed))
with the epoch's loss as the tutorials' running_loss / len(dataset). Prints each cell's output as the notebook shows it
(IPython's pretty printer for displayed values), so the whole stdout compares with `functional train --data`.

    /usr/bin/python3 csv_notebook.py '{"csv": "houses.csv", "target": null, "features": null, "seed": 42, "epochs": 300,
        "lr": 0.01, "eval_every": 20, "train_split": 0.8, "loss": "l1", "optimizer": "sgd", "batch_size": null,
        "out": "models/houses.pt"}'
"""
import json
import sys

import pandas as pd
import torch
from IPython.lib.pretty import pretty
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

config = json.loads(sys.argv[1])
df = pd.read_csv(config["csv"])
target = config["target"] or df.columns[-1]
features = config["features"] or [column for column in df.columns if column != target]
X = torch.tensor(df[features].values, dtype=torch.float32)
y = torch.tensor(df[[target]].values, dtype=torch.float32)
print(f"Number of X samples: {len(X)}")
print(f"Number of y samples: {len(y)}")
print(f"First 10 X & y samples:\nX: {X[:10]}\ny: {y[:10]}")

train_split = int(config["train_split"] * len(X))
X_train, y_train = X[:train_split], y[:train_split]
X_test, y_test = X[train_split:], y[train_split:]
print((len(X_train), len(y_train), len(X_test), len(y_test)))

torch.manual_seed(config["seed"])
model = nn.Linear(in_features=len(features), out_features=1)
print(pretty((model, model.state_dict())))
print(pretty(list(model.parameters())))

loss_fn = nn.L1Loss() if config["loss"] == "l1" else nn.MSELoss()
optimizer = (torch.optim.SGD if config["optimizer"] == "sgd" else torch.optim.Adam)(params=model.parameters(), lr=config["lr"])
loader = None
if config["batch_size"] is not None:
    loader = DataLoader(TensorDataset(X_train, y_train), batch_size=config["batch_size"], shuffle=True,
                        generator=torch.Generator().manual_seed(config["seed"]))

for epoch in range(config["epochs"]):
    model.train()
    if loader is None:
        loss = loss_fn(model(X_train), y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        train_loss = loss.item()
    else:
        running_loss = 0.0
        for X_batch, y_batch in loader:
            loss = loss_fn(model(X_batch), y_batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running_loss += loss.item() * X_batch.size(0)
        train_loss = running_loss / len(loader.dataset)
    if epoch % config["eval_every"] == 0:
        model.eval()
        with torch.inference_mode():
            test_loss = loss_fn(model(X_test), y_test).item()
        print(f"Epoch: {epoch} | Train loss: {train_loss:.3f} | Test loss: {test_loss:.3f}")

model.eval()
with torch.inference_mode():
    y_preds = model(X_test)
print(pretty(y_preds))
print(pretty(y_preds.cpu()))

print(f"Saving model to {config['out']}")
torch.save(obj=model.state_dict(), f=config["out"])
loaded_model = nn.Linear(in_features=len(features), out_features=1)
loaded_model.load_state_dict(torch.load(f=config["out"]))
print(pretty(loaded_model))
loaded_model.eval()
with torch.inference_mode():
    loaded_model_preds = loaded_model(X_test)
print(pretty(y_preds == loaded_model_preds))
print(pretty(loaded_model.state_dict()))
