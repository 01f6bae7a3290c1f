using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Data;
using Functional.Domain.Settings;
using Functional.Domain.Training;

namespace Functional.Tests.Properties.Data;

/// <summary>
/// A table is weighed against the memory available before it is loaded (from the row bound of a pass over its bytes):
/// it is accepted exactly when its float32 values, training's per-row temporaries and the fixed 300 MiB fit, and a
/// full-batch run that would fit in mini-batches is told to use --batch-size.
/// </summary>
public sealed class TableMemoryProperties
{
    static Gen<(long Rows, int Features, long Available, bool MiniBatch)> Cases =>
        from bound in Gen.Choose(2, int.MaxValue)
        from scale in Gen.Choose(1, 50)
        let rows = (long)bound * scale
        from features in Gen.Choose(1, 64)
        from availableMiB in Gen.Choose(0, 200_000)
        from miniBatch in ArbMap.Default.GeneratorFor<bool>()
        select (rows, features, (long)availableMiB << 20, miniBatch);

    [Property(MaxTest = 300)]
    public Property A_table_is_accepted_exactly_when_its_values_and_trainings_temporaries_fit_else_the_line_names_the_way_out() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var step = c.MiniBatch ? (StepKind)new StepKind.MiniBatch(16) : new StepKind.FullBatch();
            var needed = (300L << 20) + c.Rows * (4L * (c.Features + 1) + (c.MiniBatch ? 8 : 32));
            var verdict = TableMemory.Fits("big.csv", c.Rows, c.Features, step, new MemoryBudget(c.Available));
            var miniBatchFits = (300L << 20) + c.Rows * (4L * (c.Features + 1) + 8) <= c.Available;
            return verdict.Match(
                Succ: rows => needed <= c.Available && rows == c.Rows,
                Fail: errors => needed > c.Available && errors.Count == 1
                    && errors.Head.Message.StartsWith("'big.csv' has up to ", StringComparison.Ordinal)
                    && errors.Head.Message.Contains("--batch-size", StringComparison.Ordinal) == (!c.MiniBatch && miniBatchFits));
        });
}
