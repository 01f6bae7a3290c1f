using Functional.Domain.Settings;
using Functional.Models;

namespace Functional.Bench.Workloads;

/// <summary>Checked settings: the notebook's, changed as a workload needs.</summary>
public static class NotebookSettings
{
    public static RunSettings With(Func<SettingsInput, SettingsInput> change) =>
        RunSettings.Create(change(SettingsInput.Notebook), ModelCatalog.Specs, MemoryBudget.Unlimited).Match(
            Succ: settings => settings,
            Fail: errors => throw new InvalidOperationException(string.Join("; ", errors.Map(e => e.Message))));
}
