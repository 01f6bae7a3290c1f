using System.Globalization;
using Functional.Display.Python;

namespace Functional.Display.Notebook;

/// <summary>The notebook's training progress line, formatted as Python's f-strings format it.</summary>
public static class TrainingLog
{
    /// <summary><c>f"Epoch: {epoch} | Train loss: {train_loss:.3f} | Test loss: {test_loss:.3f}"</c>.</summary>
    public static string TrainingLogLine(int epoch, double trainLoss, double testLoss) =>
        $"Epoch: {epoch.ToString(CultureInfo.InvariantCulture)} | Train loss: {Loss(trainLoss)} | Test loss: {Loss(testLoss)}";

    /// <summary>Python's <c>f"{loss:.3f}"</c> of a loss as a Python float (a float32 loss widened, as <c>.item()</c> does).</summary>
    public static string Loss(double loss) => PythonFloatFormat.Fixed(loss, 3);
}
