using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Training;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using LanguageExt;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// One pass over the training split as PyTorch 1.13's <c>DataLoader(TensorDataset(X_train, y_train), batch_size,
/// shuffle=True, generator=torch.Generator().manual_seed(seed))</c> serves it (<see cref="DataLoaderShuffle"/>): the same
/// batches in the same order, the last one shorter when the size does not divide the split, one optimiser step each.
/// A batch at least as large as the split is one shuffled batch, as the DataLoader makes it. The epoch's training loss
/// is PyTorch's tutorials' <c>running_loss += loss.item() * inputs.size(0)</c> divided by the sample count, in double.
/// Each batch has its own dispose scope, so memory is bounded by the batch size, not the dataset size.
/// </summary>
public sealed class MiniBatchSteps : AutogradSteps
{
    readonly int batchSize;
    readonly DataLoaderShuffle shuffle;
    Tensor? orderTensor;

    MiniBatchSteps(ModelSpec spec, ModelModule module, TrainingTensors data, TrainingConfig config, int batchSize)
        : base(spec, module, data, config) =>
        (this.batchSize, shuffle) = (batchSize, new DataLoaderShuffle(config.Seed));

    public static Fin<MiniBatchSteps> Start(TorchModel model, DatasetSplit split, TrainingConfig config, int batchSize, ComputeDevice device) =>
        Prepare(model, split, config.Seed, device).Map(prepared => new MiniBatchSteps(model.Spec, prepared.Module, prepared.Data, config, batchSize));

    public override Fin<double> TrainEpoch() => ModelFailures.Guard(Spec, () =>
    {
        using var epochScope = NewDisposeScope();
        var count = Data.TrainX.shape[0];
        var order = Order((int)count);
        Module.train();
        var runningLoss = 0.0;
        for (long start = 0; start < count; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            var indices = order.narrow(0, start, Math.Min(batchSize, count - start));
            var loss = Loss(Module.call(Rows(Data.TrainX, indices)), Rows(Data.TrainY, indices));
            Optimizer.zero_grad();
            loss.backward();
            Optimizer.step();
            runningLoss += loss.item<float>() * (double)indices.shape[0];
        }
        return runningLoss / count;
    });

    protected override Option<byte[]> GeneratorState() => shuffle.State();

    protected override void RestoreGenerator(byte[] state) => shuffle.Restore(state);

    protected override void Release() => orderTensor?.Dispose();

    /// <summary>
    /// The next epoch's order, drawn straight into one int32 tensor kept for the whole run: libtorch's memory, so it is
    /// gone as soon as the steps are disposed (an array would stay until the garbage collector's next full collection),
    /// on 2 MB pages as the data is (<see cref="LargeArrays"/>: 320 MB at 10^8 samples is 78,125 faults on small ones).
    /// </summary>
    unsafe Tensor Order(int count)
    {
        if (orderTensor is null)
        {
            orderTensor = empty(count, ScalarType.Int32).DetachFromDisposeScope();
            using var storage = orderTensor.storage<int>();
            LargeArrays.AdviseLargePages((void*)storage.data_ptr(), (long)count * sizeof(int));
        }
        using (var storage = orderTensor.storage<int>()) shuffle.NextEpoch(new Span<int>((void*)storage.data_ptr(), count));
        return Data.TrainX.device.type == DeviceType.CPU ? orderTensor : orderTensor.to(Data.TrainX.device);
    }

    /// <summary>
    /// The batch's rows, <c>X[indices]</c>. libtorch's index_select on a matrix copies each row with its own memcpy, which
    /// for one-float rows costs more than the rest of the step; gathering from the flat column copies the same values.
    /// </summary>
    static Tensor Rows(Tensor matrix, Tensor indices) =>
        matrix.shape[1] == 1 && matrix.is_contiguous()
            ? matrix.view(-1).index_select(0, indices).view(-1, 1)
            : matrix.index_select(0, indices);
}
