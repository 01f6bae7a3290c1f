using Functional.Domain.Settings;
using Functional.Models;

namespace Functional.Tests.Properties;

/// <summary>Checked settings for the declared models; a test that asks for invalid ones fails, naming every problem.</summary>
internal static class ValidSettings
{
    public static RunSettings From(SettingsInput input) =>
        RunSettings.Create(input, ModelCatalog.Specs, MemoryBudget.Unlimited).Match(
            Succ: settings => settings,
            Fail: errors => throw new InvalidOperationException(string.Join("; ", errors.Map(e => e.Message))));

    public static RunSettings Notebook => From(SettingsInput.Notebook);
}
