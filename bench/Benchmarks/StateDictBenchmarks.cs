using BenchmarkDotNet.Attributes;
using Functional.Bench.Workloads;
using Functional.Domain.Tensors;
using Functional.TorchAdapter.Models;
using LanguageExt;

namespace Functional.Bench.Benchmarks;

/// <summary>
/// The in-memory half of save/load: a trained module to immutable state_dict values and back (strict load).
/// The file half belongs to the Persistence code, which is not on this branch yet; add it here once merged.
/// </summary>
public class StateDictBenchmarks
{
    ModelModule? model;
    StateDict? saved;

    [GlobalSetup]
    public void CreateModel()
    {
        model = EpochWorkload.NotebookModel().Create();
        saved = model.ToStateDict();
    }

    [GlobalCleanup]
    public void DisposeModel() => model?.Dispose();

    [Benchmark]
    public StateDict ToStateDict() => model!.ToStateDict();

    [Benchmark]
    public bool LoadStateDict() => model!.LoadStateDict(saved!).IsSuccess;

    [Benchmark]
    public bool CheckStateDict() => StateDictCheck.Against(model!.Spec, saved!).IsSuccess;
}
