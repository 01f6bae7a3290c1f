"""The notebook's code as one script (as measured for the end-to-end comparison): data, model, train,
predict, save, reload, compare, and the notebook's two plots saved as PNGs."""
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import torch
from torch import nn

device = "cuda" if torch.cuda.is_available() else "cpu"
weight, bias = 0.3, 0.9
X = torch.arange(0, 1, 0.01).unsqueeze(dim=1)
y = weight * X + bias
print(f"Number of X samples: {len(X)}")
print(f"Number of y samples: {len(y)}")
print(f"First 10 X & y samples:\nX: {X[:10]}\ny: {y[:10]}")
train_split = int(len(X) * 0.8)
X_train, y_train, X_test, y_test = X[:train_split], y[:train_split], X[train_split:], y[train_split:]
print((len(X_train), len(y_train), len(X_test), len(y_test)))


def plot_predictions(path, predictions=None):
    plt.figure(figsize=(10, 7))
    plt.scatter(X_train, y_train, c="b", s=4, label="Training data")
    plt.scatter(X_test, y_test, c="g", s=4, label="Test data")
    if predictions is not None:
        plt.scatter(X_test, predictions, c="r", s=4, label="Predictions")
    plt.legend(prop={"size": 14})
    plt.savefig(path)
    plt.close()


Path("plots").mkdir(exist_ok=True)
plot_predictions("plots/data.png")


# The notebook's class, repeated here on purpose (tests/Shared/notebook_models.py is the copy everything else imports):
# this script is the notebook as it stands, one self-contained file as its cells are, so the end-to-end comparison times
# exactly the code a PyTorch user runs.
class LinearRegressionModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(1, requires_grad=True, dtype=torch.float))
        self.bias = nn.Parameter(torch.randn(1, requires_grad=True, dtype=torch.float))

    def forward(self, x):
        return self.weight * x + self.bias


torch.manual_seed(42)
model_1 = LinearRegressionModel()
print((model_1, model_1.state_dict()))
model_1.to(device)
print(list(model_1.parameters()))
loss_fn = nn.L1Loss()
optimizer = torch.optim.SGD(params=model_1.parameters(), lr=0.01)
torch.manual_seed(42)
for epoch in range(300):
    model_1.train()
    loss = loss_fn(model_1(X_train), y_train)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 20 == 0:
        model_1.eval()
        with torch.inference_mode():
            test_loss = loss_fn(model_1(X_test), y_test)
            print(f"Epoch: {epoch} | Train loss: {loss:.3f} | Test loss: {test_loss:.3f}")
model_1.eval()
with torch.inference_mode():
    y_preds = model_1(X_test)
print(y_preds)
plot_predictions("plots/predictions.png", predictions=y_preds.cpu())
Path("models").mkdir(parents=True, exist_ok=True)
print("Saving model to models/01_pytorch_model")
torch.save(obj=model_1.state_dict(), f="models/01_pytorch_model")
loaded_model = LinearRegressionModel()
loaded_model.load_state_dict(torch.load(f="models/01_pytorch_model"))
loaded_model.to(device)
print(loaded_model(X_test) == y_preds)
print(loaded_model.state_dict())
