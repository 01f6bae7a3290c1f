using BenchmarkDotNet.Attributes;
using Functional.Bench.Workloads;
using Functional.Domain.Settings;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Workflow;
using static TorchSharp.torch;

namespace Functional.Bench.Benchmarks;

/// <summary>The whole default run: make the line, split, build the model, 300 epochs with a test loss every 20.</summary>
public class WorkflowBenchmarks
{
    [Benchmark]
    public double NotebookRun() =>
        NotebookWorkflow.Run(NotebookSettings.With(input => input), ModelCatalog.All, ComputeDevice.Cpu)
            .Match(Succ: result => result.Trained.Curve.Points.Last.TrainLoss, Fail: e => throw new InvalidOperationException(e.Message));
}
